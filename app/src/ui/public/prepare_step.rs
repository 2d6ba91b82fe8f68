//! The pre-entry: at home, the resident types what the city cannot know before the
//! visit — the baby's name, a bank account, the hospital — for the procedures listed.
//! Every field may stay empty (the counter asks it then); what is typed is checked
//! here and again on the server, and sealed there under a short code (the next step).

use super::{Navigator, Step};
use crate::api::public::{create_pre_entry, pre_entry_form};
use crate::error::AppError;
use crate::model::public::{PreEntryForm, PreEntryRequest};
use crate::ui::common::{field_error, focus, today, ErrorSummary, TextField};
use crate::ui::i18n::{m, t, t_with, Catalog};
use crate::ui::screening::field_input::{FieldInput, Inputs};
use crate::ui::screening::FieldErrorList;
use leptos::prelude::*;
use leptos::task::spawn_local;
use madoguchi_core::forms::{part, FieldError, FieldType};

#[component]
pub fn PrepareStep() -> impl IntoView {
    let nav = Navigator::get();
    let catalog = Catalog::get();
    let form = RwSignal::new(None::<PreEntryForm>);
    let failure = RwSignal::new(None::<String>);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let pending = RwSignal::new(false);
    spawn_local(async move {
        match pre_entry_form(nav.sketch.get_untracked()).await {
            Ok(f) => {
                // A bank account starts as an ordinary account, as it usually is.
                nav.prepared.update(|a| {
                    for field in &f.interview.catalog.fields {
                        if field.ty == FieldType::BankAccount {
                            a.entry(part(&field.key, "account_type"))
                                .or_insert_with(|| "ordinary".into());
                        }
                    }
                });
                form.set(Some(f));
            }
            Err(e) => failure.set(Some(catalog.app_error(&e))),
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(f) = form.get_untracked() else {
            return;
        };
        let request = PreEntryRequest {
            sketch: nav.sketch.get_untracked(),
            baby: nav.baby.get_untracked(),
            answers: nav.prepared.get_untracked(),
            lang: catalog.lang().get_untracked(),
        };
        if let Err(found) = request.check(&f, today()) {
            errors.set(found);
            focus("error-summary");
            return;
        }
        errors.set(Vec::new());
        failure.set(None);
        pending.set(true);
        spawn_local(async move {
            match create_pre_entry(request).await {
                Ok(ticket) => {
                    nav.ticket.set(Some(ticket));
                    nav.go(Step::Ticket);
                }
                Err(AppError::InvalidInput { fields }) => {
                    errors.set(fields);
                    focus("error-summary");
                }
                Err(e) => {
                    failure.set(Some(catalog.app_error(&e)));
                    focus("error-summary");
                }
            }
            pending.set(false);
        });
    };

    view! {
        <section class="navigator prepare">
            <h1 id="step-heading" tabindex="-1">{t(m::public::prepare::title)}</h1>
            <p class="lead">{t(m::public::prepare::lead)}</p>
            <p class="hint">{move || form.get().map(|f| t_with(m::public::prepare::kept, move || vec![("days", f.days.to_string())]))}</p>
            <ErrorSummary message=failure.into()/>
            {move || form.get().map(|f| {
                let other = Callback::new(move |field: String| baby_label(catalog, &field));
                view! {
                    <FieldErrorList errors catalog=f.interview.catalog.clone() other/>
                    <form on:submit=submit novalidate>
                        {f.baby.then(|| view! { <BabyFields errors/> })}
                        <Topics form=f errors/>
                        <div class="actions">
                            <button type="button" class="btn btn-secondary" on:click=move |_| nav.go(Step::Result)>{t(m::common::back)}</button>
                            <button type="submit" class="btn btn-primary" disabled=move || pending.get()>{t(m::public::prepare::make)}</button>
                        </div>
                    </form>
                }
            })}
        </section>
    }
}

/// The baby's name, reading and sex (the birth date is the event's).
#[component]
fn BabyFields(errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let nav = Navigator::get();
    let part = move |get: fn(&crate::model::BabyInput) -> &String,
                     set: fn(&mut crate::model::BabyInput, String)| {
        let value = RwSignal::new(nav.baby.with_untracked(|b| get(b).clone()));
        Effect::new(move |_| {
            let v = value.get();
            nav.baby.update(|b| set(b, v));
        });
        value
    };
    let family_name = part(|b| &b.family_name, |b, v| b.family_name = v);
    let given_name = part(|b| &b.given_name, |b, v| b.given_name = v);
    let family_kana = part(|b| &b.family_kana, |b, v| b.family_kana = v);
    let given_kana = part(|b| &b.given_kana, |b, v| b.given_kana = v);
    let sex = move || nav.baby.with(|b| b.sex.clone());
    let set_sex = move |v: &str| nav.baby.update(|b| b.sex = v.to_owned());
    view! {
        <fieldset class="topic">
            <legend><h2>{t(m::counter::baby::title)}</h2></legend>
            <div class="field-row">
                <TextField id="baby-family_name" label=m::counter::baby::family_name value=family_name error=field_error(errors, "baby-family_name")/>
                <TextField id="baby-given_name" label=m::counter::baby::given_name value=given_name error=field_error(errors, "baby-given_name")/>
            </div>
            <div class="field-row">
                <TextField id="baby-family_kana" label=m::counter::baby::family_kana value=family_kana error=field_error(errors, "baby-family_kana")/>
                <TextField id="baby-given_kana" label=m::counter::baby::given_kana hint=m::counter::baby::given_kana_hint value=given_kana error=field_error(errors, "baby-given_kana")/>
            </div>
            <fieldset class="field" id="baby-sex" class:field-invalid=move || field_error(errors, "baby-sex").get().is_some()>
                <legend>{t(m::counter::baby::sex)}</legend>
                {move || field_error(errors, "baby-sex").get().map(|e| view! { <p class="error">{e.view()}</p> })}
                <div class="radios">
                    <label class="radio">
                        <input type="radio" name="baby-sex" value="male" prop:checked=move || sex() == "male" on:change=move |_| set_sex("male")/>
                        {t(m::counter::baby::male)}
                    </label>
                    <label class="radio">
                        <input type="radio" name="baby-sex" value="female" prop:checked=move || sex() == "female" on:change=move |_| set_sex("female")/>
                        {t(m::counter::baby::female)}
                    </label>
                </div>
            </fieldset>
        </fieldset>
    }
}

/// The interview's topics, one group each; nothing is required.
#[component]
fn Topics(form: PreEntryForm, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let nav = Navigator::get();
    let catalog = Catalog::get();
    let inputs = Inputs {
        answers: nav.prepared,
        errors,
    };
    let spec = StoredValue::new(form.interview.clone());
    form.interview
        .plan
        .topics
        .into_iter()
        .map(|topic| {
            let title = spec.with_value(|s| s.catalog.topic(&topic.topic).cloned());
            let fields = topic
                .fields
                .into_iter()
                .filter_map(|key| {
                    let field = spec.with_value(|s| s.catalog.field(&key).cloned())?;
                    (field.ty != FieldType::Members).then_some(field)
                })
                .map(|field| {
                    let key = StoredValue::new(field.key.clone());
                    let shows = Memo::new(move |_| {
                        spec.with_value(|s| {
                            nav.prepared
                                .with(|a| s.plan.shows(&s.catalog, &key.get_value(), a))
                        })
                    });
                    let field = StoredValue::new(field);
                    view! {
                        {move || shows.get().then(|| view! {
                            <FieldInput field=field.get_value() inputs required=Signal::from(false)/>
                        })}
                    }
                })
                .collect_view();
            view! {
                <fieldset class="topic">
                    <legend><h2>{move || title.as_ref().map(|t| catalog.form(&t.title, &format!("topics.{}.title", t.id)))}</h2></legend>
                    {fields}
                </fieldset>
            }
        })
        .collect_view()
}

/// The label of a baby's field, for the list of errors.
fn baby_label(catalog: Catalog, field: &str) -> String {
    let key = match field {
        "baby-family_name" => m::counter::baby::family_name,
        "baby-given_name" => m::counter::baby::given_name,
        "baby-family_kana" => m::counter::baby::family_kana,
        "baby-given_kana" => m::counter::baby::given_kana,
        "baby-sex" => m::counter::baby::sex,
        _ => return String::new(),
    };
    catalog.plain_now(key)
}
