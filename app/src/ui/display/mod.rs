//! How the page is shown and heard, for residents who need it: reading the screen
//! aloud in their language (`speech`), and larger text (a class on the page's root,
//! so every size in `rem` grows).

pub mod first_screen;
pub mod speech;

/// Sets or clears a class on the page's root element (`<html>`).
pub fn set_root_class(class: &str, on: bool) {
    #[cfg(feature = "csr")]
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let list = root.class_list();
        let _ = if on {
            list.add_1(class)
        } else {
            list.remove_1(class)
        };
    }
    #[cfg(not(feature = "csr"))]
    let _ = (class, on);
}
