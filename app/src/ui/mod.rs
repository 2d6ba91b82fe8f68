//! Components, one per file, grouped by area: `auth` (sign-in), `counter` (the tablet
//! wizard), `staff` (the department queue) and shared pieces in `common`.

pub mod admin;
pub mod auth;
pub mod common;
pub mod counter;
pub mod display;
pub mod i18n;
pub mod staff;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    i18n::Catalog::provide();
    display::first_screen::watch();
    let session = auth::Session::provide();
    view! {
        <Router>
            <common::Header session/>
            <main id="main" class="page">
                <Routes fallback=|| view! { <common::NotFound/> }>
                    <Route path=path!("/") view=Home/>
                    <Route path=path!("/login") view=auth::LoginPage/>
                    <Route path=path!("/account") view=auth::AccountPage/>
                    <Route path=path!("/counter") view=counter::CounterPage/>
                    <Route path=path!("/staff") view=staff::QueuePage/>
                    <Route path=path!("/staff/applications/:id") view=staff::ApplicationPage/>
                    <Route path=path!("/admin/rules") view=admin::RulesPage/>
                    <Route path=path!("/admin/outreach") view=admin::OutreachPage/>
                    <Route path=path!("/admin/staff") view=admin::StaffPage/>
                    <Route path=path!("/admin/audit") view=admin::AuditLogPage/>
                </Routes>
            </main>
        </Router>
    }
}

/// The start page: where each kind of user goes (signed in, only the pages their
/// roles open).
#[component]
fn Home() -> impl IntoView {
    use crate::model::Permission as P;
    let session = auth::Session::get();
    use i18n::m::staff::home;
    i18n::Catalog::get().staff_page("staff");
    const PAGES: [(Option<P>, &str, i18n::Key, i18n::Key); 7] = [
        (
            Some(P::CounterRun),
            "/counter",
            home::counter::title,
            home::counter::text,
        ),
        (
            Some(P::QueueRead),
            "/staff",
            home::queue::title,
            home::queue::text,
        ),
        (
            Some(P::OutreachRun),
            "/admin/outreach",
            home::outreach::title,
            home::outreach::text,
        ),
        (
            Some(P::RulesEdit),
            "/admin/rules",
            home::rules::title,
            home::rules::text,
        ),
        (
            Some(P::StaffManage),
            "/admin/staff",
            home::staff::title,
            home::staff::text,
        ),
        (
            Some(P::AuditRead),
            "/admin/audit",
            home::audit::title,
            home::audit::text,
        ),
        (None, "/login", home::login::title, home::login::text),
    ];
    view! {
        <h1>{i18n::t(home::title)}</h1>
        <p class="lead">{i18n::t(home::lead)}</p>
        <ul class="cards">
            {move || {
                let signed_in = session.signed_in().is_some();
                PAGES
                    .iter()
                    .filter(|(p, ..)| match p {
                        Some(p) => session.can(*p),
                        None => !signed_in,
                    })
                    .map(|(_, href, title, text)| view! {
                        <li>
                            <A href=*href attr:class="card">
                                <span class="card-title">{i18n::t(*title)}</span>
                                <span class="card-text">{i18n::t(*text)}</span>
                            </A>
                        </li>
                    })
                    .collect_view()
            }}
        </ul>
    }
}
