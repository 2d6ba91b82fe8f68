//! Staff find the resident's household: by name in kana and date of birth, or by the
//! resident number (宛名番号) on the resident's card.

use super::{Step, Wizard};
use crate::api::counter::find_household;
use crate::error::AppError;
use crate::model::HouseholdQuery;
use crate::ui::common::{field_error, focus, server_field_errors, today, ErrorSummary, TextField};
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
            summary.set(Some("入力内容を確認してください".into()));
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
                        AppError::NotFound => "該当する方が見つかりません。入力内容を確かめるか、宛名番号で探してください".into(),
                        other => other.message_ja(),
                    }));
                    focus("error-summary");
                }
            }
            pending.set(false);
        });
    };

    view! {
        <section>
            <h1 id="step-heading" tabindex="-1">"世帯をさがす"</h1>
            <p class="hint">"職員が、本人確認書類を見ながら入力します。"</p>
            <ErrorSummary message=summary.into()/>
            <div class="tabs" role="group" aria-label="さがし方">
                <button type="button" class="tab" aria-pressed=move || (!by_number.get()).to_string()
                    on:click=move |_| by_number.set(false)>"フリガナと生年月日"</button>
                <button type="button" class="tab" aria-pressed=move || by_number.get().to_string()
                    on:click=move |_| by_number.set(true)>"宛名番号"</button>
            </div>
            <form on:submit=submit novalidate>
                <Show
                    when=move || by_number.get()
                    fallback=move || view! {
                        <TextField id="kana" label="氏名 (フリガナ)" hint="例: ヤマダ タロウ" value=kana
                            error=field_error(errors, "kana") required=true/>
                        <TextField id="birth_date" label="生年月日" input_type="date" value=birth_date
                            error=field_error(errors, "birth_date") required=true/>
                    }
                >
                    <TextField id="person_number" label="宛名番号" hint="10けたの番号" value=number inputmode="numeric"
                        error=field_error(errors, "person_number") required=true/>
                </Show>
                <div class="actions">
                    <button type="button" class="btn btn-secondary" on:click=move |_| wizard.go(Step::Event)>"もどる"</button>
                    <button type="submit" class="btn btn-primary" disabled=move || pending.get()>"さがす"</button>
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
