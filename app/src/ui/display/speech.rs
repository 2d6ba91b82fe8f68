//! Reading the screen aloud through the browser's speech synthesis, in the visit's
//! language: the screen's heading, its lead text and its choices, in page order.
//! Furigana readings are spoken instead of the words they read, so names and numbers
//! sound as the city wrote them. Offered only where the device has a voice for the
//! language.

/// The elements read, in page order: the question, what it says, and the choices.
pub const READ: &str = "main h1, main .lead, main .hint, main legend, main .choice-title, \
    main label, main .actions button";

/// Whether the device has a voice for a language (`ja`, `zh-Hans`): matched on the
/// language subtag, as voices are named `ja-JP`, `zh-CN`.
pub fn has_voice(lang: &str) -> bool {
    #[cfg(feature = "csr")]
    {
        voice_for(lang).is_some()
    }
    #[cfg(not(feature = "csr"))]
    {
        let _ = lang;
        false
    }
}

#[cfg_attr(not(feature = "csr"), allow(dead_code))]
fn subtag(lang: &str) -> &str {
    lang.split(['-', '_']).next().unwrap_or(lang)
}

#[cfg(feature = "csr")]
fn synth() -> Option<web_sys::SpeechSynthesis> {
    web_sys::window().and_then(|w| w.speech_synthesis().ok())
}

#[cfg(feature = "csr")]
fn voice_for(lang: &str) -> Option<web_sys::SpeechSynthesisVoice> {
    use wasm_bindgen::JsCast;
    let want = subtag(lang).to_ascii_lowercase();
    synth()?
        .get_voices()
        .iter()
        // Not checked with instanceof: a test's stand-in voices are plain objects.
        .map(|v| v.unchecked_into::<web_sys::SpeechSynthesisVoice>())
        .find(|v| subtag(&v.lang()).to_ascii_lowercase() == want)
}

/// Calls `f` when the device's voices change (they load after the page).
pub fn on_voices_changed(f: impl Fn() + 'static) {
    #[cfg(feature = "csr")]
    if let Some(s) = synth() {
        use wasm_bindgen::closure::Closure;
        use wasm_bindgen::JsCast;
        let cb = Closure::<dyn Fn()>::new(f);
        s.set_onvoiceschanged(Some(cb.as_ref().unchecked_ref()));
        cb.forget(); // one handler for the page's life
    }
    #[cfg(not(feature = "csr"))]
    let _ = f;
}

/// Reads the current screen aloud in `lang`, stopping anything still being read.
pub fn read_screen(lang: &str) {
    #[cfg(feature = "csr")]
    {
        let Some(s) = synth() else { return };
        s.cancel();
        let text = screen_text();
        if text.is_empty() {
            return;
        }
        let Ok(u) = web_sys::SpeechSynthesisUtterance::new_with_text(&text) else {
            return;
        };
        u.set_lang(lang);
        if let Some(v) = voice_for(lang) {
            u.set_voice(Some(&v));
        }
        s.speak(&u);
    }
    #[cfg(not(feature = "csr"))]
    let _ = lang;
}

pub fn stop() {
    #[cfg(feature = "csr")]
    if let Some(s) = synth() {
        s.cancel();
    }
}

/// The screen's text as spoken: each element of [`READ`] on its own line.
#[cfg(feature = "csr")]
fn screen_text() -> String {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return String::new();
    };
    let Ok(list) = doc.query_selector_all(READ) else {
        return String::new();
    };
    let mut lines = Vec::new();
    for i in 0..list.length() {
        let Some(node) = list.item(i) else { continue };
        let line = spoken(&node);
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if !line.is_empty() {
            lines.push(line);
        }
    }
    lines.join("\n")
}

/// A node's text as spoken: a `<ruby>` gives its reading (`<rt>`), not its base;
/// hidden helpers (`aria-hidden`, outside a ruby) are skipped.
#[cfg(feature = "csr")]
fn spoken(node: &web_sys::Node) -> String {
    use wasm_bindgen::JsCast;
    if node.node_type() == web_sys::Node::TEXT_NODE {
        return node.text_content().unwrap_or_default();
    }
    if let Some(el) = node.dyn_ref::<web_sys::Element>() {
        if el.get_attribute("aria-hidden").as_deref() == Some("true") {
            return String::new();
        }
        if el.tag_name().eq_ignore_ascii_case("ruby") {
            let rt = el
                .query_selector("rt")
                .ok()
                .flatten()
                .and_then(|rt| rt.text_content());
            return rt.unwrap_or_else(|| el.text_content().unwrap_or_default());
        }
    }
    let children = node.child_nodes();
    (0..children.length())
        .filter_map(|i| children.item(i))
        .map(|c| spoken(&c))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn voices_match_on_the_language_subtag() {
        assert_eq!(super::subtag("zh-Hans"), "zh");
        assert_eq!(super::subtag("ja-JP"), "ja");
        assert_eq!(super::subtag("pt"), "pt");
    }
}
