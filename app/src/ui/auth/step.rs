//! What every sign-in step does with an attempt: one at a time; the staff member it
//! returns moves the session on (the login page then shows the next step); an error is
//! shown at the top and focused.

use super::Session;
use crate::error::AppError;
use crate::model::StaffMe;
use crate::ui::common::focus;
use crate::ui::i18n::Catalog;
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::future::Future;

#[derive(Clone, Copy)]
pub struct Step {
    session: Session,
    catalog: Catalog,
    pub pending: RwSignal<bool>,
    pub error: RwSignal<Option<String>>,
}

impl Step {
    pub fn new() -> Self {
        Self {
            session: Session::get(),
            catalog: Catalog::get(),
            pending: RwSignal::new(false),
            error: RwSignal::new(None),
        }
    }

    /// Shows a mistake found before anything was sent.
    pub fn refuse(self, message: &str) {
        self.error.set(Some(message.to_owned()));
        focus("error-summary");
    }

    /// Runs `attempt` unless one is already under way.
    pub fn run<F>(self, attempt: F)
    where
        F: Future<Output = Result<StaffMe, AppError>> + 'static,
    {
        if self.pending.get_untracked() {
            return;
        }
        self.pending.set(true);
        spawn_local(async move {
            match attempt.await {
                Ok(me) => self.session.set(me),
                Err(e) => self.refuse(&self.catalog.app_error(&e)),
            }
            self.pending.set(false);
        });
    }
}

/// Signs in with a passkey alone.
pub async fn passkey_sign_in() -> Result<StaffMe, AppError> {
    use crate::api::auth::{passkey_sign_in_finish, passkey_sign_in_start};
    let (ceremony, options) = passkey_sign_in_start().await?;
    let credential = super::webauthn::ceremony(false, &options).await?;
    passkey_sign_in_finish(ceremony, credential).await
}

/// The second step with one of the staff member's passkeys.
pub async fn passkey_second_factor() -> Result<StaffMe, AppError> {
    use crate::api::auth::{passkey_verify_finish, passkey_verify_start};
    let options = passkey_verify_start().await?;
    let credential = super::webauthn::ceremony(false, &options).await?;
    passkey_verify_finish(credential).await
}
