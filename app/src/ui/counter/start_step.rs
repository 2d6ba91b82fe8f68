//! The tablet at rest: staff start a new visit here, or resume one that was interrupted
//! (a reload, a crashed tab, a server restart). The interrupted visit is named by its
//! number and time only — nothing of the resident shows until staff choose to resume.

use super::lang_switch::LangSwitch;
use super::{Step, Wizard};
use crate::api::counter::{resumable_visit, resume_visit, start_visit};
use crate::model::DraftSummary;
use crate::ui::common::ErrorSummary;
use crate::ui::display::first_screen;
use crate::ui::i18n::{m, t, t_with, Catalog};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn StartStep() -> impl IntoView {
    let wizard = Wizard::get();
    let catalog = Catalog::get();
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
    // The server's copy of this screen gives way once this one is complete.
    Effect::new(move |_| {
        if checked.get() {
            first_screen::done();
        }
    });
    let start = move |_| {
        pending.set(true);
        spawn_local(async move {
            match start_visit().await {
                Ok(number) => {
                    wizard.draft.update(|d| d.visit_number = Some(number));
                    wizard.go(Step::Event);
                }
                Err(e) => error.set(Some(catalog.app_error(&e))),
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
                        error.set(Some(catalog.plain_now(m::counter::start::resume_failed)));
                    }
                }
                Err(e) => error.set(Some(catalog.app_error(&e))),
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
            <h1 id="step-heading" tabindex="-1">{t(m::counter::start::title)}</h1>
            <p class="lead">{t(m::counter::start::lead)}</p>
            <ErrorSummary message=error.into()/>
            {move || interrupted.get().map(|d| {
                let (n1, n2) = (d.visit_number.clone(), d.visit_number.clone());
                let (number, saved_at) = (d.visit_number.clone(), d.saved_at.clone());
                view! {
                    <div class="alert alert-info interrupted" role="status">
                        <h2>{t(m::counter::start::interrupted_title)}</h2>
                        <p>{t_with(m::counter::start::interrupted_text, move || vec![("number", number.clone()), ("saved_at", saved_at.clone())])}</p>
                        <div class="actions">
                            <button type="button" class="btn btn-secondary" on:click=move |_| discard(n2.clone())>{t(m::counter::start::discard)}</button>
                            <button type="button" class="btn btn-primary" disabled=move || pending.get()
                                on:click=move |_| resume(n1.clone())>{t(m::counter::start::resume)}</button>
                        </div>
                    </div>
                }
            })}
            {move || (checked.get() && interrupted.with(Option::is_none)).then(|| view! {
                <h2 class="choose-language">{t(m::counter::start::choose_language)}</h2>
                <LangSwitch large=true/>
                <button type="button" class="btn btn-primary btn-large" on:click=start disabled=move || pending.get()>
                    {t(m::counter::start::begin)}
                </button>
            })}
        </section>
    }
}
