//! A new password, after an administrator reset the old one.

use super::step::Step;
use crate::api::auth::change_password;
use crate::ui::common::{ErrorSummary, TextField};
use crate::ui::i18n::{m, t, Catalog};
use leptos::prelude::*;

#[component]
pub fn ChangePasswordStep() -> impl IntoView {
    let new = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let step = Step::new();
    let mismatch = RwSignal::new(false);
    let no_error = Signal::derive(|| None);
    let again_error = Signal::derive(move || {
        mismatch
            .get()
            .then_some(crate::ui::common::FieldMessage::Message(
                m::auth::new_password::again_error,
            ))
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mismatched = new.get_untracked() != again.get_untracked();
        mismatch.set(mismatched);
        if mismatched {
            step.refuse(&Catalog::get().plain_now(m::auth::new_password::mismatch));
            return;
        }
        step.run(async move { change_password(None, new.get_untracked()).await });
    };
    let pending = step.pending;

    view! {
        <div class="narrow">
            <h1>{t(m::auth::new_password::title)}</h1>
            <p>{t(m::auth::new_password::lead)}</p>
            <ErrorSummary message=step.error.into()/>
            <form on:submit=submit novalidate>
                <TextField id="new_password" label=m::auth::new_password::password value=new error=no_error input_type="password" autocomplete="new-password"
                    hint=m::auth::new_password::hint required=true/>
                <TextField id="new_password_again" label=m::auth::new_password::again value=again error=again_error input_type="password" autocomplete="new-password" required=true/>
                <button type="submit" class="btn btn-primary" disabled=move || pending.get()>{t(m::auth::new_password::submit)}</button>
            </form>
        </div>
    }
}
