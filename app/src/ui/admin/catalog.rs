//! The live rule set as staff read it: each procedure with its rules and conditions,
//! and each parameter with its dated values.

use crate::model::admin::RulesOverview;
use crate::ui::i18n::{m, t, t_code, t_date, t_with, Catalog as Messages};
use crate::ui::screening::RulesText;
use leptos::prelude::*;
use madoguchi_core::screening::EventType;

/// The events a rule answers, named and joined (出生・転入).
pub fn event_names(events: &[EventType]) -> impl IntoView {
    events
        .iter()
        .enumerate()
        .map(|(i, e)| view! { {(i > 0).then(|| t(m::admin::rules::events::separator))} {t_code("admin.rules.events", e.id())} })
        .collect_view()
}

#[component]
pub fn Catalog(overview: RulesOverview) -> impl IntoView {
    let catalog = Messages::get();
    catalog.need("rules");
    let rules = overview.rules.clone();
    view! {
        <h2>{t(m::admin::rules::catalog::title)}</h2>
        <table class="catalog">
            <thead><tr><th scope="col">{t(m::admin::rules::catalog::procedure)}</th><th scope="col">{t(m::admin::rules::catalog::department)}</th><th scope="col">{t(m::admin::rules::catalog::rules)}</th></tr></thead>
            <tbody>
                {overview.procedures.into_iter().map(|p| {
                    let mine: Vec<_> = rules.iter().filter(|r| r.procedure == p.id).cloned().collect();
                    view! {
                        <tr>
                            <td><strong><RulesText key=format!("procedures.{}.name", p.id) ja=p.name official=true/></strong><div><code>{p.id.clone()}</code></div></td>
                            <td><RulesText key=format!("departments.{}.name", p.department_id) ja=p.department official=true/></td>
                            <td>{mine.into_iter().map(|r| view! {
                                <div class="rule">
                                    <code>{r.id}</code>
                                    <span class="hint">" (" {event_names(&r.events)} ")"</span>
                                    <ul class="conditions">{r.conditions.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}</ul>
                                    {r.deadline.map(|d| view! { <div class="hint">{t(m::admin::rules::catalog::deadline)}<code>{d}</code></div> })}
                                </div>
                            }).collect_view()}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        <h2>{t(m::admin::rules::catalog::params)}</h2>
        <table class="params">
            <thead><tr><th scope="col">{t(m::admin::rules::catalog::name)}</th><th scope="col">{t(m::admin::rules::catalog::meaning)}</th><th scope="col">{t(m::admin::rules::catalog::periods)}</th></tr></thead>
            <tbody>
                {overview.params.into_iter().map(|p| view! {
                    <tr>
                        <td>
                            <code>{p.name}</code>
                            {p.ends_soon.map(|d| view! { <div><span class="tag tag-warn">{t_with(m::admin::rules::catalog::ends_soon, move || vec![("date", catalog.date(d))])}</span></div> })}
                        </td>
                        <td>{p.label}{p.source.map(|s| view! { <div class="hint">{t_with(m::admin::rules::catalog::source, move || vec![("source", s.clone())])}</div> })}</td>
                        <td><ul class="plain-list">{p.periods.into_iter().map(|x| view! {
                            <li>{t_date(x.from)} "〜" {x.until.map(t_date)} ": " <strong>{x.value}</strong></li>
                        }).collect_view()}</ul></td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
