//! The open sessions, each of which an administrator can end.

use super::Notice;
use crate::api::admin::end_staff_session;
use crate::model::staff::SessionInfo;
use leptos::prelude::*;
use leptos::task::spawn_local;

fn state_label(s: &str) -> &'static str {
    match s {
        "full" => "サインイン中",
        "second_factor" => "本人確認待ち",
        "change_password" => "パスワード変更待ち",
        "enrol" => "2段階認証の設定待ち",
        _ => "不明",
    }
}

/// How the staff member signed in, in words.
fn method_label(m: &str) -> String {
    m.split('+')
        .map(|p| match p {
            "password" => "パスワード",
            "totp" => "認証アプリ",
            "recovery" => "リカバリーコード",
            "passkey" => "パスキー",
            other => other,
        })
        .collect::<Vec<_>>()
        .join(" + ")
}

/// The browser and system from a User-Agent, e.g. "Chrome 156 / Linux".
pub fn browser_of(ua: &str) -> String {
    let browser = ["Edg/", "Firefox/", "Chrome/", "Version/"]
        .iter()
        .find_map(|key| {
            ua.split(key).nth(1).map(|rest| {
                let version = rest.split(['.', ' ']).next().unwrap_or("");
                let name = match *key {
                    "Edg/" => "Edge",
                    "Firefox/" => "Firefox",
                    "Chrome/" => "Chrome",
                    _ => "Safari",
                };
                format!("{name} {version}")
            })
        })
        .unwrap_or_else(|| "不明なブラウザ".into());
    let system = [
        "Android", "iPad", "iPhone", "Windows", "Mac OS", "CrOS", "Linux",
    ]
    .iter()
    .find(|s| ua.contains(*s))
    .map_or("", |s| match *s {
        "Mac OS" => "macOS",
        "CrOS" => "ChromeOS",
        other => other,
    });
    if system.is_empty() {
        browser
    } else {
        format!("{browser} / {system}")
    }
}

#[component]
pub fn Sessions(sessions: Vec<SessionInfo>, done: Callback<Notice>) -> impl IntoView {
    let end = move |id: String, who: String| {
        spawn_local(async move {
            done.run(match end_staff_session(id).await {
                Ok(()) => Notice::Done(format!("{who} のセッションを終了しました")),
                Err(e) => Notice::Failed(e.message_ja()),
            });
        });
    };
    view! {
        <section aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">"サインイン中のセッション"</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-label="セッションの表">
            <table class="data">
                <thead><tr>
                    <th scope="col">"職員"</th><th scope="col">"状態"</th><th scope="col">"方法"</th>
                    <th scope="col">"開始"</th><th scope="col">"最終操作"</th><th scope="col">"接続元"</th>
                    <th scope="col">"ブラウザ"</th><th scope="col"><span class="visually-hidden">"操作"</span></th>
                </tr></thead>
                <tbody>
                    {sessions.into_iter().map(|s| {
                        let (id, who) = (s.id.clone(), s.display_name.clone());
                        view! {
                            <tr>
                                <td>{s.display_name} " (" {s.username} ")"</td><td>{state_label(&s.state)}</td><td>{method_label(&s.method)}</td>
                                <td>{s.created_at}</td><td>{s.last_seen_at}</td><td>{s.origin}</td>
                                <td title=s.user_agent.clone()>{browser_of(&s.user_agent)}</td>
                                <td><button type="button" class="btn btn-secondary btn-small" on:click=move |_| end(id.clone(), who.clone())>"終了させる"</button></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </section>
    }
}
