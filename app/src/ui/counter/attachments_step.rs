//! Online: a photo or PDF of each document the procedures ask for (the rules'
//! `documents`: a bank book, a certificate). Each file is sent as it is chosen, checked
//! by the server by its content (a whole PDF, JPEG or PNG of at most 10 MB), and listed
//! under its document with a button to take it off. Attaching is not required: what is
//! missing the department asks for.

use super::{Step, Wizard};
use crate::api::resident::{application_attachments, remove_attachment};
use crate::model::online::AttachmentView;
use crate::ui::i18n::{m, t, Catalog};
use crate::ui::screening::{DocumentUpload, UploadTo};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn AttachmentsStep() -> impl IntoView {
    let wizard = Wizard::get();
    let catalog = Catalog::get();
    let number = wizard
        .draft
        .with_untracked(|d| d.visit_number.clone())
        .unwrap_or_default();
    // Each document of each procedure done online: (procedure id, its name, document).
    let wanted: Vec<(String, String, String)> = wizard.draft.with_untracked(|d| {
        d.screening
            .iter()
            .flat_map(|s| &s.procedures)
            .filter(|p| p.procedure.online)
            .flat_map(|p| {
                p.procedure.documents.iter().map(|doc| {
                    (
                        p.procedure.id.clone(),
                        p.procedure.name.clone(),
                        doc.clone(),
                    )
                })
            })
            .collect()
    });
    let files = RwSignal::new(Vec::<AttachmentView>::new());
    let sending = RwSignal::new(None::<String>);
    let load_error = RwSignal::new(None::<String>);
    {
        let number = number.clone();
        spawn_local(async move {
            match application_attachments(number).await {
                Ok(list) => files.set(list),
                Err(e) => load_error.set(Some(catalog.app_error(&e))),
            }
        });
    }
    let remove = {
        let number = number.clone();
        Callback::new(move |id: i32| {
            let number = number.clone();
            spawn_local(async move {
                match remove_attachment(number, id).await {
                    Ok(()) => files.update(|f| f.retain(|a| a.id != id)),
                    Err(e) => load_error.set(Some(catalog.app_error(&e))),
                }
            });
        })
    };
    let rows = wanted
        .into_iter()
        .enumerate()
        .map(|(i, (procedure_id, procedure, document))| {
            let to = UploadTo::Visit {
                number: number.clone(),
                procedure_id: procedure_id.clone(),
            };
            view! {
                <DocumentUpload input_id=format!("attachment-{i}") to procedure_id
                    procedure document files sending remove/>
            }
        })
        .collect_view();
    view! {
        <section>
            <h1 id="step-heading" tabindex="-1">{t(m::public::apply::attachments_title)}</h1>
            {move || load_error.get().map(|e| view! { <div class="alert alert-error" role="alert">{e}</div> })}
            <p>{t(m::public::apply::attachments_intro)}</p>
            <p class="hint">{t(m::public::apply::attachments_hint)}</p>
            <ul class="plain-list attachments">{rows}</ul>
            <div class="actions">
                <button type="button" class="btn btn-secondary" on:click=move |_| wizard.go(wizard.before_attachments())>{t(m::common::back)}</button>
                <button type="button" class="btn btn-primary" disabled=move || sending.get().is_some()
                    on:click=move |_| wizard.go(Step::Review)>{t(m::common::next)}</button>
            </div>
        </section>
    }
}
