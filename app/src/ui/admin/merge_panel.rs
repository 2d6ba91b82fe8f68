//! A new release's rules merged with the city's: each file with how it was merged, and
//! for every conflict (both changed the same lines) the city's lines and the
//! release's side by side, to keep one, the other or both. The result is saved as a
//! draft, published like any other.

use super::check_report::RuleErrors;
use crate::api::admin::{merge_release, save_merge};
use crate::error::AppError;
use crate::ui::i18n::{m, t, t_code, t_with, Catalog, Key};
use leptos::prelude::*;
use leptos::task::spawn_local;
use madoguchi_core::diff::{Choice, Chunk};
use std::collections::BTreeMap;

fn lines(l: &[String]) -> AnyView {
    if l.is_empty() {
        t(m::admin::rules::merge::nothing).into_any()
    } else {
        l.join("\n").into_any()
    }
}

#[component]
pub fn MergePanel(version: String, done: Callback<String>) -> impl IntoView {
    let catalog = Catalog::get();
    let merge = {
        let version = version.clone();
        LocalResource::new(move || merge_release(version.clone()))
    };
    // (file, conflict index) → choice.
    let choices = RwSignal::new(BTreeMap::<(String, usize), Choice>::new());
    let failure = RwSignal::new(None::<AppError>);
    let version = StoredValue::new(version);
    let save = move |_| {
        failure.set(None);
        let mut by_file: BTreeMap<String, Vec<Choice>> = BTreeMap::new();
        if let Some(Ok(m)) = merge.get() {
            for f in m.files.iter().filter(|f| f.conflicts > 0) {
                let picked: Vec<Choice> = (0..f.conflicts)
                    .map_while(|i| choices.with_untracked(|c| c.get(&(f.path.clone(), i)).copied()))
                    .collect();
                by_file.insert(f.path.clone(), picked);
            }
        }
        spawn_local(async move {
            match save_merge(version.get_value(), by_file).await {
                Ok(v) => {
                    done.run(catalog.fill_now(m::admin::rules::merge::saved, &[("version", v)]))
                }
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    view! {
        <section class="panel merge" aria-labelledby="merge-heading">
            <h3 id="merge-heading">{t_with(m::admin::rules::merge::title, move || vec![("version", version.get_value())])}</h3>
            {move || failure.get().map(|e| view! {
                <div class="alert alert-error" role="alert">{catalog.app_error(&e)}</div>
                <RuleErrors error=e/>
            })}
            <Suspense fallback=|| view! { <p class="loading">{t(m::admin::rules::merge::merging)}</p> }>
                {move || merge.get().map(|m| match m {
                    Err(e) => view! { <div class="alert alert-error" role="alert">{catalog.app_error(&e)}</div> }.into_any(),
                    Ok(m) => view! {
                        <p class="hint">{let (base, city, proposed) = (m.base.clone(), m.city.clone(), m.proposed.clone());
                            t_with(m::admin::rules::merge::lead, move || vec![("base", base.clone()), ("city", city.clone()), ("proposed", proposed.clone())])}</p>
                        <ul class="merge-files">
                            {m.files.iter().filter(|f| f.status != "unchanged").map(|f| view! {
                                <li data-file=f.path.clone()><code>{f.path.clone()}</code>" — "{t_code("admin.rules.merge.files", &f.status)}</li>
                            }).collect_view()}
                        </ul>
                        {m.files.into_iter().filter(|f| f.conflicts > 0).map(|f| {
                            let path = f.path.clone();
                            let mut index = 0usize;
                            view! {
                                <section class="merge-file" data-file=path.clone()>
                                    <h4><code>{path.clone()}</code></h4>
                                    {f.chunks.into_iter().filter_map(|c| match c {
                                        Chunk::Conflict { base, ours, theirs } => {
                                            let i = index;
                                            index += 1;
                                            Some(view! { <ConflictView path=path.clone() index=i base ours theirs choices/> })
                                        }
                                        Chunk::Clean { .. } => None,
                                    }).collect_view()}
                                </section>
                            }
                        }).collect_view()}
                    }.into_any(),
                })}
            </Suspense>
            <button type="button" class="btn btn-primary" on:click=save>{t(m::admin::rules::merge::save)}</button>
        </section>
    }
}

#[component]
fn ConflictView(
    path: String,
    index: usize,
    base: Vec<String>,
    ours: Vec<String>,
    theirs: Vec<String>,
    choices: RwSignal<BTreeMap<(String, usize), Choice>>,
) -> impl IntoView {
    let name = format!("conflict-{}-{index}", path.replace(['/', '.'], "-"));
    let key = (path, index);
    let option = move |choice: Choice, label: Key| {
        let key = key.clone();
        let key2 = key.clone();
        view! {
            <label class="radio">
                <input type="radio" name=name.clone()
                    prop:checked=move || choices.with(|c| c.get(&key2) == Some(&choice))
                    on:change=move |_| choices.update(|c| { c.insert(key.clone(), choice); })/>
                {t(label)}
            </label>
        }
    };
    view! {
        <fieldset class="field conflict">
            <legend>{t_with(m::admin::rules::merge::conflict, move || vec![("n", (index + 1).to_string())])}</legend>
            <div class="conflict-sides">
                <div><h5>{t(m::admin::rules::merge::base)}</h5><pre>{lines(&base)}</pre></div>
                <div><h5>{t(m::admin::rules::merge::ours)}</h5><pre class="ours">{lines(&ours)}</pre></div>
                <div><h5>{t(m::admin::rules::merge::theirs)}</h5><pre class="theirs">{lines(&theirs)}</pre></div>
            </div>
            {option(Choice::Ours, m::admin::rules::merge::keep_ours)}
            {option(Choice::Theirs, m::admin::rules::merge::use_theirs)}
            {option(Choice::Both, m::admin::rules::merge::keep_both)}
        </fieldset>
    }
}
