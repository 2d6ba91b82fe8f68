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
use crate::ui::i18n::{m, t, t_with, Catalog};
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

/// Where a version stands, in words.
fn status(v: &VersionRow, live: &str) -> AnyView {
    use m::admin::rules::versions::status as s;
    let key = match v.status.as_str() {
        "draft" => s::draft,
        "pending" => s::pending,
        "returned" => s::returned,
        "proposed" => s::proposed,
        "merged" => s::merged,
        "published" if v.version == live => s::live,
        "published" => match v.effective_from {
            Some(d) => {
                let catalog = Catalog::get();
                return t_with(s::published_from, move || vec![("date", catalog.date(d))])
                    .into_any();
            }
            None => s::published,
        },
        other => return other.to_owned().into_any(),
    };
    t(key).into_any()
}

#[component]
pub fn Versions(
    versions: Vec<VersionRow>,
    live: String,
    on_change: Callback<String>,
) -> impl IntoView {
    let catalog = Catalog::get();
    let error = RwSignal::new(None::<AppError>);
    let open = RwSignal::new(Open::None);
    let rollback = move |to: String| {
        error.set(None);
        spawn_local(async move {
            match rollback_rules(to.clone()).await {
                Ok(v) => {
                    open.set(Open::Request(v.clone()));
                    on_change.run(catalog.fill_now(
                        m::admin::rules::versions::rolled_back,
                        &[("to", to), ("version", v)],
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
        <h2>{t(m::admin::rules::versions::title)}</h2>
        <p class="hint">{t(m::admin::rules::versions::hint)}</p>
        {move || error.get().map(|e| view! {
            <div class="alert alert-error" role="alert">{catalog.app_error(&e)}</div>
            <RuleErrors error=e/>
        })}
        <table class="versions">
            <thead><tr>
                <th scope="col">{t(m::admin::rules::versions::version)}</th><th scope="col">{t(m::admin::rules::versions::state)}</th>
                <th scope="col">{t(m::admin::rules::versions::created)}</th><th scope="col">{t(m::admin::rules::versions::requested_approved)}</th>
                <th scope="col">{t(m::admin::rules::versions::note)}</th>
                <th scope="col"><span class="visually-hidden">{t(m::admin::rules::versions::actions)}</span></th>
            </tr></thead>
            <tbody>
                {versions.into_iter().map(|v| {
                    let status = status(&v, &live);
                    let version = v.version.clone();
                    let action = match v.status.as_str() {
                        "draft" | "returned" => {
                            let version = version.clone();
                            Some(view! { <button type="button" class="btn btn-primary" on:click=move |_| open.set(Open::Request(version.clone()))>{t(m::admin::rules::versions::request)}</button> }.into_any())
                        }
                        "pending" => {
                            let version = version.clone();
                            Some(view! { <button type="button" class="btn btn-primary" on:click=move |_| open.set(Open::Review(version.clone()))>{t(m::admin::rules::versions::review)}</button> }.into_any())
                        }
                        "proposed" | "merged" => {
                            let version = version.clone();
                            Some(view! { <button type="button" class="btn btn-primary" on:click=move |_| open.set(Open::Merge(version.clone()))>{t(m::admin::rules::versions::merge)}</button> }.into_any())
                        }
                        "published" if v.version != live => {
                            let version = version.clone();
                            Some(view! { <button type="button" class="btn btn-secondary" on:click=move |_| rollback(version.clone())>{t(m::admin::rules::versions::rollback)}</button> }.into_any())
                        }
                        _ => None,
                    };
                    view! {
                        <tr data-version=version.clone() data-status=v.status.clone()>
                            <td><code>{v.version.clone()}</code>{v.based_on.map(|b| view! { <div class="hint">{t_with(m::admin::rules::versions::based_on, move || vec![("version", b.clone())])}</div> })}</td>
                            <td class="version-status">{status}</td>
                            <td>{format!("{} {}", v.created_at, v.created_by)}</td>
                            <td>
                                {v.requested_by.map(|r| view! { <div>{t_with(m::admin::rules::versions::requested_by, move || vec![("who", r.clone())])}</div> })}
                                {v.published_at.map(|at| {
                                    let who = v.published_by.unwrap_or_default();
                                    view! { <div>{t_with(m::admin::rules::versions::approved_by, move || vec![("at", at.clone()), ("who", who.clone())])}</div> }
                                })}
                            </td>
                            <td>{v.note}{v.review_note.map(|n| view! { <div class="error-text">{t_with(m::admin::rules::versions::return_reason, move || vec![("reason", n.clone())])}</div> })}</td>
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
