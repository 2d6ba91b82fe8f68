//! Step 4: the procedures the household needs — with reasons, deadlines, where each is
//! handled, what to bring, and which can be done online — decided by the server with
//! the rules in force today. The facts the city's data would tell at the counter are
//! asked here instead; the list updates as they are answered.

use super::{Navigator, Step};
use crate::api::public::guide;
use crate::ui::common::ErrorSummary;
use crate::ui::i18n::{m, t, t_with, Catalog};
use crate::ui::screening::{NotApplicableList, ProcedureCard, QuestionView};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn ResultStep() -> impl IntoView {
    let nav = Navigator::get();
    let catalog = Catalog::get();
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let run = move || {
        let sketch = nav.sketch.get_untracked();
        pending.set(true);
        spawn_local(async move {
            match guide(sketch).await {
                Ok(g) => {
                    error.set(None);
                    nav.guidance.set(Some(g));
                }
                Err(e) => error.set(Some(catalog.app_error(&e))),
            }
            pending.set(false);
        });
    };
    if nav.guidance.with_untracked(Option::is_none) {
        run();
    }
    let answer = move |id: String, value: serde_json::Value| {
        nav.sketch.update(|s| {
            s.answers.insert(id, value);
        });
        run();
    };
    let guidance = move || nav.guidance.get();
    let member = move |id: &str| super::names::name(nav, id);
    view! {
        <section class="navigator">
            <p class="step-count">{move || catalog.show(&catalog.fill(m::public::page::step, &[("n", Step::Result.number().to_string())]))}</p>
            <h1 id="step-heading" tabindex="-1">{t(m::public::result::title)}</h1>
            <p class="lead">{t(m::public::result::lead)}</p>
            <ErrorSummary message=error.into()/>
            <p class="loading" aria-live="polite">{move || pending.get().then(|| t(m::counter::procedures::checking))}</p>
            {move || guidance().map(|g| {
                let online = g.procedures.iter().filter(|p| p.procedure.online).count();
                let has_procedures = !g.procedures.is_empty();
                view! {
                    {(!g.questions.is_empty()).then(|| view! {
                        <div class="questions">
                            <h2>{t(m::public::result::ask)}</h2>
                            <p class="hint">{t(m::public::result::ask_hint)}</p>
                            {g.questions.into_iter().map(|q| view! { <QuestionView q answer member/> }).collect_view()}
                        </div>
                    })}
                    <p class="count">{
                        let n = g.procedures.len();
                        t_with(m::counter::procedures::count, move || vec![("n", n.to_string())])
                    }</p>
                    {(online > 0).then(|| view! {
                        <p class="online-count">{t_with(m::public::result::online_count, move || vec![("n", online.to_string())])}</p>
                    })}
                    {g.procedures.is_empty().then(|| view! { <p>{t(m::public::result::none)}</p> })}
                    <ol class="procedures">
                        {g.procedures.into_iter().map(|p| view! { <ProcedureCard p/> }).collect_view()}
                    </ol>
                    <NotApplicableList list=g.not_applicable/>
                    <p class="hint">{t(m::public::result::counter_note)}</p>
                    {has_procedures.then(|| view! {
                        <div class="prepare-offer">
                            <h2>{t(m::public::result::prepare_title)}</h2>
                            <p>{t(m::public::result::prepare_text)}</p>
                            <button type="button" class="btn btn-primary" on:click=move |_| nav.go(Step::Prepare)>{t(m::public::result::prepare)}</button>
                        </div>
                    })}
                }
            })}
            <div class="actions">
                <button type="button" class="btn btn-secondary" on:click=move |_| nav.go(Step::Details)>{t(m::common::back)}</button>
                <button type="button" class="btn btn-secondary" on:click=move |_| nav.restart()>{t(m::public::page::restart)}</button>
            </div>
        </section>
    }
}
