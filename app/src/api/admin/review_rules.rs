use crate::error::AppError;
use crate::model::admin::Review;
use leptos::prelude::*;
use server_fn::codec::Json;

/// A version put up for publication, as the second administrator reviews it: the
/// difference file by file, the rule tests and the impact on every household.
#[server(prefix = "/api", endpoint = "admin/review_rules", input = Json)]
pub async fn review_rules(version: String) -> Result<Review, AppError> {
    use crate::model::Permission;
    use crate::server::{context, rules};
    let (state, me) = context::staff_with(Permission::RulesPublish)?;
    rules::review::review(
        &state.db,
        &me,
        &version,
        &state.rules,
        state.clock.today(),
        state.clock.now(),
        &context::origin(),
    )
    .await
}
