//! A new release's rules merged with the city's: each file with how it was merged, and
//! for every conflict (both changed the same lines) the city's lines and the
//! release's side by side, to keep one, the other or both. The result is saved as a
//! draft, published like any other.

use super::check_report::RuleErrors;
use crate::api::admin::{merge_release, save_merge};
use crate::error::AppError;
use leptos::prelude::*;
use leptos::task::spawn_local;
use madoguchi_core::diff::{Choice, Chunk};
use std::collections::BTreeMap;

fn status_ja(s: &str) -> &'static str {
    match s {
        "release" => "リリースの変更だけ",
        "city" => "市の変更だけ (そのまま残します)",
        "merged" => "両方の変更を統合",
        "conflict" => "衝突 (選んでください)",
        _ => "",
    }
}

fn lines(l: &[String]) -> String {
    if l.is_empty() {
        "(なし)".into()
    } else {
        l.join("\n")
    }
}

#[component]
pub fn MergePanel(version: String, done: Callback<String>) -> impl IntoView {
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
                Ok(v) => done.run(format!(
                    "統合した下書き {v} を保存しました。公開を依頼してください。"
                )),
                Err(e) => failure.set(Some(e)),
            }
        });
    };
    view! {
        <section class="panel merge" aria-labelledby="merge-heading">
            <h3 id="merge-heading">{format!("リリース {} と市の変更の統合", version.get_value())}</h3>
            {move || failure.get().map(|e| view! {
                <div class="alert alert-error" role="alert">{e.message_ja()}</div>
                <RuleErrors error=e/>
            })}
            <Suspense fallback=|| view! { <p class="loading">"統合しています…"</p> }>
                {move || merge.get().map(|m| match m {
                    Err(e) => view! { <div class="alert alert-error" role="alert">{e.message_ja()}</div> }.into_any(),
                    Ok(m) => view! {
                        <p class="hint">{format!("元のリリース {} から、市の版 {} と新しいリリース {} への変更を合わせます。", m.base, m.city, m.proposed)}</p>
                        <ul class="merge-files">
                            {m.files.iter().filter(|f| f.status != "unchanged").map(|f| view! {
                                <li data-file=f.path.clone()><code>{f.path.clone()}</code>" — "{status_ja(&f.status)}</li>
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
            <button type="button" class="btn btn-primary" on:click=save>"統合して下書きを保存"</button>
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
    let option = move |choice: Choice, label: &'static str| {
        let key = key.clone();
        let key2 = key.clone();
        view! {
            <label class="radio">
                <input type="radio" name=name.clone()
                    prop:checked=move || choices.with(|c| c.get(&key2) == Some(&choice))
                    on:change=move |_| choices.update(|c| { c.insert(key.clone(), choice); })/>
                {label}
            </label>
        }
    };
    view! {
        <fieldset class="field conflict">
            <legend>{format!("衝突 {}", index + 1)}</legend>
            <div class="conflict-sides">
                <div><h5>"元のリリース"</h5><pre>{lines(&base)}</pre></div>
                <div><h5>"市の変更"</h5><pre class="ours">{lines(&ours)}</pre></div>
                <div><h5>"新しいリリース"</h5><pre class="theirs">{lines(&theirs)}</pre></div>
            </div>
            {option(Choice::Ours, "市の変更を残す")}
            {option(Choice::Theirs, "新しいリリースを使う")}
            {option(Choice::Both, "両方を残す (市の変更の後にリリース)")}
        </fieldset>
    }
}
