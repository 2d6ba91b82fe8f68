//! The errors of a form at its top, each a link to its field, named by the form
//! catalog's label (or, for a field outside the catalog, by `other`).

use super::field_input::{both_languages, dom_id};
use crate::ui::i18n::{m, t, Catalog};
use leptos::prelude::*;
use madoguchi_core::forms::FieldError;

#[component]
pub fn FieldErrorList(
    errors: RwSignal<Vec<FieldError>>,
    catalog: madoguchi_core::forms::Catalog,
    /// Labels of fields the form catalog does not have (the baby's name), by field id.
    #[prop(optional, into)]
    other: Option<Callback<String, String>>,
) -> impl IntoView {
    let texts = Catalog::get();
    let forms = StoredValue::new(catalog);
    move || {
        let list = errors.get();
        (!list.is_empty()).then(|| {
            view! {
                <div class="alert alert-error error-summary" role="alert" id="error-summary" tabindex="-1">
                    <p class="error-summary-title">{t(m::common::check_input)}</p>
                    <ul>
                        {list.into_iter().map(|e| {
                            let key = e.field.split('/').next().unwrap_or_default().to_owned();
                            let label = forms.with_value(|c| {
                                c.field(&key).map(|f| texts.form(&f.label, &format!("fields.{key}.label")))
                            })
                            .or_else(|| other.map(|o| o.run(e.field.clone())))
                            .unwrap_or_default();
                            view! {
                                <li><a href=format!("#{}", dom_id(&e.field))>{label}": "{both_languages(texts, e.error)}</a></li>
                            }
                        }).collect_view()}
                    </ul>
                </div>
            }
        })
    }
}
