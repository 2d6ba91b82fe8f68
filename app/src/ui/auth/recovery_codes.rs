//! The recovery codes, shown once after a first factor is enrolled (or renewed).

use crate::ui::i18n::{m, t};
use leptos::prelude::*;

#[component]
pub fn RecoveryCodes(codes: Vec<String>, on_done: Callback<()>) -> impl IntoView {
    let print = move |_| {
        #[cfg(target_arch = "wasm32")]
        {
            let _ = leptos::prelude::window().print();
        }
    };
    view! {
        <div class="narrow">
            <h1 id="recovery-heading" tabindex="-1">{t(m::auth::recovery::title)}</h1>
            <p>{t(m::auth::recovery::lead)}</p>
            <div class="alert alert-warning">{t(m::auth::recovery::warning)}</div>
            <ol class="recovery-codes">
                {codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}
            </ol>
            <div class="actions">
                <button type="button" class="btn btn-secondary" on:click=print>{t(m::auth::recovery::print)}</button>
                <button type="button" class="btn btn-primary" on:click=move |_| on_done.run(())>{t(m::auth::recovery::done)}</button>
            </div>
        </div>
    }
}
