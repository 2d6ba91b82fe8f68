//! Check your answers: the procedures, what the city holds and what was typed, each
//! typed value with a link back to its screen; then on to the one signature.

use super::confirm_step::source_label;
use super::i18n::pick;
use super::interview_step::back_label;
use super::lang_switch::LangSwitch;
use super::{Step, Wizard};
use leptos::prelude::*;
use madoguchi_core::forms::{check_field, FieldType};
use madoguchi_core::jp::MyNumber;

#[component]
pub fn ReviewStep() -> impl IntoView {
    let wizard = Wizard::get();
    let lang = Signal::derive(move || wizard.draft.with(|d| d.lang));
    let t = move |ja, easy, en| pick(lang.get(), ja, easy, en);
    let d = wizard.draft.get_untracked();
    let Some(screening) = d.screening.clone() else {
        wizard.go(Step::Procedures);
        return ().into_any();
    };
    let procedures: Vec<String> = screening
        .procedures
        .iter()
        .map(|p| p.procedure.name.clone())
        .collect();
    let spec = screening.interview.clone();
    // Each typed value as it will print, with the screen to change it on.
    let mut asked = Vec::new();
    for (i, topic) in spec.plan.topics.iter().enumerate() {
        for key in &topic.fields {
            let Some(field) = spec.catalog.field(key) else {
                continue;
            };
            let Ok(Some(value)) = check_field(&spec.catalog, &spec.plan, key, &d.interview) else {
                continue;
            };
            let value = if field.ty == FieldType::MyNumber {
                MyNumber::parse(&value).map(|m| m.masked()).unwrap_or(value)
            } else {
                value
            };
            asked.push((field.label.clone(), value, i));
        }
    }

    view! {
        <section>
            <LangSwitch/>
            <h1 id="step-heading" tabindex="-1">{move || t("申請内容の確認", "しんせい の ないよう", "Check your answers")}</h1>
            <h2>{move || t("申請する手続き", "する てつづき", "Procedures")}</h2>
            <ul class="plain-list">{procedures.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
            <h2>{move || t("登録されている内容", "しやくしょ に ある きろく", "What the city knows")}</h2>
            <dl class="summary-list">
                {screening.prefilled.into_iter().map(|p| {
                    let label = p.label.clone();
                    view! {
                        <div class="summary-row">
                            <dt>{move || label.get(lang.get()).to_owned()}</dt>
                            <dd>{p.value} " " <span class="source">{move || source_label(p.source, lang.get())}</span></dd>
                        </div>
                    }
                }).collect_view()}
            </dl>
            <h2>{move || t("今回入力した内容", "いま かいた こと", "Your answers")}</h2>
            <dl class="summary-list">
                {asked.into_iter().map(|(label, value, i)| {
                    let l2 = label.clone();
                    view! {
                        <div class="summary-row">
                            <dt>{move || label.get(lang.get()).to_owned()}</dt>
                            <dd>{value}</dd>
                            <dd class="change">
                                <button type="button" class="link" on:click=move |_| wizard.go(Step::Interview(i))>
                                    {move || t("変更", "なおす", "Change")} <span class="visually-hidden">{move || l2.get(lang.get()).to_owned()}</span>
                                </button>
                            </dd>
                        </div>
                    }
                }).collect_view()}
            </dl>
            <div class="actions">
                <button type="button" class="btn btn-secondary" on:click=move |_| wizard.go(wizard.before_review())>{move || back_label(lang.get())}</button>
                <button type="button" class="btn btn-primary" on:click=move |_| wizard.go(Step::Sign)>
                    {move || t("この内容で署名へ進む", "これ で サイン へ すすむ", "Continue to sign")}
                </button>
            </div>
        </section>
    }
    .into_any()
}
