use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Takes the address e-mail notices should go to, in the page's language (`lang`), and
/// sends it a code to confirm it. Refused when the city sends no e-mail.
#[server(prefix = "/api", endpoint = "resident/set_notice_address", input = Json)]
pub async fn set_notice_address(address: String, lang: String) -> Result<(), AppError> {
    use crate::server::{context, online};
    let (state, me) = context::resident()?;
    if state.mail.is_none() {
        return Err(AppError::NotFound);
    }
    online::notices::set_address(
        &state.db,
        &me.account,
        &address,
        madoguchi_core::lang::Lang::parse_or_ja(&lang),
        state.clock.now(),
        &context::origin(),
    )
    .await
}
