use crate::error::AppError;
use crate::model::public::Guidance;
use leptos::prelude::*;
use madoguchi_core::navigator::Sketch;
use server_fn::codec::Json;

/// The public navigator: the procedures a household as described needs today, from the
/// rules in force. Anyone may ask (rate limited per address); nothing is stored.
#[server(prefix = "/api", endpoint = "public/guide", input = Json)]
pub async fn guide(sketch: Sketch) -> Result<Guidance, AppError> {
    use crate::server::{context, navigator};
    let state = context::state()?;
    navigator::guide(&state.db, &state.rules, &sketch, state.clock.today()).await
}
