//! `/my/applications/:id`: a returned application (差戻し), corrected by the resident.
//! The department's reason first; then the form as sent, where each value the resident
//! typed can be corrected with the interview's own input (checked the same way, on the
//! server too) and what the city's records hold cannot; photos of documents to add; a
//! note to the department; and sending it back, which puts it in the department's queue again as received.

use super::correction_files::CorrectionFiles;
use crate::api::resident::{application_correction, resubmit_application};
use crate::error::AppError;
use crate::model::online::{Correction, CorrectionRow, Resubmission};
use crate::ui::i18n::{m, t, t_error, t_with, Catalog};
use crate::ui::screening::field_input::{FieldInput, Inputs};
use crate::ui::screening::{FieldErrorList, RulesText};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_params_map;
use madoguchi_core::forms::{self, Answers, FieldError, FieldType};
use madoguchi_core::jp::ValueError;
use std::collections::BTreeSet;

/// How sending went.
#[derive(Clone, PartialEq)]
enum Sent {
    Not,
    Sending,
    Done,
    Failed(String),
}

#[component]
pub fn CorrectionPage() -> impl IntoView {
    let catalog = Catalog::get();
    catalog.need("forms");
    Effect::new(|_| crate::ui::display::first_screen::done());
    let params = use_params_map();
    let id = params.with_untracked(|p| p.get("id").and_then(|s| s.parse::<i32>().ok()));
    let found = LocalResource::new(move || async move {
        match id {
            Some(id) => application_correction(id).await,
            None => Err(AppError::NotFound),
        }
    });
    view! {
        <section class="correction-page">
            <h1 id="step-heading" tabindex="-1">{t(m::public::correct::title)}</h1>
            <Suspense fallback=|| view! { <p class="loading">{t(m::common::loading)}</p> }>
                {move || found.get().map(|r| match r {
                    Ok(c) => view! { <CorrectionForm c/> }.into_any(),
                    Err(e) => view! {
                        <div class="alert alert-error" role="alert" id="correction-error">{failure(catalog, &e)}</div>
                    }.into_any(),
                })}
            </Suspense>
            <p><a class="btn btn-secondary" href="/my" id="back-to-my">{t(m::public::correct::back)}</a></p>
        </section>
    }
}

/// A refusal in the resident's words.
fn failure(catalog: Catalog, e: &AppError) -> String {
    match e {
        AppError::Conflict { .. } => catalog.plain_now(m::public::correct::not_returned),
        AppError::NotFound => catalog.plain_now(m::public::correct::not_found),
        e => catalog.app_error(e),
    }
}

#[component]
fn CorrectionForm(c: Correction) -> impl IntoView {
    let catalog = Catalog::get();
    let app = c.application;
    // A bank account starts as an ordinary account, as in the interview: the input
    // shows it chosen, so it is the answer too.
    let start: Answers = c
        .rows
        .iter()
        .filter(|r| {
            r.correctable
                && forms::bundled()
                    .field(&r.key)
                    .is_some_and(|f| f.ty == FieldType::BankAccount)
        })
        .map(|r| (forms::part(&r.key, "account_type"), "ordinary".to_owned()))
        .collect();
    let inputs = Inputs {
        answers: RwSignal::new(start),
        errors: RwSignal::new(Vec::<FieldError>::new()),
    };
    let editing = RwSignal::new(BTreeSet::<String>::new());
    let message = RwSignal::new(String::new());
    let message_error = RwSignal::new(None::<ValueError>);
    let sent = RwSignal::new(Sent::Not);
    let added = RwSignal::new(c.added.clone());
    let sending = RwSignal::new(None::<String>);
    let has_fixed = c.rows.iter().any(|r| !r.correctable);
    let id = app.id;
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let keys: Vec<String> = editing.get_untracked().into_iter().collect();
        let answers: Answers = inputs.answers.with_untracked(|a| {
            a.iter()
                .filter(|(k, _)| {
                    let base = k.split('/').next().unwrap_or_default();
                    keys.iter().any(|x| x == base)
                })
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect()
        });
        let input = Resubmission {
            application_id: id,
            keys,
            answers,
            message: message.get_untracked(),
        };
        inputs.errors.set(Vec::new());
        message_error.set(None);
        sent.set(Sent::Sending);
        spawn_local(async move {
            match resubmit_application(input).await {
                Ok(_) => sent.set(Sent::Done),
                Err(AppError::InvalidInput { fields }) => {
                    let (on_message, on_fields): (Vec<_>, Vec<_>) =
                        fields.into_iter().partition(|f| f.field == "message");
                    message_error.set(on_message.first().map(|f| f.error));
                    let on_fields_empty = on_fields.is_empty();
                    inputs.errors.set(on_fields);
                    sent.set(Sent::Not);
                    crate::ui::common::focus(if on_fields_empty {
                        "message"
                    } else {
                        "error-summary"
                    });
                }
                Err(e) => sent.set(Sent::Failed(failure(catalog, &e))),
            }
        });
    };
    let procedure_id = app.procedure_id.clone();
    let department_key = format!("departments.{}.name", app.department_id);
    let department_name = app.department_name.clone();
    let department = move || {
        catalog
            .rules(&department_key)
            .unwrap_or_else(|| department_name.clone())
    };
    view! {
        <h2><RulesText key=format!("procedures.{}.name", app.procedure_id) ja=app.procedure_name.clone()/></h2>
        <p class="hint">{t_with(m::public::my::department, move || vec![("name", department())])}</p>
        <div class="reason alert alert-warning" role="note" id="return-reason">
            <strong>{t(m::public::my::reason)}</strong>
            <p>{app.reason.clone().unwrap_or_default()}</p>
        </div>
        {move || match sent.get() {
            Sent::Done => view! {
                <div class="alert alert-success" role="status" id="resubmitted" tabindex="-1">{t(m::public::correct::sent)}</div>
            }.into_any(),
            state => view! {
                <p class="lead">{t(m::public::correct::lead)}</p>
                <form class="correction" novalidate on:submit=send>
                    <FieldErrorList errors=inputs.errors catalog=forms::bundled().clone()/>
                    <h3>{t(m::public::correct::sent_heading)}</h3>
                    {has_fixed.then(|| view! { <p class="hint">{t(m::public::correct::fixed)}</p> })}
                    <ul class="correction-rows">
                        {c.rows.clone().into_iter().map(|row| view! { <Row row inputs editing/> }).collect_view()}
                    </ul>
                    {(!c.documents.is_empty()).then(|| view! {
                        <CorrectionFiles application_id=id procedure_id=procedure_id.clone()
                            documents=c.documents.clone() sent=c.attachments.clone() added sending/>
                    })}
                    <div class="field">
                        <label class="label" for="message">{t(m::public::correct::message)}</label>
                        <p class="hint" id="message-hint">{t(m::public::correct::message_hint)}</p>
                        <textarea id="message" class="textarea" rows="3" maxlength="1000"
                            aria-describedby="message-hint message-error"
                            aria-invalid=move || message_error.get().is_some().then_some("true")
                            prop:value=move || message.get()
                            on:input=move |ev| message.set(event_target_value(&ev))></textarea>
                        {move || message_error.get().map(|e| view! {
                            <p class="error" id="message-error">{match e {
                                ValueError::Required => t(m::public::correct::nothing).into_any(),
                                e => t_error(e).into_any(),
                            }}</p>
                        })}
                    </div>
                    {match state {
                        Sent::Failed(text) => Some(view! { <div class="alert alert-error" role="alert" id="send-error">{text}</div> }),
                        _ => None,
                    }}
                    <button type="submit" class="btn btn-primary" id="resubmit"
                        disabled=move || sent.get() == Sent::Sending || sending.get().is_some()>{t(m::public::correct::send)}</button>
                </form>
            }.into_any(),
        }}
    }
}

/// One row of the form as sent: its value, and for one the resident typed, the way to
/// correct it (the interview's input for its type, empty to be typed again).
#[component]
fn Row(row: CorrectionRow, inputs: Inputs, editing: RwSignal<BTreeSet<String>>) -> impl IntoView {
    let catalog = Catalog::get();
    let field = forms::bundled().field(&row.key).cloned();
    let label = {
        let field = field.clone();
        let key = row.key.clone();
        let printed = row.label.clone();
        move || match &field {
            Some(f) => catalog.form(&f.label, &format!("fields.{key}.label")),
            None => printed.clone(),
        }
    };
    let key = StoredValue::new(row.key.clone());
    let open = move || editing.with(|e| e.contains(&key.get_value()));
    let toggle = move |_| {
        editing.update(|e| {
            let k = key.get_value();
            if !e.remove(&k) {
                e.insert(k);
            }
        })
    };
    let value = row.value.clone();
    let correctable = row.correctable && field.is_some();
    view! {
        <li class="correction-row" data-key=row.key.clone()>
            <span class="label-text">{label}</span>
            <span class="value">{if value.is_empty() { "—".to_owned() } else { value.clone() }}</span>
            {correctable.then(|| {
                let field = field.clone();
                view! {
                    <button type="button" class="btn btn-secondary btn-small edit"
                        aria-expanded=move || open().to_string()
                        on:click=toggle>
                        {move || if open() { t(m::public::correct::keep).into_any() } else { t(m::public::correct::edit).into_any() }}
                    </button>
                    {move || open().then(|| field.clone().map(|f| view! {
                        <div class="correction-input">
                            <FieldInput field=f inputs required=Signal::stored(true)/>
                        </div>
                    }))}
                }
            })}
        </li>
    }
}
