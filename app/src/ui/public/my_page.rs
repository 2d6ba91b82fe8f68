//! `/my`: the resident's own page. Not signed in: what signing in gives and the button
//! to the city's identity provider (the My Number card). Signed in: who, whether the
//! four basic facts matched the registry (said plainly either way), their applications
//! with each one's status (`my_applications.rs`), e-mail notices where the city sends
//! them (`notice_settings.rs`), sign-out. A sign-in
//! that failed comes back here with `?error=<code>`, shown in the resident's words.

use crate::api::resident::{online_status, resident_sign_out};
use crate::model::online::OnlineStatus;
use crate::ui::i18n::{m, t, t_with, Catalog, Key};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The message for a sign-in failure's code (`server/src/http/oidc.rs`).
fn failure(code: &str) -> Key {
    use m::public::my::errors as e;
    match code {
        "expired" => e::expired,
        "state_mismatch" => e::state_mismatch,
        "cancelled" => e::cancelled,
        "code_rejected" => e::code_rejected,
        "token_invalid" => e::token_invalid,
        _ => e::unavailable,
    }
}

#[component]
pub fn MyPage() -> impl IntoView {
    let catalog = Catalog::get();
    Effect::new(|_| crate::ui::display::first_screen::done());
    let query = leptos_router::hooks::use_query_map();
    let error = query.with_untracked(|q| q.get("error"));
    let status = LocalResource::new(online_status);
    let sign_out = move |_| {
        spawn_local(async move {
            if let Err(e) = resident_sign_out().await {
                leptos::logging::warn!("sign-out failed: {e}");
            }
            status.refetch();
        });
    };
    let start = move || {
        format!(
            // Back in the same language: the return address carries it.
            "/auth/oidc/start?return_to=%2Fmy%3Flang%3D{code}&lang={code}",
            code = catalog.lang().get().code()
        )
    };
    view! {
        <section class="my-page">
            <h1 id="step-heading" tabindex="-1">{t(m::public::my::title)}</h1>
            {error.map(|code| view! {
                <div class="alert alert-error" role="alert" id="sign-in-error">{t(failure(&code))}</div>
            })}
            <Suspense fallback=|| view! { <p class="loading">{t(m::common::loading)}</p> }>
                {move || status.get().map(|r| match r {
                    Err(e) => view! { <div class="alert alert-error" role="alert">{catalog.app_error(&e)}</div> }.into_any(),
                    Ok(OnlineStatus { available: false, .. }) => view! {
                        <p class="lead">{t(m::public::my::not_offered)}</p>
                        <p><a class="btn btn-secondary" href="/">{t(m::public::my::to_navigator)}</a></p>
                    }.into_any(),
                    Ok(OnlineStatus { me: None, .. }) => view! {
                        <p class="lead">{t(m::public::my::lead)}</p>
                        <p class="hint privacy">{t(m::public::my::facts)}</p>
                        <p><a class="btn btn-primary" id="sign-in" href=start rel="external">{t(m::public::my::sign_in)}</a></p>
                        <p><a href="/">{t(m::public::my::to_navigator)}</a></p>
                    }.into_any(),
                    Ok(OnlineStatus { me: Some(me), mail, .. }) => view! {
                        <p class="lead" id="signed-in-as">{t_with(m::public::my::hello, {
                            let name = me.name.clone();
                            move || vec![("name", name.clone())]
                        })}</p>
                        {if me.matched {
                            view! {
                                <div class="alert alert-success" role="status" id="match-status">{t(m::public::my::matched)}</div>
                                <p><a class="btn btn-primary" id="apply" href="/my/apply">{t(m::public::my::apply)}</a></p>
                            }.into_any()
                        } else {
                            view! { <div class="alert alert-warning" role="status" id="match-status">{t(m::public::my::not_matched)}</div> }.into_any()
                        }}
                        <super::my_applications::MyApplications/>
                        {mail.then(|| {
                            let me = me.clone();
                            view! { <super::notice_settings::NoticeSettings me changed=Callback::new(move |()| status.refetch())/> }
                        })}
                        <div class="actions">
                            <a class="btn btn-secondary" href="/">{t(m::public::my::to_navigator)}</a>
                            <button type="button" class="btn btn-secondary" id="sign-out" on:click=sign_out>{t(m::public::my::sign_out)}</button>
                        </div>
                    }.into_any(),
                })}
            </Suspense>
        </section>
    }
}
