//! The counter's first screen, sent by the server inside the page so it shows before
//! the app arrives (`server/src/http/first_screen.rs`). The app mounts behind it,
//! hidden by the style sheet, and takes it away when its own screen is ready: the
//! start screen once it knows whether a visit was interrupted, or whatever else the
//! page turned out to be (sign in, no permission). A safety timer takes it away in
//! any case, so a screen of dead buttons never stays.

/// How long the app may take, after mounting, to draw its own first screen.
#[cfg(feature = "csr")]
const AT_MOST: std::time::Duration = std::time::Duration::from_secs(5);

/// Takes the server's first screen away, showing the app (no-op when there is none).
pub fn done() {
    #[cfg(feature = "csr")]
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id("first-screen"))
    {
        el.remove();
    }
}

/// Starts the safety timer, if the page came with a first screen.
pub fn watch() {
    #[cfg(feature = "csr")]
    leptos::prelude::set_timeout(done, AT_MOST);
}
