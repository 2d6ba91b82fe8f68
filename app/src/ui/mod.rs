//! Components, one per file, grouped by area: `auth` (sign-in), `counter` (the tablet
//! wizard), `staff` (the department queue) and shared pieces in `common`.

pub mod admin;
pub mod auth;
pub mod common;
pub mod counter;
pub mod staff;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes, A};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    let session = auth::Session::provide();
    view! {
        <Router>
            <common::Header session/>
            <main id="main" class="page">
                <Routes fallback=|| view! { <common::NotFound/> }>
                    <Route path=path!("/") view=Home/>
                    <Route path=path!("/login") view=auth::LoginPage/>
                    <Route path=path!("/counter") view=counter::CounterPage/>
                    <Route path=path!("/staff") view=staff::QueuePage/>
                    <Route path=path!("/staff/applications/:id") view=staff::ApplicationPage/>
                    <Route path=path!("/admin/rules") view=admin::RulesPage/>
                    <Route path=path!("/admin/outreach") view=admin::OutreachPage/>
                </Routes>
            </main>
        </Router>
    }
}

/// The start page: where each kind of user goes.
#[component]
fn Home() -> impl IntoView {
    view! {
        <h1>"窓口 Madoguchi"</h1>
        <p class="lead">"くらしの手続きを、まとめて、書かずに。"</p>
        <ul class="cards">
            <li>
                <A href="/counter" attr:class="card">
                    <span class="card-title">"窓口タブレット"</span>
                    <span class="card-text">"出生などの届出と、必要な手続きをまとめて受け付けます"</span>
                </A>
            </li>
            <li>
                <A href="/staff" attr:class="card">
                    <span class="card-title">"担当課の受付一覧"</span>
                    <span class="card-text">"担当課に届いた申請を確認します"</span>
                </A>
            </li>
            <li>
                <A href="/admin/outreach" attr:class="card">
                    <span class="card-title">"案内が必要な世帯"</span>
                    <span class="card-text">"受けられるのに受けていない手当がある世帯を探します"</span>
                </A>
            </li>
            <li>
                <A href="/admin/rules" attr:class="card">
                    <span class="card-title">"規則の管理"</span>
                    <span class="card-text">"手続きの規則と金額・期限を確認し、変更の影響を見てから公開します (管理者)"</span>
                </A>
            </li>
        </ul>
    }
}
