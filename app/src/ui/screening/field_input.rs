//! One field of the merged interview, drawn by its type: a text input with the right
//! keyboard, radios for a choice, the parts of a bank account. Labels, help and errors
//! in the counter's language; the value is kept as typed in the visit's answers.

use crate::ui::i18n::{m, ruby, t, Catalog, Key};
use leptos::prelude::*;
use madoguchi_core::forms::{part, Answers, Field, FieldError, FieldType, Lang};

/// The element id of a field key (`bank.account/number` → `bank-account-number`).
pub fn dom_id(key: &str) -> String {
    key.replace(['.', '/'], "-")
}

/// The interview's shared state for one screen.
#[derive(Clone, Copy)]
pub struct Inputs {
    pub answers: RwSignal<Answers>,
    pub errors: RwSignal<Vec<FieldError>>,
}

impl Inputs {
    fn value(&self, key: String) -> impl Fn() -> String + Copy + Send + Sync + 'static {
        let answers = self.answers;
        let key = StoredValue::new(key);
        move || answers.with(|a| a.get(&key.get_value()).cloned().unwrap_or_default())
    }

    fn set(&self, key: String, value: String) {
        self.answers.update(|a| {
            a.insert(key, value);
        });
    }

    fn error(&self, key: String) -> impl Fn() -> Option<String> + Copy + Send + Sync {
        let errors = self.errors;
        let catalog = Catalog::get();
        let key = StoredValue::new(key);
        move || {
            errors.with(|e| {
                e.iter()
                    .find(|x| x.field == key.get_value())
                    .map(|x| both_languages(catalog, x.error))
            })
        }
    }
}

/// An error in the visit's language and, for staff helping at the counter, in
/// Japanese (tracked: follows the language).
pub fn both_languages(catalog: Catalog, error: madoguchi_core::jp::ValueError) -> String {
    let key = format!("common.errors.{}", error.code());
    let theirs = ruby::plain(&catalog.raw_str(&key));
    let lang = catalog.lang().get();
    if lang.is_japanese() {
        theirs
    } else {
        let ja = ruby::plain(&catalog.text_in(Lang::JA, &key));
        format!("{theirs} ({ja})")
    }
}

/// A default hint for types whose format residents may not guess.
fn format_hint(ty: &FieldType) -> Option<Key> {
    match ty {
        FieldType::Date => Some(m::counter::fields::date_hint),
        FieldType::Name => Some(m::counter::fields::name_hint),
        FieldType::Kana => Some(m::counter::fields::kana_hint),
        _ => None,
    }
}

/// A choice's label: from the form catalog, or one of the catalog's own (はい, いいえ).
#[derive(Clone)]
enum OptionLabel {
    /// The form catalog's text, and its key for languages other than the three it has.
    Form(madoguchi_core::forms::Text, String),
    Message(Key),
}

#[component]
pub fn FieldInput(field: Field, inputs: Inputs, required: Signal<bool>) -> impl IntoView {
    let catalog = Catalog::get();
    let label = StoredValue::new(field.label.clone());
    let help = StoredValue::new(field.help.clone());
    let ty = StoredValue::new(field.ty.clone());
    let key = field.key.clone();
    let id = dom_id(&key);
    let (label_key, help_key) = (
        StoredValue::new(format!("fields.{key}.label")),
        StoredValue::new(format!("fields.{key}.help")),
    );
    let hint = move || {
        help.with_value(|h| h.as_ref().map(|h| catalog.form(h, &help_key.get_value())))
            .or_else(|| {
                ty.with_value(format_hint)
                    .map(|k| ruby::plain(&catalog.raw(k)))
            })
    };
    let legend = move || {
        view! {
            {move || label.with_value(|t| catalog.form(t, &label_key.get_value()))}
            {move || required.get().then(|| view! { <span class="req">{t(m::common::required)}</span> })}
        }
    };
    match field.ty {
        FieldType::Choice { options } => {
            let opts: Vec<(String, OptionLabel)> = options
                .into_iter()
                .map(|o| {
                    let option_key = format!("fields.{key}.options.{}", o.id);
                    (o.id, OptionLabel::Form(o.label, option_key))
                })
                .collect();
            choice(key, id, opts, inputs, legend, hint).into_any()
        }
        FieldType::YesNo => {
            let opts = vec![
                ("yes".to_owned(), OptionLabel::Message(m::common::yes)),
                ("no".to_owned(), OptionLabel::Message(m::common::no)),
            ];
            choice(key, id, opts, inputs, legend, hint).into_any()
        }
        FieldType::BankAccount => {
            view! { <BankInput key inputs legend=legend.into_any()/> }.into_any()
        }
        ty => {
            let (input_type, inputmode, autocomplete) = match ty {
                FieldType::Phone => ("tel", Some("tel"), "tel"),
                FieldType::PostalCode => ("text", Some("numeric"), "postal-code"),
                FieldType::Number { .. } | FieldType::MyNumber => ("text", Some("numeric"), "off"),
                FieldType::Time => ("time", None, "off"),
                _ => ("text", None, "off"),
            };
            let unit = match &ty {
                FieldType::Number { unit, .. } if !unit.is_empty() => Some(unit.clone()),
                _ => None,
            };
            text_input(
                key,
                id,
                inputs,
                legend,
                hint,
                input_type,
                inputmode,
                autocomplete,
                unit,
            )
            .into_any()
        }
    }
}

#[expect(clippy::too_many_arguments, reason = "one call site per kind of input")]
fn text_input<L: IntoView + 'static>(
    key: String,
    id: String,
    inputs: Inputs,
    legend: impl Fn() -> L + Send + Sync + 'static,
    hint: impl Fn() -> Option<String> + Send + Sync + Copy + 'static,
    input_type: &'static str,
    inputmode: Option<&'static str>,
    autocomplete: &'static str,
    unit: Option<String>,
) -> impl IntoView {
    let value = inputs.value(key.clone());
    let error = inputs.error(key.clone());
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    let described = {
        let (h, e) = (hint_id.clone(), error_id.clone());
        move || {
            let ids: Vec<&str> = [hint().map(|_| h.as_str()), error().map(|_| e.as_str())]
                .into_iter()
                .flatten()
                .collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let key = StoredValue::new(key);
    view! {
        <div class="field" class:field-invalid=move || error().is_some()>
            <label for=id.clone()>{legend()}</label>
            {move || hint().map(|h| view! { <p class="hint" id=hint_id.clone()>{h}</p> })}
            {move || error().map(|e| view! { <p class="error" id=error_id.clone()>{e}</p> })}
            <div class="input-with-unit">
                <input id=id.clone() name=id.clone() type=input_type inputmode=inputmode autocomplete=autocomplete
                    aria-invalid=move || error().is_some().then_some("true")
                    aria-describedby=described
                    prop:value=value
                    on:input=move |ev| inputs.set(key.get_value(), event_target_value(&ev))/>
                {unit.map(|u| view! { <span class="unit">{u}</span> })}
            </div>
        </div>
    }
}

fn choice<L: IntoView + 'static>(
    key: String,
    id: String,
    options: Vec<(String, OptionLabel)>,
    inputs: Inputs,
    legend: impl Fn() -> L + Send + Sync + 'static,
    hint: impl Fn() -> Option<String> + Send + Sync + Copy + 'static,
) -> impl IntoView {
    let value = inputs.value(key.clone());
    let error = inputs.error(key.clone());
    let error_id = format!("{id}-error");
    let key = StoredValue::new(key);
    view! {
        <fieldset class="field" class:field-invalid=move || error().is_some() id=id.clone() tabindex="-1"
            aria-describedby=move || error().map(|_| error_id.clone())>
            <legend>{legend()}</legend>
            {move || hint().map(|h| view! { <p class="hint">{h}</p> })}
            {move || error().map(|e| view! { <p class="error" id=format!("{}-error", dom_id(&key.get_value()))>{e}</p> })}
            <div class="radios">
                {options.into_iter().map(|(opt, text)| {
                    let o = StoredValue::new(opt.clone());
                    view! {
                        <label class="radio">
                            <input type="radio" name=id.clone() value=opt
                                prop:checked=move || value() == o.get_value()
                                on:change=move |_| inputs.set(key.get_value(), o.get_value())/>
                            {match text {
                                OptionLabel::Form(text, key) => {
                                    let catalog = Catalog::get();
                                    (move || catalog.form(&text, &key)).into_any()
                                }
                                OptionLabel::Message(key) => t(key).into_any(),
                            }}
                        </label>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

/// A bank account: bank and branch codes, type, number and holder, each its own input
/// with its own error. The holder starts as the applicant's name in kana.
#[component]
fn BankInput(key: String, inputs: Inputs, legend: AnyView) -> impl IntoView {
    let sub = |p: &str| part(&key, p);
    let part_input = move |p: String, label: Key, inputmode: Option<&'static str>| {
        let id = dom_id(&p);
        let value = inputs.value(p.clone());
        let error = inputs.error(p.clone());
        let error_id = format!("{id}-error");
        let p = StoredValue::new(p);
        view! {
            <div class="field" class:field-invalid=move || error().is_some()>
                <label for=id.clone()>{t(label)}</label>
                {move || error().map(|e| view! { <p class="error" id=error_id.clone()>{e}</p> })}
                <input id=id.clone() name=id.clone() type="text" inputmode=inputmode autocomplete="off"
                    aria-invalid=move || error().is_some().then_some("true")
                    prop:value=value
                    on:input=move |ev| inputs.set(p.get_value(), event_target_value(&ev))/>
            </div>
        }
    };
    let account_type = sub("account_type");
    let type_value = inputs.value(account_type.clone());
    let account_type = StoredValue::new(account_type);
    view! {
        <fieldset class="bank">
            <legend class="visually-hidden">{legend}</legend>
            <div class="field-row">
                {part_input(sub("bank_code"), m::counter::fields::bank_code, Some("numeric"))}
                {part_input(sub("branch_code"), m::counter::fields::branch_code, Some("numeric"))}
            </div>
            <fieldset class="field">
                <legend>{t(m::counter::fields::account_type)}</legend>
                <div class="radios">
                    {[("ordinary", m::counter::fields::ordinary), ("current", m::counter::fields::current)].into_iter().map(|(id, label)| view! {
                        <label class="radio">
                            <input type="radio" name=dom_id(&account_type.get_value()) value=id
                                prop:checked=move || type_value() == id || (id == "ordinary" && type_value().is_empty())
                                on:change=move |_| inputs.set(account_type.get_value(), id.to_owned())/>
                            {t(label)}
                        </label>
                    }).collect_view()}
                </div>
            </fieldset>
            {part_input(sub("number"), m::counter::fields::account_number, Some("numeric"))}
            {part_input(sub("holder"), m::counter::fields::holder, None)}
        </fieldset>
    }
}
