//! The webhooks part of `/admin/integration`: subscribe an address to a department's
//! events (the signing secret shown once), see what each subscription has delivered,
//! stop one, and replay the deliveries given up after every attempt (dead letters).

use super::notice::{reporter, Notice, NoticeArea};
use crate::api::admin::{
    replay_delivery, subscribe_webhook, unsubscribe_webhook, webhooks_overview,
};
use crate::model::integration::{DeadLetterView, NewWebhook, WebhookView};
use crate::ui::common::{server_field_errors, TextField};
use crate::ui::i18n::{m, t, t_plain, t_with, Catalog};
use leptos::prelude::*;
use leptos::task::spawn_local;
use madoguchi_core::forms::FieldError;

#[component]
pub fn WebhooksPanel(departments: Vec<(String, String)>) -> impl IntoView {
    let catalog = Catalog::get();
    let overview = LocalResource::new(webhooks_overview);
    let notice = RwSignal::new(None::<Notice>);
    let done = reporter(notice, "webhook-notice", move || overview.refetch());
    view! {
        <section aria-labelledby="webhooks-heading" class="webhooks">
            <h2 id="webhooks-heading">{t(m::admin::webhooks::title)}</h2>
            <p>{t(m::admin::webhooks::lead)}</p>
            <NoticeArea id="webhook-notice" notice/>
            <SubscribeForm departments done/>
            <Suspense fallback=|| view! { <p class="loading">{t(m::staff::loading)}</p> }>
                {move || overview.get().map(|r| match r {
                    Err(e) => view! { <div class="alert alert-error" role="alert">{catalog.app_error(&e)}</div> }.into_any(),
                    Ok(o) => view! {
                        <Subscriptions list=o.subscriptions done/>
                        <DeadLetters list=o.dead_letters done/>
                    }.into_any(),
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn SubscribeForm(departments: Vec<(String, String)>, done: Callback<Notice>) -> impl IntoView {
    let catalog = Catalog::get();
    let url = RwSignal::new(String::new());
    let department = RwSignal::new(
        departments
            .first()
            .map(|(id, _)| id.clone())
            .unwrap_or_default(),
    );
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let err = move |f: &'static str| crate::ui::common::field_error(errors, f);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let input = NewWebhook {
            department_id: department.get_untracked(),
            url: url.get_untracked().trim().to_owned(),
        };
        spawn_local(async move {
            let address = input.url.clone();
            match subscribe_webhook(input).await {
                Ok(created) => {
                    errors.set(Vec::new());
                    url.set(String::new());
                    done.run(Notice::Secret {
                        heading: catalog
                            .fill_now(m::admin::webhooks::form::created, &[("url", address)]),
                        value: created.secret,
                        value_id: "new-webhook-secret",
                        note: m::admin::webhooks::form::created_note,
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
        <h3>{t(m::admin::webhooks::form::title)}</h3>
        <form on:submit=submit novalidate class="staff-form">
            <div class="field" class:field-invalid=move || err("department_id").get().is_some()>
                <label for="webhook-department">{t(m::admin::webhooks::form::department)}</label>
                {move || err("department_id").get().map(|e| view! { <p class="error">{e.view()}</p> })}
                <select id="webhook-department" prop:value=move || department.get() on:change=move |ev| department.set(event_target_value(&ev))>
                    {departments.iter().map(|(id, name)| view! { <option value=id.clone()>{name.clone()}</option> }).collect_view()}
                </select>
            </div>
            <TextField id="webhook-url" label=m::admin::webhooks::url value=url error=err("url")
                hint=m::admin::webhooks::form::url_hint autocomplete="off" input_type="url" required=true/>
            <button type="submit" class="btn btn-primary">{t(m::admin::webhooks::form::create)}</button>
        </form>
    }
}

#[component]
fn Subscriptions(list: Vec<WebhookView>, done: Callback<Notice>) -> impl IntoView {
    let catalog = Catalog::get();
    let stop = move |id: i32, url: String| {
        spawn_local(async move {
            done.run(match unsubscribe_webhook(id).await {
                Ok(()) => Notice::Done(
                    catalog.fill_now(m::admin::webhooks::stopped_done, &[("url", url)]),
                ),
                Err(e) => Notice::Failed(catalog.app_error(&e)),
            });
        });
    };
    if list.is_empty() {
        return view! { <p>{t(m::admin::webhooks::none)}</p> }.into_any();
    }
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=t_plain(m::admin::webhooks::table)>
        <table class="data webhooks">
            <thead><tr>
                <th scope="col">{t(m::admin::webhooks::url)}</th>
                <th scope="col">{t(m::admin::webhooks::department)}</th>
                <th scope="col">{t(m::admin::integration::created)}</th>
                <th scope="col">{t(m::admin::webhooks::deliveries)}</th>
                <th scope="col">{t(m::admin::integration::status)}</th>
                <th scope="col"><span class="visually-hidden">{t(m::admin::integration::actions)}</span></th>
            </tr></thead>
            <tbody>
                {list.into_iter().map(|w| {
                    let id = w.id;
                    let url = w.url.clone();
                    let active = w.revoked_at.is_none();
                    let failing = w.dead > 0;
                    let (pending, delivered, dead) = (w.pending.to_string(), w.delivered.to_string(), w.dead.to_string());
                    view! {
                        <tr class:revoked=!active>
                            <th scope="row"><code class="url">{w.url.clone()}</code></th>
                            <td>{w.department_name.clone()}</td>
                            <td>{w.created_at.clone()}<br/><span class="hint">{w.created_by.clone()}</span></td>
                            <td class="counts">
                                <span>{t_with(m::admin::webhooks::sent, move || vec![("n", delivered.clone())])}</span>
                                <span>{t_with(m::admin::webhooks::waiting, move || vec![("n", pending.clone())])}</span>
                                <span class:dead=failing>{t_with(m::admin::webhooks::failed, move || vec![("n", dead.clone())])}</span>
                            </td>
                            <td>{match w.revoked_at.clone() {
                                None => t(m::admin::integration::active).into_any(),
                                Some(at) => t_with(m::admin::webhooks::stopped, move || vec![("at", at.clone())]).into_any(),
                            }}</td>
                            <td>{active.then(|| view! {
                                <button type="button" class="btn btn-danger btn-small" on:click=move |_| stop(id, url.clone())>
                                    {t(m::admin::webhooks::stop)}
                                </button>
                            })}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
    .into_any()
}

#[component]
fn DeadLetters(list: Vec<DeadLetterView>, done: Callback<Notice>) -> impl IntoView {
    let catalog = Catalog::get();
    let replay = move |id: i64| {
        spawn_local(async move {
            done.run(match replay_delivery(id).await {
                Ok(()) => Notice::Done(catalog.plain_now(m::admin::webhooks::replayed)),
                Err(e) => Notice::Failed(catalog.app_error(&e)),
            });
        });
    };
    view! {
        <h3 id="dead-heading">{t(m::admin::webhooks::dead::title)}</h3>
        {if list.is_empty() {
            view! { <p>{t(m::admin::webhooks::dead::none)}</p> }.into_any()
        } else {
            view! {
                <p>{t(m::admin::webhooks::dead::lead)}</p>
                <div class="table-scroll" tabindex="0" role="region" aria-labelledby="dead-heading">
                <table class="data dead-letters">
                    <thead><tr>
                        <th scope="col">{t(m::admin::webhooks::dead::event)}</th>
                        <th scope="col">{t(m::admin::webhooks::url)}</th>
                        <th scope="col">{t(m::admin::webhooks::dead::attempts)}</th>
                        <th scope="col">{t(m::admin::webhooks::dead::last)}</th>
                        <th scope="col"><span class="visually-hidden">{t(m::admin::integration::actions)}</span></th>
                    </tr></thead>
                    <tbody>
                        {list.into_iter().map(|d| {
                            let id = d.id;
                            let last = match (d.last_status, d.last_error.clone()) {
                                (Some(status), _) => format!("HTTP {status}"),
                                (None, Some(e)) => e,
                                (None, None) => String::new(),
                            };
                            let app = d.application_id.to_string();
                            view! {
                                <tr>
                                    <th scope="row">
                                        <code>{d.event_type.clone()}</code><br/>
                                        <span class="hint">{t_with(m::admin::webhooks::dead::about, move || vec![("id", app.clone())])}
                                            " · " {d.department_name.clone()} " · " {d.created_at.clone()}</span>
                                    </th>
                                    <td><code class="url">{d.url.clone()}</code></td>
                                    <td>{d.attempts}</td>
                                    <td>{last}</td>
                                    <td>
                                        <button type="button" class="btn btn-secondary btn-small" on:click=move |_| replay(id)>
                                            {t(m::admin::webhooks::dead::replay)}
                                        </button>
                                    </td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                </div>
            }.into_any()
        }}
    }
}
