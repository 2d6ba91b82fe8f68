//! The accounts table, with what an administrator can do to each.

use super::{role_name, Notice};
use crate::api::admin::act_on_staff;
use crate::model::staff::{StaffAccount, StaffAction, StaffOverview};
use leptos::prelude::*;
use leptos::task::spawn_local;

fn label(a: StaffAction) -> &'static str {
    match a {
        StaffAction::Disable => "無効にする",
        StaffAction::Enable => "有効にする",
        StaffAction::ResetPassword => "パスワードを再設定",
        StaffAction::ResetFactors => "2段階認証をリセット",
        StaffAction::Unlock => "ロックを解除",
        StaffAction::EndSessions => "サインアウトさせる",
    }
}

fn done_message(a: StaffAction, user: &str) -> String {
    match a {
        StaffAction::Disable => {
            format!("{user} を無効にしました (サインイン中の画面も終了しました)")
        }
        StaffAction::Enable => format!("{user} を有効にしました"),
        StaffAction::ResetPassword => format!("{user} のパスワードを再設定しました"),
        StaffAction::ResetFactors => {
            format!("{user} の2段階認証をリセットしました。次のサインインで設定し直します")
        }
        StaffAction::Unlock => format!("{user} のロックを解除しました"),
        StaffAction::EndSessions => format!("{user} のサインインをすべて終了しました"),
    }
}

/// The account's state as tags: disabled and locked stand out.
fn status(a: &StaffAccount) -> impl IntoView {
    let mut tags = vec![if a.active {
        ("有効", "tag tag-ok")
    } else {
        ("無効", "tag tag-muted")
    }];
    if a.locked {
        tags.push(("ロック中", "tag tag-warn"));
    }
    if a.must_change_password {
        tags.push(("パスワード変更待ち", "tag tag-muted"));
    }
    tags.into_iter()
        .map(|(text, class)| view! { <span class=class>{text}</span> })
        .collect_view()
}

fn factors(a: &StaffAccount) -> String {
    let mut parts = Vec::new();
    if a.totp {
        parts.push("認証アプリ".to_owned());
    }
    if a.passkeys > 0 {
        parts.push(format!("パスキー{}", a.passkeys));
    }
    if parts.is_empty() {
        "未設定".into()
    } else {
        parts.join("・")
    }
}

#[component]
pub fn Accounts(overview: StaffOverview, done: Callback<Notice>) -> impl IntoView {
    let act = move |id: i32, username: String, action: StaffAction| {
        spawn_local(async move {
            done.run(match act_on_staff(id, action).await {
                Ok(r) => match r.temporary_password {
                    Some(password) => Notice::Password { username, password },
                    None => Notice::Done(done_message(action, &username)),
                },
                Err(e) => Notice::Failed(e.message_ja()),
            });
        });
    };
    let rows = overview.accounts.clone();
    view! {
        <section aria-labelledby="accounts-heading">
            <h2 id="accounts-heading">"職員アカウント"</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-label="職員アカウントの表">
            <table class="data">
                <thead><tr>
                    <th scope="col">"ユーザー名"</th><th scope="col">"氏名"</th><th scope="col">"役割"</th>
                    <th scope="col">"課"</th><th scope="col">"状態"</th><th scope="col">"2段階認証"</th>
                    <th scope="col">"サインイン中"</th><th scope="col">"操作"</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|a| {
                        let roles = a.roles.iter().map(|r| role_name(&overview, r)).collect::<Vec<_>>().join("、");
                        let dept = a.department_id.as_ref().and_then(|d| overview.departments.iter().find(|x| &x.id == d)).map(|d| d.name.clone()).unwrap_or_default();
                        let mut actions = vec![
                            if a.active { StaffAction::Disable } else { StaffAction::Enable },
                            StaffAction::ResetPassword,
                            StaffAction::ResetFactors,
                        ];
                        if a.locked { actions.push(StaffAction::Unlock); }
                        if a.sessions > 0 { actions.push(StaffAction::EndSessions); }
                        let (id, username) = (a.id, a.username.clone());
                        view! {
                            <tr>
                                <td>{a.username.clone()}</td><td>{a.display_name.clone()}</td><td>{roles}</td><td>{dept}</td>
                                <td>{status(&a)}</td><td>{factors(&a)}</td><td>{a.sessions}</td>
                                <td>
                                    <details class="row-actions">
                                        <summary>{format!("{} の操作", a.username)}</summary>
                                        {actions.into_iter().map(|action| {
                                            let username = username.clone();
                                            view! {
                                                <button type="button" class="btn btn-secondary btn-small"
                                                    on:click=move |_| act(id, username.clone(), action)>{label(action)}</button>
                                            }
                                        }).collect_view()}
                                        <a class="btn btn-ghost" href=format!("/admin/staff?edit={}", a.id)>"役割・課を編集"</a>
                                    </details>
                                </td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </section>
    }
}
