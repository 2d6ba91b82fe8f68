//! How the rules decided a procedure: each rule considered, for whom, each condition
//! with whether it held and the values it read.

use crate::ui::i18n::{m, t, t_with, Key};
use leptos::prelude::*;
use madoguchi_core::rules::trace::{Held, Outcome, RuleTrace};

fn outcome_label(o: Outcome) -> Key {
    match o {
        Outcome::Applies => m::staff::trace::outcome::applies,
        Outcome::NotApplicable => m::staff::trace::outcome::not_applicable,
        Outcome::Question => m::staff::trace::outcome::question,
        Outcome::NoSubject => m::staff::trace::outcome::no_subject,
    }
}

fn held_label(h: Held) -> Key {
    match h {
        Held::True => m::staff::trace::held::holds,
        Held::False => m::staff::trace::held::fails,
        Held::Unknown => m::staff::trace::held::unknown,
    }
}

#[component]
pub fn TraceView(rules: Vec<RuleTrace>) -> impl IntoView {
    view! {
        <div class="trace">
            {rules.into_iter().map(|r| view! {
                <section class="trace-rule">
                    <h3>
                        <code>{r.rule.clone()}</code>
                        {r.subject.clone().map(|s| t_with(m::staff::trace::subject, move || vec![("name", s.clone())]))}
                        <span class=format!("tag tag-{}", held_class(r.outcome))>{t(outcome_label(r.outcome))}</span>
                    </h3>
                    <table class="trace-table">
                        <thead><tr><th scope="col">{t(m::staff::trace::condition)}</th><th scope="col">{t(m::staff::trace::result)}</th><th scope="col">{t(m::staff::trace::values)}</th></tr></thead>
                        <tbody>
                            {r.conditions.into_iter().map(|c| view! {
                                <tr>
                                    <td><code>{c.condition}</code></td>
                                    <td>{t(held_label(c.result))}</td>
                                    <td>{c.values.into_iter().map(|v| view! { <span class="trace-value"><code>{v.expr}</code>" = "{v.value}</span> }).collect_view()}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </section>
            }).collect_view()}
        </div>
    }
}

fn held_class(o: Outcome) -> &'static str {
    match o {
        Outcome::Applies => "ok",
        Outcome::Question => "warn",
        _ => "muted",
    }
}
