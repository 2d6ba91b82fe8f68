//! E-mail notices on `/my`, where the city sends e-mail: the resident gives an address,
//! types the code sent to it, and from then on hears when an application's status
//! changes — or stops the notices. A mistyped address never receives anything.

use crate::api::resident::{confirm_notice_address, remove_notice_address, set_notice_address};
use crate::error::AppError;
use crate::model::online::ResidentMe;
use crate::ui::i18n::{m, t, t_error, t_with, Catalog};
use leptos::prelude::*;
use leptos::task::spawn_local;
use madoguchi_core::jp::ValueError;

/// What went wrong with the last request: a field's error, or a message.
#[derive(Clone, PartialEq)]
enum Problem {
    Field(ValueError),
    Other(String),
}

fn problem(catalog: Catalog, e: AppError) -> Problem {
    match e {
        AppError::InvalidInput { fields } if !fields.is_empty() => Problem::Field(fields[0].error),
        e => Problem::Other(catalog.app_error(&e)),
    }
}

#[component]
pub fn NoticeSettings(me: ResidentMe, changed: Callback<()>) -> impl IntoView {
    let catalog = Catalog::get();
    let address = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let trouble = RwSignal::new(None::<Problem>);
    let busy = RwSignal::new(false);
    // Giving another address while one waits for its code.
    let changing = RwSignal::new(false);
    let done = move |r: Result<(), AppError>| {
        busy.set(false);
        match r {
            Ok(()) => {
                trouble.set(None);
                changing.set(false);
                code.set(String::new());
                changed.run(());
            }
            Err(e) => trouble.set(Some(problem(catalog, e))),
        }
    };
    let send_code = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        let lang = catalog.lang().get_untracked().code().to_owned();
        spawn_local(async move { done(set_notice_address(address.get_untracked(), lang).await) });
    };
    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        spawn_local(async move { done(confirm_notice_address(code.get_untracked()).await) });
    };
    let stop = move |_| {
        busy.set(true);
        spawn_local(async move { done(remove_notice_address().await) });
    };
    let error_for = move |id: &'static str| {
        move || {
            trouble.get().map(|p| match p {
                Problem::Field(e) => {
                    view! { <p class="error" id=format!("{id}-error")>{t_error(e)}</p> }.into_any()
                }
                Problem::Other(text) => {
                    view! { <div class="alert alert-error" role="alert">{text}</div> }.into_any()
                }
            })
        }
    };
    let invalid = move || matches!(trouble.get(), Some(Problem::Field(_))).then_some("true");
    let email = me.email.clone().unwrap_or_default();
    let state = if me.email.is_none() {
        0
    } else if !me.email_confirmed {
        1
    } else {
        2
    };
    view! {
        <section class="notice-settings" aria-labelledby="notice-heading">
            <h2 id="notice-heading">{t(m::public::my::mail::title)}</h2>
            <p>{t(m::public::my::mail::lead)}</p>
            {move || match (state, changing.get()) {
                (2, _) => {
                    let email = email.clone();
                    view! {
                        <p id="notice-confirmed" role="status">{t_with(m::public::my::mail::confirmed, move || vec![("email", email.clone())])}</p>
                        <button type="button" class="btn btn-secondary" id="notice-stop" on:click=stop disabled=move || busy.get()>{t(m::public::my::mail::stop)}</button>
                    }.into_any()
                }
                (1, false) => {
                    let email = email.clone();
                    view! {
                        <form class="notice-code" novalidate on:submit=confirm>
                            <p id="notice-code-sent" role="status">{t_with(m::public::my::mail::code_sent, move || vec![("email", email.clone())])}</p>
                            <div class="field">
                                <label class="label" for="notice-code">{t(m::public::my::mail::code)}</label>
                                <input id="notice-code" class="input" type="text" inputmode="numeric"
                                    autocomplete="one-time-code" maxlength="8"
                                    aria-describedby="notice-code-error" aria-invalid=invalid
                                    prop:value=move || code.get()
                                    on:input=move |ev| code.set(event_target_value(&ev))/>
                                {error_for("notice-code")}
                            </div>
                            <div class="actions">
                                <button type="submit" class="btn btn-primary" id="notice-confirm" disabled=move || busy.get()>{t(m::public::my::mail::confirm)}</button>
                                <button type="button" class="btn btn-secondary" id="notice-change"
                                    on:click=move |_| { trouble.set(None); changing.set(true) }>{t(m::public::my::mail::change)}</button>
                            </div>
                        </form>
                    }.into_any()
                }
                _ => view! {
                    <form class="notice-address" novalidate on:submit=send_code>
                        <div class="field">
                            <label class="label" for="notice-email">{t(m::public::my::mail::address)}</label>
                            <input id="notice-email" class="input" type="email" inputmode="email" autocomplete="email"
                                maxlength="254" aria-describedby="notice-email-error" aria-invalid=invalid
                                prop:value=move || address.get()
                                on:input=move |ev| address.set(event_target_value(&ev))/>
                            {error_for("notice-email")}
                        </div>
                        <button type="submit" class="btn btn-primary" id="notice-send" disabled=move || busy.get()>{t(m::public::my::mail::send_code)}</button>
                    </form>
                }.into_any(),
            }}
        </section>
    }
}
