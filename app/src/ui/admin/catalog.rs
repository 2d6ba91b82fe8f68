//! The live rule set as staff read it: each procedure with its rules and conditions,
//! and each parameter with its dated values.

use crate::model::admin::RulesOverview;
use crate::ui::common::ja_date;
use leptos::prelude::*;

#[component]
pub fn Catalog(overview: RulesOverview) -> impl IntoView {
    let rules = overview.rules.clone();
    view! {
        <h2>"手続きと規則"</h2>
        <table class="catalog">
            <thead><tr><th scope="col">"手続き"</th><th scope="col">"担当課"</th><th scope="col">"規則 (出来事・条件・期限)"</th></tr></thead>
            <tbody>
                {overview.procedures.into_iter().map(|p| {
                    let mine: Vec<_> = rules.iter().filter(|r| r.procedure == p.id).cloned().collect();
                    view! {
                        <tr>
                            <td><strong>{p.name}</strong><div><code>{p.id}</code></div></td>
                            <td>{p.department}</td>
                            <td>{mine.into_iter().map(|r| view! {
                                <div class="rule">
                                    <code>{r.id}</code>
                                    <span class="hint">{format!(" ({})", r.events.iter().map(|e| e.label_ja()).collect::<Vec<_>>().join("・"))}</span>
                                    <ul class="conditions">{r.conditions.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}</ul>
                                    {r.deadline.map(|d| view! { <div class="hint">"期限: "<code>{d}</code></div> })}
                                </div>
                            }).collect_view()}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        <h2>"パラメータ (金額・年齢・期限・日付)"</h2>
        <table class="params">
            <thead><tr><th scope="col">"名前"</th><th scope="col">"内容"</th><th scope="col">"期間と値"</th></tr></thead>
            <tbody>
                {overview.params.into_iter().map(|p| view! {
                    <tr>
                        <td>
                            <code>{p.name}</code>
                            {p.ends_soon.map(|d| view! { <div><span class="tag tag-warn">{format!("{}で終了 — 次の値を確認してください", ja_date(d))}</span></div> })}
                        </td>
                        <td>{p.label}{p.source.map(|s| view! { <div class="hint">{format!("出典: {s}")}</div> })}</td>
                        <td><ul class="plain-list">{p.periods.into_iter().map(|x| view! {
                            <li>{format!("{}〜{}: ", ja_date(x.from), x.until.map(ja_date).unwrap_or_default())}<strong>{x.value}</strong></li>
                        }).collect_view()}</ul></td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
}
