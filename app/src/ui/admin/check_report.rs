//! The result of checking an edit: errors with file and line, the rule tests, and the
//! impact preview (counts per procedure, then the households).

use crate::error::AppError;
use crate::model::admin::CheckReport;
use crate::ui::i18n::{m, t, t_code, t_with, Catalog};
use leptos::prelude::*;
use madoguchi_core::rules::RuleError;

fn error_list(errors: Vec<RuleError>) -> impl IntoView {
    let catalog = Catalog::get();
    catalog.need("rule_errors");
    view! {
        <ul class="rule-errors">
            {errors.into_iter().map(|e| view! {
                <li>
                    <code>{if e.line > 0 { format!("{}:{}:{}", e.file, e.line, e.column) } else { e.file.clone() }}</code>
                    " "{move || catalog.diagnostic(&e.message)}
                </li>
            }).collect_view()}
        </ul>
    }
}

/// The rule errors an `invalid_rules` error carries.
#[component]
pub fn RuleErrors(error: AppError) -> impl IntoView {
    match error {
        AppError::InvalidRules { errors } => Some(error_list(errors)),
        _ => None,
    }
}

#[component]
pub fn CheckReportView(report: CheckReport) -> impl IntoView {
    let catalog = Catalog::get();
    catalog.need("rule_errors");
    if !report.errors.is_empty() {
        return view! {
            <section class="check-report" aria-labelledby="check-title">
                <h3 id="check-title">{t(m::admin::rules::check::invalid)}</h3>
                {error_list(report.errors)}
            </section>
        }
        .into_any();
    }
    let failed = report.tests_failed.len();
    view! {
        <section class="check-report" aria-labelledby="check-title">
            <h3 id="check-title">{t(m::admin::rules::check::title)}</h3>
            <p>
                {let passed = report.tests_passed.to_string(); t_with(m::admin::rules::check::tests, move || vec![("count", passed.clone())])}
                {(failed > 0).then(|| view! { <strong class="error-text">{t_with(m::admin::rules::check::failed, move || vec![("count", failed.to_string())])}</strong> })}
            </p>
            {(failed > 0).then(|| view! {
                <ul class="rule-errors">
                    {report.tests_failed.into_iter().map(|c| view! {
                        <li><code>{c.file}</code>" "{c.name}<ul>{c.failures.into_iter().map(|f| view! { <li>{move || catalog.diagnostic(&f)}</li> }).collect_view()}</ul></li>
                    }).collect_view()}
                </ul>
            })}
            {report.impact.map(|i| view! {
                <h4>{t(m::admin::rules::check::impact)}</h4>
                <p class="hint">
                    {let values = vec![
                        ("households", i.households.to_string()),
                        ("screenings", i.screenings.to_string()),
                        ("seconds", format!("{:.1}", report.impact_seconds)),
                    ];
                    t_with(m::admin::rules::check::impact_summary, move || values.clone())}
                    {if i.events.is_empty() {
                        t(m::admin::rules::check::no_events).into_any()
                    } else {
                        super::catalog::event_names(&i.events).into_any()
                    }}
                </p>
                {if i.procedures.is_empty() {
                    view! { <p><strong>{t(m::admin::rules::check::unchanged)}</strong></p> }.into_any()
                } else {
                    view! {
                        <table class="impact">
                            <thead><tr><th scope="col">{t(m::admin::rules::check::procedure)}</th><th scope="col">{t(m::admin::rules::check::gained)}</th><th scope="col">{t(m::admin::rules::check::lost)}</th><th scope="col">{t(m::admin::rules::check::changed)}</th></tr></thead>
                            <tbody>{i.procedures.into_iter().map(|p| view! {
                                <tr><td>{p.name}<div><code>{p.procedure}</code></div></td><td>{p.gained}</td><td>{p.lost}</td><td>{p.changed}</td></tr>
                            }).collect_view()}</tbody>
                        </table>
                        <h4>{let values = vec![("total", i.total_changes.to_string()), ("shown", i.changes.len().to_string())]; t_with(m::admin::rules::check::changes, move || values.clone())}</h4>
                        <table class="impact-list">
                            <thead><tr>
                                <th scope="col">{t(m::admin::rules::check::household)}</th><th scope="col">{t(m::admin::rules::check::event)}</th>
                                <th scope="col">{t(m::admin::rules::check::procedure)}</th><th scope="col">{t(m::admin::rules::check::subject)}</th>
                                <th scope="col">{t(m::admin::rules::check::change)}</th><th scope="col">{t(m::admin::rules::check::before)}</th>
                                <th scope="col">{t(m::admin::rules::check::after)}</th>
                            </tr></thead>
                            <tbody>{i.changes.into_iter().map(|c| view! {
                                <tr>
                                    <td>{c.household}</td><td>{t_code("admin.rules.events", c.event.id())}</td><td>{c.name}</td>
                                    <td>{c.subject.unwrap_or_default()}</td>
                                    <td>{t(match c.kind.as_str() { "gained" => m::admin::rules::check::gained, "lost" => m::admin::rules::check::lost, _ => m::admin::rules::check::kind_changed })}</td>
                                    <td>{c.before}</td><td>{c.after}</td>
                                </tr>
                            }).collect_view()}</tbody>
                        </table>
                    }.into_any()
                }}
            })}
        </section>
    }
    .into_any()
}
