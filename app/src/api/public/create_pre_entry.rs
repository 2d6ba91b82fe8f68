use crate::error::AppError;
use crate::model::public::{PreEntryRequest, PreEntryTicket};
use leptos::prelude::*;
use server_fn::codec::Json;

/// Seals what a resident typed at home under a new short code, for their counter visit.
/// Anyone may make one (rate limited per address); every value is checked first.
#[server(prefix = "/api", endpoint = "public/create_pre_entry", input = Json)]
pub async fn create_pre_entry(request: PreEntryRequest) -> Result<PreEntryTicket, AppError> {
    use crate::server::{context, pre_entry};
    let state = context::state()?;
    pre_entry::create(
        &state.db,
        &state.rules,
        &state.pre_entry,
        state.clock,
        &request,
        &context::origin(),
    )
    .await
}
