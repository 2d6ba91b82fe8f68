//! The baby: name, reading, date of birth and sex. The family name is prefilled from the
//! household, so it is confirmed, not typed again.

use super::{Step, Wizard};
use crate::model::BabyInput;
use crate::ui::common::{field_error, focus, today, ErrorSummary, TextField};
use crate::ui::i18n::{m, t, Catalog};
use leptos::prelude::*;
use madoguchi_core::forms::FieldError;

#[component]
pub fn BabyStep() -> impl IntoView {
    let wizard = Wizard::get();
    let (saved, head) = wizard.draft.with_untracked(|d| {
        let head = d
            .household
            .as_ref()
            .and_then(|h| h.members.iter().find(|m| m.relationship == "head").cloned());
        (d.baby.clone(), head)
    });
    let first_word = |s: &str| s.split('\u{3000}').next().unwrap_or_default().to_owned();
    let or_head = |v: &str, f: &dyn Fn() -> Option<String>| {
        if v.is_empty() {
            f().unwrap_or_default()
        } else {
            v.to_owned()
        }
    };
    let family_name = RwSignal::new(or_head(&saved.family_name, &|| {
        head.as_ref().map(|h| first_word(&h.name))
    }));
    let family_kana = RwSignal::new(or_head(&saved.family_kana, &|| {
        head.as_ref().map(|h| first_word(&h.kana))
    }));
    let given_name = RwSignal::new(saved.given_name);
    let given_kana = RwSignal::new(saved.given_kana);
    let birth_date = RwSignal::new(saved.birth_date);
    let sex = RwSignal::new(saved.sex);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let summary = RwSignal::new(None::<String>);
    let catalog = Catalog::get();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let baby = BabyInput {
            family_name: family_name.get_untracked(),
            given_name: given_name.get_untracked(),
            family_kana: family_kana.get_untracked(),
            given_kana: given_kana.get_untracked(),
            birth_date: birth_date.get_untracked(),
            sex: sex.get_untracked(),
        };
        match baby.check(today()) {
            Ok(_) => {
                wizard.draft.update(|d| {
                    if d.baby != baby {
                        d.answers.clear();
                        d.screening = None;
                    }
                    d.baby = baby;
                });
                wizard.go(Step::Procedures);
            }
            Err(e) => {
                errors.set(e);
                summary.set(Some(catalog.plain_now(m::common::check_input)));
                focus("error-summary");
            }
        }
    };

    view! {
        <section>
            <h1 id="step-heading" tabindex="-1">{t(m::counter::baby::title)}</h1>
            {wizard.draft.with_untracked(|d| d.pre_entry).then(|| view! {
                <p class="alert alert-info">{t(m::counter::pre_entry::check_note)}</p>
            })}
            <ErrorSummary message=summary.into()/>
            <form on:submit=submit novalidate>
                <div class="field-row">
                    <TextField id="family_name" label=m::counter::baby::family_name value=family_name error=field_error(errors, "family_name") required=true/>
                    <TextField id="given_name" label=m::counter::baby::given_name value=given_name error=field_error(errors, "given_name") required=true/>
                </div>
                <div class="field-row">
                    <TextField id="family_kana" label=m::counter::baby::family_kana value=family_kana error=field_error(errors, "family_kana") required=true/>
                    <TextField id="given_kana" label=m::counter::baby::given_kana hint=m::counter::baby::given_kana_hint value=given_kana error=field_error(errors, "given_kana") required=true/>
                </div>
                <TextField id="baby_birth_date" label=m::counter::baby::birth_date input_type="date" value=birth_date error=field_error(errors, "birth_date") required=true/>
                <fieldset class="field" class:field-invalid=move || field_error(errors, "sex").get().is_some()>
                    <legend>{t(m::counter::baby::sex)} " " <span class="req">{t(m::common::required)}</span></legend>
                    {move || field_error(errors, "sex").get().map(|e| view! { <p class="error">{e.view()}</p> })}
                    <div class="radios">
                        <label class="radio">
                            <input type="radio" name="sex" value="male" prop:checked=move || sex.get() == "male" on:change=move |_| sex.set("male".into())/>
                            {t(m::counter::baby::male)}
                        </label>
                        <label class="radio">
                            <input type="radio" name="sex" value="female" prop:checked=move || sex.get() == "female" on:change=move |_| sex.set("female".into())/>
                            {t(m::counter::baby::female)}
                        </label>
                    </div>
                </fieldset>
                <div class="actions">
                    <button type="button" class="btn btn-secondary" on:click=move |_| wizard.go(wizard.before_baby())>{t(m::common::back)}</button>
                    <button type="submit" class="btn btn-primary">{t(m::common::next)}</button>
                </div>
            </form>
        </section>
    }
}
