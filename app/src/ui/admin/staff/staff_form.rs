//! Adding an account, or changing one's name, roles and department
//! (`/admin/staff?edit=ID`). A new account gets a temporary password, shown once.

use super::Notice;
use crate::api::admin::{create_staff, update_staff};
use crate::model::staff::{StaffInput, StaffOverview};
use crate::ui::common::{server_field_errors, TextField};
use crate::ui::i18n::{m, t, t_name, Catalog};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::use_query_map;
use madoguchi_core::forms::FieldError;

#[component]
pub fn StaffForm(overview: StaffOverview, done: Callback<Notice>) -> impl IntoView {
    let catalog = Catalog::get();
    let query = use_query_map();
    let editing = move || {
        query
            .with(|q| q.get("edit"))
            .and_then(|s| s.parse::<i32>().ok())
    };
    let accounts = StoredValue::new(overview.accounts.clone());
    let username = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let roles = RwSignal::new(Vec::<String>::new());
    let department = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    // Fill the form with the account being edited.
    Effect::new(move |_| {
        let found = editing()
            .and_then(|id| accounts.with_value(|a| a.iter().find(|x| x.id == id).cloned()));
        match found {
            Some(a) => {
                username.set(a.username);
                name.set(a.display_name);
                roles.set(a.roles);
                department.set(a.department_id.unwrap_or_default());
            }
            None => {
                username.set(String::new());
                name.set(String::new());
                roles.set(Vec::new());
                department.set(String::new());
            }
        }
    });
    let err = move |f: &'static str| crate::ui::common::field_error(errors, f);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = StaffInput {
            username: username.get_untracked(),
            display_name: name.get_untracked(),
            roles: roles.get_untracked(),
            department_id: Some(department.get_untracked()).filter(|d| !d.is_empty()),
        };
        let id = editing();
        spawn_local(async move {
            let result = match id {
                Some(id) => update_staff(id, input.clone()).await.map(|()| None),
                None => create_staff(input.clone())
                    .await
                    .map(|r| r.temporary_password),
            };
            match result {
                Ok(Some(password)) => {
                    errors.set(Vec::new());
                    done.run(Notice::Password {
                        username: input.username,
                        password,
                    });
                    username.set(String::new());
                    name.set(String::new());
                    roles.set(Vec::new());
                    department.set(String::new());
                }
                Ok(None) => {
                    errors.set(Vec::new());
                    done.run(Notice::Done(catalog.fill_now(
                        m::admin::staff::done::updated,
                        &[("user", input.username)],
                    )));
                }
                Err(e) => {
                    errors.set(server_field_errors(&e));
                    done.run(Notice::Failed(catalog.app_error(&e)));
                }
            }
        });
    };
    let role_list = overview.roles.clone();
    let departments = overview.departments.clone();
    view! {
        <section aria-labelledby="staff-form-heading">
            <h2 id="staff-form-heading">{move || t(if editing().is_some() { m::admin::staff::edit } else { m::admin::staff::form::add_title })}</h2>
            <form on:submit=submit novalidate class="staff-form">
                <Show when=move || editing().is_none() fallback=move || view! { <p><strong>{t(m::admin::staff::form::username_fixed)}</strong>{username}</p> }>
                    <TextField id="username" label=m::admin::staff::username value=username error=err("username")
                        hint=m::admin::staff::form::username_hint autocomplete="off" required=true/>
                </Show>
                <TextField id="display_name" label=m::admin::staff::display_name value=name error=err("display_name") required=true/>
                <fieldset class="field" class:field-invalid=move || err("roles").get().is_some()>
                    <legend>{t(m::admin::staff::roles)} " " <span class="req">{t(m::admin::staff::form::required)}</span></legend>
                    {move || err("roles").get().map(|e| view! { <p class="error">{e.view()}</p> })}
                    {role_list.iter().map(|r| {
                        let id = r.id.clone();
                        let id_for_check = id.clone();
                        let input_id = format!("role-{}", r.id);
                        let label_for = input_id.clone();
                        view! {
                            <label class="checkbox" for=label_for>
                                <input type="checkbox" id=input_id
                                    prop:checked=move || roles.with(|rs| rs.contains(&id_for_check))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let id = id.clone();
                                        roles.update(|rs| { rs.retain(|x| x != &id); if on { rs.push(id); } });
                                    }/>
                                {t_name("admin.roles", &r.id, r.name.clone())}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
                <div class="field" class:field-invalid=move || err("department_id").get().is_some()>
                    <label for="department_id">{t(m::admin::staff::department)}</label>
                    <p class="hint">{t(m::admin::staff::form::department_hint)}</p>
                    {move || err("department_id").get().map(|e| view! { <p class="error">{e.view()}</p> })}
                    <select id="department_id" prop:value=move || department.get() on:change=move |ev| department.set(event_target_value(&ev))>
                        <option value="">{t(m::admin::staff::form::no_department)}</option>
                        {departments.iter().map(|d| view! { <option value=d.id.clone()>{d.name.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <button type="submit" class="btn btn-primary">{move || t(if editing().is_some() { m::admin::staff::form::save } else { m::admin::staff::form::add })}</button>
                <Show when=move || editing().is_some()>
                    <a class="btn btn-ghost" href="/admin/staff">{t(m::admin::staff::form::cancel)}</a>
                </Show>
            </form>
        </section>
    }
}
