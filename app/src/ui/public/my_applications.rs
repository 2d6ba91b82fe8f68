//! "My applications" on `/my`: each application the resident sent online, newest
//! first, with its status in the resident's words as the department moves it, the
//! department's reason when it was returned or rejected, for a returned one the way to
//! correct it and send it again, and each application's receipt (PDF).

use crate::api::resident::my_applications;
use crate::model::online::MyApplication;
use crate::ui::i18n::{m, t, t_with, Catalog, Key};
use crate::ui::screening::RulesText;
use leptos::prelude::*;

/// A status as the resident reads it, and the tag's colour.
pub fn status_text(code: &str) -> (Key, &'static str) {
    use m::public::my::status as s;
    match code {
        "received" => (s::received, "tag-info"),
        "in_review" => (s::in_review, "tag-info"),
        "returned" => (s::returned, "tag-warn"),
        "completed" => (s::completed, "tag-ok"),
        "withdrawn" => (s::withdrawn, "tag-muted"),
        _ => (s::rejected, "tag-error"),
    }
}

#[component]
pub fn MyApplications() -> impl IntoView {
    let catalog = Catalog::get();
    let list = LocalResource::new(my_applications);
    view! {
        <h2 id="my-applications-heading">{t(m::public::my::applications)}</h2>
        <Suspense fallback=|| view! { <p class="loading">{t(m::common::loading)}</p> }>
            {move || list.get().map(|r| match r {
                Err(e) => view! { <div class="alert alert-error" role="alert">{catalog.app_error(&e)}</div> }.into_any(),
                Ok(apps) if apps.is_empty() => view! { <p id="my-applications-none">{t(m::public::my::applications_soon)}</p> }.into_any(),
                Ok(apps) => {
                    let mut visits: Vec<String> = Vec::new();
                    for a in &apps {
                        if !visits.contains(&a.visit_number) {
                            visits.push(a.visit_number.clone());
                        }
                    }
                    view! {
                        <ul class="my-applications" aria-labelledby="my-applications-heading">
                            {apps.into_iter().map(|a| view! { <Item a/> }).collect_view()}
                        </ul>
                        <h3>{t(m::public::my::receipts)}</h3>
                        <ul class="receipts">
                            {visits.into_iter().map(|n| view! { <Receipt number=n/> }).collect_view()}
                        </ul>
                    }.into_any()
                }
            })}
        </Suspense>
    }
}

#[component]
fn Item(a: MyApplication) -> impl IntoView {
    let (status, tag) = status_text(&a.status);
    let returned = a.status == "returned";
    let catalog = Catalog::get();
    let (submitted, updated) = (a.submitted_at, a.updated_at);
    let department_key = format!("departments.{}.name", a.department_id);
    let department = move || {
        catalog
            .rules(&department_key)
            .unwrap_or_else(|| a.department_name.clone())
    };
    let correct = format!("/my/applications/{}", a.id);
    view! {
        <li class="my-application" data-status=a.status.clone() id=format!("my-application-{}", a.id)>
            <h3>
                <RulesText key=format!("procedures.{}.name", a.procedure_id) ja=a.procedure_name/>
                <span class=format!("tag {tag}")>{t(status)}</span>
            </h3>
            <p class="subject">{a.subject_name}</p>
            <p class="hint">
                {t_with(m::public::my::department, move || vec![("name", department())])}
                <br/>
                {t_with(m::public::my::submitted_at, move || vec![("at", submitted.clone())])}
                " · "
                {t_with(m::public::my::updated_at, move || vec![("at", updated.clone())])}
            </p>
            {a.reason.filter(|r| !r.is_empty()).map(|r| view! {
                <div class="reason" role="note">
                    <strong>{t(m::public::my::reason)}</strong>
                    <p>{r}</p>
                </div>
            })}
            {returned.then(|| view! {
                <p><a class="btn btn-primary correct" href=correct>{t(m::public::my::correct)}</a></p>
            })}
        </li>
    }
}

/// The receipt of one online application (all its procedures), in the page's language
/// below the Japanese.
#[component]
fn Receipt(number: String) -> impl IntoView {
    let catalog = Catalog::get();
    let href = {
        let number = number.clone();
        move || {
            format!(
                "/api/resident/visits/{number}/receipt.pdf?lang={}",
                catalog.lang().get().code()
            )
        }
    };
    view! {
        <li>
            <a href=href rel="external noopener" target="_blank" class="receipt-link">
                {t_with(m::public::my::receipt, move || vec![("number", number.clone())])}
            </a>
        </li>
    }
}
