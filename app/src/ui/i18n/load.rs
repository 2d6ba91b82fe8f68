//! Fetching an area's messages in a language (`/i18n/<code>/<area>.json`, copied into
//! the site at build), and the page's `lang` attribute.

#[cfg(feature = "csr")]
pub async fn fetch_area(
    code: &str,
    area: &str,
) -> Result<std::collections::HashMap<String, String>, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let window = web_sys::window().ok_or("no window")?;
    let url = format!("/i18n/{code}/{area}.json");
    let response = JsFuture::from(window.fetch_with_str(&url))
        .await
        .map_err(|e| format!("{e:?}"))?;
    let response: web_sys::Response = response.dyn_into().map_err(|e| format!("{e:?}"))?;
    if !response.ok() {
        return Err(format!("{url}: HTTP {}", response.status()));
    }
    let text = JsFuture::from(response.text().map_err(|e| format!("{e:?}"))?)
        .await
        .map_err(|e| format!("{e:?}"))?;
    let text = text.as_string().ok_or("not text")?;
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

#[cfg(feature = "csr")]
pub fn set_document_lang(lang: &str) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = root.set_attribute("lang", lang);
    }
}

#[cfg(feature = "csr")]
pub fn warn(message: &str) {
    web_sys::console::warn_1(&message.into());
}
