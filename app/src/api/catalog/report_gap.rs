use crate::error::AppError;
use leptos::prelude::*;
use server_fn::codec::Json;

/// A page showed `key` in Japanese because `lang` lacked it: logged on the server
/// (once per page and key; the page does not wait for the answer). Any signed-in
/// session may report; a language that is not shipped or a key that is not one of the
/// catalog's is refused as bad input.
#[server(prefix = "/api", endpoint = "catalog/report_gap", input = Json)]
pub async fn report_gap(lang: String, key: String) -> Result<(), AppError> {
    use crate::server::context;
    let (_, current) = context::session()?;
    crate::server::catalog::report_gap(&current.me, &lang, &key)
}
