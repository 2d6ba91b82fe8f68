use crate::error::AppError;
use crate::model::{BabyInput, VisitScreening};
use leptos::prelude::*;
use server_fn::codec::Json;
use std::collections::BTreeMap;

/// Screens the visit's household for a birth, with the answers given so far.
#[server(prefix = "/api", endpoint = "counter/screen_birth", input = Json)]
pub async fn screen_birth(
    visit_number: String,
    household_number: String,
    baby: BabyInput,
    answers: BTreeMap<String, serde_json::Value>,
) -> Result<VisitScreening, AppError> {
    use crate::model::Role;
    use crate::server::{context, visits};
    let (state, me) = context::staff_with(&[Role::Counter, Role::Supervisor]).await?;
    visits::screen(
        &state.db,
        &me,
        &visit_number,
        &household_number,
        &baby,
        &answers,
        state.clock,
        &context::origin(),
    )
    .await
}
