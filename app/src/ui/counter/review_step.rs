//! Check your answers, with a change link per value; then submit every application at
//! once.

use super::state::Topic;
use super::{Step, Wizard};
use crate::api::counter::submit_visit;
use crate::error::AppError;
use crate::model::SubmitVisit;
use crate::ui::common::{focus, ErrorSummary};
use leptos::prelude::*;
use leptos::task::spawn_local;
use madoguchi_core::jp::AccountType;

#[component]
pub fn ReviewStep() -> impl IntoView {
    let wizard = Wizard::get();
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let d = wizard.draft.get_untracked();
    let procedures: Vec<String> = d
        .screening
        .as_ref()
        .map(|s| {
            s.procedures
                .iter()
                .map(|p| p.procedure.name.clone())
                .collect()
        })
        .unwrap_or_default();
    let prefilled = d
        .screening
        .as_ref()
        .map(|s| s.prefilled.clone())
        .unwrap_or_default();
    let topics = d.topics();
    let i = d.interview.clone();
    let mut asked: Vec<(&'static str, String, Topic)> =
        vec![("電話番号", i.phone.clone(), Topic::Phone)];
    if topics.contains(&Topic::BirthPlace) {
        asked.push(("生まれた場所", i.birth_place.clone(), Topic::BirthPlace));
    }
    if topics.contains(&Topic::Bank) {
        let kind = if i.account_type == "current" {
            AccountType::Current
        } else {
            AccountType::Ordinary
        };
        asked.push((
            "振込先の口座",
            format!(
                "{} {} {} {} {}",
                i.bank_code,
                i.branch_code,
                kind.label_ja(),
                i.account_number,
                i.account_holder
            ),
            Topic::Bank,
        ));
    }

    let submit = move |_| {
        if pending.get_untracked() {
            return;
        }
        let d = wizard.draft.get_untracked();
        let Some(visit) = d.visit_input() else {
            wizard.clear();
            return;
        };
        let input = SubmitVisit {
            visit,
            interview: d.interview.clone(),
        };
        pending.set(true);
        spawn_local(async move {
            match submit_visit(input).await {
                Ok(receipt) => {
                    wizard.draft.update(|d| d.receipt = Some(receipt));
                    wizard.go(Step::Receipt);
                }
                Err(e) => {
                    error.set(Some(match &e {
                        AppError::InvalidInput { fields } => format!(
                            "入力内容を確認してください: {}",
                            fields
                                .iter()
                                .map(|f| f.error.message_ja())
                                .collect::<Vec<_>>()
                                .join("、")
                        ),
                        other => other.message_ja(),
                    }));
                    focus("error-summary");
                }
            }
            pending.set(false);
        });
    };

    view! {
        <section>
            <h1 id="step-heading" tabindex="-1">"申請内容の確認"</h1>
            <ErrorSummary message=error.into()/>
            <h2>"申請する手続き"</h2>
            <ul class="plain-list">{procedures.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
            <h2>"登録されている内容"</h2>
            <dl class="summary-list">
                {prefilled.into_iter().map(|p| view! {
                    <div class="summary-row">
                        <dt>{p.label}</dt>
                        <dd>{p.value} " " <span class="source">{p.source.label_ja()}</span></dd>
                    </div>
                }).collect_view()}
            </dl>
            <h2>"今回入力した内容"</h2>
            <dl class="summary-list">
                {asked.into_iter().map(|(label, value, topic)| view! {
                    <div class="summary-row">
                        <dt>{label}</dt>
                        <dd>{value}</dd>
                        <dd class="change">
                            <button type="button" class="link" on:click=move |_| wizard.go(Step::Interview(topic))>
                                "変更" <span class="visually-hidden">{label}</span>
                            </button>
                        </dd>
                    </div>
                }).collect_view()}
            </dl>
            <div class="actions">
                <button type="button" class="btn btn-secondary" on:click=move |_| wizard.go(Step::Interview(Topic::Confirm))>"もどる"</button>
                <button type="button" class="btn btn-primary" on:click=submit disabled=move || pending.get()>
                    {move || if pending.get() { "送信しています…" } else { "この内容で申請する" }}
                </button>
            </div>
        </section>
    }
}
