//! A QR code drawn as one SVG path from the modules the server computed (no image, no
//! script, nothing from outside).

use leptos::prelude::*;

#[component]
pub fn QrCode(modules: Vec<Vec<bool>>, #[prop(into)] label: Signal<String>) -> impl IntoView {
    let n = modules.len();
    let quiet = 4;
    let mut d = String::new();
    for (y, row) in modules.iter().enumerate() {
        for (x, dark) in row.iter().enumerate() {
            if *dark {
                d.push_str(&format!("M{} {}h1v1h-1z", x + quiet, y + quiet));
            }
        }
    }
    let size = n + 2 * quiet;
    view! {
        <svg class="qr" viewBox=format!("0 0 {size} {size}") role="img" aria-label=label
            xmlns="http://www.w3.org/2000/svg" shape-rendering="crispEdges">
            <rect width=size.to_string() height=size.to_string() fill="#fff"/>
            <path d=d fill="#000"/>
        </svg>
    }
}
