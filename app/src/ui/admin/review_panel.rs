//! The second administrator's review of a version put up for publication: who made and
//! asked for it, from when, the difference file by file, the rule tests and the impact
//! on every household; then approve, or return it with a reason.

use super::check_report::{CheckReportView, RuleErrors};
use super::diff_view::DiffView;
use crate::api::admin::{approve_rules, return_rules, review_rules};
use crate::error::AppError;
use crate::ui::common::{field_error, server_field_errors, TextField};
use crate::ui::i18n::{m, t, t_date, t_with, Catalog};
use leptos::prelude::*;
use leptos::task::spawn_local;
use madoguchi_core::forms::FieldError;

#[component]
pub fn ReviewPanel(version: String, done: Callback<String>) -> impl IntoView {
    let catalog = Catalog::get();
    let review = {
        let version = version.clone();
        LocalResource::new(move || review_rules(version.clone()))
    };
    let failure = RwSignal::new(None::<AppError>);
    let reason = RwSignal::new(String::new());
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let version = StoredValue::new(version);
    let approve = move |_| {
        failure.set(None);
        spawn_local(async move {
            let v = version.get_value();
            match approve_rules(v.clone()).await {
                Ok(()) => {
                    done.run(catalog.fill_now(m::admin::rules::review::approved, &[("version", v)]))
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let send_back = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        spawn_local(async move {
            let v = version.get_value();
            match return_rules(v.clone(), reason.get_untracked()).await {
                Ok(()) => {
                    done.run(catalog.fill_now(m::admin::rules::review::returned, &[("version", v)]))
                }
                Err(e) => {
                    errors.set(server_field_errors(&e));
                    failure.set(Some(e));
                }
            }
        });
    };
    view! {
        <section class="panel review" aria-labelledby="review-heading">
            <h3 id="review-heading">{t_with(m::admin::rules::review::title, move || vec![("version", version.get_value())])}</h3>
            {move || failure.get().map(|e| view! {
                <div class="alert alert-error" role="alert">{catalog.app_error(&e)}</div>
                <RuleErrors error=e/>
            })}
            <Suspense fallback=|| view! { <p class="loading">{t(m::admin::rules::review::computing)}</p> }>
                {move || review.get().map(|r| match r {
                    Err(e) => view! { <div class="alert alert-error" role="alert">{catalog.app_error(&e)}</div> }.into_any(),
                    Ok(r) => view! {
                        <dl class="summary">
                            <div class="summary-row"><dt>{t(m::admin::rules::review::created)}</dt><dd>{r.created_by.clone()}</dd></div>
                            <div class="summary-row"><dt>{t(m::admin::rules::review::requested)}</dt><dd>{r.requested_by.clone().unwrap_or_default()}</dd></div>
                            <div class="summary-row"><dt>{t(m::admin::rules::review::effective)}</dt><dd class="effective">{match r.effective_from {
                                    Some(d) => t_date(d).into_any(),
                                    None => t(m::admin::rules::review::at_once).into_any(),
                                }}
                                {(r.transition == "event_date").then(|| t(m::admin::rules::review::by_event_date))}</dd></div>
                            <div class="summary-row"><dt>{t(m::admin::rules::review::note)}</dt><dd>{r.note.clone()}</dd></div>
                            <div class="summary-row"><dt>{t(m::admin::rules::review::compared_with)}</dt><dd><code>{r.compared_with.clone()}</code></dd></div>
                        </dl>
                        {r.overridden_by.iter().map(|(d, v)| view! {
                            <div class="alert alert-warning" role="status"><p>{
                                let (d, v) = (*d, v.clone());
                                t_with(m::admin::rules::review::overridden, move || vec![("date", catalog.date(d)), ("version", v.clone())])
                            }</p></div>
                        }).collect_view()}
                        <DiffView files=r.files.clone()/>
                        <CheckReportView report=r.check.clone()/>
                    }.into_any(),
                })}
            </Suspense>
            <div class="actions">
                <button type="button" class="btn btn-primary" id="approve" on:click=approve>{t(m::admin::rules::review::approve)}</button>
            </div>
            <form on:submit=send_back novalidate class="return-form">
                <TextField id="reason" label=m::admin::rules::review::reason value=reason error=field_error(errors, "reason")/>
                <button type="submit" class="btn btn-secondary">{t(m::admin::rules::review::send_back)}</button>
            </form>
        </section>
    }
}
