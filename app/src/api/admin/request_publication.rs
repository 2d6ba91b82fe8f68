use crate::error::AppError;
use crate::model::admin::PublicationRequest;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Puts a saved draft up for publication from a day (today or later); a second
/// administrator then reviews and approves it.
#[server(prefix = "/api", endpoint = "admin/request_publication", input = Json)]
pub async fn request_publication(request: PublicationRequest) -> Result<(), AppError> {
    use crate::model::Permission;
    use crate::server::{context, rules};
    let (state, me) = context::staff_with(Permission::RulesEdit)?;
    rules::review::request(
        &state.db,
        &me,
        &request,
        state.clock.today(),
        state.clock.now(),
        &context::origin(),
    )
    .await
}
