//! Putting a draft up for publication: from today or from a later day (the day a law
//! takes effect), and whether events dated before that day keep the rules before.

use super::check_report::RuleErrors;
use crate::api::admin::request_publication;
use crate::error::AppError;
use crate::model::admin::PublicationRequest;
use crate::ui::common::{server_field_errors, TextField};
use crate::ui::i18n::{m, t, t_with, Catalog};
use leptos::prelude::*;
use leptos::task::spawn_local;
use madoguchi_core::forms::FieldError;

#[component]
pub fn PublishRequestForm(version: String, done: Callback<String>) -> impl IntoView {
    let catalog = Catalog::get();
    let later = RwSignal::new(false);
    let day = RwSignal::new(String::new());
    let by_event = RwSignal::new(false);
    let note = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<AppError>);
    let err = move |f: &'static str| crate::ui::common::field_error(errors, f);
    let heading = {
        let version = version.clone();
        t_with(m::admin::rules::publish::title, move || {
            vec![("version", version.clone())]
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let request = PublicationRequest {
            version: version.clone(),
            effective_from: if later.get_untracked() {
                day.get_untracked()
            } else {
                String::new()
            },
            transition: if by_event.get_untracked() {
                "event_date"
            } else {
                "as_of"
            }
            .into(),
            note: note.get_untracked(),
        };
        spawn_local(async move {
            match request_publication(request.clone()).await {
                Ok(()) => done.run(catalog.fill_now(
                    m::admin::rules::publish::requested,
                    &[("version", request.version)],
                )),
                Err(e) => {
                    errors.set(server_field_errors(&e));
                    failure.set(Some(e));
                }
            }
        });
    };
    view! {
        <section class="panel" aria-labelledby="publish-request-heading">
            <h3 id="publish-request-heading">{heading}</h3>
            {move || failure.get().map(|e| view! {
                <div class="alert alert-error" role="alert">{catalog.app_error(&e)}</div>
                <RuleErrors error=e/>
            })}
            <form on:submit=submit novalidate>
                <fieldset class="field">
                    <legend>{t(m::admin::rules::publish::when)}</legend>
                    <label class="radio"><input type="radio" name="when" prop:checked=move || !later.get() on:change=move |_| later.set(false)/>{t(m::admin::rules::publish::at_once)}</label>
                    <label class="radio"><input type="radio" name="when" id="when-later" prop:checked=move || later.get() on:change=move |_| later.set(true)/>{t(m::admin::rules::publish::later)}</label>
                </fieldset>
                <Show when=move || later.get()>
                    <TextField id="effective_from" label=m::admin::rules::publish::day value=day error=err("effective_from")
                        input_type="date" hint=m::admin::rules::publish::day_hint required=true/>
                    <label class="checkbox" for="by-event">
                        <input type="checkbox" id="by-event" prop:checked=move || by_event.get() on:change=move |ev| by_event.set(event_target_checked(&ev))/>
                        {t(m::admin::rules::publish::by_event_date)}
                    </label>
                </Show>
                <TextField id="publish-note" label=m::admin::rules::publish::note value=note error=err("note")/>
                <button type="submit" class="btn btn-primary">{t(m::admin::rules::publish::submit)}</button>
            </form>
        </section>
    }
}
