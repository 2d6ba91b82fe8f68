//! Shows its children only to staff whose roles grant `permission`; sends everyone
//! else to sign in (or to finish signing in) first.

use super::Session;
use crate::model::Permission;
use leptos::prelude::*;
use leptos_router::components::Redirect;
use leptos_router::hooks::use_location;

#[component]
pub fn RequireStaff(permission: Permission, children: ChildrenFn) -> impl IntoView {
    let session = Session::get();
    let location = use_location();
    let children = StoredValue::new(children);
    move || {
        if !session.loaded() {
            return view! { <p class="loading" aria-live="polite">"読み込み中…"</p> }.into_any();
        }
        let allowed = session.signed_in().is_some_and(|me| me.can(permission));
        if !allowed {
            crate::ui::display::first_screen::done();
        }
        match session.signed_in() {
            None => {
                let next = location.pathname.get_untracked();
                view! { <Redirect path=format!("/login?next={next}")/> }.into_any()
            }
            Some(me) if me.can(permission) => children.with_value(|c| c()).into_any(),
            Some(_) => view! {
                <h1>"この画面は使えません"</h1>
                <p>"サインインしている職員の権限では、この画面を開けません。"</p>
                <p><a href="/">"最初のページへ"</a></p>
            }
            .into_any(),
        }
    }
}
