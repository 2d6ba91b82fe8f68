//! Shows its children only to signed-in staff of the given roles; sends everyone else
//! to sign in first.

use super::Session;
use crate::model::Role;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

#[component]
pub fn RequireStaff(roles: &'static [Role], children: ChildrenFn) -> impl IntoView {
    let session = Session::get();
    let location = use_location();
    let children = StoredValue::new(children);
    move || {
        if !session.loaded() {
            return view! { <p class="loading" aria-live="polite">"読み込み中…"</p> }.into_any();
        }
        match session.staff() {
            None => {
                let next = location.pathname.get_untracked();
                view! { <Redirect path=format!("/login?next={next}")/> }.into_any()
            }
            Some(me) if roles.contains(&me.role) => children.with_value(|c| c()).into_any(),
            Some(_) => view! {
                <h1>"この画面は使えません"</h1>
                <p>"サインインしている職員の権限では、この画面を開けません。"</p>
            }
            .into_any(),
        }
    }
}
