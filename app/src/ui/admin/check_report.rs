//! The result of checking an edit: errors with file and line, the rule tests, and the
//! impact preview (counts per procedure, then the households).

use crate::error::AppError;
use crate::model::admin::CheckReport;
use leptos::prelude::*;
use madoguchi_core::rules::RuleError;

fn error_list(errors: Vec<RuleError>) -> impl IntoView {
    view! {
        <ul class="rule-errors">
            {errors.into_iter().map(|e| view! {
                <li>
                    <code>{if e.line > 0 { format!("{}:{}:{}", e.file, e.line, e.column) } else { e.file.clone() }}</code>
                    " "{e.message}
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
    if !report.errors.is_empty() {
        return view! {
            <section class="check-report" aria-labelledby="check-title">
                <h3 id="check-title">"誤りがあります (保存できません)"</h3>
                {error_list(report.errors)}
            </section>
        }
        .into_any();
    }
    let failed = report.tests_failed.len();
    view! {
        <section class="check-report" aria-labelledby="check-title">
            <h3 id="check-title">"確認の結果"</h3>
            <p>
                {format!("規則のテスト: {} 件成功", report.tests_passed)}
                {(failed > 0).then(|| view! { <strong class="error-text">{format!("、{failed} 件失敗 (公開できません)")}</strong> })}
            </p>
            {(failed > 0).then(|| view! {
                <ul class="rule-errors">
                    {report.tests_failed.into_iter().map(|c| view! {
                        <li><code>{c.file}</code>" "{c.name}<ul>{c.failures.into_iter().map(|f| view! { <li>{f}</li> }).collect_view()}</ul></li>
                    }).collect_view()}
                </ul>
            })}
            {report.impact.map(|i| view! {
                <h4>"影響 (市内の全世帯を現在と編集後の規則で判定)"</h4>
                <p class="hint">{format!(
                    "{} 世帯、{} 回の判定 ({:.1} 秒)。対象の出来事: {}",
                    i.households, i.screenings, report.impact_seconds,
                    if i.events.is_empty() { "なし (判定は変わりません)".to_string() } else { i.events.iter().map(|e| e.label_ja()).collect::<Vec<_>>().join("・") }
                )}</p>
                {if i.procedures.is_empty() {
                    view! { <p><strong>"どの世帯の手続きも変わりません。"</strong></p> }.into_any()
                } else {
                    view! {
                        <table class="impact">
                            <thead><tr><th scope="col">"手続き"</th><th scope="col">"増える"</th><th scope="col">"減る"</th><th scope="col">"期限・金額が変わる"</th></tr></thead>
                            <tbody>{i.procedures.into_iter().map(|p| view! {
                                <tr><td>{p.name}<div><code>{p.procedure}</code></div></td><td>{p.gained}</td><td>{p.lost}</td><td>{p.changed}</td></tr>
                            }).collect_view()}</tbody>
                        </table>
                        <h4>{format!("変わる世帯 ({} 件中 {} 件を表示)", i.total_changes, i.changes.len())}</h4>
                        <table class="impact-list">
                            <thead><tr><th scope="col">"世帯番号"</th><th scope="col">"出来事"</th><th scope="col">"手続き"</th><th scope="col">"対象"</th><th scope="col">"変化"</th><th scope="col">"前"</th><th scope="col">"後"</th></tr></thead>
                            <tbody>{i.changes.into_iter().map(|c| view! {
                                <tr>
                                    <td>{c.household}</td><td>{c.event.label_ja()}</td><td>{c.name}</td>
                                    <td>{c.subject.unwrap_or_default()}</td>
                                    <td>{match c.kind.as_str() { "gained" => "増える", "lost" => "減る", _ => "変わる" }}</td>
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
