//! The tablet at rest: staff start a new visit here, or resume one that was interrupted
//! (a reload, a crashed tab, a server restart). The interrupted visit is named by its
//! number and time only — nothing of the resident shows until staff choose to resume.

use super::{Step, Wizard};
use crate::api::counter::{resumable_visit, resume_visit, start_visit};
use crate::model::DraftSummary;
use crate::ui::common::ErrorSummary;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn StartStep() -> impl IntoView {
    let wizard = Wizard::get();
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let interrupted = RwSignal::new(None::<DraftSummary>);
    // The start button waits for the answer, so staff never start over an interrupted
    // visit by a quick tap.
    let checked = RwSignal::new(false);
    spawn_local(async move {
        if let Ok(found) = resumable_visit().await {
            interrupted.set(found.filter(|d| !wizard.was_ended(&d.visit_number)));
        }
        checked.set(true);
    });
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
    let resume = move |number: String| {
        pending.set(true);
        spawn_local(async move {
            match resume_visit(number).await {
                Ok(saved) => {
                    if !wizard.resume(&saved) {
                        error.set(Some(
                            "中断した受付を読み込めませんでした。終了して、新しく始めてください"
                                .into(),
                        ));
                    }
                }
                Err(e) => error.set(Some(e.message_ja())),
            }
            pending.set(false);
        });
    };
    let discard = move |number: String| {
        wizard.draft.update(|d| d.visit_number = Some(number));
        interrupted.set(None);
        wizard.clear();
    };
    view! {
        <section class="start">
            <h1 id="step-heading" tabindex="-1">"ようこそ"</h1>
            <p class="lead">"お手続きをまとめてご案内します。書類に何度も名前を書く必要はありません。"</p>
            <ErrorSummary message=error.into()/>
            {move || interrupted.get().map(|d| {
                let (n1, n2) = (d.visit_number.clone(), d.visit_number.clone());
                view! {
                    <div class="alert alert-info interrupted" role="status">
                        <h2>"中断した受付があります"</h2>
                        <p>{format!("受付番号 {} ({} に保存)。続きから再開できます。", d.visit_number, d.saved_at)}</p>
                        <div class="actions">
                            <button type="button" class="btn btn-secondary" on:click=move |_| discard(n2.clone())>"終了して新しく始める"</button>
                            <button type="button" class="btn btn-primary" disabled=move || pending.get()
                                on:click=move |_| resume(n1.clone())>"続きから再開する"</button>
                        </div>
                    </div>
                }
            })}
            {move || (checked.get() && interrupted.with(Option::is_none)).then(|| view! {
                <button type="button" class="btn btn-primary btn-large" on:click=start disabled=move || pending.get()>
                    "受付をはじめる"
                </button>
            })}
        </section>
    }
}
