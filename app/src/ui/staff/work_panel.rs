//! Working on an application: who has it, the next steps the workflow allows (a return
//! or a rejection says why, in words the resident reads), comments among staff, and the
//! full history with who and when. Hidden in the view shown to the resident.

use super::queue_page::status_label;
use crate::api::staff::{assign_application, change_status, comment_application};
use crate::error::AppError;
use crate::model::{ApplicationDetail, HistoryEntry};
use crate::ui::common::{field_error, server_field_errors};
use crate::ui::i18n::{m, t, t_with, Catalog, Key};
use leptos::prelude::*;
use leptos::task::spawn_local;
use madoguchi_core::forms::FieldError;
use madoguchi_core::workflow::Status;

/// The button that moves an application to `to`.
fn step_label(to: Status) -> Key {
    match to {
        Status::Received => m::staff::work::to_received,
        Status::InReview => m::staff::work::to_in_review,
        Status::Returned => m::staff::work::to_returned,
        Status::Completed => m::staff::work::to_completed,
        Status::Withdrawn => m::staff::work::to_withdrawn,
        Status::Rejected => m::staff::work::to_rejected,
    }
}

#[component]
pub fn WorkPanel(detail: ApplicationDetail, changed: Callback<()>) -> impl IntoView {
    let catalog = Catalog::get();
    let id = detail.summary.id;
    let from = Status::parse(&detail.summary.status);
    let note = RwSignal::new(String::new());
    let comment = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let failure = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let done = move |r: Result<(), AppError>| {
        busy.set(false);
        match r {
            Ok(()) => changed.run(()),
            Err(e) => {
                errors.set(server_field_errors(&e));
                failure.set(Some(e));
            }
        }
    };
    let start = move || {
        busy.set(true);
        failure.set(None);
        errors.set(Vec::new());
    };
    let step = move |to: Status| {
        let Some(from) = from else { return };
        start();
        spawn_local(async move { done(change_status(id, from, to, note.get_untracked()).await) });
    };
    let take = move |to: Option<i32>| {
        start();
        spawn_local(async move { done(assign_application(id, to).await) });
    };
    let add_comment = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        start();
        spawn_local(async move { done(comment_application(id, comment.get_untracked()).await) });
    };
    let note_error = field_error(errors, "note");
    let comment_error = field_error(errors, "comment");
    let next = detail.next.clone();
    let reasoned = next.iter().any(|s| s.needs_reason());
    view! {
        <section class="panel work staff-only" aria-labelledby="work-heading">
            <h2 id="work-heading">{t(m::staff::work::title)}</h2>
            {move || failure.get().map(|e| view! { <div class="alert alert-error" role="alert">{catalog.app_error(&e)}</div> })}
            <p class="assignee">
                {match detail.assignee.clone() {
                    Some(name) => { let n = name.clone(); t_with(m::staff::work::assigned, move || vec![("name", n.clone())]).into_any() }
                    None => t(m::staff::work::unassigned).into_any(),
                }}
            </p>
            {detail.can_process.then(|| view! {
                <div class="actions">
                    {(!detail.mine).then(|| view! {
                        <button type="button" class="btn btn-secondary" id="take" disabled=move || busy.get()
                            on:click=move |_| take(Some(detail.me))>{t(m::staff::work::take)}</button>
                    })}
                    {detail.assignee.is_some().then(|| view! {
                        <button type="button" class="btn btn-tertiary" id="release" disabled=move || busy.get()
                            on:click=move |_| take(None)>{t(m::staff::work::release)}</button>
                    })}
                </div>
                {(!next.is_empty()).then(|| view! {
                    <div class="field">
                        <label class="label" for="note">{t(if reasoned { m::staff::work::reason } else { m::staff::work::note })}</label>
                        {reasoned.then(|| view! { <p class="hint" id="note-hint">{t(m::staff::work::reason_hint)}</p> })}
                        <textarea id="note" class="textarea" rows="3" maxlength="1000"
                            aria-describedby=move || if note_error.get().is_some() { "note-hint note-error" } else { "note-hint" }
                            aria-invalid=move || note_error.get().is_some().to_string()
                            prop:value=move || note.get()
                            on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                        {move || note_error.get().map(|e| view! { <p class="error-text" id="note-error">{e.view()}</p> })}
                    </div>
                    <div class="actions steps">
                        {next.iter().map(|to| {
                            let to = *to;
                            let class = if to == Status::InReview || to == Status::Completed { "btn btn-primary" } else { "btn btn-secondary" };
                            view! {
                                <button type="button" class=class data-to=to.code() disabled=move || busy.get()
                                    on:click=move |_| step(to)>{t(step_label(to))}</button>
                            }
                        }).collect_view()}
                    </div>
                })}
                <form class="comment-form" on:submit=add_comment novalidate>
                    <div class="field">
                        <label class="label" for="comment">{t(m::staff::work::comment)}</label>
                        <textarea id="comment" class="textarea" rows="2" maxlength="1000"
                            aria-invalid=move || comment_error.get().is_some().to_string()
                            aria-describedby="comment-error"
                            prop:value=move || comment.get()
                            on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
                        {move || comment_error.get().map(|e| view! { <p class="error-text" id="comment-error">{e.view()}</p> })}
                    </div>
                    <button type="submit" class="btn btn-secondary" disabled=move || busy.get()>{t(m::staff::work::add_comment)}</button>
                </form>
            })}
            <h3>{t(m::staff::work::history)}</h3>
            <ol class="history">
                {detail.history.into_iter().map(history_entry).collect_view()}
            </ol>
        </section>
    }
}

fn history_entry(h: HistoryEntry) -> impl IntoView {
    let what = match h.kind.as_str() {
        "comment" => t(m::staff::work::commented).into_any(),
        "resubmitted" => t(m::staff::work::resubmitted).into_any(),
        "assigned" if h.note.is_empty() => t(m::staff::work::released).into_any(),
        "assigned" => {
            let name = h.note.clone();
            t_with(m::staff::work::assigned_to, move || {
                vec![("name", name.clone())]
            })
            .into_any()
        }
        _ => view! { {t(m::staff::work::status_to)} " " <strong>{t(status_label(&h.status))}</strong> }
            .into_any(),
    };
    let note = (h.kind != "assigned" && !h.note.is_empty()).then(|| h.note.clone());
    view! {
        <li data-kind=h.kind.clone()>
            <span class="when">{h.at}</span>" "
            <span class="who">{h.who}</span>" "
            {what}
            {note.map(|n| view! { <p class="note">{n}</p> })}
        </li>
    }
}
