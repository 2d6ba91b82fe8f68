//! Shows its children only to staff whose roles grant `permission`; sends everyone
//! else to sign in (or to finish signing in) first.

use super::Session;
use crate::model::Permission;
use crate::ui::i18n::{m, t};
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

#[component]
pub fn RequireStaff(permission: Permission, children: ChildrenFn) -> impl IntoView {
    let session = Session::get();
    crate::ui::i18n::Catalog::get().need("auth");
    let location = use_location();
    let children = StoredValue::new(children);
    move || {
        if !session.loaded() {
            return view! { <p class="loading" aria-live="polite">{t(m::auth::loading)}</p> }
                .into_any();
        }
        let allowed = session.signed_in().is_some_and(|me| me.can(permission));
        if !allowed {
            crate::ui::display::first_screen::done();
        }
        match session.signed_in() {
            None => {
                let next = location.pathname.get_untracked();
                view! { <Redirect path=format!("/login?next={next}") options=super::replacing()/> }
                    .into_any()
            }
            Some(me) if me.can(permission) => children.with_value(|c| c()).into_any(),
            Some(_) => view! {
                <h1>{t(m::auth::denied::title)}</h1>
                <p>{t(m::auth::denied::lead)}</p>
                <p><a href="/office">{t(m::auth::denied::home)}</a></p>
            }
            .into_any(),
        }
    }
}
