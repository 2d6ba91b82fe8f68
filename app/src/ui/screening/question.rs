//! A question the rules ask because the facts cannot tell (an insurance, an income,
//! whether someone receives a benefit), on the counter's list and the public navigator's.

use super::PhraseText;
use crate::ui::i18n::{m, t, Catalog};
use leptos::prelude::*;
use madoguchi_core::screening::{Insurance, Question};

/// A question of the rules, answered with one tap (yes/no, a choice) or an amount.
/// `member` names a member by the id an option carries (a question "who…").
#[component]
pub fn QuestionView<F, L>(q: Question, answer: F, member: L) -> impl IntoView
where
    F: Fn(String, serde_json::Value) + Copy + Send + Sync + 'static,
    L: Fn(&str) -> Option<String> + 'static,
{
    let options: Vec<(String, serde_json::Value)> = match q.kind.as_str() {
        "boolean" => vec![
            (catalog_text(m::common::yes), true.into()),
            (catalog_text(m::common::no), false.into()),
        ],
        _ => q
            .options
            .iter()
            .map(|o| {
                (
                    option_label(&member, o),
                    serde_json::Value::String(o.clone()),
                )
            })
            .collect(),
    };
    let id = q.id.clone();
    if q.kind == "number" {
        return view! { <NumberQuestion q answer/> }.into_any();
    }
    view! {
        <fieldset class="field question" data-question=q.id.clone()>
            <legend><PhraseText ja=q.text phrase=q.phrase/></legend>
            <div class="radios">
                {options.into_iter().map(|(label, value)| {
                    let id = id.clone();
                    view! {
                        <button type="button" class="btn btn-secondary" on:click=move |_| answer(id.clone(), value.clone())>{label}</button>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
    .into_any()
}

/// A question whose answer is an amount in yen (an income the city's tax data does not
/// hold): digits, with or without commas.
#[component]
fn NumberQuestion<F>(q: Question, answer: F) -> impl IntoView
where
    F: Fn(String, serde_json::Value) + Copy + Send + Sync + 'static,
{
    let value = RwSignal::new(String::new());
    let error = RwSignal::new(false);
    let input_id = format!("q-{}", q.id.replace('.', "-"));
    let error_id = format!("{input_id}-error");
    let id = q.id.clone();
    let submit = move |_| {
        let digits: String = value
            .get_untracked()
            .chars()
            .filter(|c| !matches!(c, ',' | '，' | ' ' | '円'))
            .collect();
        match digits.parse::<u64>() {
            Ok(n) if n <= 1_000_000_000_000 => {
                error.set(false);
                answer(id.clone(), serde_json::Value::from(n));
            }
            _ => error.set(true),
        }
    };
    view! {
        <div class="field question" data-question=q.id.clone() class:field-invalid=move || error.get()>
            <label for=input_id.clone()><PhraseText ja=q.text phrase=q.phrase/></label>
            {let error_id = error_id.clone(); move || error.get().then(|| view! { <p class="error" id=error_id.clone()>{t(m::counter::procedures::number_error)}</p> })}
            <input type="text" inputmode="numeric" id=input_id aria-invalid=move || error.get().to_string()
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
            <button type="button" class="btn btn-secondary" on:click=submit>{t(m::counter::procedures::answer)}</button>
        </div>
    }
}

/// A catalog text as plain text now, for a question's option.
fn catalog_text(key: crate::ui::i18n::Key) -> String {
    Catalog::get().plain_now(key)
}

/// A question option as the resident reads it: an insurance's name, a member's name, or
/// the option as it is.
fn option_label(member: &impl Fn(&str) -> Option<String>, option: &str) -> String {
    if let Some(i) = Insurance::from_id(option) {
        let catalog = Catalog::get();
        return crate::ui::i18n::ruby::plain(&catalog.text_in(
            catalog.lang().get_untracked(),
            &format!("common.insurance.{}", i.id()),
        ));
    }
    member(option).unwrap_or_else(|| option.to_owned())
}
