//! The history of the rule set: every version, where it stands (draft, waiting for a
//! second administrator, returned, published, in force from a day), and what can be
//! done with it: put a draft up for publication, review a pending one, roll back to an
//! earlier published one.

use super::check_report::RuleErrors;
use super::merge_panel::MergePanel;
use super::publish_request::PublishRequestForm;
use super::review_panel::ReviewPanel;
use crate::api::admin::rollback_rules;
use crate::error::AppError;
use crate::model::admin::VersionRow;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// What the administrator opened below the table.
#[derive(Debug, Clone, PartialEq)]
enum Open {
    None,
    Request(String),
    Review(String),
    Merge(String),
}

fn status_ja(v: &VersionRow, live: &str) -> String {
    match v.status.as_str() {
        "draft" => "下書き".into(),
        "pending" => "承認待ち".into(),
        "returned" => "差し戻し".into(),
        "proposed" => "リリースの提案".into(),
        "merged" => "リリースの提案 (統合済み)".into(),
        "published" if v.version == live => "公開中".into(),
        "published" => match v.effective_from {
            Some(d) => format!("公開済み ({}から)", crate::ui::common::ja_date(d)),
            None => "公開済み".into(),
        },
        other => other.into(),
    }
}

#[component]
pub fn Versions(
    versions: Vec<VersionRow>,
    live: String,
    on_change: Callback<String>,
) -> impl IntoView {
    let error = RwSignal::new(None::<AppError>);
    let open = RwSignal::new(Open::None);
    let rollback = move |to: String| {
        error.set(None);
        spawn_local(async move {
            match rollback_rules(to.clone()).await {
                Ok(v) => {
                    open.set(Open::Request(v.clone()));
                    on_change.run(format!(
                        "{to} に戻す下書き {v} を作りました。公開を依頼してください。"
                    ));
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let done = Callback::new(move |message: String| {
        open.set(Open::None);
        on_change.run(message);
    });
    view! {
        <h2>"版の履歴"</h2>
        <p class="hint">"公開は2人で行います。変更した人が公開を依頼し、別の管理者が差分と影響を確かめて承認します。"</p>
        {move || error.get().map(|e| view! {
            <div class="alert alert-error" role="alert">{e.message_ja()}</div>
            <RuleErrors error=e/>
        })}
        <table class="versions">
            <thead><tr>
                <th scope="col">"版"</th><th scope="col">"状態"</th><th scope="col">"作成"</th>
                <th scope="col">"依頼・承認"</th><th scope="col">"メモ"</th><th scope="col"><span class="visually-hidden">"操作"</span></th>
            </tr></thead>
            <tbody>
                {versions.into_iter().map(|v| {
                    let status = status_ja(&v, &live);
                    let version = v.version.clone();
                    let action = match v.status.as_str() {
                        "draft" | "returned" => {
                            let version = version.clone();
                            Some(view! { <button type="button" class="btn btn-primary" on:click=move |_| open.set(Open::Request(version.clone()))>"公開を依頼"</button> }.into_any())
                        }
                        "pending" => {
                            let version = version.clone();
                            Some(view! { <button type="button" class="btn btn-primary" on:click=move |_| open.set(Open::Review(version.clone()))>"確認して承認"</button> }.into_any())
                        }
                        "proposed" | "merged" => {
                            let version = version.clone();
                            Some(view! { <button type="button" class="btn btn-primary" on:click=move |_| open.set(Open::Merge(version.clone()))>"市の変更と統合"</button> }.into_any())
                        }
                        "published" if v.version != live => {
                            let version = version.clone();
                            Some(view! { <button type="button" class="btn btn-secondary" on:click=move |_| rollback(version.clone())>"この版に戻す"</button> }.into_any())
                        }
                        _ => None,
                    };
                    view! {
                        <tr data-version=version.clone() data-status=v.status.clone()>
                            <td><code>{v.version.clone()}</code>{v.based_on.map(|b| view! { <div class="hint">{format!("元: {b}")}</div> })}</td>
                            <td class="version-status">{status}</td>
                            <td>{format!("{} {}", v.created_at, v.created_by)}</td>
                            <td>
                                {v.requested_by.map(|r| view! { <div>{format!("依頼: {r}")}</div> })}
                                {v.published_at.map(|t| view! { <div>{format!("承認: {t} {}", v.published_by.unwrap_or_default())}</div> })}
                            </td>
                            <td>{v.note}{v.review_note.map(|n| view! { <div class="error-text">{format!("差し戻しの理由: {n}")}</div> })}</td>
                            <td>{action}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        {move || match open.get() {
            Open::None => None,
            Open::Request(v) => Some(view! { <PublishRequestForm version=v done/> }.into_any()),
            Open::Review(v) => Some(view! { <ReviewPanel version=v done/> }.into_any()),
            Open::Merge(v) => Some(view! { <MergePanel version=v done/> }.into_any()),
        }}
    }
}
