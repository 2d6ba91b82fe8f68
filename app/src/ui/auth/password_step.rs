//! The first step of signing in: username and password, or a passkey alone.

use super::step::{passkey_sign_in, Step};
use crate::api::auth::sign_in;
use crate::ui::common::{ErrorSummary, StaffLanguage, TextField};
use crate::ui::i18n::{m, t, Catalog};
use leptos::prelude::*;

#[component]
pub fn PasswordStep() -> impl IntoView {
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let step = Step::new();
    let catalog = Catalog::get();
    let no_error = Signal::derive(|| None);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if username.get_untracked().trim().is_empty() || password.get_untracked().is_empty() {
            step.refuse(&catalog.plain_now(m::auth::password::missing));
            return;
        }
        step.run(async move {
            let result = sign_in(username.get_untracked(), password.get_untracked()).await;
            password.set(String::new());
            result
        });
    };
    let pending = step.pending;

    view! {
        <div class="narrow">
            <StaffLanguage/>
            <h1>{t(m::auth::password::title)}</h1>
            <ErrorSummary message=step.error.into()/>
            <form on:submit=submit novalidate>
                <TextField id="username" label=m::auth::password::username value=username error=no_error autocomplete="username" required=true/>
                <TextField id="password" label=m::auth::password::password value=password error=no_error input_type="password" autocomplete="current-password" required=true/>
                <button type="submit" class="btn btn-primary" disabled=move || pending.get()>
                    {move || if pending.get() { t(m::auth::password::checking) } else { t(m::auth::password::submit) }}
                </button>
            </form>
            <p class="or">{t(m::auth::or)}</p>
            <button type="button" class="btn btn-secondary" disabled=move || pending.get() on:click=move |_| step.run(passkey_sign_in())>
                {t(m::auth::password::passkey)}
            </button>
            <p class="hint">{t(m::auth::password::passkey_hint)}</p>
        </div>
    }
}
