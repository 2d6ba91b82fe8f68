//! The browser's side of passkeys: hands the server's options (WebAuthn JSON) to
//! `navigator.credentials` and returns the credential as JSON (`toJSON()`), using the
//! browser's own JSON parsing (`PublicKeyCredential.parse…FromJSON`), so nothing is
//! converted by hand.

use crate::error::AppError;

/// Creates a credential (`create`) or signs a challenge (`get`) with the options the
/// server sent. A refusal (cancelled, no authenticator, a browser without passkeys) is
/// `passkey_failed`, as when the server refuses the credential.
pub async fn ceremony(create: bool, options_json: &str) -> Result<String, AppError> {
    #[cfg(target_arch = "wasm32")]
    {
        run(create, options_json).await.map_err(|e| {
            leptos::logging::log!("passkey: {e:?}");
            AppError::PasskeyFailed
        })
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        let _ = (create, options_json);
        Err(AppError::PasskeyFailed)
    }
}

#[cfg(target_arch = "wasm32")]
async fn run(create: bool, options_json: &str) -> Result<String, wasm_bindgen::JsValue> {
    use js_sys::{Function, Object, Reflect, JSON};
    use wasm_bindgen::{JsCast, JsValue};
    let window = web_sys::window().ok_or_else(|| JsValue::from_str("no window"))?;
    let pkc = Reflect::get(&window, &"PublicKeyCredential".into())?;
    let parse_name = if create {
        "parseCreationOptionsFromJSON"
    } else {
        "parseRequestOptionsFromJSON"
    };
    let parse: Function = Reflect::get(&pkc, &parse_name.into())?.dyn_into()?;
    let options = JSON::parse(options_json)?;
    let public_key = Reflect::get(&options, &"publicKey".into())?;
    let parsed = parse.call1(&pkc, &public_key)?;
    let request = Object::new();
    Reflect::set(&request, &"publicKey".into(), &parsed)?;
    let credentials = window.navigator().credentials();
    let promise = if create {
        credentials.create_with_options(request.unchecked_ref())?
    } else {
        credentials.get_with_options(request.unchecked_ref())?
    };
    let credential = wasm_bindgen_futures::JsFuture::from(promise).await?;
    let to_json: Function = Reflect::get(&credential, &"toJSON".into())?.dyn_into()?;
    let json = to_json.call0(&credential)?;
    JSON::stringify(&json)?
        .as_string()
        .ok_or_else(|| JsValue::from_str("not a string"))
}
