//! `/account`: a staff member's own sign-in methods — passkeys (add, remove), the
//! authenticator app, recovery codes (renew), and the password (change).

use super::{register_passkey, RecoveryCodes, Session};
use crate::api::auth::{change_password, my_factors, remove_passkey, renew_recovery_codes};
use crate::ui::common::{focus, ErrorSummary, TextField};
use crate::ui::i18n::{m, t, t_with, Catalog};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::Redirect;

#[component]
pub fn AccountPage() -> impl IntoView {
    Catalog::get().staff_page("auth");
    let session = Session::get();
    move || {
        if !session.loaded() {
            view! { <p class="loading" aria-live="polite">{t(m::auth::loading)}</p> }.into_any()
        } else if session.signed_in().is_none() {
            view! { <Redirect path="/login?next=/account" options=super::replacing()/> }.into_any()
        } else {
            view! { <Account/> }.into_any()
        }
    }
}

#[component]
fn Account() -> impl IntoView {
    let session = Session::get();
    let catalog = Catalog::get();
    let factors = Resource::new(|| (), |_| my_factors());
    let error = RwSignal::new(None::<String>);
    let notice = RwSignal::new(None::<String>);
    let codes = RwSignal::new(Vec::<String>::new());
    let pending = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    let no_error = Signal::derive(|| None);

    let report = move |r: Result<String, String>| match r {
        Ok(m) => {
            error.set(None);
            notice.set(Some(m));
            factors.refetch();
        }
        Err(m) => {
            notice.set(None);
            error.set(Some(m));
            focus("error-summary");
        }
    };
    let add_passkey = move |_| {
        pending.set(true);
        spawn_local(async move {
            let n = name.get_untracked();
            let r = register_passkey(if n.trim().is_empty() {
                catalog.plain_now(m::auth::account::passkey_default_name)
            } else {
                n
            })
            .await;
            report(
                r.map(|_| catalog.plain_now(m::auth::account::passkey_added))
                    .map_err(|e| catalog.app_error(&e)),
            );
            name.set(String::new());
            pending.set(false);
        });
    };
    let remove = move |id: i32| {
        spawn_local(async move {
            report(
                remove_passkey(id)
                    .await
                    .map(|()| catalog.plain_now(m::auth::account::passkey_removed))
                    .map_err(|e| catalog.app_error(&e)),
            );
        });
    };
    let renew = move |_| {
        spawn_local(async move {
            match renew_recovery_codes().await {
                Ok(c) => {
                    codes.set(c);
                    focus("recovery-heading");
                }
                Err(e) => report(Err(catalog.app_error(&e))),
            }
        });
    };
    let done = Callback::new(move |()| {
        codes.set(Vec::new());
        factors.refetch();
    });

    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let change = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        spawn_local(async move {
            let r = change_password(Some(current.get_untracked()), new.get_untracked()).await;
            current.set(String::new());
            new.set(String::new());
            match r {
                Ok(me) => {
                    session.set(me);
                    report(Ok(catalog.plain_now(m::auth::account::password_changed)));
                }
                Err(e) => report(Err(catalog.app_error(&e))),
            }
        });
    };

    view! {
        {move || if !codes.with(Vec::is_empty) {
            view! { <RecoveryCodes codes=codes.get() on_done=done/> }.into_any()
        } else {
            view! {
                <h1>{t(m::auth::account::title)}</h1>
                <ErrorSummary message=error.into()/>
                {move || notice.get().map(|m| view! { <div class="alert alert-success" role="status">{m}</div> })}
                <section aria-labelledby="factors-heading">
                    <h2 id="factors-heading">{t(m::auth::account::factors)}</h2>
                    <Suspense fallback=|| view! { <p class="loading">{t(m::auth::loading)}</p> }>
                        {move || factors.get().map(|r| match r {
                            Ok(f) => view! {
                                <p>{let on = f.totp; t_with(m::auth::account::totp, move || vec![("state", catalog.plain_now(if on { m::auth::account::totp_on } else { m::auth::account::totp_off }))])}</p>
                                <p>{let left = f.recovery_codes_left; t_with(m::auth::account::recovery_left, move || vec![("count", left.to_string())])} " "
                                    <button type="button" class="btn btn-ghost" on:click=renew>{t(m::auth::account::recovery_renew)}</button></p>
                                <h3>{t(m::auth::account::passkeys)}</h3>
                                <ul class="plain-list">
                                    {f.passkeys.into_iter().map(|p| {
                                        let id = p.id;
                                        view! {
                                            <li class="row-item">
                                                <span>{p.name} " ("
                                                    {let at = p.created_at.clone(); t_with(m::auth::account::passkey_registered, move || vec![("date", at.clone())])}
                                                    {p.last_used_at.map(|at| view! { ", " {t_with(m::auth::account::passkey_used, move || vec![("date", at.clone())])} })}
                                                ")"</span>
                                                <button type="button" class="btn btn-ghost" on:click=move |_| remove(id)>{t(m::auth::account::remove)}</button>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any(),
                            Err(e) => view! { <p class="error">{catalog.app_error(&e)}</p> }.into_any(),
                        })}
                    </Suspense>
                    <TextField id="passkey_name" label=m::auth::account::passkey_name value=name error=no_error/>
                    <button type="button" class="btn btn-secondary" disabled=move || pending.get() on:click=add_passkey>{t(m::auth::account::passkey_add)}</button>
                </section>
                <section aria-labelledby="password-heading">
                    <h2 id="password-heading">{t(m::auth::account::password_title)}</h2>
                    <form on:submit=change novalidate>
                        <TextField id="current_password" label=m::auth::account::current_password value=current error=no_error input_type="password" autocomplete="current-password" required=true/>
                        <TextField id="new_password" label=m::auth::account::new_password value=new error=no_error input_type="password" autocomplete="new-password"
                            hint=m::auth::account::new_password_hint required=true/>
                        <button type="submit" class="btn btn-primary">{t(m::auth::account::password_submit)}</button>
                    </form>
                </section>
            }.into_any()
        }}
    }
}
