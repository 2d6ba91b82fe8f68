use crate::error::AppError;
use crate::model::{HouseholdQuery, HouseholdView};
use leptos::prelude::*;
use server_fn::codec::Json;

/// Finds the resident's household by kana name and birth date, or by resident number.
#[server(prefix = "/api", endpoint = "counter/find_household", input = Json)]
pub async fn find_household(query: HouseholdQuery) -> Result<HouseholdView, AppError> {
    use crate::model::Permission;
    use crate::server::{context, registry};
    let (state, me) = context::staff_with(Permission::CounterRun)?;
    let h = registry::find(
        &state.db,
        &me,
        &query,
        state.clock.today(),
        state.clock.now(),
        &context::origin(),
    )
    .await?;
    Ok(h.view())
}
