//! The counter tablet: a wizard the resident walks with staff help, one topic per
//! screen. Its state lives in memory and in the visit's draft on the server, and is
//! dropped when the visit ends. The same steps run online, on the resident's phone
//! (`ui/public/apply_page.rs`), with the wizard's channel set to online.

mod attachments_step;
mod baby_step;
mod calls;
mod confirm_step;
mod consent_step;
mod details_step;
mod display_bar;
mod event_step;
mod find_step;
mod idle_guard;
mod interview_step;
mod lang_switch;
mod members_step;
mod pre_entry_reader;
mod procedures_step;
mod receipt_step;
mod review_step;
mod sign_step;
mod signature_pad;
mod start_step;
mod state;
mod survey_step;

use crate::model::Permission;
use crate::ui::auth::RequireStaff;
use crate::ui::i18n::{m, t, t_with, Catalog};
pub use event_step::{texts as event_texts, EventChoices};
use leptos::prelude::*;
pub use state::{Channel, SaveStatus, Step, Wizard};

#[component]
pub fn CounterPage() -> impl IntoView {
    let catalog = Catalog::get();
    catalog.need("counter");
    catalog.need("forms");
    catalog.need("rules");
    view! {
        <RequireStaff permission=Permission::CounterRun>
            <CounterWizard/>
        </RequireStaff>
    }
}

#[component]
fn CounterWizard() -> impl IntoView {
    let wizard = Wizard::provide(Channel::Counter);
    // The page speaks the visit's language, with furigana if asked for, and goes back
    // to the staff's language when the counter is left.
    let catalog = Catalog::get();
    Effect::new(move |_| catalog.switch(wizard.draft.with(|d| d.lang)));
    Effect::new(move |_| catalog.furigana.set(wizard.draft.with(|d| d.furigana)));
    on_cleanup(move || {
        catalog.switch(catalog.staff_lang().get_untracked());
        catalog.furigana.set(false);
    });
    view! {
        <div class="wizard">
            <idle_guard::IdleGuard/>
            <display_bar::DisplayBar/>
            <WizardSteps start=ViewFn::from(|| view! { <start_step::StartStep/> })/>
        </div>
    }
}

/// The steps of a visit, the same at the counter and online (the wizard's channel
/// tells them apart where they differ): the save warning, the progress bar and the
/// current step. `start` is the channel's first screen.
#[component]
pub fn WizardSteps(start: ViewFn) -> impl IntoView {
    let wizard = Wizard::get();
    view! {
        {move || (wizard.save_status.get() == SaveStatus::Failed).then(|| view! {
            <div class="alert alert-warning" role="alert">
                <p>{t(m::counter::wizard::save_failed)}</p>
                <button type="button" class="btn btn-secondary" on:click=move |_| wizard.save()>{t(m::counter::wizard::save_retry)}</button>
            </div>
        })}
        {move || wizard.step.get().progress(wizard.channel).map(|(n, of)| view! {
            <p class="progress">
                <span class="progress-text">{t_with(m::counter::wizard::progress, move || vec![("n", n.to_string()), ("of", of.to_string())])}</span>
                <span class="progress-track" aria-hidden="true">
                    <span class="progress-bar" style:width=format!("{}%", n * 100 / of)></span>
                </span>
            </p>
        })}
        {move || match wizard.step.get() {
            Step::Start => start.run(),
            Step::Event => view! { <event_step::EventStep/> }.into_any(),
            Step::Find => view! { <find_step::FindStep/> }.into_any(),
            Step::Members => view! { <members_step::MembersStep/> }.into_any(),
            Step::Consent => view! { <consent_step::ConsentStep/> }.into_any(),
            Step::Details => view! { <details_step::DetailsStep/> }.into_any(),
            Step::Baby => view! { <baby_step::BabyStep/> }.into_any(),
            Step::Procedures => view! { <procedures_step::ProceduresStep/> }.into_any(),
            Step::Confirm => view! { <confirm_step::ConfirmStep/> }.into_any(),
            Step::Interview(index) => view! { <interview_step::InterviewStep index/> }.into_any(),
            Step::Attachments => view! { <attachments_step::AttachmentsStep/> }.into_any(),
            Step::Review => view! { <review_step::ReviewStep/> }.into_any(),
            Step::Sign => view! { <sign_step::SignStep/> }.into_any(),
            Step::Receipt => view! { <receipt_step::ReceiptStep/> }.into_any(),
            Step::Survey => view! { <survey_step::SurveyStep/> }.into_any(),
        }}
    }
}
