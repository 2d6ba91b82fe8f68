//! A procedure as the resident reads it, on the counter's list and the public
//! navigator's alike.

use super::{PhraseText, RulesText};
use crate::model::ProcedureView;
use crate::ui::i18n::{m, t, Catalog};
use leptos::prelude::*;

/// One procedure the household needs: its name, deadline, where it is handled (and by
/// phone), the benefit, why, what to bring, and whether it can be done online.
#[component]
pub fn ProcedureCard(p: ProcedureView) -> impl IntoView {
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
    let online = pr.online;
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
                {online.then(|| view! { <dt>{t(m::counter::procedures::online)}</dt><dd class="online">{t(m::counter::procedures::online_yes)}</dd> })}
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
pub fn Reasons(
    reasons: Vec<String>,
    phrases: Vec<madoguchi_core::screening::Phrase>,
) -> impl IntoView {
    let mut phrases = phrases.into_iter();
    let lines: Vec<_> = reasons.into_iter().map(|ja| (ja, phrases.next())).collect();
    view! {
        <ul class="reasons">{lines.into_iter().map(|(ja, phrase)| view! { <li><PhraseText ja phrase/></li> }).collect_view()}</ul>
    }
}

/// The procedures ruled out for a reason the household should hear (an income over the
/// limit), each with why; nothing when there are none.
#[component]
pub fn NotApplicableList(list: Vec<madoguchi_core::screening::NotApplicable>) -> impl IntoView {
    (!list.is_empty()).then(|| view! {
        <section class="not-applicable" aria-labelledby="not-applicable-heading">
            <h2 id="not-applicable-heading">{t(m::counter::procedures::not_applicable)}</h2>
            <ul>
                {list.into_iter().map(|n| view! {
                    <li data-procedure=n.id.clone()>
                        <strong><RulesText key=format!("procedures.{}.name", n.id) ja=n.name official=true/></strong>
                        <Reasons reasons=n.reasons phrases=n.reason_phrases/>
                    </li>
                }).collect_view()}
            </ul>
        </section>
    })
}
