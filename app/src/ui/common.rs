//! Pieces every screen uses: the header, form fields with their errors, and helpers.

use crate::error::AppError;
use crate::ui::auth::Session;
use crate::ui::i18n::{m, t, t_error, t_in, Label};
use leptos::prelude::*;
use madoguchi_core::forms::FieldError;
use madoguchi_core::jp::ValueError;
use madoguchi_core::lang::Lang;

/// The header. On the counter tablet (`/counter`) the resident may be holding it: the
/// brand is not a link and no staff pages are offered, only signing out.
#[component]
pub fn Header(session: Session) -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let kiosk = move || location.pathname.get().starts_with("/counter");
    let sign_out = move |_| session.sign_out();
    // Staff controls keep the staff's language while the page speaks the resident's.
    let catalog = crate::ui::i18n::Catalog::get();
    let staff_lang = catalog.staff_lang();
    view! {
        <header class="site-header">
            <a class="skip-link" href="#main">{t(m::common::skip_to_main)}</a>
            {move || if kiosk() {
                view! { <span class="brand">{t(m::common::brand)} " " <span class="brand-sub">{t(m::common::city)}</span></span> }.into_any()
            } else {
                view! { <a class="brand" href="/office">{t(m::common::brand)} " " <span class="brand-sub">{t(m::common::city)}</span></a> }.into_any()
            }}
            {move || session.staff().map(|me| {
                let lang = staff_lang.get();
                view! {
                <div class="who" lang=lang.html()>
                    <span>{me.display_name} {me.department_name.map(|d| format!(" ({d})"))}</span>
                    {(!kiosk()).then(|| view! { <StaffLanguage/> })}
                    {(!kiosk() && me.state == crate::model::SessionState::Full).then(|| view! {
                        <a class="btn btn-ghost" href="/account">{t_in(lang, m::common::account)}</a>
                    })}
                    <button type="button" class="btn btn-ghost" on:click=sign_out>{t_in(lang, m::common::sign_out)}</button>
                </div>
            }})}
        </header>
    }
}

/// The staff's choice of language for their pages (the staff languages of
/// `locales/languages.toml`), each named in its own language: in the header, and on
/// the sign-in page (signing out clears it with the rest of the site's storage, so a
/// shared device starts again in Japanese).
#[component]
pub fn StaffLanguage() -> impl IntoView {
    let catalog = crate::ui::i18n::Catalog::get();
    view! {
        <div class="staff-language" role="group" aria-label=move || crate::ui::i18n::ruby::plain(&catalog.text_in(catalog.staff_lang().get(), m::staff::language::label.0))>
            {Lang::staff().map(|lang| view! {
                <button type="button" class="btn btn-ghost" lang=lang.html()
                    aria-pressed=move || (catalog.staff_lang().get() == lang).to_string()
                    on:click=move |_| catalog.set_staff_lang(lang)>{lang.language().name.clone()}</button>
            }).collect_view()}
        </div>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    view! {
        <h1>{t(m::common::not_found)}</h1>
        <p><a href="/office">{t(m::common::to_first_page)}</a></p>
    }
}

/// What a field says is wrong: a value's error, shown from the message catalog in the
/// page's language, or a page's own fixed text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldMessage {
    Value(ValueError),
    Fixed(&'static str),
    /// A page's own text from the catalog.
    Message(crate::ui::i18n::Key),
}

impl FieldMessage {
    pub fn view(self) -> AnyView {
        match self {
            FieldMessage::Value(e) => t_error(e).into_any(),
            FieldMessage::Fixed(text) => text.into_any(),
            FieldMessage::Message(key) => t(key).into_any(),
        }
    }
}

/// The error of one field, from the browser's checks or the server's.
pub fn field_error(
    errors: RwSignal<Vec<FieldError>>,
    field: &'static str,
) -> Signal<Option<FieldMessage>> {
    Signal::derive(move || {
        errors.with(|e| {
            e.iter()
                .find(|x| x.field == field)
                .map(|x| FieldMessage::Value(x.error))
        })
    })
}

/// Field errors carried by a server error, if any.
pub fn server_field_errors(e: &AppError) -> Vec<FieldError> {
    match e {
        AppError::InvalidInput { fields } => fields.clone(),
        _ => Vec::new(),
    }
}

/// A labelled text input with its hint and error, DADS form-pattern style.
#[component]
pub fn TextField(
    id: &'static str,
    #[prop(into)] label: Label,
    value: RwSignal<String>,
    error: Signal<Option<FieldMessage>>,
    #[prop(optional, into)] hint: Option<Label>,
    #[prop(optional)] input_type: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] required: bool,
) -> impl IntoView {
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described = {
        let (h, e) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(h.clone());
            }
            if error.get().is_some() {
                ids.push(e.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field" class:field-invalid=move || error.get().is_some()>
            <label for=id>{label.view()} " " {required.then(|| view! { <span class="req">{t(m::common::required)}</span> })}</label>
            {hint.map(|h| view! { <p class="hint" id=hint_id.clone()>{h.view()}</p> })}
            {move || error.get().map(|e| view! { <p class="error" id=error_id.clone()>{e.view()}</p> })}
            <input
                id=id
                name=id
                type=input_type.unwrap_or("text")
                autocomplete=autocomplete.unwrap_or("off")
                inputmode=inputmode
                aria-invalid=move || error.get().is_some().then_some("true")
                aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| value.set(event_target_value(&ev))
            />
        </div>
    }
}

/// The summary of errors at the top of a form.
#[component]
pub fn ErrorSummary(message: Signal<Option<String>>) -> impl IntoView {
    view! {
        {move || message.get().map(|m| view! {
            <div class="alert alert-error" role="alert" tabindex="-1" id="error-summary">{m}</div>
        })}
    }
}

/// Today on the device, as `YYYY-MM-DD` (the server checks again with its own clock).
pub fn today() -> chrono::NaiveDate {
    #[cfg(target_arch = "wasm32")]
    {
        let d = js_sys::Date::new_0();
        chrono::NaiveDate::from_ymd_opt(d.get_full_year() as i32, d.get_month() + 1, d.get_date())
            .unwrap_or_default()
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        chrono::Local::now().date_naive()
    }
}

/// Moves focus to an element by id (the error summary, a step's heading).
pub fn focus(id: &str) {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let id = id.to_owned();
        request_animation_frame(move || {
            if let Some(el) = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.get_element_by_id(&id))
                .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = el.focus();
            }
        });
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = id;
}
