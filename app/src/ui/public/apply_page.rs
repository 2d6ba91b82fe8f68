//! `/my/apply`: a signed-in resident applies from home with the counter's own steps
//! (`ui/counter`, the wizard's channel set to online): the life events, the consent,
//! the details, the procedures, the values the city holds to confirm, the questions,
//! the review, and sending. The household is the resident's own; the state is saved on
//! the server at every step, so coming back carries on where it was left.

use crate::api::resident::start_application;
use crate::error::AppError;
use crate::model::online::OnlineApplication;
use crate::ui::counter::{Channel, Step, Wizard, WizardSteps};
use crate::ui::i18n::{m, t, Catalog};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn ApplyPage() -> impl IntoView {
    let catalog = Catalog::get();
    catalog.need("forms");
    Effect::new(|_| crate::ui::display::first_screen::done());
    Wizard::provide(Channel::Online);
    view! {
        <div class="wizard wizard-online">
            <WizardSteps start=ViewFn::from(|| view! { <OnlineStart/> })/>
        </div>
    }
}

/// What stands before the first step: loading the resident's application (new, or the
/// one left unfinished), or why it cannot be.
#[derive(Clone, PartialEq)]
enum Opening {
    Loading,
    /// Not signed in (or the session lapsed).
    SignIn,
    /// The registry did not match the resident: nothing to apply for online.
    NotMatched,
    /// Thrown away on this page; a new one can be started.
    Discarded,
    Failed(String),
}

#[component]
fn OnlineStart() -> impl IntoView {
    let wizard = Wizard::get();
    let catalog = Catalog::get();
    let opening = RwSignal::new(if wizard.ended_any() {
        Opening::Discarded
    } else {
        Opening::Loading
    });
    let open = move || {
        opening.set(Opening::Loading);
        spawn_local(async move {
            match start_application().await {
                Ok(app) => carry_on(wizard, app),
                Err(AppError::Unauthenticated) => opening.set(Opening::SignIn),
                Err(AppError::Forbidden) => opening.set(Opening::NotMatched),
                Err(e) => opening.set(Opening::Failed(catalog.app_error(&e))),
            }
        });
    };
    if opening.get_untracked() == Opening::Loading {
        open();
    }
    let sign_in = move || {
        format!(
            // Back in the same language: the return address carries it.
            "/auth/oidc/start?return_to=%2Fmy%2Fapply%3Flang%3D{code}&lang={code}",
            code = catalog.lang().get().code()
        )
    };
    view! {
        <section>
            <h1 id="step-heading" tabindex="-1">{t(m::public::apply::title)}</h1>
            {move || match opening.get() {
                Opening::Loading => view! { <p class="loading" role="status">{t(m::common::loading)}</p> }.into_any(),
                Opening::SignIn => view! {
                    <p>{t(m::public::apply::sign_in_first)}</p>
                    <p><a class="btn btn-primary" id="sign-in" href=sign_in rel="external">{t(m::public::my::sign_in)}</a></p>
                }.into_any(),
                Opening::NotMatched => view! {
                    <div class="alert alert-warning" role="status">{t(m::public::apply::not_matched)}</div>
                    <p><a class="btn btn-secondary" href="/">{t(m::public::my::to_navigator)}</a></p>
                }.into_any(),
                Opening::Discarded => view! {
                    <div class="alert alert-info" role="status" id="discarded">{t(m::public::apply::discarded)}</div>
                    <div class="actions">
                        <a class="btn btn-secondary" href="/my">{t(m::public::apply::to_my_page)}</a>
                        <button type="button" class="btn btn-primary" on:click=move |_| open()>{t(m::public::apply::start_again)}</button>
                    </div>
                }.into_any(),
                Opening::Failed(message) => view! {
                    <div class="alert alert-error" role="alert">{message}</div>
                    <p><button type="button" class="btn btn-secondary" on:click=move |_| open()>{t(m::public::apply::retry)}</button></p>
                }.into_any(),
            }}
        </section>
    }
}

/// Carries on the saved application, or begins a new one at the life events.
fn carry_on(wizard: Wizard, app: OnlineApplication) {
    if let Some(saved) = &app.draft {
        if wizard.resume(saved) {
            return;
        }
    }
    wizard.draft.update(|d| {
        d.visit_number = Some(app.visit_number.clone());
        d.household = Some(app.household.clone());
    });
    wizard.go(Step::Event);
}
