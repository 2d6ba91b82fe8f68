//! `/admin/integration`: the business systems' API keys — create one for a department
//! (read, or read and status updates; the whole key shown once), see when each was
//! last used, revoke it; and the departments' webhooks (`webhooks_panel`).

use super::notice::{reporter, Notice, NoticeArea};
use super::webhooks_panel::WebhooksPanel;
use crate::api::admin::{create_api_key, integration_overview, revoke_api_key};
use crate::model::integration::{ApiKeyView, IntegrationOverview, NewApiKey};
use crate::model::Permission;
use crate::ui::auth::RequireStaff;
use crate::ui::common::{server_field_errors, TextField};
use crate::ui::i18n::{m, t, t_plain, t_with, Catalog};
use leptos::prelude::*;
use leptos::task::spawn_local;
use madoguchi_core::forms::FieldError;

#[component]
pub fn IntegrationPage() -> impl IntoView {
    Catalog::get().staff_page("admin");
    view! {
        <RequireStaff permission=Permission::IntegrationManage>
            <Integration/>
        </RequireStaff>
    }
}

#[component]
fn Integration() -> impl IntoView {
    let catalog = Catalog::get();
    let overview = LocalResource::new(integration_overview);
    let notice = RwSignal::new(None::<Notice>);
    let done = reporter(notice, "integration-notice", move || overview.refetch());
    view! {
        <h1>{t(m::admin::integration::title)}</h1>
        <p class="lead">{t(m::admin::integration::lead)}</p>
        <p><a href="/api/v1/openapi.json" rel="external">{t(m::admin::integration::docs)}</a></p>
        <NoticeArea id="integration-notice" notice/>
        <Suspense fallback=|| view! { <p class="loading">{t(m::staff::loading)}</p> }>
            {move || overview.get().map(|r| match r {
                Err(e) => view! { <div class="alert alert-error" role="alert">{catalog.app_error(&e)}</div> }.into_any(),
                Ok(o) => view! {
                    <KeyForm overview=o.clone() done/>
                    <KeyTable keys=o.keys done/>
                    <WebhooksPanel departments=o.departments/>
                }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn KeyForm(overview: IntegrationOverview, done: Callback<Notice>) -> impl IntoView {
    let catalog = Catalog::get();
    let system = RwSignal::new(String::new());
    let department = RwSignal::new(
        overview
            .departments
            .first()
            .map(|(id, _)| id.clone())
            .unwrap_or_default(),
    );
    let can_write = RwSignal::new(false);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let err = move |f: &'static str| crate::ui::common::field_error(errors, f);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = NewApiKey {
            system: system.get_untracked(),
            department_id: department.get_untracked(),
            can_write: can_write.get_untracked(),
        };
        spawn_local(async move {
            match create_api_key(input).await {
                Ok(created) => {
                    errors.set(Vec::new());
                    system.set(String::new());
                    done.run(Notice::Secret {
                        heading: catalog.fill_now(
                            m::admin::integration::form::created,
                            &[("system", created.view.system)],
                        ),
                        value: created.key,
                        value_id: "new-api-key",
                        note: m::admin::integration::form::created_note,
                    });
                }
                Err(e) => {
                    errors.set(server_field_errors(&e));
                    done.run(Notice::Failed(catalog.app_error(&e)));
                }
            }
        });
    };
    view! {
        <section aria-labelledby="key-form-heading">
            <h2 id="key-form-heading">{t(m::admin::integration::form::title)}</h2>
            <form on:submit=submit novalidate class="staff-form">
                <TextField id="system" label=m::admin::integration::form::system value=system error=err("system")
                    hint=m::admin::integration::form::system_hint autocomplete="off" required=true/>
                <div class="field" class:field-invalid=move || err("department_id").get().is_some()>
                    <label for="key-department">{t(m::admin::integration::form::department)}</label>
                    {move || err("department_id").get().map(|e| view! { <p class="error">{e.view()}</p> })}
                    <select id="key-department" prop:value=move || department.get() on:change=move |ev| department.set(event_target_value(&ev))>
                        {overview.departments.iter().map(|(id, name)| view! { <option value=id.clone()>{name.clone()}</option> }).collect_view()}
                    </select>
                </div>
                <label class="checkbox" for="key-write">
                    <input type="checkbox" id="key-write" prop:checked=move || can_write.get()
                        on:change=move |ev| can_write.set(event_target_checked(&ev))/>
                    {t(m::admin::integration::form::can_write)}
                </label>
                <button type="submit" class="btn btn-primary">{t(m::admin::integration::form::create)}</button>
            </form>
        </section>
    }
}

#[component]
fn KeyTable(keys: Vec<ApiKeyView>, done: Callback<Notice>) -> impl IntoView {
    let catalog = Catalog::get();
    let revoke = move |id: i32, system: String| {
        spawn_local(async move {
            done.run(match revoke_api_key(id).await {
                Ok(()) => Notice::Done(
                    catalog.fill_now(m::admin::integration::revoked_done, &[("system", system)]),
                ),
                Err(e) => Notice::Failed(catalog.app_error(&e)),
            });
        });
    };
    if keys.is_empty() {
        return view! {
            <section aria-labelledby="keys-heading">
                <h2 id="keys-heading">{t(m::admin::integration::keys)}</h2>
                <p>{t(m::admin::integration::none)}</p>
            </section>
        }
        .into_any();
    }
    view! {
        <section aria-labelledby="keys-heading">
            <h2 id="keys-heading">{t(m::admin::integration::keys)}</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-label=t_plain(m::admin::integration::table)>
            <table class="data api-keys">
                <thead><tr>
                    <th scope="col">{t(m::admin::integration::system)}</th>
                    <th scope="col">{t(m::admin::integration::department)}</th>
                    <th scope="col">{t(m::admin::integration::scope)}</th>
                    <th scope="col">{t(m::admin::integration::prefix)}</th>
                    <th scope="col">{t(m::admin::integration::created)}</th>
                    <th scope="col">{t(m::admin::integration::last_used)}</th>
                    <th scope="col">{t(m::admin::integration::status)}</th>
                    <th scope="col"><span class="visually-hidden">{t(m::admin::integration::actions)}</span></th>
                </tr></thead>
                <tbody>
                    {keys.into_iter().map(|k| {
                        let system = k.system.clone();
                        let id = k.id;
                        let active = k.revoked_at.is_none();
                        view! {
                            <tr class:revoked=!active>
                                <th scope="row">{k.system.clone()}</th>
                                <td>{k.department_name.clone()}</td>
                                <td>{t(if k.can_write { m::admin::integration::write } else { m::admin::integration::read })}</td>
                                <td><code>{format!("mdg_{}_…", k.prefix)}</code></td>
                                <td>{k.created_at.clone()}<br/><span class="hint">{k.created_by.clone()}</span></td>
                                <td>{match k.last_used_at.clone() { Some(at) => view! { {at} }.into_any(), None => t(m::admin::integration::never).into_any() }}</td>
                                <td>{match k.revoked_at.clone() {
                                    None => t(m::admin::integration::active).into_any(),
                                    Some(at) => t_with(m::admin::integration::revoked, move || vec![("at", at.clone())]).into_any(),
                                }}</td>
                                <td>{active.then(|| view! {
                                    <button type="button" class="btn btn-danger btn-small" on:click=move |_| revoke(id, system.clone())>
                                        {t(m::admin::integration::revoke)}
                                    </button>
                                })}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </section>
    }
    .into_any()
}
