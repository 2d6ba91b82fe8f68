//! `/admin/staff`: staff accounts (create, edit roles and department, disable, reset a
//! password or the second factors, unlock, sign out), the departments, the open
//! sessions, and which role grants which permission.

mod accounts;
mod departments;
mod roles_matrix;
mod sessions;
mod staff_form;

use crate::api::admin::staff_overview;
use crate::model::Permission;
use crate::ui::auth::RequireStaff;
use crate::ui::i18n::{m, t, t_name, t_with, Catalog};
use leptos::prelude::*;

#[component]
pub fn StaffPage() -> impl IntoView {
    Catalog::get().staff_page("admin");
    view! {
        <RequireStaff permission=Permission::StaffManage>
            <Staff/>
        </RequireStaff>
    }
}

/// A message for the administrator after an action (a temporary password, an error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    Done(String),
    Password { username: String, password: String },
    Failed(String),
}

#[component]
fn Staff() -> impl IntoView {
    let catalog = Catalog::get();
    let overview = LocalResource::new(staff_overview);
    let notice = RwSignal::new(None::<Notice>);
    let reload = Callback::new(move |n: Notice| {
        // A refusal changed nothing: the form keeps what was typed and its errors.
        if !matches!(n, Notice::Failed(_)) {
            overview.refetch();
        }
        notice.set(Some(n));
        crate::ui::common::focus("staff-notice");
    });
    view! {
        <h1>{t(m::admin::staff::title)}</h1>
        <div id="staff-notice" tabindex="-1">
            {move || notice.get().map(|n| match n {
                Notice::Done(m) => view! { <div class="alert alert-success" role="status">{m}</div> }.into_any(),
                Notice::Password { username, password } => view! {
                    <div class="alert alert-warning" role="status">
                        <p><strong>{t_with(m::admin::staff::temporary_password, move || vec![("user", username.clone())])}</strong><code class="temporary-password">{password}</code></p>
                        <p>{t(m::admin::staff::temporary_password_note)}</p>
                    </div>
                }.into_any(),
                Notice::Failed(m) => view! { <div class="alert alert-error" role="alert">{m}</div> }.into_any(),
            })}
        </div>
        <Suspense fallback=|| view! { <p class="loading">{t(m::staff::loading)}</p> }>
            {move || overview.get().map(|r| match r {
                Err(e) => view! { <div class="alert alert-error" role="alert">{catalog.app_error(&e)}</div> }.into_any(),
                Ok(o) => view! {
                    <accounts::Accounts overview=o.clone() done=reload/>
                    <staff_form::StaffForm overview=o.clone() done=reload/>
                    <sessions::Sessions sessions=o.sessions.clone() done=reload/>
                    <departments::Departments departments=o.departments.clone() done=reload/>
                    <roles_matrix::RolesMatrix overview=o/>
                }.into_any(),
            })}
        </Suspense>
    }
}

/// A role's name: the catalog's for the roles Madoguchi ships, else the one the city
/// gave it (from the overview).
pub fn role_name(o: &crate::model::staff::StaffOverview, id: &str) -> impl IntoView + Clone {
    let given = o
        .roles
        .iter()
        .find(|r| r.id == id)
        .map_or_else(|| id.to_owned(), |r| r.name.clone());
    t_name("admin.roles", id, given)
}
