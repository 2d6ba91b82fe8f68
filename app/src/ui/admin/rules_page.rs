//! `/admin/rules`: the live rule set, its history, an editor whose edits are checked
//! (errors, rule tests, impact on every household) before they are saved, and
//! publishing. Administrators only.

use super::catalog::Catalog;
use super::rule_editor::RuleEditor;
use super::versions::Versions;
use crate::api::admin::rules_overview;
use crate::model::Permission;
use crate::ui::auth::RequireStaff;
use leptos::prelude::*;

#[component]
pub fn RulesPage() -> impl IntoView {
    view! {
        <RequireStaff permission=Permission::RulesEdit>
            <Rules/>
        </RequireStaff>
    }
}

#[component]
fn Rules() -> impl IntoView {
    let overview = LocalResource::new(rules_overview);
    let notice = RwSignal::new(None::<String>);
    let refresh = Callback::new(move |message: String| {
        notice.set(Some(message));
        overview.refetch();
    });
    let saved = Callback::new(move |version: String| {
        overview.refetch();
        notice.set(Some(format!(
            "下書き {version} を保存しました。版の履歴から公開を依頼できます。"
        )));
    });
    view! {
        <h1>"規則の管理"</h1>
        {move || notice.get().map(|n| view! { <div class="alert alert-success" role="status">{n}</div> })}
        <Suspense fallback=|| view! { <p class="loading">"読み込み中…"</p> }>
            {move || overview.get().map(|r| match r {
                Err(e) => view! { <div class="alert alert-error" role="alert">{e.message_ja()}</div> }.into_any(),
                Ok(o) => view! {
                    <p class="lead">"公開中の版: " <strong class="version">{o.live.clone()}</strong></p>
                    {o.scheduled.iter().map(|(day, v)| view! {
                        <p class="alert alert-info scheduled" role="status">{format!("{} から版 {v} に切り替わります", crate::ui::common::ja_date(*day))}</p>
                    }).collect_view()}
                    {o.calendar_warning.clone().map(|w| view! { <div class="alert alert-warning" role="status">{w}</div> })}
                    <Versions versions=o.versions.clone() live=o.live.clone() on_change=refresh/>
                    <RuleEditor base=o.live.clone() params=o.params.iter().map(|p| (p.name.clone(), p.label.clone())).collect() on_saved=saved/>
                    <Catalog overview=o/>
                }.into_any(),
            })}
        </Suspense>
    }
}
