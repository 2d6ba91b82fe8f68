use crate::error::AppError;
use crate::model::StaffMe;
use leptos::prelude::*;
use server_fn::codec::Json;

/// The signed-in staff member (or the sign-in under way), or `None`.
#[server(prefix = "/api", endpoint = "auth/current_staff", input = Json)]
pub async fn current_staff() -> Result<Option<StaffMe>, AppError> {
    use crate::server::context;
    Ok(context::maybe_session().map(|c| c.me))
}
