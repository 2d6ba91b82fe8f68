//! Check your answers: the procedures, what the city holds and what was typed, each
//! typed value with a link back to its screen; then on to the one signature.

use super::confirm_step::source_label;
use super::{Channel, Step, Wizard};
use crate::ui::i18n::{m, t, Catalog};
use leptos::prelude::*;
use madoguchi_core::forms::{check_field, FieldType};
use madoguchi_core::jp::MyNumber;

#[component]
pub fn ReviewStep() -> impl IntoView {
    let wizard = Wizard::get();
    let catalog = Catalog::get();
    let d = wizard.draft.get_untracked();
    let Some(screening) = d.screening.clone() else {
        wizard.go(Step::Procedures);
        return ().into_any();
    };
    // Online, only what is applied for online is listed.
    let online = wizard.channel == Channel::Online;
    let procedures: Vec<String> = screening
        .procedures
        .iter()
        .filter(|p| !online || p.procedure.online)
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
            asked.push((field.label.clone(), format!("fields.{key}.label"), value, i));
        }
    }

    view! {
        <section>
            <h1 id="step-heading" tabindex="-1">{t(m::counter::review::title)}</h1>
            <h2>{t(m::counter::review::procedures)}</h2>
            <ul class="plain-list">{procedures.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}</ul>
            <h2>{t(m::counter::review::registry)}</h2>
            <dl class="summary-list">
                {screening.prefilled.into_iter().map(|p| {
                    let label = p.label.clone();
                    let key = format!("fields.{}.label", p.key);
                    view! {
                        <div class="summary-row">
                            <dt>{move || catalog.form(&label, &key)}</dt>
                            <dd>{p.value} " " <span class="source">{t(source_label(p.source))}</span></dd>
                        </div>
                    }
                }).collect_view()}
            </dl>
            <h2>{t(m::counter::review::answers)}</h2>
            <dl class="summary-list">
                {asked.into_iter().map(|(label, key, value, i)| {
                    let (l2, k2) = (label.clone(), key.clone());
                    view! {
                        <div class="summary-row">
                            <dt>{move || catalog.form(&label, &key)}</dt>
                            <dd>{value}</dd>
                            <dd class="change">
                                <button type="button" class="link" on:click=move |_| wizard.go(Step::Interview(i))>
                                    {t(m::counter::review::change)} <span class="visually-hidden">{move || catalog.form(&l2, &k2)}</span>
                                </button>
                            </dd>
                        </div>
                    }
                }).collect_view()}
            </dl>
            <div class="actions">
                <button type="button" class="btn btn-secondary" on:click=move |_| wizard.go(wizard.before_review())>{t(m::common::back)}</button>
                <button type="button" class="btn btn-primary" on:click=move |_| wizard.go(Step::Sign)>
                    {t(if online { m::public::apply::proceed } else { m::counter::review::proceed })}
                </button>
            </div>
        </section>
    }
    .into_any()
}
