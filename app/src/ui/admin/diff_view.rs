//! The difference between two versions of the rule files, file by file: removed lines
//! marked −, added lines +, with their line numbers and a few lines of context.

use crate::model::admin::FileDiff;
use leptos::prelude::*;
use madoguchi_core::diff::Change;

#[component]
pub fn DiffView(files: Vec<FileDiff>) -> impl IntoView {
    if files.is_empty() {
        return view! { <p>"ファイルの変更はありません。"</p> }.into_any();
    }
    view! {
        <h4>{format!("変更されたファイル ({}件)", files.len())}</h4>
        {files.into_iter().map(|f| {
            let status = match f.status.as_str() {
                "added" => "追加",
                "removed" => "削除",
                _ => "変更",
            };
            view! {
                <details class="file-diff" open data-file=f.path.clone()>
                    <summary><code>{f.path.clone()}</code>" ("{status}")"</summary>
                    {f.hunks.into_iter().map(|h| view! {
                        <table class="diff">
                            <tbody>
                                {h.into_iter().map(|l| {
                                    let (class, mark, label) = match l.change {
                                        Change::Same => ("diff-same", " ", ""),
                                        Change::Removed => ("diff-removed", "−", "削除: "),
                                        Change::Added => ("diff-added", "+", "追加: "),
                                    };
                                    view! {
                                        <tr class=class>
                                            <td class="diff-no">{l.old.map(|n| n.to_string())}</td>
                                            <td class="diff-no">{l.new.map(|n| n.to_string())}</td>
                                            <td class="diff-mark" aria-hidden="true">{mark}</td>
                                            <td class="diff-text"><span class="visually-hidden">{label}</span>{l.text}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }).collect_view()}
                </details>
            }
        }).collect_view()}
    }
    .into_any()
}
