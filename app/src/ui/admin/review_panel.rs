//! The second administrator's review of a version put up for publication: who made and
//! asked for it, from when, the difference file by file, the rule tests and the impact
//! on every household; then approve, or return it with a reason.

use super::check_report::{CheckReportView, RuleErrors};
use super::diff_view::DiffView;
use crate::api::admin::{approve_rules, return_rules, review_rules};
use crate::error::AppError;
use crate::ui::common::{field_error, ja_date, server_field_errors, TextField};
use leptos::prelude::*;
use leptos::task::spawn_local;
use madoguchi_core::forms::FieldError;

#[component]
pub fn ReviewPanel(version: String, done: Callback<String>) -> impl IntoView {
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
                Ok(()) => done.run(format!("{v} を承認しました。")),
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    let send_back = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        spawn_local(async move {
            let v = version.get_value();
            match return_rules(v.clone(), reason.get_untracked()).await {
                Ok(()) => done.run(format!("{v} を差し戻しました。")),
                Err(e) => {
                    errors.set(server_field_errors(&e));
                    failure.set(Some(e));
                }
            }
        });
    };
    view! {
        <section class="panel review" aria-labelledby="review-heading">
            <h3 id="review-heading">{format!("{} の確認", version.get_value())}</h3>
            {move || failure.get().map(|e| view! {
                <div class="alert alert-error" role="alert">{e.message_ja()}</div>
                <RuleErrors error=e/>
            })}
            <Suspense fallback=|| view! { <p class="loading">"差分と影響を計算しています…"</p> }>
                {move || review.get().map(|r| match r {
                    Err(e) => view! { <div class="alert alert-error" role="alert">{e.message_ja()}</div> }.into_any(),
                    Ok(r) => view! {
                        <dl class="summary">
                            <div class="summary-row"><dt>"作成"</dt><dd>{r.created_by.clone()}</dd></div>
                            <div class="summary-row"><dt>"依頼"</dt><dd>{r.requested_by.clone().unwrap_or_default()}</dd></div>
                            <div class="summary-row"><dt>"使い始める日"</dt><dd class="effective">{r.effective_from.map_or_else(|| "承認したらすぐ".into(), ja_date)}
                                {(r.transition == "event_date").then_some(" (この日より前の出来事は前の規則で判定)")}</dd></div>
                            <div class="summary-row"><dt>"説明"</dt><dd>{r.note.clone()}</dd></div>
                            <div class="summary-row"><dt>"比べる版"</dt><dd><code>{r.compared_with.clone()}</code></dd></div>
                        </dl>
                        {r.overridden_by.iter().map(|(d, v)| view! {
                            <div class="alert alert-warning" role="status"><p>{format!(
                                "{}から版 {v} に切り替わる予定です。その版にはこの変更が含まれていないため、その日からはこの変更が使われなくなります",
                                ja_date(*d)
                            )}</p></div>
                        }).collect_view()}
                        <DiffView files=r.files.clone()/>
                        <CheckReportView report=r.check.clone()/>
                    }.into_any(),
                })}
            </Suspense>
            <div class="actions">
                <button type="button" class="btn btn-primary" id="approve" on:click=approve>"承認して公開する"</button>
            </div>
            <form on:submit=send_back novalidate class="return-form">
                <TextField id="reason" label="差し戻す理由" value=reason error=field_error(errors, "reason")/>
                <button type="submit" class="btn btn-secondary">"差し戻す"</button>
            </form>
        </section>
    }
}
