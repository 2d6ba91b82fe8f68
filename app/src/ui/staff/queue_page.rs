//! The list of applications routed to this department, newest first.

use crate::api::staff::list_applications;
use crate::model::Permission;
use crate::ui::auth::RequireStaff;
use crate::ui::counter::rules_text::RulesText;
use crate::ui::i18n::{m, t, Catalog, Key};
use leptos::prelude::*;

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

#[component]
fn Queue() -> impl IntoView {
    let apps = LocalResource::new(list_applications);
    let catalog = Catalog::get();
    view! {
        <h1>{t(m::staff::queue::title)}</h1>
        <Suspense fallback=|| view! { <p class="loading">{t(m::staff::loading)}</p> }>
            {move || apps.get().map(|r| match r {
                Err(e) => view! { <div class="alert alert-error" role="alert">{catalog.app_error(&e)}</div> }.into_any(),
                Ok(list) if list.is_empty() => view! { <p>{t(m::staff::queue::empty)}</p> }.into_any(),
                Ok(list) => view! {
                    <table class="queue">
                        <thead>
                            <tr>
                                <th scope="col">{t(m::staff::queue::received)}</th><th scope="col">{t(m::staff::queue::procedure)}</th><th scope="col">{t(m::staff::queue::subject)}</th>
                                <th scope="col">{t(m::staff::queue::deadline)}</th><th scope="col">{t(m::staff::queue::status)}</th>
                            </tr>
                        </thead>
                        <tbody>
                            {list.into_iter().map(|a| view! {
                                <tr>
                                    <td>{a.created_at}</td>
                                    <td><a href=format!("/staff/applications/{}", a.id)><RulesText key=format!("procedures.{}.name", a.procedure_id) ja=a.procedure_name official=true/></a></td>
                                    <td>{a.subject_name}</td>
                                    <td>{a.deadline.map(|d| crate::ui::i18n::t_date(d).into_any()).unwrap_or_else(|| t(m::staff::none).into_any())}</td>
                                    <td>{t(status_label(&a.status))}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any(),
            })}
        </Suspense>
    }
}

/// An application's status as the staff read it.
pub fn status_label(s: &str) -> Key {
    match s {
        "submitted" => m::staff::status::submitted,
        "in_progress" => m::staff::status::in_progress,
        "returned" => m::staff::status::returned,
        "completed" => m::staff::status::completed,
        _ => m::staff::none,
    }
}
