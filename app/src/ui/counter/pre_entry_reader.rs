//! A resident's pre-entry, read on the event step: the QR code on their phone through
//! the tablet's camera (decoded in the browser, nothing sent but the code), or the code
//! typed. The values join the visit — events, the baby, the interview's answers — to be
//! confirmed screen by screen; nothing is submitted without the resident's review.

use super::Wizard;
use crate::error::AppError;
use crate::model::public::PreEntry;
use crate::ui::i18n::{m, t, Catalog};
use leptos::prelude::*;
use leptos::task::spawn_local;
use madoguchi_core::pre_entry;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Idle,
    Scanning,
    Loading,
    Loaded,
}

#[component]
pub fn PreEntryReader() -> impl IntoView {
    let wizard = Wizard::get();
    let catalog = Catalog::get();
    let state = RwSignal::new(if wizard.draft.with_untracked(|d| d.pre_entry) {
        State::Loaded
    } else {
        State::Idle
    });
    let typed = RwSignal::new(String::new());
    let message = RwSignal::new(None::<String>);
    let video = NodeRef::<leptos::html::Video>::new();

    let load = move |input: String| {
        let code = match pre_entry::parse(&input) {
            Ok(c) => c,
            Err(e) => {
                let key = format!("common.errors.{}", e.code());
                message.set(Some(crate::ui::i18n::ruby::plain(&catalog.raw_str(&key))));
                return;
            }
        };
        let Some(number) = wizard.draft.with_untracked(|d| d.visit_number.clone()) else {
            return;
        };
        state.set(State::Loading);
        message.set(None);
        spawn_local(async move {
            match crate::api::counter::take_pre_entry(number, code).await {
                Ok(entry) => {
                    apply(wizard, entry);
                    state.set(State::Loaded);
                }
                Err(e) => {
                    message.set(Some(match e {
                        AppError::NotFound => catalog.plain_now(m::counter::pre_entry::not_found),
                        e => catalog.app_error(&e),
                    }));
                    state.set(State::Idle);
                }
            }
        });
    };

    let scan = move |_| {
        message.set(None);
        state.set(State::Scanning);
        let found = move |text: String| {
            if text.starts_with(pre_entry::QR_PREFIX) {
                load(text);
                true
            } else {
                message.set(Some(catalog.plain_now(m::counter::pre_entry::not_ours)));
                false
            }
        };
        // Only the browser has a camera; the server's build never runs this.
        #[cfg(feature = "csr")]
        camera::scan(video, state, message, catalog, found);
        #[cfg(not(feature = "csr"))]
        {
            let _ = (video, found);
            state.set(State::Idle);
        }
    };

    view! {
        <section class="pre-entry" aria-labelledby="pre-entry-title">
            <h2 id="pre-entry-title">{t(m::counter::pre_entry::title)}</h2>
            {move || (state.get() == State::Loaded).then(|| view! {
                <p class="alert alert-success" role="status">{t(m::counter::pre_entry::loaded)}</p>
            })}
            {move || (state.get() != State::Loaded).then(|| view! {
                <p class="hint">{t(m::counter::pre_entry::hint)}</p>
                {move || message.get().map(|m| view! { <p class="alert alert-error" role="alert">{m}</p> })}
                <div class="pre-entry-actions">
                    {move || (state.get() != State::Scanning).then(|| view! {
                        <button type="button" class="btn btn-secondary" on:click=scan
                            disabled=move || state.get() == State::Loading>{t(m::counter::pre_entry::scan)}</button>
                    })}
                    <form class="pre-entry-code" on:submit=move |ev: leptos::ev::SubmitEvent| {
                        ev.prevent_default();
                        load(typed.get_untracked());
                    }>
                        <label for="pre-entry-code">{t(m::counter::pre_entry::code)}</label>
                        <input id="pre-entry-code" type="text" autocomplete="off" autocapitalize="characters"
                            spellcheck="false" maxlength="20" prop:value=typed
                            on:input=move |ev| typed.set(event_target_value(&ev))/>
                        <button type="submit" class="btn btn-secondary"
                            disabled=move || state.get() == State::Loading>{t(m::counter::pre_entry::load)}</button>
                    </form>
                </div>
            })}
            <div class="camera" hidden=move || state.get() != State::Scanning>
                <p>{t(m::counter::pre_entry::scanning)}</p>
                <video node_ref=video muted=true playsinline=true aria-hidden="true"></video>
                <button type="button" class="btn btn-secondary" on:click=move |_| state.set(State::Idle)>
                    {t(m::counter::pre_entry::stop)}
                </button>
            </div>
        </section>
    }
}

/// The pre-entry's values into the visit: its events (with their dates), the baby and
/// the interview's answers (kept where the visit already has one).
fn apply(wizard: Wizard, entry: PreEntry) {
    wizard.draft.update(|d| {
        for e in entry.events {
            match d.events.iter_mut().find(|x| x.kind == e.kind) {
                Some(x) if x.date.is_empty() => x.date = e.date,
                Some(_) => {}
                None => d.events.push(e),
            }
        }
        if let Some(baby) = entry.baby {
            d.baby = baby;
        }
        for (k, v) in entry.answers {
            d.interview.entry(k).or_insert(v);
        }
        d.screening = None;
        d.pre_entry = true;
    });
    wizard.save();
}

/// The tablet's camera, read a few times a second until a QR code is found, the reader
/// stops, or the camera cannot be used.
#[cfg(feature = "csr")]
mod camera {
    use super::State;
    use crate::ui::i18n::{m, Catalog};
    use leptos::prelude::*;
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::{HtmlCanvasElement, HtmlVideoElement, MediaStream, MediaStreamConstraints};

    /// Frames are scaled to at most this width before decoding (fast on a slow tablet).
    const WIDTH: u32 = 640;

    pub fn scan(
        video: NodeRef<leptos::html::Video>,
        state: RwSignal<State>,
        message: RwSignal<Option<String>>,
        catalog: Catalog,
        found: impl Fn(String) -> bool + 'static,
    ) {
        leptos::task::spawn_local(async move {
            let Some(el) = video.get_untracked() else {
                return;
            };
            let el: HtmlVideoElement = el;
            let stream = match open(&el).await {
                Ok(s) => s,
                Err(_) => {
                    message.set(Some(catalog.plain_now(m::counter::pre_entry::no_camera)));
                    state.set(State::Idle);
                    return;
                }
            };
            let Some(canvas) = document()
                .create_element("canvas")
                .ok()
                .and_then(|c| c.dyn_into::<HtmlCanvasElement>().ok())
            else {
                stop(&stream);
                return;
            };
            while state.get_untracked() == State::Scanning {
                gloo_sleep(200).await;
                if let Some(text) = read(&el, &canvas) {
                    if found(text) {
                        break;
                    }
                }
            }
            stop(&stream);
            el.set_src_object(None);
        });
    }

    async fn open(video: &HtmlVideoElement) -> Result<MediaStream, JsValue> {
        let devices = window().navigator().media_devices()?;
        let constraints = MediaStreamConstraints::new();
        let wanted = js_sys::Object::new();
        js_sys::Reflect::set(&wanted, &"facingMode".into(), &"environment".into())?;
        constraints.set_video(&wanted);
        constraints.set_audio(&JsValue::FALSE);
        let stream: MediaStream = wasm_bindgen_futures::JsFuture::from(
            devices.get_user_media_with_constraints(&constraints)?,
        )
        .await?
        .dyn_into()?;
        video.set_src_object(Some(&stream));
        let _ = wasm_bindgen_futures::JsFuture::from(video.play()?).await;
        Ok(stream)
    }

    fn stop(stream: &MediaStream) {
        for track in stream.get_tracks().iter() {
            if let Ok(t) = track.dyn_into::<web_sys::MediaStreamTrack>() {
                t.stop();
            }
        }
    }

    /// One frame, decoded: the text of the first QR code in it.
    fn read(video: &HtmlVideoElement, canvas: &HtmlCanvasElement) -> Option<String> {
        let (vw, vh) = (video.video_width(), video.video_height());
        if vw == 0 || vh == 0 {
            return None;
        }
        let w = vw.min(WIDTH);
        let h = (u64::from(vh) * u64::from(w) / u64::from(vw)) as u32;
        canvas.set_width(w);
        canvas.set_height(h);
        let ctx = canvas
            .get_context("2d")
            .ok()??
            .dyn_into::<web_sys::CanvasRenderingContext2d>()
            .ok()?;
        ctx.draw_image_with_html_video_element_and_dw_and_dh(video, 0.0, 0.0, w.into(), h.into())
            .ok()?;
        let rgba = ctx
            .get_image_data(0.0, 0.0, w.into(), h.into())
            .ok()?
            .data();
        let width = w as usize;
        let mut img = rqrr::PreparedImage::prepare_from_greyscale(width, h as usize, |x, y| {
            let i = (y * width + x) * 4;
            let (r, g, b) = (
                u32::from(rgba[i]),
                u32::from(rgba[i + 1]),
                u32::from(rgba[i + 2]),
            );
            ((r * 77 + g * 150 + b * 29) >> 8) as u8
        });
        img.detect_grids()
            .into_iter()
            .find_map(|g| g.decode().ok().map(|(_, text)| text))
    }

    async fn gloo_sleep(ms: i32) {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        });
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
}
