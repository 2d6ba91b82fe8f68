use crate::error::AppError;
use crate::model::StaffMe;
use leptos::prelude::*;
use server_fn::codec::Json;

/// The second step of signing in: a code from the authenticator app, or a recovery
/// code.
#[server(prefix = "/api", endpoint = "auth/verify_code", input = Json)]
pub async fn verify_code(code: String) -> Result<StaffMe, AppError> {
    use crate::model::SessionState;
    use crate::server::{auth, context};
    let (state, current) = context::session()?;
    if current.me.state != SessionState::SecondFactor {
        return Err(AppError::Forbidden);
    }
    let (token, me) = auth::totp::verify(
        &state.db,
        &state.security,
        &current,
        &code,
        state.clock.now(),
        &context::meta(),
    )
    .await?;
    context::set_session_cookie(Some(&token));
    Ok(me)
}
