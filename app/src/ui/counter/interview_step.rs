//! The merged interview, one topic per screen. Each field is asked once for every form
//! that prints it; the screen is checked here with the same code the server runs again
//! on submit, every error shown next to its field and summarised at the top, and focus
//! moves to the first one.

use super::Wizard;
use crate::model::InterviewSpec;
use crate::ui::common::focus;
use crate::ui::i18n::{m, t, Catalog};
use crate::ui::screening::field_input::{dom_id, FieldInput, Inputs};
use crate::ui::screening::FieldErrorList;
use leptos::prelude::*;
use madoguchi_core::forms::{check_topic, part, FieldError, FieldType};

#[component]
pub fn InterviewStep(index: usize) -> impl IntoView {
    let wizard = Wizard::get();
    let catalog = Catalog::get();
    let spec = wizard.draft.with_untracked(|d| d.interview_spec().cloned());
    let Some(spec) = spec.filter(|s| index < s.plan.topics.len()) else {
        wizard.go(wizard.interview_start());
        return ().into_any();
    };
    let topic = spec.plan.topics[index].clone();
    let title = spec.catalog.topic(&topic.topic).cloned();
    let answers = RwSignal::new(wizard.draft.with_untracked(|d| d.interview.clone()));
    start_bank_account(&spec, &topic.fields, answers, &wizard);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let inputs = Inputs { answers, errors };
    let spec = StoredValue::new(spec);
    let topic_id = StoredValue::new(topic.topic.clone());

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let found = spec.with_value(|s| {
            answers.with_untracked(|a| check_topic(&s.catalog, &s.plan, &topic_id.get_value(), a))
        });
        // Keep what was typed even when it has errors: a reload resumes with it.
        wizard
            .draft
            .update(|d| d.interview = answers.get_untracked());
        if found.is_empty() {
            errors.set(Vec::new());
            wizard.go(wizard.after(index));
        } else {
            let first = dom_id(&found[0].field);
            errors.set(found);
            focus(&first);
        }
    };

    let fields = topic.fields.into_iter().filter_map(move |key| {
        let field = spec.with_value(|s| s.catalog.field(&key).cloned())?;
        if field.ty == FieldType::Members {
            return None;
        }
        let k = StoredValue::new(key);
        let shows = Memo::new(move |_| {
            spec.with_value(|s| answers.with(|a| s.plan.shows(&s.catalog, &k.get_value(), a)))
        });
        let required = Memo::new(move |_| {
            spec.with_value(|s| answers.with(|a| s.plan.requires(&s.catalog, &k.get_value(), a)))
        });
        let field = StoredValue::new(field);
        Some(view! {
            {move || shows.get().then(|| view! {
                <FieldInput field=field.get_value() inputs required=required.into()/>
            })}
        })
    });

    view! {
        <section>
            <h1 id="step-heading" tabindex="-1">
                {move || title.as_ref().map(|t| catalog.form(&t.title, &format!("topics.{}.title", t.id)))}
            </h1>
            {wizard.draft.with_untracked(|d| d.pre_entry).then(|| view! {
                <p class="alert alert-info">{t(m::counter::pre_entry::check_note)}</p>
            })}
            <FieldErrorList errors catalog=spec.with_value(|s| s.catalog.clone())/>
            <form on:submit=submit novalidate>
                {fields.collect_view()}
                <div class="actions">
                    <button type="button" class="btn btn-secondary"
                        on:click=move |_| {
                            wizard.draft.update(|d| d.interview = answers.get_untracked());
                            wizard.go(wizard.before(index));
                        }>{t(m::common::back)}</button>
                    <button type="submit" class="btn btn-primary">{t(m::common::next)}</button>
                </div>
            </form>
        </section>
    }
    .into_any()
}

/// A bank account starts as an ordinary account in the applicant's name (in kana), as
/// it usually is: confirmed, not typed.
fn start_bank_account(
    spec: &InterviewSpec,
    fields: &[String],
    answers: RwSignal<madoguchi_core::forms::Answers>,
    wizard: &Wizard,
) {
    let kana = wizard.draft.with_untracked(|d| {
        d.screening.as_ref().and_then(|s| {
            s.prefilled
                .iter()
                .find(|p| p.key == "applicant.kana")
                .map(|p| p.value.clone())
        })
    });
    for key in fields {
        if spec.catalog.field(key).map(|f| &f.ty) != Some(&FieldType::BankAccount) {
            continue;
        }
        answers.update(|a| {
            a.entry(part(key, "account_type"))
                .or_insert_with(|| "ordinary".into());
            if let Some(kana) = &kana {
                a.entry(part(key, "holder")).or_insert_with(|| kana.clone());
            }
        });
    }
}
