//! The list of applications routed to this department, newest first.

use crate::api::staff::list_applications;
use crate::model::Permission;
use crate::ui::auth::RequireStaff;
use crate::ui::common::ja_date;
use leptos::prelude::*;

#[component]
pub fn QueuePage() -> impl IntoView {
    view! {
        <RequireStaff permission=Permission::QueueRead>
            <Queue/>
        </RequireStaff>
    }
}

#[component]
fn Queue() -> impl IntoView {
    let apps = LocalResource::new(list_applications);
    view! {
        <h1>"受付一覧"</h1>
        <Suspense fallback=|| view! { <p class="loading">"読み込み中…"</p> }>
            {move || apps.get().map(|r| match r {
                Err(e) => view! { <div class="alert alert-error" role="alert">{e.message_ja()}</div> }.into_any(),
                Ok(list) if list.is_empty() => view! { <p>"届いている申請はありません。"</p> }.into_any(),
                Ok(list) => view! {
                    <table class="queue">
                        <thead>
                            <tr>
                                <th scope="col">"受付日時"</th><th scope="col">"手続き"</th><th scope="col">"対象の方"</th>
                                <th scope="col">"期限"</th><th scope="col">"状態"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {list.into_iter().map(|a| view! {
                                <tr>
                                    <td>{a.created_at}</td>
                                    <td><a href=format!("/staff/applications/{}", a.id)>{a.procedure_name}</a></td>
                                    <td>{a.subject_name}</td>
                                    <td>{a.deadline.map_or_else(|| "—".to_string(), ja_date)}</td>
                                    <td>{status_label(&a.status)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
            })}
        </Suspense>
    }
}

pub fn status_label(s: &str) -> &'static str {
    match s {
        "submitted" => "受付済み",
        "in_progress" => "処理中",
        "returned" => "差し戻し",
        "completed" => "完了",
        _ => "—",
    }
}
