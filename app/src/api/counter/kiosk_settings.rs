use crate::error::AppError;
use crate::model::KioskSettings;
use leptos::prelude::*;
use server_fn::codec::Json;

/// How long the counter tablet may stay untouched before it clears an open visit.
#[server(name = KioskSettingsFn, prefix = "/api", endpoint = "counter/kiosk_settings", input = Json)]
pub async fn kiosk_settings() -> Result<KioskSettings, AppError> {
    use crate::model::Permission;
    use crate::server::context;
    let (state, _) = context::staff_with(Permission::CounterRun)?;
    Ok(state.kiosk)
}
