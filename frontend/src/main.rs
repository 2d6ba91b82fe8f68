//! Mounts the app into the page's body.

fn main() {
    console_error_panic_hook::set_once();
    // The public build has its own shell (no staff session, the residents' header).
    #[cfg(all(feature = "public", not(feature = "office"), not(feature = "counter")))]
    leptos::mount::mount_to_body(app::ui::public::PublicApp);
    #[cfg(not(all(feature = "public", not(feature = "office"), not(feature = "counter"))))]
    leptos::mount::mount_to_body(app::App);
}
