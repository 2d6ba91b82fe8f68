use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Ends the resident's session (audited) and removes its cookie. Staff sessions in the
/// same browser are untouched.
#[server(prefix = "/api", endpoint = "resident/sign_out", input = Json)]
pub async fn resident_sign_out() -> Result<(), AppError> {
    use crate::server::{context, online};
    let state = context::state()?;
    if let Some(r) = context::maybe_resident() {
        online::sessions::end_one(
            &state.db,
            &r.session,
            "sign_out",
            state.clock.now(),
            &context::origin(),
        )
        .await?;
    }
    context::set_resident_cookie(None);
    Ok(())
}
