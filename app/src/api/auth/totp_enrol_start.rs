use crate::error::AppError;
use crate::model::security::TotpEnrolment;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Starts enrolling an authenticator app: a new secret and its QR code. Only while
/// enrolling a first factor, or when signed in — never between the password and the
/// second factor (that would let a stolen password replace the factor).
#[server(prefix = "/api", endpoint = "auth/totp_enrol_start", input = Json)]
pub async fn totp_enrol_start() -> Result<TotpEnrolment, AppError> {
    use crate::model::SessionState;
    use crate::server::{auth, context};
    let (state, current) = context::session()?;
    match current.me.state {
        SessionState::Enrol if current.me.passkey_required => Err(AppError::Forbidden),
        SessionState::Enrol | SessionState::Full => auth::totp::start(&state.db, &current).await,
        _ => Err(AppError::Forbidden),
    }
}
