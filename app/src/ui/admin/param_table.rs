//! Changing a parameter's dated values in a table (an amount from a new date, say)
//! instead of the TOML text. The table is read from, and written back into, the files
//! being edited; the usual check, save and publish follow.

use crate::api::admin::edit_param;
use crate::error::AppError;
use crate::model::admin::{ParamEdit, PeriodInput};
use crate::ui::i18n::{m, t, t_error, Catalog};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::BTreeMap;

#[component]
pub fn ParamTable(
    names: Vec<(String, String)>,
    files: RwSignal<BTreeMap<String, String>>,
    current: RwSignal<String>,
    on_change: Callback<()>,
) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let rows = RwSignal::new(Vec::<PeriodInput>::new());
    let error = RwSignal::new(None::<AppError>);
    let done = RwSignal::new(false);
    let load = move |n: String| {
        name.set(n.clone());
        error.set(None);
        done.set(false);
        if n.is_empty() {
            rows.set(Vec::new());
            return;
        }
        let edit = ParamEdit {
            files: files.get_untracked(),
            name: n,
            periods: None,
        };
        spawn_local(async move {
            match edit_param(edit).await {
                Ok(form) => rows.set(form.periods),
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let apply = move |_| {
        let edit = ParamEdit {
            files: files.get_untracked(),
            name: name.get_untracked(),
            periods: Some(rows.get_untracked()),
        };
        error.set(None);
        spawn_local(async move {
            match edit_param(edit).await {
                Ok(form) => {
                    files.set(form.files);
                    current.set(form.file);
                    done.set(true);
                    on_change.run(());
                }
                Err(e) => error.set(Some(e)),
            }
        });
    };
    let cell = move |i: usize, part: &'static str| {
        move || {
            rows.with(|r| {
                r.get(i).map(|p| match part {
                    "from" => p.from.clone(),
                    "until" => p.until.clone(),
                    _ => p.value.clone(),
                })
            })
            .unwrap_or_default()
        }
    };
    let set = move |i: usize, part: &'static str, v: String| {
        rows.update(|r| {
            if let Some(p) = r.get_mut(i) {
                match part {
                    "from" => p.from = v,
                    "until" => p.until = v,
                    _ => p.value = v,
                }
            }
        });
        done.set(false);
    };
    let field_error = move |field: String| {
        error.with(|e| match e {
            Some(AppError::InvalidInput { fields }) => {
                fields.iter().find(|f| f.field == field).map(|f| f.error)
            }
            _ => None,
        })
    };
    view! {
        <section class="param-table" aria-labelledby="param-table-title">
            <h3 id="param-table-title">{t(m::admin::rules::params::title)}</h3>
            <div class="field">
                <label for="param-name">{t(m::admin::rules::params::name)}</label>
                <select id="param-name" class="select" on:change=move |ev| load(event_target_value(&ev))>
                    <option value="">{t(m::admin::rules::params::choose)}</option>
                    {names.into_iter().map(|(n, label)| view! { <option value=n.clone()>{format!("{label} ({n})")}</option> }).collect_view()}
                </select>
            </div>
            {move || (!name.get().is_empty()).then(|| view! {
                <table class="periods">
                    <thead><tr><th scope="col">{t(m::admin::rules::params::from)}</th><th scope="col">{t(m::admin::rules::params::until_hint)}</th><th scope="col">{t(m::admin::rules::params::value)}</th></tr></thead>
                    <tbody>
                        {move || (0..rows.with(Vec::len)).map(|i| {
                            let ids = ["from", "until", "value"].map(|p| format!("period-{i}-{p}"));
                            view! {
                                <tr>
                                    {ids.into_iter().map(|id| {
                                        let part: &'static str = if id.ends_with("from") { "from" } else if id.ends_with("until") { "until" } else { "value" };
                                        let label = match part { "from" => m::admin::rules::params::from, "until" => m::admin::rules::params::until, _ => m::admin::rules::params::value };
                                        let err_id = id.clone();
                                        view! {
                                            <td class:field-invalid=move || field_error(err_id.clone()).is_some()>
                                                <label class="visually-hidden" for=id.clone()>{t(label)} {format!(" ({})", i + 1)}</label>
                                                <input id=id.clone() type="text" prop:value=cell(i, part)
                                                    on:input=move |ev| set(i, part, event_target_value(&ev))/>
                                                {let id = id.clone(); move || field_error(id.clone()).map(|e| view! { <p class="error">{t_error(e)}</p> })}
                                            </td>
                                        }
                                    }).collect_view()}
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
                <div class="actions">
                    <button type="button" class="btn btn-secondary" on:click=move |_| rows.update(|r| r.push(PeriodInput::default()))>{t(m::admin::rules::params::add)}</button>
                    <button type="button" class="btn btn-primary" on:click=apply>{t(m::admin::rules::params::apply)}</button>
                </div>
            })}
            {move || done.get().then(|| view! { <p class="alert alert-success" role="status">{t(m::admin::rules::params::applied)}</p> })}
            {move || error.get().map(|e| view! {
                <div class="alert alert-error" role="alert">{Catalog::get().app_error(&e)}</div>
                <super::check_report::RuleErrors error=e/>
            })}
        </section>
    }
}
