//! The department's queue: the applications routed to it, filtered (status, procedure,
//! received between, deadline within, mine), sorted and paged. The filters live in the
//! address (`/staff?status=in_review&mine=1`), so going back from an application keeps
//! them and a view can be bookmarked.

use super::queue_filters::{to_address, QueueFilters};
use crate::api::staff::list_applications;
use crate::model::{Due, Permission, QueueQuery, QueueSort};
use crate::ui::auth::RequireStaff;
use crate::ui::i18n::{m, t, t_with, Catalog, Key};
use crate::ui::screening::RulesText;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

#[component]
pub fn QueuePage() -> impl IntoView {
    Catalog::get().staff_page("staff");
    Catalog::get().need("rules");
    view! {
        <RequireStaff permission=Permission::QueueRead>
            <Queue/>
        </RequireStaff>
    }
}

/// The query the address asks for (anything unreadable is left out).
fn query_of(get: impl Fn(&str) -> Option<String>) -> QueueQuery {
    let some = |k: &str| get(k).filter(|v| !v.is_empty());
    QueueQuery {
        status: some("status"),
        procedure: some("procedure"),
        received_from: some("from").and_then(|v| v.parse().ok()),
        received_to: some("to").and_then(|v| v.parse().ok()),
        due_within: some("due").and_then(|v| v.parse().ok()),
        mine: some("mine").as_deref() == Some("1"),
        sort: match some("sort").as_deref() {
            Some("oldest") => QueueSort::Oldest,
            Some("deadline") => QueueSort::Deadline,
            _ => QueueSort::Newest,
        },
        page: some("page").and_then(|v| v.parse().ok()).unwrap_or(0),
    }
}

#[component]
fn Queue() -> impl IntoView {
    let address = use_query_map();
    let query = Memo::new(move |_| address.with(|q| query_of(|k| q.get(k))));
    let apps = LocalResource::new(move || list_applications(query.get()));
    let catalog = Catalog::get();
    view! {
        <h1>{t(m::staff::queue::title)}</h1>
        <Suspense fallback=|| view! { <p class="loading">{t(m::staff::loading)}</p> }>
            {move || apps.get().map(|r| match r {
                Err(e) => view! { <div class="alert alert-error" role="alert">{catalog.app_error(&e)}</div> }.into_any(),
                Ok(page) => {
                    let q = query.get_untracked();
                    let pages = page.total.div_ceil(u64::from(page.page_size.max(1))) as u32;
                    let shown = (page.page * page.page_size + 1, page.page * page.page_size + page.items.len() as u32);
                    let (prev, next) = {
                        let at = |p: u32| to_address(&QueueQuery { page: p, ..q.clone() });
                        ((page.page > 0).then(|| at(page.page - 1)), (page.page + 1 < pages).then(|| at(page.page + 1)))
                    };
                    view! {
                        <QueueFilters query=q.clone() procedures=page.procedures.clone()/>
                        <p class="queue-count" role="status" hidden=page.total == 0>{
                            let (total, from, to) = (page.total.to_string(), shown.0.to_string(), shown.1.to_string());
                            t_with(m::staff::queue::count, move || vec![("total", total.clone()), ("from", from.clone()), ("to", to.clone())])
                        }</p>
                        {if page.items.is_empty() {
                            view! { <p>{t(m::staff::queue::empty)}</p> }.into_any()
                        } else {
                            view! {
                                <table class="queue">
                                    <thead>
                                        <tr>
                                            <th scope="col">{t(m::staff::queue::received)}</th><th scope="col">{t(m::staff::queue::procedure)}</th><th scope="col">{t(m::staff::queue::subject)}</th>
                                            <th scope="col">{t(m::staff::queue::deadline)}</th><th scope="col">{t(m::staff::queue::status)}</th><th scope="col">{t(m::staff::queue::assignee)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {page.items.into_iter().map(|a| view! {
                                            <tr data-status=a.status.clone()>
                                                <td>{a.created_at}</td>
                                                <td>
                                                    <a href=format!("/staff/applications/{}", a.id)><RulesText key=format!("procedures.{}.name", a.procedure_id) ja=a.procedure_name official=true/></a>
                                                    {(a.channel == "online").then(|| view! { <span class="tag tag-info">{t(m::staff::online)}</span> })}
                                                </td>
                                                <td>{a.subject_name}</td>
                                                <td>
                                                    {a.deadline.map(|d| crate::ui::i18n::t_date(d).into_any()).unwrap_or_else(|| t(m::staff::none).into_any())}
                                                    {a.due.map(|d| match d {
                                                        Due::Overdue => view! { <span class="tag tag-error">{t(m::staff::queue::overdue)}</span> }.into_any(),
                                                        Due::Soon => view! { <span class="tag tag-warn">{t(m::staff::queue::due_soon)}</span> }.into_any(),
                                                    })}
                                                </td>
                                                <td>{t(status_label(&a.status))}</td>
                                                <td>{a.assignee.map(|n| n.into_any()).unwrap_or_else(|| t(m::staff::none).into_any())}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            }.into_any()
                        }}
                        {(prev.is_some() || next.is_some()).then(|| view! {
                            <nav class="pager" aria-label=move || catalog.plain_now(m::staff::queue::pages)>
                                {prev.map(|h| view! { <a class="btn btn-secondary" rel="prev" href=h>{t(m::staff::queue::prev)}</a> })}
                                <span>{let (p, n) = ((page.page + 1).to_string(), pages.to_string()); t_with(m::staff::queue::page, move || vec![("page", p.clone()), ("pages", n.clone())])}</span>
                                {next.map(|h| view! { <a class="btn btn-secondary" rel="next" href=h>{t(m::staff::queue::next)}</a> })}
                            </nav>
                        })}
                    }.into_any()
                }
            })}
        </Suspense>
    }
}

/// An application's status as the staff read it.
pub fn status_label(s: &str) -> Key {
    match s {
        "received" => m::staff::status::received,
        "in_review" => m::staff::status::in_review,
        "returned" => m::staff::status::returned,
        "completed" => m::staff::status::completed,
        "withdrawn" => m::staff::status::withdrawn,
        "rejected" => m::staff::status::rejected,
        _ => m::staff::none,
    }
}
