//! The history of the rule set: every version, who made and published it, and a
//! publish button for drafts (refused unless the draft's rule tests pass).

use super::check_report::RuleErrors;
use crate::api::admin::publish_rules;
use crate::error::AppError;
use crate::model::admin::VersionRow;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn Versions(versions: Vec<VersionRow>, on_change: Callback<()>) -> impl IntoView {
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let publish = move |version: String| {
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match publish_rules(version).await {
                Ok(()) => on_change.run(()),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <h2>"版の履歴"</h2>
        {move || error.get().map(|e| view! {
            <div class="alert alert-error" role="alert">{e.message_ja()}</div>
            <RuleErrors error=e/>
        })}
        <table class="versions">
            <thead><tr>
                <th scope="col">"版"</th><th scope="col">"状態"</th><th scope="col">"作成"</th>
                <th scope="col">"公開"</th><th scope="col">"メモ"</th><th scope="col"><span class="visually-hidden">"操作"</span></th>
            </tr></thead>
            <tbody>
                {versions.into_iter().map(|v| {
                    let draft = v.status == "draft";
                    let version = v.version.clone();
                    view! {
                        <tr>
                            <td><code>{v.version.clone()}</code>{v.based_on.map(|b| view! { <div class="hint">{format!("元: {b}")}</div> })}</td>
                            <td>{if draft { "下書き" } else { "公開済み" }}</td>
                            <td>{format!("{} {}", v.created_at, v.created_by)}</td>
                            <td>{v.published_at.map(|t| format!("{t} {}", v.published_by.unwrap_or_default())).unwrap_or_else(|| "—".into())}</td>
                            <td>{v.note}</td>
                            <td>{draft.then(|| view! {
                                <button type="button" class="btn btn-primary" disabled=move || busy.get()
                                    on:click=move |_| publish(version.clone())>"公開する"</button>
                            })}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
