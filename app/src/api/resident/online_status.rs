use crate::error::AppError;
use crate::model::online::OnlineStatus;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Whether the city offers online sign-in (and e-mail notices), and who is signed in
/// (nobody: `me` empty).
/// Reads nothing of the registry: the match was made, and audited, at sign-in.
#[server(name = OnlineStatusFn, prefix = "/api", endpoint = "resident/online_status", input = Json)]
pub async fn online_status() -> Result<OnlineStatus, AppError> {
    use crate::model::online::ResidentMe;
    use crate::server::context;
    let state = context::state()?;
    Ok(OnlineStatus {
        available: state.oidc.is_some(),
        me: context::maybe_resident().map(|r| ResidentMe {
            matched: r.account.resident_id.is_some(),
            email_confirmed: r.account.email_confirmed_at.is_some(),
            email: r.account.email,
            name: r.account.display_name,
        }),
        mail: state.mail.is_some(),
    })
}
