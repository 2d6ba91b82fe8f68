//! The tablet at rest: staff start a new visit here.

use super::{Step, Wizard};
use crate::api::counter::start_visit;
use crate::ui::common::ErrorSummary;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn StartStep() -> impl IntoView {
    let wizard = Wizard::get();
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let start = move |_| {
        pending.set(true);
        spawn_local(async move {
            match start_visit().await {
                Ok(number) => {
                    wizard.draft.update(|d| d.visit_number = Some(number));
                    wizard.go(Step::Event);
                }
                Err(e) => error.set(Some(e.message_ja())),
            }
            pending.set(false);
        });
    };
    view! {
        <section class="start">
            <h1 id="step-heading" tabindex="-1">"ようこそ"</h1>
            <p class="lead">"お手続きをまとめてご案内します。書類に何度も名前を書く必要はありません。"</p>
            <ErrorSummary message=error.into()/>
            <button type="button" class="btn btn-primary btn-large" on:click=start disabled=move || pending.get()>
                "受付をはじめる"
            </button>
        </section>
    }
}
