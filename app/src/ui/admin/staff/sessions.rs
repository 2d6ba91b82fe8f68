//! The open sessions, each of which an administrator can end.

use super::Notice;
use crate::api::admin::end_staff_session;
use crate::model::staff::SessionInfo;
use crate::ui::i18n::{m, t, t_code, t_plain, Catalog};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// How the staff member signed in, in words: `password+totp` names each step.
fn method_label(method: &str) -> impl IntoView {
    method
        .split('+')
        .enumerate()
        .map(|(i, step)| {
            view! { {(i > 0).then_some(" + ")} {t_code("admin.staff.sessions.methods", step)} }
        })
        .collect_view()
}

/// The browser and system from a User-Agent, e.g. "Chrome 156 / Linux"; `None` for a
/// browser it does not know.
pub fn browser_of(ua: &str) -> Option<String> {
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
        })?;
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
    Some(if system.is_empty() {
        browser
    } else {
        format!("{browser} / {system}")
    })
}

#[component]
pub fn Sessions(sessions: Vec<SessionInfo>, done: Callback<Notice>) -> impl IntoView {
    let catalog = Catalog::get();
    let end = move |id: String, who: String| {
        spawn_local(async move {
            done.run(match end_staff_session(id).await {
                Ok(()) => Notice::Done(
                    catalog.fill_now(m::admin::staff::done::session_ended, &[("user", who)]),
                ),
                Err(e) => Notice::Failed(catalog.app_error(&e)),
            });
        });
    };
    view! {
        <section aria-labelledby="sessions-heading">
            <h2 id="sessions-heading">{t(m::admin::staff::sessions::title)}</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-label=t_plain(m::admin::staff::sessions::table)>
            <table class="data">
                <thead><tr>
                    <th scope="col">{t(m::admin::staff::sessions::who)}</th><th scope="col">{t(m::admin::staff::sessions::state)}</th>
                    <th scope="col">{t(m::admin::staff::sessions::method)}</th><th scope="col">{t(m::admin::staff::sessions::started)}</th>
                    <th scope="col">{t(m::admin::staff::sessions::last_seen)}</th><th scope="col">{t(m::admin::staff::sessions::origin)}</th>
                    <th scope="col">{t(m::admin::staff::sessions::browser)}</th><th scope="col"><span class="visually-hidden">{t(m::admin::staff::actions)}</span></th>
                </tr></thead>
                <tbody>
                    {sessions.into_iter().map(|s| {
                        let (id, who) = (s.id.clone(), s.display_name.clone());
                        view! {
                            <tr>
                                <td>{s.display_name} " (" {s.username} ")"</td><td>{t_code("admin.staff.sessions.states", &s.state)}</td><td>{method_label(&s.method)}</td>
                                <td>{s.created_at}</td><td>{s.last_seen_at}</td><td>{s.origin}</td>
                                <td title=s.user_agent.clone()>{match browser_of(&s.user_agent) {
                                    Some(b) => b.into_any(),
                                    None => t(m::admin::staff::sessions::unknown_browser).into_any(),
                                }}</td>
                                <td><button type="button" class="btn btn-secondary btn-small" on:click=move |_| end(id.clone(), who.clone())>{t(m::admin::staff::sessions::end)}</button></td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </section>
    }
}
