//! Editing the rule files. "確認する" compiles the edit, runs the rule tests and
//! screens every household with the live and the edited rules; "下書き保存" saves it as
//! a new version (refused unless it compiles). Nothing reaches residents until an
//! administrator publishes the draft.

use super::check_report::{CheckReportView, RuleErrors};
use crate::api::admin::{check_rules, rule_files, save_rules};
use crate::error::AppError;
use crate::model::admin::{CheckReport, RuleEdit};
use crate::ui::i18n::{m, t, t_with, Catalog};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::collections::BTreeMap;

#[component]
pub fn RuleEditor(
    base: String,
    params: Vec<(String, String)>,
    on_saved: Callback<String>,
) -> impl IntoView {
    let files = RwSignal::new(BTreeMap::<String, String>::new());
    let current = RwSignal::new(String::from("parameters.toml"));
    let note = RwSignal::new(String::new());
    let report = RwSignal::new(None::<CheckReport>);
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let base_for_load = base.clone();
    let loaded = LocalResource::new(move || rule_files(base_for_load.clone()));
    Effect::new(move |_| {
        if let Some(Ok(f)) = loaded.get() {
            files.set(f);
        }
    });
    let edit = {
        let base = base.clone();
        move || RuleEdit {
            base: base.clone(),
            files: files.get_untracked(),
            note: note.get_untracked(),
        }
    };
    let check = {
        let edit = edit.clone();
        move |_| {
            let edit = edit();
            busy.set(true);
            error.set(None);
            spawn_local(async move {
                match check_rules(edit).await {
                    Ok(r) => report.set(Some(r)),
                    Err(e) => error.set(Some(e)),
                }
                busy.set(false);
            });
        }
    };
    let save = move |_| {
        let edit = edit();
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            match save_rules(edit).await {
                Ok(v) => on_saved.run(v),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <h2 id="editor">{t(m::admin::rules::editor::title)}</h2>
        <p class="hint">{t_with(m::admin::rules::editor::hint, move || vec![("version", base.clone())])}</p>
        <super::param_table::ParamTable names=params files current on_change=Callback::new(move |_| report.set(None))/>
        <h3>{t(m::admin::rules::editor::files)}</h3>
        <div class="field">
            <label for="rule-file">{t(m::admin::rules::editor::file)}</label>
            <select id="rule-file" class="select" on:change=move |ev| current.set(event_target_value(&ev))
                prop:value=move || current.get()>
                {move || files.with(|f| f.keys().map(|k| view! { <option value=k.clone()>{k.clone()}</option> }).collect_view())}
            </select>
        </div>
        <div class="field">
            <label for="rule-text">{t(m::admin::rules::editor::text)}</label>
            <textarea id="rule-text" class="code-editor" rows="24" spellcheck="false"
                prop:value=move || files.with(|f| f.get(&current.get()).cloned().unwrap_or_default())
                on:input=move |ev| {
                    let text = event_target_value(&ev);
                    let path = current.get_untracked();
                    files.update(|f| { f.insert(path, text); });
                    report.set(None);
                }></textarea>
        </div>
        <div class="field">
            <label for="rule-note">{t(m::admin::rules::editor::note)}</label>
            <input id="rule-note" type="text" prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))/>
        </div>
        <div class="actions">
            <button type="button" class="btn btn-secondary" disabled=move || busy.get() on:click=check>{t(m::admin::rules::editor::check)}</button>
            <button type="button" class="btn btn-primary" disabled=move || busy.get() on:click=save>{t(m::admin::rules::editor::save)}</button>
        </div>
        {move || busy.get().then(|| view! { <p class="loading" role="status">{t(m::admin::rules::editor::working)}</p> })}
        {move || error.get().map(|e| view! {
            <div class="alert alert-error" role="alert">{Catalog::get().app_error(&e)}</div>
            <RuleErrors error=e/>
        })}
        {move || report.get().map(|r| view! { <CheckReportView report=r/> })}
    }
}
