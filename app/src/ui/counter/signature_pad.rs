//! A signature pad: a canvas drawn on with a finger, a stylus or a mouse (pointer
//! events), kept as a PNG data URL. "書き直す" clears it. Nothing is stored on the
//! device; the image goes with the visit when it is submitted.

use crate::ui::i18n::{m, t, t_plain};
use leptos::html::Canvas;
use leptos::prelude::*;

#[component]
pub fn SignaturePad(value: RwSignal<Option<String>>) -> impl IntoView {
    let canvas = NodeRef::<Canvas>::new();
    let drawing = StoredValue::new(false);

    #[cfg(target_arch = "wasm32")]
    let ctx = move || -> Option<web_sys::CanvasRenderingContext2d> {
        use wasm_bindgen::JsCast;
        canvas
            .get_untracked()?
            .get_context("2d")
            .ok()??
            .dyn_into::<web_sys::CanvasRenderingContext2d>()
            .ok()
    };
    #[cfg(target_arch = "wasm32")]
    let point = move |ev: &web_sys::PointerEvent| -> Option<(f64, f64)> {
        let c = canvas.get_untracked()?;
        let r = c.get_bounding_client_rect();
        let sx = f64::from(c.width()) / r.width();
        let sy = f64::from(c.height()) / r.height();
        Some((
            (f64::from(ev.client_x()) - r.left()) * sx,
            (f64::from(ev.client_y()) - r.top()) * sy,
        ))
    };

    let down = move |ev: leptos::ev::PointerEvent| {
        ev.prevent_default();
        drawing.set_value(true);
        #[cfg(target_arch = "wasm32")]
        if let (Some(c), Some((x, y))) = (ctx(), point(&ev)) {
            if let Some(el) = canvas.get_untracked() {
                let _ = el.set_pointer_capture(ev.pointer_id());
            }
            c.set_line_width(5.0);
            c.set_line_cap("round");
            c.set_line_join("round");
            c.set_stroke_style_str("#1a1a1c");
            c.begin_path();
            c.move_to(x, y);
        }
    };
    let moved = move |ev: leptos::ev::PointerEvent| {
        if !drawing.get_value() {
            return;
        }
        ev.prevent_default();
        #[cfg(target_arch = "wasm32")]
        if let (Some(c), Some((x, y))) = (ctx(), point(&ev)) {
            c.line_to(x, y);
            c.stroke();
        }
    };
    let up = move |_ev: leptos::ev::PointerEvent| {
        if !drawing.get_value() {
            return;
        }
        drawing.set_value(false);
        if let Some(el) = canvas.get_untracked() {
            value.set(el.to_data_url_with_type("image/png").ok());
        }
    };
    let clear = move |_| {
        #[cfg(target_arch = "wasm32")]
        if let (Some(c), Some(el)) = (ctx(), canvas.get_untracked()) {
            c.clear_rect(0.0, 0.0, f64::from(el.width()), f64::from(el.height()));
        }
        value.set(None);
    };
    view! {
        <div class="signature">
            <canvas node_ref=canvas class="signature-pad" width="900" height="300"
                role="img" aria-label=t_plain(m::counter::sign::r#box)
                on:pointerdown=down on:pointermove=moved on:pointerup=up on:pointercancel=up
                on:pointerleave=up></canvas>
            <div class="signature-actions">
                <span class="hint">{move || t(if value.with(Option::is_some) {
                    m::counter::sign::signed
                } else {
                    m::counter::sign::sign_here
                })}</span>
                <button type="button" class="btn btn-secondary" on:click=clear>{t(m::counter::sign::clear)}</button>
            </div>
        </div>
    }
}
