//! The difference between two versions of the rule files, file by file: removed lines
//! marked −, added lines +, with their line numbers and a few lines of context.

use crate::model::admin::FileDiff;
use crate::ui::i18n::{m, t, t_with};
use leptos::prelude::*;
use madoguchi_core::diff::Change;

#[component]
pub fn DiffView(files: Vec<FileDiff>) -> impl IntoView {
    if files.is_empty() {
        return view! { <p>{t(m::admin::rules::diff::none)}</p> }.into_any();
    }
    view! {
        <h4>{let count = files.len().to_string(); t_with(m::admin::rules::diff::files, move || vec![("count", count.clone())])}</h4>
        {files.into_iter().map(|f| {
            let status = match f.status.as_str() {
                "added" => m::admin::rules::diff::added,
                "removed" => m::admin::rules::diff::removed,
                _ => m::admin::rules::diff::changed,
            };
            view! {
                <details class="file-diff" open data-file=f.path.clone()>
                    <summary><code>{f.path.clone()}</code>" ("{t(status)}")"</summary>
                    {f.hunks.into_iter().map(|h| view! {
                        <table class="diff">
                            <tbody>
                                {h.into_iter().map(|l| {
                                    let (class, mark, label) = match l.change {
                                        Change::Same => ("diff-same", " ", None),
                                        Change::Removed => ("diff-removed", "−", Some(m::admin::rules::diff::line_removed)),
                                        Change::Added => ("diff-added", "+", Some(m::admin::rules::diff::line_added)),
                                    };
                                    view! {
                                        <tr class=class>
                                            <td class="diff-no">{l.old.map(|n| n.to_string())}</td>
                                            <td class="diff-no">{l.new.map(|n| n.to_string())}</td>
                                            <td class="diff-mark" aria-hidden="true">{mark}</td>
                                            <td class="diff-text"><span class="visually-hidden">{label.map(t)}</span>{l.text}</td>
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
