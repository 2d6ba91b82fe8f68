//! Online: a photo or PDF of each document the procedures ask for (the rules'
//! `documents`: a bank book, a certificate). Each file is sent as it is chosen, checked
//! by the server by its content (a whole PDF, JPEG or PNG of at most 10 MB), and listed
//! under its document with a button to take it off. Attaching is not required: what is
//! missing the department asks for.

use super::{Step, Wizard};
use crate::api::resident::{application_attachments, remove_attachment};
use crate::error::AppError;
use crate::model::online::AttachmentView;
use crate::ui::i18n::{m, t, t_error, Catalog};
use leptos::prelude::*;
use leptos::task::spawn_local;
use madoguchi_core::jp::ValueError;

/// The largest file the server takes (`core::attachment::DEFAULT_MAX_BYTES`); a larger
/// one is refused here before it is sent.
const MAX_BYTES: f64 = 10.0 * 1024.0 * 1024.0;

/// Why a file was not attached.
#[derive(Clone, PartialEq)]
enum Problem {
    Value(ValueError),
    Other(String),
}

/// A document a procedure asks for: its procedure (id, name) and its name.
#[derive(Clone)]
struct Wanted {
    procedure_id: String,
    procedure: String,
    document: String,
}

impl Wanted {
    fn key(&self) -> String {
        format!("{}/{}", self.procedure_id, self.document)
    }
}

#[component]
pub fn AttachmentsStep() -> impl IntoView {
    let wizard = Wizard::get();
    let catalog = Catalog::get();
    let number = wizard
        .draft
        .with_untracked(|d| d.visit_number.clone())
        .unwrap_or_default();
    let wanted: Vec<Wanted> = wizard.draft.with_untracked(|d| {
        d.screening
            .iter()
            .flat_map(|s| &s.procedures)
            .filter(|p| p.procedure.online)
            .flat_map(|p| {
                p.procedure.documents.iter().map(|doc| Wanted {
                    procedure_id: p.procedure.id.clone(),
                    procedure: p.procedure.name.clone(),
                    document: doc.clone(),
                })
            })
            .collect()
    });
    let files = RwSignal::new(Vec::<AttachmentView>::new());
    let problems = RwSignal::new(Vec::<(String, Problem)>::new());
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
    let set_problem = move |key: String, p: Option<Problem>| {
        problems.update(|all| {
            all.retain(|(k, _)| *k != key);
            if let Some(p) = p {
                all.push((key, p));
            }
        })
    };
    let problem_of = move |key: &str| {
        problems.with(|all| all.iter().find(|(k, _)| k == key).map(|(_, p)| p.clone()))
    };
    let remove = {
        let number = number.clone();
        move |id: i32| {
            let number = number.clone();
            spawn_local(async move {
                match remove_attachment(number, id).await {
                    Ok(()) => files.update(|f| f.retain(|a| a.id != id)),
                    Err(e) => load_error.set(Some(catalog.app_error(&e))),
                }
            });
        }
    };
    let rows = wanted
        .into_iter()
        .enumerate()
        .map(|(i, w)| {
            let key = w.key();
            let input_id = format!("attachment-{i}");
            let number = number.clone();
            let on_change = {
                let key = key.clone();
                let w = w.clone();
                move |ev: leptos::ev::Event| {
                    let Some(file) = chosen_file(&ev) else { return };
                    if file_size(&file) > MAX_BYTES {
                        set_problem(key.clone(), Some(Problem::Value(ValueError::FileTooLarge)));
                        return;
                    }
                    set_problem(key.clone(), None);
                    sending.set(Some(key.clone()));
                    let (key, w, number) = (key.clone(), w.clone(), number.clone());
                    spawn_local(async move {
                        match send(&number, &w, file).await {
                            Ok(view) => files.update(|f| f.push(view)),
                            Err(AppError::InvalidInput { fields }) if !fields.is_empty() => {
                                set_problem(key.clone(), Some(Problem::Value(fields[0].error)));
                            }
                            Err(e) => set_problem(key.clone(), Some(Problem::Other(catalog.app_error(&e)))),
                        }
                        sending.set(None);
                    });
                }
            };
            let for_doc = {
                let w = w.clone();
                move || {
                    files.with(|f| {
                        f.iter()
                            .filter(|a| a.procedure_id == w.procedure_id && a.document == w.document)
                            .cloned()
                            .collect::<Vec<_>>()
                    })
                }
            };
            let remove = remove.clone();
            let (key_busy, key_problem) = (key.clone(), key.clone());
            let error_id = format!("{input_id}-error");
            view! {
                <li class="attachment">
                    <p class="attachment-procedure">{w.procedure.clone()}</p>
                    <label class="field-label" for=input_id.clone()>{w.document.clone()}</label>
                    <input type="file" id=input_id accept="image/jpeg,image/png,application/pdf"
                        aria-describedby=error_id.clone() on:change=on_change
                        disabled=move || sending.get().is_some()/>
                    <p class="loading" aria-live="polite">{move || (sending.get().as_deref() == Some(key_busy.as_str())).then(|| t(m::public::apply::attachment_sending))}</p>
                    {move || problem_of(&key_problem).map(|p| view! {
                        <p class="error" id=error_id.clone()>{match p {
                            Problem::Value(e) => t_error(e).into_any(),
                            Problem::Other(text) => text.into_any(),
                        }}</p>
                    })}
                    <ul class="plain-list attached">
                        {move || for_doc().into_iter().map(|a| {
                            let remove = remove.clone();
                            let id = a.id;
                            view! {
                                <li>
                                    <span class="attached-name">{a.name.clone()}</span>
                                    " " <span class="hint">{size_text(a.size)}</span>
                                    <button type="button" class="btn btn-ghost" on:click=move |_| remove(id)>
                                        {t(m::public::apply::attachment_remove)}
                                        <span class="visually-hidden">{a.name.clone()}</span>
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </li>
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

/// "2.4 MB", "350 KB".
fn size_text(bytes: i64) -> String {
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
async fn send(number: &str, w: &Wanted, file: File) -> Result<AttachmentView, AppError> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let transport = |_| AppError::Transport {
        message: "upload".into(),
    };
    let query = [
        ("visit", number),
        ("procedure", w.procedure_id.as_str()),
        ("document", w.document.as_str()),
    ]
    .iter()
    .map(|(k, v)| format!("{k}={}", encode(v)))
    .chain(std::iter::once(format!("name={}", encode(&file.name()))))
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
async fn send(_: &str, _: &Wanted, _: File) -> Result<AttachmentView, AppError> {
    Err(AppError::Internal)
}

#[cfg(feature = "csr")]
fn encode(s: &str) -> String {
    String::from(js_sys::encode_uri_component(s))
}
