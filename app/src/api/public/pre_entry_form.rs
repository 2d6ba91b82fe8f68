use crate::error::AppError;
use crate::model::public::PreEntryForm;
use leptos::prelude::*;
use madoguchi_core::navigator::Sketch;
use server_fn::codec::Json;

/// The pre-entry's form for the household as described: the fields of the procedures'
/// forms the city cannot know before the visit. Anyone may ask; nothing is stored.
#[server(name = PreEntryFormFn, prefix = "/api", endpoint = "public/pre_entry_form", input = Json)]
pub async fn pre_entry_form(sketch: Sketch) -> Result<PreEntryForm, AppError> {
    use crate::server::{context, pre_entry};
    let state = context::state()?;
    pre_entry::form(&state.rules, &state.pre_entry, &sketch, state.clock.today())
}
