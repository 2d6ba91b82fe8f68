//! Components, one per file, grouped by area: `auth` (sign-in), `counter` (the tablet
//! wizard), `staff` (the department queue) and shared pieces in `common`.

pub mod admin;
pub mod auth;
pub mod common;
pub mod counter;
pub mod display;
pub mod i18n;
pub mod public;
pub mod qr_code;
pub mod screening;
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
                    <Route path=path!("/") view=pages::NavigatorPage/>
                    <Route path=path!("/my") view=pages::MyPage/>
                    <Route path=path!("/my/apply") view=pages::ApplyPage/>
                    <Route path=path!("/my/applications/:id") view=pages::CorrectionPage/>
                    <Route path=path!("/office") view=pages::Home/>
                    <Route path=path!("/login") view=pages::LoginPage/>
                    <Route path=path!("/account") view=pages::AccountPage/>
                    <Route path=path!("/counter") view=pages::CounterPage/>
                    <Route path=path!("/staff") view=pages::QueuePage/>
                    <Route path=path!("/staff/applications/:id") view=pages::ApplicationPage/>
                    <Route path=path!("/admin/rules") view=pages::RulesPage/>
                    <Route path=path!("/admin/outreach") view=pages::OutreachPage/>
                    <Route path=path!("/admin/staff") view=pages::StaffPage/>
                    <Route path=path!("/admin/audit") view=pages::AuditLogPage/>
                    <Route path=path!("/admin/integration") view=pages::IntegrationPage/>
                </Routes>
            </main>
        </Router>
    }
}

/// The page behind each route in this browser build: the page itself when the build
/// carries it (the `counter`, `office` and `public` features), otherwise [`Elsewhere`], which
/// loads it from the server. The counter tablet's build thus leaves out every staff and
/// administration page (docs/ARCHITECTURE.md, "Two browser builds").
mod pages {
    #[cfg(feature = "counter")]
    pub use super::counter::CounterPage;
    #[cfg(not(feature = "counter"))]
    pub use super::Elsewhere as CounterPage;

    #[cfg(feature = "public")]
    pub use super::public::{ApplyPage, CorrectionPage, MyPage, NavigatorPage};
    #[cfg(not(feature = "public"))]
    pub use super::{
        Elsewhere as ApplyPage, Elsewhere as CorrectionPage, Elsewhere as MyPage,
        Elsewhere as NavigatorPage,
    };

    #[cfg(feature = "office")]
    pub use super::{
        admin::{AuditLogPage, IntegrationPage, OutreachPage, RulesPage, StaffPage},
        auth::{AccountPage, LoginPage},
        staff::{ApplicationPage, QueuePage},
        Home,
    };
    #[cfg(not(feature = "office"))]
    pub use super::{
        Elsewhere as Home, Elsewhere as LoginPage, Elsewhere as AccountPage,
        Elsewhere as QueuePage, Elsewhere as ApplicationPage, Elsewhere as RulesPage,
        Elsewhere as OutreachPage, Elsewhere as StaffPage, Elsewhere as AuditLogPage,
        Elsewhere as IntegrationPage,
    };
}

/// A page this browser build does not carry: the browser loads it from the server,
/// which sends the build that has it. The address is already the page's own (the
/// router has moved there), so the same address is fetched again in full.
#[component]
pub fn Elsewhere() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let href = format!(
        "{}{}{}",
        location.pathname.get_untracked(),
        location.search.with_untracked(|s| if s.is_empty() {
            String::new()
        } else {
            format!("?{}", s.trim_start_matches('?'))
        }),
        location.hash.get_untracked(),
    );
    Effect::new(move |_| {
        if let Err(e) = window().location().replace(&href) {
            leptos::logging::error!("could not load the page: {e:?}");
        }
    });
    view! { <p class="loading" aria-live="polite">{i18n::t(i18n::m::common::loading)}</p> }
}

/// The start page: where each kind of user goes (signed in, only the pages their
/// roles open).
#[component]
pub fn Home() -> impl IntoView {
    use crate::model::Permission as P;
    let session = auth::Session::get();
    use i18n::m::staff::home;
    i18n::Catalog::get().staff_page("staff");
    const PAGES: [(Option<P>, &str, i18n::Key, i18n::Key); 8] = [
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
            Some(P::IntegrationManage),
            "/admin/integration",
            home::integration::title,
            home::integration::text,
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
