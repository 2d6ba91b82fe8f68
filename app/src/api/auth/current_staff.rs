use crate::error::AppError;
use crate::model::StaffMe;
use leptos::prelude::*;
use server_fn::codec::Json;

/// The signed-in staff member, or `None`.
#[server(prefix = "/api", endpoint = "auth/current_staff", input = Json)]
pub async fn current_staff() -> Result<Option<StaffMe>, AppError> {
    use crate::server::context;
    match context::staff().await {
        Ok((_, me)) => Ok(Some(me)),
        Err(AppError::Unauthenticated) => Ok(None),
        Err(e) => Err(e),
    }
}
