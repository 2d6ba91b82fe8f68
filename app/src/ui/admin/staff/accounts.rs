//! The accounts table, with what an administrator can do to each.

use super::{role_name, Notice};
use crate::api::admin::act_on_staff;
use crate::model::staff::{StaffAccount, StaffAction, StaffOverview};
use crate::ui::i18n::{m, t, t_plain, t_with, Catalog, Key};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// An action's button, and what it says once done.
fn texts(a: StaffAction) -> (Key, Key) {
    use m::admin::staff::{action, done};
    match a {
        StaffAction::Disable => (action::disable, done::disable),
        StaffAction::Enable => (action::enable, done::enable),
        StaffAction::ResetPassword => (action::reset_password, done::reset_password),
        StaffAction::ResetFactors => (action::reset_factors, done::reset_factors),
        StaffAction::Unlock => (action::unlock, done::unlock),
        StaffAction::EndSessions => (action::end_sessions, done::end_sessions),
    }
}

/// The account's state as tags: disabled and locked stand out.
fn status(a: &StaffAccount) -> impl IntoView {
    use m::admin::staff as s;
    let mut tags = vec![if a.active {
        (s::active, "tag tag-ok")
    } else {
        (s::inactive, "tag tag-muted")
    }];
    if a.locked {
        tags.push((s::locked, "tag tag-warn"));
    }
    if a.must_change_password {
        tags.push((s::must_change_password, "tag tag-muted"));
    }
    tags.into_iter()
        .map(|(text, class)| view! { <span class=class>{t(text)}</span> })
        .collect_view()
}

fn factors(a: &StaffAccount) -> impl IntoView {
    use m::admin::staff as s;
    let (totp, passkeys) = (a.totp, a.passkeys);
    let catalog = Catalog::get();
    move || {
        let mut parts = Vec::new();
        if totp {
            parts.push(catalog.raw(s::factor_totp));
        }
        if passkeys > 0 {
            parts.push(catalog.fill(s::factor_passkeys, &[("count", passkeys.to_string())]));
        }
        if parts.is_empty() {
            catalog.raw(s::factor_none)
        } else {
            parts.join(&catalog.raw(s::list_separator))
        }
    }
}

#[component]
pub fn Accounts(overview: StaffOverview, done: Callback<Notice>) -> impl IntoView {
    let catalog = Catalog::get();
    let act = move |id: i32, username: String, action: StaffAction| {
        spawn_local(async move {
            done.run(match act_on_staff(id, action).await {
                Ok(r) => match r.temporary_password {
                    Some(password) => Notice::Password { username, password },
                    None => Notice::Done(catalog.fill_now(texts(action).1, &[("user", username)])),
                },
                Err(e) => Notice::Failed(catalog.app_error(&e)),
            });
        });
    };
    let rows = overview.accounts.clone();
    view! {
        <section aria-labelledby="accounts-heading">
            <h2 id="accounts-heading">{t(m::admin::staff::accounts)}</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-label=t_plain(m::admin::staff::accounts_table)>
            <table class="data">
                <thead><tr>
                    <th scope="col">{t(m::admin::staff::username)}</th><th scope="col">{t(m::admin::staff::display_name)}</th>
                    <th scope="col">{t(m::admin::staff::roles)}</th><th scope="col">{t(m::admin::staff::department)}</th>
                    <th scope="col">{t(m::admin::staff::state)}</th><th scope="col">{t(m::admin::staff::factors)}</th>
                    <th scope="col">{t(m::admin::staff::sessions_count)}</th><th scope="col">{t(m::admin::staff::actions)}</th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|a| {
                        let separator = t(m::admin::staff::list_separator);
                        let roles = a.roles.iter().enumerate().map(|(i, r)| view! { {(i > 0).then_some(separator)} {role_name(&overview, r)} }).collect_view();
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
                                        <summary>{let user = a.username.clone(); t_with(m::admin::staff::actions_of, move || vec![("user", user.clone())])}</summary>
                                        {actions.into_iter().map(|action| {
                                            let username = username.clone();
                                            view! {
                                                <button type="button" class="btn btn-secondary btn-small"
                                                    on:click=move |_| act(id, username.clone(), action)>{t(texts(action).0)}</button>
                                            }
                                        }).collect_view()}
                                        <a class="btn btn-ghost" href=format!("/admin/staff?edit={}", a.id)>{t(m::admin::staff::edit)}</a>
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
