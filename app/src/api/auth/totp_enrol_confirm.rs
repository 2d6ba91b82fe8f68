use crate::error::AppError;
use crate::model::StaffMe;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Confirms the authenticator app with its first code. Returns who the caller is now
/// and the ten recovery codes (shown once).
#[server(prefix = "/api", endpoint = "auth/totp_enrol_confirm", input = Json)]
pub async fn totp_enrol_confirm(code: String) -> Result<(StaffMe, Vec<String>), AppError> {
    use crate::model::SessionState;
    use crate::server::{auth, context};
    let (state, current) = context::session()?;
    if !matches!(current.me.state, SessionState::Enrol | SessionState::Full) {
        return Err(AppError::Forbidden);
    }
    let (token, me, codes) = auth::totp::confirm(
        &state.db,
        &state.security,
        &current,
        &code,
        state.clock.now(),
        &context::meta(),
    )
    .await?;
    context::set_session_cookie(Some(&token));
    Ok((me, codes))
}
