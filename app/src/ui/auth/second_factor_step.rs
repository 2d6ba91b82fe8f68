//! The second step of signing in: a code from the authenticator app (or a recovery
//! code), or a passkey.

use super::step::{passkey_second_factor, Step};
use super::Session;
use crate::api::auth::verify_code;
use crate::ui::common::{ErrorSummary, TextField};
use crate::ui::i18n::{m, t, Catalog};
use leptos::prelude::*;

#[component]
pub fn SecondFactorStep() -> impl IntoView {
    let session = Session::get();
    let code = RwSignal::new(String::new());
    let step = Step::new();
    let catalog = Catalog::get();
    let no_error = Signal::derive(|| None);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if code.get_untracked().trim().is_empty() {
            step.refuse(&catalog.plain_now(m::auth::second_factor::missing));
            return;
        }
        step.run(async move {
            let result = verify_code(code.get_untracked()).await;
            code.set(String::new());
            result
        });
    };
    let pending = step.pending;
    let required = move || session.staff().is_some_and(|m| m.passkey_required);

    view! {
        <div class="narrow">
            <h1>{t(m::auth::second_factor::title)}</h1>
            <ErrorSummary message=step.error.into()/>
            <Show when=move || !required()>
                <p>{t(m::auth::second_factor::lead)}</p>
                <form on:submit=submit novalidate>
                    <TextField id="code" label=m::auth::second_factor::code value=code error=no_error autocomplete="one-time-code" inputmode="numeric" required=true/>
                    <button type="submit" class="btn btn-primary" disabled=move || pending.get()>{t(m::auth::second_factor::submit)}</button>
                </form>
                <p class="or">{t(m::auth::or)}</p>
            </Show>
            <button type="button" class="btn btn-secondary" disabled=move || pending.get() on:click=move |_| step.run(passkey_second_factor())>
                {t(m::auth::second_factor::passkey)}
            </button>
            <Show when=required>
                <form on:submit=submit novalidate class="recovery">
                    <TextField id="code" label=m::auth::second_factor::recovery value=code error=no_error autocomplete="off" required=false/>
                    <button type="submit" class="btn btn-secondary" disabled=move || pending.get()>{t(m::auth::second_factor::recovery_submit)}</button>
                </form>
            </Show>
            <p><button type="button" class="btn btn-ghost" on:click=move |_| session.sign_out()>{t(m::auth::second_factor::other_account)}</button></p>
        </div>
    }
}
