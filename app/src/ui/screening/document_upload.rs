//! A photo or PDF of one document a procedure asks for (the rules' `documents`: a bank
//! book, a certificate): a file input that sends the file as it is chosen, the server's
//! refusal in the reader's words next to it, and the files kept for the document, each
//! with a button to take it off. Used by the online interview's attachments step and by
//! the correction of a returned application.

use crate::error::AppError;
use crate::model::online::AttachmentView;
use crate::ui::i18n::{m, t, t_error, Catalog};
use leptos::prelude::*;
use leptos::task::spawn_local;
use madoguchi_core::jp::ValueError;

/// The largest file the server takes (`core::attachment::DEFAULT_MAX_BYTES`); a larger
/// one is refused here before it is sent.
const MAX_BYTES: f64 = 10.0 * 1024.0 * 1024.0;

/// Where a chosen file goes (`POST /api/resident/attachments`).
#[derive(Clone, Debug, PartialEq)]
pub enum UploadTo {
    /// A procedure of the resident's open application, before it is sent.
    Visit {
        number: String,
        procedure_id: String,
    },
    /// One of the resident's applications the department returned.
    Returned { application_id: i32 },
}

#[cfg(feature = "csr")]
impl UploadTo {
    fn query(&self) -> Vec<(&'static str, String)> {
        match self {
            UploadTo::Visit {
                number,
                procedure_id,
            } => vec![
                ("visit", number.clone()),
                ("procedure", procedure_id.clone()),
            ],
            UploadTo::Returned { application_id } => {
                vec![("application", application_id.to_string())]
            }
        }
    }
}

/// Why a file was not attached.
#[derive(Clone, PartialEq)]
enum Problem {
    Value(ValueError),
    Other(String),
}

/// One document: `files` holds what is kept (of every document; those of this
/// procedure and document are listed here), `sending` the input busy sending (one at a
/// time on the page), `remove` takes a file off.
#[component]
pub fn DocumentUpload(
    /// Unique on the page: the input's id.
    input_id: String,
    to: UploadTo,
    procedure_id: String,
    /// The procedure's name, shown above the document (when several ask for files).
    #[prop(optional)]
    procedure: Option<String>,
    document: String,
    files: RwSignal<Vec<AttachmentView>>,
    sending: RwSignal<Option<String>>,
    remove: Callback<i32>,
) -> impl IntoView {
    let catalog = Catalog::get();
    let problem = RwSignal::new(None::<Problem>);
    let busy_key = input_id.clone();
    let on_change = {
        let (key, to, document) = (input_id.clone(), to.clone(), document.clone());
        move |ev: leptos::ev::Event| {
            let Some(file) = chosen_file(&ev) else { return };
            if file_size(&file) > MAX_BYTES {
                problem.set(Some(Problem::Value(ValueError::FileTooLarge)));
                return;
            }
            problem.set(None);
            sending.set(Some(key.clone()));
            let (to, document) = (to.clone(), document.clone());
            spawn_local(async move {
                match send(&to, &document, file).await {
                    Ok(view) => files.update(|f| f.push(view)),
                    Err(AppError::InvalidInput { fields }) if !fields.is_empty() => {
                        problem.set(Some(Problem::Value(fields[0].error)));
                    }
                    Err(e) => problem.set(Some(Problem::Other(catalog.app_error(&e)))),
                }
                sending.set(None);
            });
        }
    };
    let mine = {
        let document = document.clone();
        move || {
            files.with(|f| {
                f.iter()
                    .filter(|a| a.procedure_id == procedure_id && a.document == document)
                    .cloned()
                    .collect::<Vec<_>>()
            })
        }
    };
    let error_id = format!("{input_id}-error");
    view! {
        <li class="attachment">
            {procedure.map(|p| view! { <p class="attachment-procedure">{p}</p> })}
            <label class="field-label" for=input_id.clone()>{document}</label>
            // The browser's own button speaks the phone's language, not the page's: the
            // input is hidden (still focused and announced), a second label is the button.
            <input type="file" id=input_id.clone() class="visually-hidden file-input"
                accept="image/jpeg,image/png,application/pdf"
                aria-describedby=error_id.clone() on:change=on_change
                disabled=move || sending.get().is_some()/>
            <label class="btn btn-secondary file-button" for=input_id
                class:disabled=move || sending.get().is_some()>{t(m::public::apply::attachment_choose)}</label>
            <p class="loading" aria-live="polite">{move || (sending.get().as_deref() == Some(busy_key.as_str())).then(|| t(m::public::apply::attachment_sending))}</p>
            {move || problem.get().map(|p| view! {
                <p class="error" id=error_id.clone()>{match p {
                    Problem::Value(e) => t_error(e).into_any(),
                    Problem::Other(text) => text.into_any(),
                }}</p>
            })}
            <ul class="plain-list attached">
                {move || mine().into_iter().map(|a| {
                    let id = a.id;
                    view! {
                        <li>
                            <span class="attached-name">{a.name.clone()}</span>
                            " " <span class="hint">{size_text(a.size)}</span>
                            <button type="button" class="btn btn-ghost" on:click=move |_| remove.run(id)>
                                {t(m::public::apply::attachment_remove)}
                                <span class="visually-hidden">{a.name.clone()}</span>
                            </button>
                        </li>
                    }
                }).collect_view()}
            </ul>
        </li>
    }
}

/// "2.4 MB", "350 KB".
pub fn size_text(bytes: i64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", (bytes + 1023) / 1024)
    }
}

#[cfg(feature = "csr")]
type File = web_sys::File;
#[cfg(not(feature = "csr"))]
type File = ();

#[cfg(feature = "csr")]
fn chosen_file(ev: &leptos::ev::Event) -> Option<File> {
    use wasm_bindgen::JsCast;
    let input: web_sys::HtmlInputElement = ev.target()?.dyn_into().ok()?;
    let file = input.files()?.get(0);
    // The same file can be chosen again after a refusal.
    input.set_value("");
    file
}

#[cfg(not(feature = "csr"))]
fn chosen_file(_: &leptos::ev::Event) -> Option<File> {
    None
}

#[cfg(feature = "csr")]
fn file_size(file: &File) -> f64 {
    file.size()
}

#[cfg(not(feature = "csr"))]
fn file_size(_: &File) -> f64 {
    0.0
}

/// Sends the file as the body of `POST /api/resident/attachments`; the server's answer
/// is the file as kept, or an error with its code.
#[cfg(feature = "csr")]
async fn send(to: &UploadTo, document: &str, file: File) -> Result<AttachmentView, AppError> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let transport = |_| AppError::Transport {
        message: "upload".into(),
    };
    let query = to
        .query()
        .into_iter()
        .chain([("document", document.to_owned()), ("name", file.name())])
        .map(|(k, v)| format!("{k}={}", encode(&v)))
        .collect::<Vec<_>>()
        .join("&");
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    init.set_body(&file);
    let headers = web_sys::Headers::new().map_err(transport)?;
    let claimed = file.type_();
    if !claimed.is_empty() {
        headers.set("Content-Type", &claimed).map_err(transport)?;
    }
    init.set_headers(&headers);
    let window = web_sys::window().ok_or(AppError::Internal)?;
    let url = format!("/api/resident/attachments?{query}");
    let response: web_sys::Response = JsFuture::from(window.fetch_with_str_and_init(&url, &init))
        .await
        .map_err(transport)?
        .dyn_into()
        .map_err(transport)?;
    let text = JsFuture::from(response.text().map_err(transport)?)
        .await
        .map_err(transport)?
        .as_string()
        .unwrap_or_default();
    if response.ok() {
        serde_json::from_str(&text).map_err(|_| AppError::Internal)
    } else if response.status() == 413 {
        Err(AppError::field("attachment", ValueError::FileTooLarge))
    } else {
        Err(serde_json::from_str(&text).unwrap_or(AppError::Internal))
    }
}

#[cfg(not(feature = "csr"))]
async fn send(_: &UploadTo, _: &str, _: File) -> Result<AttachmentView, AppError> {
    Err(AppError::Internal)
}

#[cfg(feature = "csr")]
fn encode(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
}
