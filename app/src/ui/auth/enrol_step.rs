//! Enrolling a first second factor: an authenticator app (scan the QR code or type the
//! key, then confirm with a first code) or a passkey / security key — only a passkey
//! where the city requires one (administrators).

use super::{webauthn, QrCode, Session};
use crate::api::auth::{
    passkey_register_finish, passkey_register_start, totp_enrol_confirm, totp_enrol_start,
};
use crate::model::security::TotpEnrolment;
use crate::ui::common::{focus, ErrorSummary, TextField};
use crate::ui::i18n::{m, t, t_plain, Catalog};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Registers a passkey for the signed-in (or enrolling) staff member; returns the
/// recovery codes given, if any.
pub async fn register_passkey(
    name: String,
) -> Result<(crate::model::StaffMe, Vec<String>), crate::error::AppError> {
    let options = passkey_register_start().await?;
    let credential = webauthn::ceremony(true, &options).await?;
    passkey_register_finish(credential, name).await
}

/// The secret in groups of four, easier to type.
fn grouped(secret: &str) -> String {
    secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

#[component]
pub fn EnrolStep(on_codes: Callback<Vec<String>>) -> impl IntoView {
    let session = Session::get();
    let catalog = Catalog::get();
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let totp = RwSignal::new(None::<TotpEnrolment>);
    let code = RwSignal::new(String::new());
    let no_error = Signal::derive(|| None);
    let required = move || session.staff().is_some_and(|m| m.passkey_required);

    let finish = move |result: Result<
        (crate::model::StaffMe, Vec<String>),
        crate::error::AppError,
    >| match result {
        Ok((me, codes)) => {
            if !codes.is_empty() {
                on_codes.run(codes);
                focus("recovery-heading");
            }
            session.set(me);
        }
        Err(e) => {
            error.set(Some(catalog.app_error(&e)));
            focus("error-summary");
        }
    };

    let start_totp = move |_| {
        pending.set(true);
        error.set(None);
        spawn_local(async move {
            match totp_enrol_start().await {
                Ok(t) => totp.set(Some(t)),
                Err(e) => error.set(Some(catalog.app_error(&e))),
            }
            pending.set(false);
        });
    };
    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        spawn_local(async move {
            finish(totp_enrol_confirm(code.get_untracked()).await);
            code.set(String::new());
            pending.set(false);
        });
    };
    let passkey = move |_| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        spawn_local(async move {
            finish(
                register_passkey(catalog.plain_now(m::auth::account::passkey_default_name)).await,
            );
            pending.set(false);
        });
    };

    view! {
        <div class="narrow">
            <h1>{t(m::auth::enrol::title)}</h1>
            <p>{t(m::auth::enrol::lead)}</p>
            <ErrorSummary message=error.into()/>
            {move || match totp.get() {
                Some(enrolment) => view! {
                    <section aria-labelledby="totp-heading">
                        <h2 id="totp-heading">{t(m::auth::enrol::totp_title)}</h2>
                        <ol class="steps-list">
                            <li>{t(m::auth::enrol::totp_scan)}</li>
                            <li>{t(m::auth::enrol::totp_key)} <code class="totp-secret">{grouped(&enrolment.secret)}</code></li>
                            <li>{t(m::auth::enrol::totp_code)}</li>
                        </ol>
                        <QrCode modules=enrolment.qr.clone() label=t_plain(m::auth::enrol::qr_label)/>
                        <form on:submit=confirm novalidate>
                            <TextField id="code" label=m::auth::enrol::code value=code error=no_error autocomplete="one-time-code" inputmode="numeric" required=true/>
                            <button type="submit" class="btn btn-primary" disabled=move || pending.get()>{t(m::auth::enrol::submit)}</button>
                        </form>
                    </section>
                }.into_any(),
                None => view! {
                    <div class="choices-stack">
                        <Show when=move || !required()>
                            <button type="button" class="btn btn-primary" disabled=move || pending.get() on:click=start_totp>
                                {t(m::auth::enrol::use_totp)}
                            </button>
                        </Show>
                        <button type="button" class="btn btn-secondary" disabled=move || pending.get() on:click=passkey>
                            {t(m::auth::enrol::use_passkey)}
                        </button>
                        <Show when=required>
                            <p class="hint">{t(m::auth::enrol::passkey_required)}</p>
                        </Show>
                    </div>
                }.into_any(),
            }}
            <p><button type="button" class="btn btn-ghost" on:click=move |_| session.sign_out()>{t(m::auth::enrol::cancel)}</button></p>
        </div>
    }
}
