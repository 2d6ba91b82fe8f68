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
    const PAGES: [(Option<P>, &str, &str, &str); 7] = [
        (
            Some(P::CounterRun),
            "/counter",
            "窓口タブレット",
            "出生などの届出と、必要な手続きをまとめて受け付けます",
        ),
        (
            Some(P::QueueRead),
            "/staff",
            "担当課の受付一覧",
            "担当課に届いた申請を確認します",
        ),
        (
            Some(P::OutreachRun),
            "/admin/outreach",
            "案内が必要な世帯",
            "受けられるのに受けていない手当がある世帯を探します",
        ),
        (
            Some(P::RulesEdit),
            "/admin/rules",
            "規則の管理",
            "手続きの規則と金額・期限を確認し、変更の影響を見てから公開します",
        ),
        (
            Some(P::StaffManage),
            "/admin/staff",
            "職員と権限",
            "職員のアカウント・役割・課・サインイン中のセッションを管理します",
        ),
        (
            Some(P::AuditRead),
            "/admin/audit",
            "監査ログ",
            "だれが、いつ、どの住民の情報を見たかを確かめます",
        ),
        (
            None,
            "/login",
            "職員サインイン",
            "サインインすると、役割に応じた画面が表示されます",
        ),
    ];
    view! {
        <h1>"窓口 Madoguchi"</h1>
        <p class="lead">"くらしの手続きを、まとめて、書かずに。"</p>
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
                                <span class="card-title">{*title}</span>
                                <span class="card-text">{*text}</span>
                            </A>
                        </li>
                    })
                    .collect_view()
            }}
        </ul>
    }
}
