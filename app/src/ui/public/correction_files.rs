//! The documents of a returned application: the files sent with it (kept by the
//! department, listed), and a photo or PDF of each document the procedure asks for
//! that the resident can add — a missing one, a clearer photo — to go with the
//! correction when it is sent back.

use crate::api::resident::remove_returned_attachment;
use crate::model::online::AttachmentView;
use crate::ui::i18n::{m, t, Catalog};
use crate::ui::screening::{size_text, DocumentUpload, UploadTo};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn CorrectionFiles(
    application_id: i32,
    procedure_id: String,
    documents: Vec<String>,
    sent: Vec<AttachmentView>,
    /// Files added since it was returned.
    added: RwSignal<Vec<AttachmentView>>,
    sending: RwSignal<Option<String>>,
) -> impl IntoView {
    let catalog = Catalog::get();
    let problem = RwSignal::new(None::<String>);
    let remove = Callback::new(move |id: i32| {
        spawn_local(async move {
            match remove_returned_attachment(application_id, id).await {
                Ok(()) => added.update(|f| f.retain(|a| a.id != id)),
                Err(e) => problem.set(Some(catalog.app_error(&e))),
            }
        });
    });
    let to = UploadTo::Returned { application_id };
    view! {
        <section class="correction-files" aria-labelledby="files-heading">
            <h3 id="files-heading">{t(m::public::correct::files_heading)}</h3>
            {(!sent.is_empty()).then(|| view! {
                <p class="hint">{t(m::public::correct::files_sent)}</p>
                <ul class="plain-list attached sent-files">
                    {sent.into_iter().map(|a| view! {
                        <li>
                            <span class="attached-name">{a.name}</span>
                            " " <span class="hint">{size_text(a.size)}</span>
                        </li>
                    }).collect_view()}
                </ul>
            })}
            <p>{t(m::public::correct::files_add)}</p>
            <p class="hint">{t(m::public::apply::attachments_hint)}</p>
            {move || problem.get().map(|e| view! { <div class="alert alert-error" role="alert">{e}</div> })}
            <ul class="plain-list attachments">
                {documents.into_iter().enumerate().map(|(i, document)| view! {
                    <DocumentUpload input_id=format!("attachment-{i}") to=to.clone()
                        procedure_id=procedure_id.clone() document files=added sending remove/>
                }).collect_view()}
            </ul>
        </section>
    }
}
