//! The procedures this household needs, each with its reasons, deadline and counter —
//! decided by the rules on the server. Facts the city's data cannot tell are asked here,
//! and the list updates as they are answered.

use super::{Channel, Wizard};
use crate::ui::common::ErrorSummary;
use crate::ui::i18n::{m, t, t_with, Catalog};
use crate::ui::screening::{NotApplicableList, ProcedureCard, QuestionView};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn ProceduresStep() -> impl IntoView {
    let wizard = Wizard::get();
    let catalog = Catalog::get();
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);

    let run = move || {
        let Some(input) = wizard.draft.with_untracked(|d| d.visit_input()) else {
            wizard.clear();
            return;
        };
        pending.set(true);
        spawn_local(async move {
            match super::calls::screen(wizard.channel, input).await {
                Ok(s) => {
                    error.set(None);
                    wizard.draft.update(|d| d.screening = Some(s));
                }
                Err(e) => error.set(Some(catalog.app_error(&e))),
            }
            pending.set(false);
        });
    };
    run();

    let answer = move |id: String, value: serde_json::Value| {
        wizard.draft.update(|d| {
            d.answers.insert(id, value);
        });
        run();
    };
    let screening = move || wizard.draft.with(|d| d.screening.clone());
    let online = wizard.channel == Channel::Online;
    // Online, something must be left to apply for online.
    let ready = move || {
        screening().is_some_and(|s| {
            s.questions.is_empty() && (!online || s.procedures.iter().any(|p| p.procedure.online))
        }) && !pending.get()
    };

    view! {
        <section>
            <h1 id="step-heading" tabindex="-1">{t(m::counter::procedures::title)}</h1>
            <ErrorSummary message=error.into()/>
            <p class="loading" aria-live="polite">{move || pending.get().then(|| t(m::counter::procedures::checking))}</p>
            {move || screening().map(|s| view! {
                {(!s.questions.is_empty()).then(|| view! {
                    <div class="questions">
                        <h2>{t(m::counter::procedures::ask_title)}</h2>
                        <p class="hint">{t(m::counter::procedures::ask_hint)}</p>
                        {s.questions.into_iter().map(|q| view! { <QuestionView q answer member=member_name/> }).collect_view()}
                    </div>
                })}
                <p class="count">{
                    let n = s.procedures.len();
                    t_with(m::counter::procedures::count, move || vec![("n", n.to_string())])
                }</p>
                {(wizard.channel == Channel::Online).then(|| {
                    let online = s.procedures.iter().filter(|p| p.procedure.online).count();
                    let counter = s.procedures.len() - online;
                    view! {
                        <div class="alert alert-info" id="online-split" role="status">
                            <p>{t_with(m::public::apply::online_count, move || vec![("n", online.to_string())])}</p>
                            {(counter > 0).then(|| view! { <p>{t_with(m::public::apply::counter_count, move || vec![("n", counter.to_string())])}</p> })}
                        </div>
                    }
                })}
                <ol class="procedures">
                    {s.procedures.into_iter().map(|p| view! { <ProcedureCard p/> }).collect_view()}
                </ol>
                <NotApplicableList list=s.not_applicable/>
            })}
            {move || screening().is_some_and(|s| !s.questions.is_empty()).then(|| view! {
                <p class="hint">{t(m::counter::procedures::answer_first)}</p>
            })}
            <div class="actions">
                <button type="button" class="btn btn-secondary" on:click=move |_| wizard.go(wizard.before_procedures())>{t(m::common::back)}</button>
                <button type="button" class="btn btn-primary" disabled=move || !ready()
                    on:click=move |_| wizard.go(wizard.interview_start())>{t(m::counter::procedures::make_forms)}</button>
            </div>
        </section>
    }
}

/// A member of the visit's household by resident number: their name.
fn member_name(number: &str) -> Option<String> {
    Wizard::get().draft.with_untracked(|d| {
        d.household.as_ref().and_then(|h| {
            h.members
                .iter()
                .find(|m| m.person_number == number)
                .map(|m| m.name.clone())
        })
    })
}
