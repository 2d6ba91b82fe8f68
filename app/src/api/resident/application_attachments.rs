use crate::error::AppError;
use crate::model::online::AttachmentView;
use leptos::prelude::*;
use server_fn::codec::Json;

/// The files attached to the resident's open application (sent by
/// `POST /api/resident/attachments`).
#[server(prefix = "/api", endpoint = "resident/application_attachments", input = Json)]
pub async fn application_attachments(
    visit_number: String,
) -> Result<Vec<AttachmentView>, AppError> {
    use crate::server::{context, online};
    let (state, me) = context::resident()?;
    online::attachments::list(&state.db, &me.account, &visit_number).await
}
