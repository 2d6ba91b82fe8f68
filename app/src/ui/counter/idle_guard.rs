//! Clears an unattended visit: after the configured time without a touch or a key the
//! tablet returns to its start screen, forgetting the resident; a warning with a
//! countdown comes first, and any touch keeps the visit.

use super::{Step, Wizard};
use crate::api::counter::kiosk_settings;
use crate::model::KioskSettings;
use crate::ui::i18n::{m, t, t_with};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::time::Duration;

fn now_ms() -> f64 {
    #[cfg(target_arch = "wasm32")]
    {
        js_sys::Date::now()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        0.0
    }
}

#[component]
pub fn IdleGuard() -> impl IntoView {
    let wizard = Wizard::get();
    let settings = RwSignal::new(KioskSettings::default());
    spawn_local(async move {
        if let Ok(s) = kiosk_settings().await {
            settings.set(s);
        }
    });
    let last_touch = StoredValue::new(now_ms());
    // Seconds left before the clear, while the warning shows.
    let remaining = RwSignal::new(None::<u32>);

    let touched = move || {
        last_touch.set_value(now_ms());
        remaining.set(None);
    };
    let pointer = window_event_listener(leptos::ev::pointerdown, move |_| touched());
    let key = window_event_listener(leptos::ev::keydown, move |_| touched());
    let tick = set_interval_with_handle(
        move || {
            if wizard.step.get_untracked() == Step::Start {
                last_touch.set_value(now_ms());
                remaining.set(None);
                return;
            }
            let s = settings.get_untracked();
            let idle = ((now_ms() - last_touch.get_value()) / 1000.0).max(0.0) as u32;
            if idle >= s.idle_seconds {
                remaining.set(None);
                wizard.clear();
            } else if idle + s.warning_seconds >= s.idle_seconds {
                if remaining.get_untracked().is_none() {
                    crate::ui::common::focus("idle-continue");
                }
                remaining.set(Some(s.idle_seconds - idle));
            }
        },
        Duration::from_secs(1),
    )
    .ok();
    on_cleanup(move || {
        pointer.remove();
        key.remove();
        if let Some(t) = tick {
            t.clear();
        }
    });

    move || {
        remaining.get().map(|left| {
            view! {
                <div class="idle-warning" role="alertdialog" aria-modal="true" aria-labelledby="idle-title" aria-describedby="idle-text">
                    <div class="idle-box">
                        <h2 id="idle-title">{t(m::counter::idle::title)}</h2>
                        <p id="idle-text">{t_with(m::counter::idle::text, move || vec![("left", left.to_string())])}</p>
                        <button type="button" id="idle-continue" class="btn btn-primary btn-large" on:click=move |_| touched()>{t(m::counter::idle::stay)}</button>
                    </div>
                </div>
            }
        })
    }
}
