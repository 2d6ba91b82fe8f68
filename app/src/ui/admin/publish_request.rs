//! Putting a draft up for publication: from today or from a later day (the day a law
//! takes effect), and whether events dated before that day keep the rules before.

use super::check_report::RuleErrors;
use crate::api::admin::request_publication;
use crate::error::AppError;
use crate::model::admin::PublicationRequest;
use crate::ui::common::{server_field_errors, TextField};
use leptos::prelude::*;
use leptos::task::spawn_local;
use madoguchi_core::forms::FieldError;

#[component]
pub fn PublishRequestForm(version: String, done: Callback<String>) -> impl IntoView {
    let later = RwSignal::new(false);
    let day = RwSignal::new(String::new());
    let by_event = RwSignal::new(false);
    let note = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<AppError>);
    let err = move |f: &'static str| crate::ui::common::field_error(errors, f);
    let heading = format!("{version} の公開を依頼");
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
                Ok(()) => done.run(format!(
                    "{} の公開を依頼しました。別の管理者が確認して承認すると公開されます。",
                    request.version
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
                <div class="alert alert-error" role="alert">{e.message_ja()}</div>
                <RuleErrors error=e/>
            })}
            <form on:submit=submit novalidate>
                <fieldset class="field">
                    <legend>"いつから使いますか"</legend>
                    <label class="radio"><input type="radio" name="when" prop:checked=move || !later.get() on:change=move |_| later.set(false)/>"承認されたらすぐ"</label>
                    <label class="radio"><input type="radio" name="when" id="when-later" prop:checked=move || later.get() on:change=move |_| later.set(true)/>"日付を決める (法律の施行日など)"</label>
                </fieldset>
                <Show when=move || later.get()>
                    <TextField id="effective_from" label="この日から使う" value=day error=err("effective_from")
                        input_type="date" hint="今日以降の日付。その日になると自動で切り替わります" required=true/>
                    <label class="checkbox" for="by-event">
                        <input type="checkbox" id="by-event" prop:checked=move || by_event.get() on:change=move |ev| by_event.set(event_target_checked(&ev))/>
                        "この日より前の出来事 (出生日など) は、前の規則で判定する (経過措置)"
                    </label>
                </Show>
                <TextField id="publish-note" label="変更の説明 (承認する人が読みます)" value=note error=err("note")/>
                <button type="submit" class="btn btn-primary">"公開を依頼する"</button>
            </form>
        </section>
    }
}
