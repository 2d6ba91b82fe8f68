use crate::error::AppError;
use crate::model::public::PreEntry;
use leptos::prelude::*;
use server_fn::codec::Json;

/// Opens a resident's pre-entry (its code scanned or typed) for this visit; the code is
/// used up. The values join the visit as answers the resident confirms.
#[server(prefix = "/api", endpoint = "counter/take_pre_entry", input = Json)]
pub async fn take_pre_entry(visit_number: String, code: String) -> Result<PreEntry, AppError> {
    use crate::model::Permission;
    use crate::server::{context, visits};
    let (state, me) = context::staff_with(Permission::CounterRun)?;
    visits::pre_entry::take(
        &state.db,
        &state.pre_entry,
        &me,
        &visit_number,
        &code,
        state.clock.now(),
        &context::origin(),
    )
    .await
}
