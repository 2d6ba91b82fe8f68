//! The procedures this household needs, each with its reasons, deadline and counter —
//! decided by the rules on the server. Facts the city's data cannot tell are asked here,
//! and the list updates as they are answered.

use super::rules_text::{PhraseText, RulesText};
use super::Wizard;
use crate::api::counter::screen_visit;
use crate::model::ProcedureView;
use crate::ui::common::ErrorSummary;
use crate::ui::i18n::{m, t, t_with, Catalog};
use leptos::prelude::*;
use leptos::task::spawn_local;
use madoguchi_core::screening::{Insurance, Question};

#[component]
pub fn ProceduresStep() -> impl IntoView {
    let wizard = Wizard::get();
    let catalog = Catalog::get();
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);

    let run = move || {
        let Some(input) = wizard.draft.with_untracked(|d| d.visit_input()) else {
            wizard.clear();
            return;
        };
        pending.set(true);
        spawn_local(async move {
            match screen_visit(input).await {
                Ok(s) => {
                    error.set(None);
                    wizard.draft.update(|d| d.screening = Some(s));
                }
                Err(e) => error.set(Some(catalog.app_error(&e))),
            }
            pending.set(false);
        });
    };
    run();

    let answer = move |id: String, value: serde_json::Value| {
        wizard.draft.update(|d| {
            d.answers.insert(id, value);
        });
        run();
    };
    let screening = move || wizard.draft.with(|d| d.screening.clone());
    let ready = move || screening().is_some_and(|s| s.questions.is_empty()) && !pending.get();

    view! {
        <section>
            <h1 id="step-heading" tabindex="-1">{t(m::counter::procedures::title)}</h1>
            <ErrorSummary message=error.into()/>
            <p class="loading" aria-live="polite">{move || pending.get().then(|| t(m::counter::procedures::checking))}</p>
            {move || screening().map(|s| view! {
                {(!s.questions.is_empty()).then(|| view! {
                    <div class="questions">
                        <h2>{t(m::counter::procedures::ask_title)}</h2>
                        <p class="hint">{t(m::counter::procedures::ask_hint)}</p>
                        {s.questions.into_iter().map(|q| view! { <QuestionView q answer/> }).collect_view()}
                    </div>
                })}
                <p class="count">{
                    let n = s.procedures.len();
                    t_with(m::counter::procedures::count, move || vec![("n", n.to_string())])
                }</p>
                <ol class="procedures">
                    {s.procedures.into_iter().map(|p| view! { <ProcedureCard p/> }).collect_view()}
                </ol>
                {(!s.not_applicable.is_empty()).then(|| view! {
                    <section class="not-applicable" aria-labelledby="not-applicable-heading">
                        <h2 id="not-applicable-heading">{t(m::counter::procedures::not_applicable)}</h2>
                        <ul>
                            {s.not_applicable.into_iter().map(|n| view! {
                                <li data-procedure=n.id.clone()>
                                    <strong><RulesText key=format!("procedures.{}.name", n.id) ja=n.name official=true/></strong>
                                    <Reasons reasons=n.reasons phrases=n.reason_phrases/>
                                </li>
                            }).collect_view()}
                        </ul>
                    </section>
                })}
            })}
            {move || screening().is_some_and(|s| !s.questions.is_empty()).then(|| view! {
                <p class="hint">{t(m::counter::procedures::answer_first)}</p>
            })}
            <div class="actions">
                <button type="button" class="btn btn-secondary" on:click=move |_| wizard.go(wizard.before_procedures())>{t(m::common::back)}</button>
                <button type="button" class="btn btn-primary" disabled=move || !ready()
                    on:click=move |_| wizard.go(wizard.interview_start())>{t(m::counter::procedures::make_forms)}</button>
            </div>
        </section>
    }
}

#[component]
fn ProcedureCard(p: ProcedureView) -> impl IntoView {
    let pr = p.procedure;
    let catalog = Catalog::get();
    let deadline = pr.deadline;
    let deadline = move || {
        catalog.show(&match deadline {
            Some(d) => catalog.fill(
                m::counter::procedures::deadline_by,
                &[("date", catalog.date(d))],
            ),
            None => catalog.raw(m::counter::procedures::no_deadline),
        })
    };
    let benefit = pr.benefit.map(|b| {
        move || {
            let amount = match b.min {
                Some(min) => catalog.fill(
                    m::counter::procedures::by_income,
                    &[("min", catalog.yen(min)), ("max", catalog.yen(b.amount))],
                ),
                None => catalog.yen(b.amount),
            };
            catalog.show(&match b.per.as_str() {
                "month" => catalog.fill(m::counter::procedures::monthly, &[("amount", amount)]),
                "year" => catalog.fill(m::counter::procedures::yearly, &[("amount", amount)]),
                _ => amount,
            })
        }
    });
    let deadline_note = pr
        .deadline_note
        .clone()
        .map(|n| (n, pr.deadline_phrase.clone()));
    let docs = pr.documents.clone();
    let documents = move || {
        docs.iter()
            .map(|d| {
                catalog
                    .rules(&format!("documents.{d}"))
                    .unwrap_or_else(|| d.clone())
            })
            .collect::<Vec<_>>()
            .join(&catalog.raw(m::common::list_separator))
    };
    view! {
        <li class="procedure" data-procedure=pr.id.clone()>
            <h3><RulesText key=format!("procedures.{}.name", pr.id) ja=pr.name official=true/></h3>
            <dl>
                <dt>{t(m::counter::procedures::deadline)}</dt><dd class="deadline">{deadline}
                    {deadline_note.map(|(ja, phrase)| view! { <span class="deadline-note"><PhraseText ja phrase/></span> })}</dd>
                <dt>{t(m::counter::procedures::department)}</dt><dd><RulesText key=format!("departments.{}.name", pr.department) ja=p.department_name official=true/> " "
                    <span class="counter-place"><RulesText key=format!("departments.{}.counter", pr.department) ja=p.counter/></span>
                    {p.phone.map(|phone| view! { " " <span class="phone">{t(m::counter::procedures::phone)} " " {phone}</span> })}</dd>
                {benefit.map(|b| view! { <dt>{t(m::counter::procedures::benefit)}</dt><dd>{b}</dd> })}
            </dl>
            <details open>
                <summary>{t(m::counter::procedures::why)}</summary>
                <Reasons reasons=pr.reasons phrases=pr.reason_phrases/>
            </details>
            {(!pr.documents.is_empty()).then(|| view! {
                <p class="documents"><span>{t(m::counter::procedures::bring)}</span>{documents}</p>
            })}
        </li>
    }
}

/// Why a procedure is (or is not) for this household, one line each, in the visit's
/// language where the rules' phrase has a translation.
#[component]
fn Reasons(reasons: Vec<String>, phrases: Vec<madoguchi_core::screening::Phrase>) -> impl IntoView {
    let mut phrases = phrases.into_iter();
    let lines: Vec<_> = reasons.into_iter().map(|ja| (ja, phrases.next())).collect();
    view! {
        <ul class="reasons">{lines.into_iter().map(|(ja, phrase)| view! { <li><PhraseText ja phrase/></li> }).collect_view()}</ul>
    }
}

#[component]
fn QuestionView<F>(q: Question, answer: F) -> impl IntoView
where
    F: Fn(String, serde_json::Value) + Copy + Send + Sync + 'static,
{
    let wizard = Wizard::get();
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
                    option_label(&wizard, o),
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

/// A question option as the resident reads it: an insurance's name or a member's name.
fn option_label(wizard: &Wizard, option: &str) -> String {
    if let Some(i) = Insurance::from_id(option) {
        let catalog = Catalog::get();
        return crate::ui::i18n::ruby::plain(&catalog.text_in(
            catalog.lang().get_untracked(),
            &format!("common.insurance.{}", i.id()),
        ));
    }
    wizard.draft.with_untracked(|d| {
        d.household
            .as_ref()
            .and_then(|h| {
                h.members
                    .iter()
                    .find(|m| m.person_number == option)
                    .map(|m| m.name.clone())
            })
            .unwrap_or_else(|| option.to_owned())
    })
}
