//! How the rules decided a procedure: each rule considered, for whom, each condition
//! with whether it held and the values it read.

use leptos::prelude::*;
use madoguchi_core::rules::trace::{Held, Outcome, RuleTrace};

fn outcome_label(o: Outcome) -> &'static str {
    match o {
        Outcome::Applies => "該当",
        Outcome::NotApplicable => "非該当",
        Outcome::Question => "質問待ち",
        Outcome::NoSubject => "対象者なし",
    }
}

fn held_label(h: Held) -> &'static str {
    match h {
        Held::True => "成立",
        Held::False => "不成立",
        Held::Unknown => "不明",
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
                        {r.subject.clone().map(|s| format!(" ・ 対象 {s}"))}
                        <span class=format!("tag tag-{}", held_class(r.outcome))>{outcome_label(r.outcome)}</span>
                    </h3>
                    <table class="trace-table">
                        <thead><tr><th scope="col">"条件"</th><th scope="col">"結果"</th><th scope="col">"読んだ値"</th></tr></thead>
                        <tbody>
                            {r.conditions.into_iter().map(|c| view! {
                                <tr>
                                    <td><code>{c.condition}</code></td>
                                    <td>{held_label(c.result)}</td>
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
