//! What the city already holds for the forms, shown with where it came from: the
//! resident confirms it instead of writing it again.

use super::{Channel, Step, Wizard};
use crate::ui::i18n::{m, t, Catalog, Key};
use leptos::prelude::*;
use madoguchi_core::forms::Source;

/// Where a value came from, as the resident reads it.
pub fn source_label(source: Source) -> Key {
    match source {
        Source::Registry => m::counter::confirm::from_registry,
        Source::Visit => m::counter::confirm::from_visit,
        Source::Asked => m::counter::confirm::from_answer,
    }
}

#[component]
pub fn ConfirmStep() -> impl IntoView {
    let wizard = Wizard::get();
    let catalog = Catalog::get();
    let prefilled = wizard.draft.with_untracked(|d| {
        d.screening
            .as_ref()
            .map(|s| s.prefilled.clone())
            .unwrap_or_default()
    });
    view! {
        <section>
            <h1 id="step-heading" tabindex="-1">{t(m::counter::confirm::title)}</h1>
            <p class="hint">{t(match wizard.channel {
                Channel::Counter => m::counter::confirm::intro,
                Channel::Online => m::public::apply::confirm_intro,
            })}</p>
            <dl class="summary-list">
                {prefilled.into_iter().map(|p| {
                    let label = p.label.clone();
                    let key = format!("fields.{}.label", p.key);
                    view! {
                        <div class="summary-row" data-key=p.key.clone()>
                            <dt>{move || catalog.form(&label, &key)}</dt>
                            <dd>{p.value} " " <span class="source">{t(source_label(p.source))}</span></dd>
                        </div>
                    }
                }).collect_view()}
            </dl>
            <div class="actions">
                <button type="button" class="btn btn-secondary" on:click=move |_| wizard.go(Step::Procedures)>{t(m::common::back)}</button>
                <button type="button" class="btn btn-primary" on:click=move |_| wizard.go(wizard.after_confirm())>
                    {t(m::counter::confirm::proceed)}
                </button>
            </div>
        </section>
    }
}
