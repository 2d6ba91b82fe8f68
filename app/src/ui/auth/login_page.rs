//! Staff sign-in, step by step: the password (or a passkey alone), then whatever the
//! server says is due — the second factor, a new password after a reset, enrolling a
//! first factor — and, once signed in, on to the page asked for or the staff member's
//! own first page.

use super::{
    ChangePasswordStep, EnrolStep, PasswordStep, RecoveryCodes, SecondFactorStep, Session,
};
use crate::model::SessionState;
use crate::ui::i18n::{m, t, Catalog};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub fn LoginPage() -> impl IntoView {
    let session = Session::get();
    Catalog::get().staff_page("auth");
    // Recovery codes to show once, after a first factor is enrolled.
    let codes = RwSignal::new(Vec::<String>::new());
    let query = use_query_map();
    let navigate = use_navigate();
    Effect::new(move |_| {
        let Some(me) = session.signed_in() else {
            return;
        };
        if !codes.with(Vec::is_empty) {
            return;
        }
        let next = query
            .with_untracked(|q| q.get("next"))
            .filter(|n| n.starts_with('/') && !n.starts_with("//") && !n.starts_with("/login"));
        // In place of the sign-in page: Back does not return to a page that would only
        // send the staff member on again.
        navigate(
            &next.unwrap_or_else(|| me.home().into()),
            super::replacing(),
        );
    });
    let on_codes = Callback::new(move |c: Vec<String>| codes.set(c));
    let done = Callback::new(move |()| codes.set(Vec::new()));
    move || {
        if !codes.with(Vec::is_empty) {
            return view! { <RecoveryCodes codes=codes.get() on_done=done/> }.into_any();
        }
        if !session.loaded() {
            return view! { <p class="loading" aria-live="polite">{t(m::auth::loading)}</p> }
                .into_any();
        }
        match session.staff().map(|m| m.state) {
            None => view! { <PasswordStep/> }.into_any(),
            Some(SessionState::SecondFactor) => view! { <SecondFactorStep/> }.into_any(),
            Some(SessionState::ChangePassword) => view! { <ChangePasswordStep/> }.into_any(),
            Some(SessionState::Enrol) => view! { <EnrolStep on_codes/> }.into_any(),
            Some(SessionState::Full) => {
                view! { <p class="loading" aria-live="polite">{t(m::auth::signed_in)}</p> }
                    .into_any()
            }
        }
    }
}
