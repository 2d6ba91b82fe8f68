//! The public pages, for residents on their own phone, without signing in: the
//! navigator at `/` (which procedures a household needs after a life event, decided by
//! the same rules as the counter). Built into a browser build of their own (the `public`
//! feature, `dist/public-app/`), so a resident never downloads the staff pages.

mod apply_page;
mod correction_files;
mod correction_page;
mod details_step;
mod events_step;
mod header;
mod household_step;
mod my_applications;
mod my_page;
mod names;
mod notice_settings;
mod prepare_step;
mod result_step;
mod state;
mod ticket_step;

pub use apply_page::ApplyPage;
pub use correction_page::CorrectionPage;
pub use my_page::MyPage;
pub use state::{Navigator, Step};

use crate::ui::i18n::Catalog;
use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

/// The public build's app: its own header (the city, the language) and its pages; any
/// other address is loaded from the server, which sends the build that has it.
#[component]
pub fn PublicApp() -> impl IntoView {
    let catalog = Catalog::provide();
    // The navigator's own texts, the counter's (events, procedure cards) and the rules'
    // names in the chosen language.
    catalog.need("public");
    catalog.need("counter");
    catalog.need("rules");
    crate::ui::display::first_screen::watch();
    view! {
        <Router>
            <header::PublicHeader/>
            <main id="main" class="page page-public">
                <Routes fallback=|| view! { <crate::ui::Elsewhere/> }>
                    <Route path=path!("/") view=NavigatorPage/>
                    <Route path=path!("/my") view=MyPage/>
                    <Route path=path!("/my/apply") view=ApplyPage/>
                    <Route path=path!("/my/applications/:id") view=CorrectionPage/>
                </Routes>
            </main>
        </Router>
    }
}

/// The navigator: four short steps, each its own entry in the browser's history (Back
/// goes one step back, never off the page), the answers kept in the page only.
#[component]
pub fn NavigatorPage() -> impl IntoView {
    let nav = Navigator::provide();
    names::provide(nav);
    // The server's first screen (the first step, in Japanese) gives way once this page
    // is drawn (`server/src/http/first_screen.rs`).
    Effect::new(|_| crate::ui::display::first_screen::done());
    view! {
        {move || match nav.step() {
            Step::Events => view! { <events_step::EventsStep/> }.into_any(),
            Step::Household => view! { <household_step::HouseholdStep/> }.into_any(),
            Step::Details => view! { <details_step::DetailsStep/> }.into_any(),
            Step::Result => view! { <result_step::ResultStep/> }.into_any(),
            Step::Prepare => view! { <prepare_step::PrepareStep/> }.into_any(),
            Step::Ticket => view! { <ticket_step::TicketStep/> }.into_any(),
        }}
    }
}
