//! Staff find the resident's household: by name in kana and date of birth, or by the
//! resident number (宛名番号) on the resident's card.

use super::{Step, Wizard};
use crate::api::counter::find_household;
use crate::error::AppError;
use crate::model::HouseholdQuery;
use crate::ui::common::{field_error, focus, server_field_errors, today, ErrorSummary, TextField};
use crate::ui::i18n::{m, t, t_plain, Catalog};
use leptos::prelude::*;
use leptos::task::spawn_local;
use madoguchi_core::forms::FieldError;
use madoguchi_core::jp::{parse_past_date, KanaName};

#[component]
pub fn FindStep() -> impl IntoView {
    let wizard = Wizard::get();
    let by_number = RwSignal::new(false);
    let kana = RwSignal::new(String::new());
    let birth_date = RwSignal::new(String::new());
    let number = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let summary = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let catalog = Catalog::get();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let query = if by_number.get_untracked() {
            HouseholdQuery::PersonNumber(number.get_untracked())
        } else {
            HouseholdQuery::KanaAndBirthDate {
                kana: kana.get_untracked(),
                birth_date: birth_date.get_untracked(),
            }
        };
        let local = check(&query);
        if !local.is_empty() {
            errors.set(local);
            summary.set(Some(catalog.plain_now(m::common::check_input)));
            focus("error-summary");
            return;
        }
        errors.set(Vec::new());
        pending.set(true);
        spawn_local(async move {
            match find_household(query).await {
                Ok(h) => {
                    wizard.draft.update(|d| d.household = Some(h));
                    wizard.go(Step::Members);
                }
                Err(e) => {
                    errors.set(server_field_errors(&e));
                    summary.set(Some(match e {
                        AppError::NotFound => catalog.plain_now(m::counter::find::not_found),
                        other => catalog.app_error(&other),
                    }));
                    focus("error-summary");
                }
            }
            pending.set(false);
        });
    };

    view! {
        <section>
            <h1 id="step-heading" tabindex="-1">{t(m::counter::find::title)}</h1>
            <p class="hint">{t(m::counter::find::hint)}</p>
            <ErrorSummary message=summary.into()/>
            <div class="tabs" role="group" aria-label=t_plain(m::counter::find::how)>
                <button type="button" class="tab" aria-pressed=move || (!by_number.get()).to_string()
                    on:click=move |_| by_number.set(false)>{t(m::counter::find::by_kana)}</button>
                <button type="button" class="tab" aria-pressed=move || by_number.get().to_string()
                    on:click=move |_| by_number.set(true)>{t(m::counter::find::by_number)}</button>
            </div>
            <form on:submit=submit novalidate>
                <Show
                    when=move || by_number.get()
                    fallback=move || view! {
                        <TextField id="kana" label=m::counter::find::kana hint=m::counter::find::kana_hint value=kana
                            error=field_error(errors, "kana") required=true/>
                        <TextField id="birth_date" label=m::counter::find::birth_date input_type="date" value=birth_date
                            error=field_error(errors, "birth_date") required=true/>
                    }
                >
                    <TextField id="person_number" label=m::counter::find::number hint=m::counter::find::number_hint value=number inputmode="numeric"
                        error=field_error(errors, "person_number") required=true/>
                </Show>
                <div class="actions">
                    <button type="button" class="btn btn-secondary" on:click=move |_| wizard.go(Step::Event)>{t(m::common::back)}</button>
                    <button type="submit" class="btn btn-primary" disabled=move || pending.get()>{t(m::counter::find::search)}</button>
                </div>
            </form>
        </section>
    }
}

/// The same checks the server makes, before sending.
fn check(query: &HouseholdQuery) -> Vec<FieldError> {
    let mut errors = Vec::new();
    match query {
        HouseholdQuery::KanaAndBirthDate { kana, birth_date } => {
            if let Err(error) = KanaName::parse(kana) {
                errors.push(FieldError {
                    field: "kana".into(),
                    error,
                });
            }
            if let Err(error) = parse_past_date(birth_date, today()) {
                errors.push(FieldError {
                    field: "birth_date".into(),
                    error,
                });
            }
        }
        HouseholdQuery::PersonNumber(n) if n.trim().is_empty() => errors.push(FieldError {
            field: "person_number".into(),
            error: madoguchi_core::jp::ValueError::Required,
        }),
        HouseholdQuery::PersonNumber(_) => {}
    }
    errors
}
