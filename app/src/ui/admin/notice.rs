//! What an administrator is told after an action on the integration page: a secret
//! shown this once (an API key, a webhook's signing secret), a success, or a failure.
//! One area per section, focused when it changes so screen readers announce it.

use crate::ui::i18n::{t, Key};
use leptos::prelude::*;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// A secret shown this once: its heading (filled in), the value, the value's element
    /// id, and what to do with it.
    Secret {
        heading: String,
        value: String,
        value_id: &'static str,
        note: Key,
    },
    Done(String),
    Failed(String),
}

/// The callback actions report to: `refresh` after a success, then the notice shown in
/// the area `id` and focused.
pub fn reporter(
    notice: RwSignal<Option<Notice>>,
    id: &'static str,
    refresh: impl Fn() + Send + Sync + 'static,
) -> Callback<Notice> {
    Callback::new(move |n: Notice| {
        if !matches!(n, Notice::Failed(_)) {
            refresh();
        }
        notice.set(Some(n));
        crate::ui::common::focus(id);
    })
}

#[component]
pub fn NoticeArea(id: &'static str, notice: RwSignal<Option<Notice>>) -> impl IntoView {
    view! {
        <div id=id tabindex="-1">
            {move || notice.get().map(|n| match n {
                Notice::Secret { heading, value, value_id, note } => view! {
                    <div class="alert alert-warning" role="status">
                        <p><strong>{heading}</strong></p>
                        <p><code class="api-key" id=value_id>{value}</code></p>
                        <p>{t(note)}</p>
                    </div>
                }.into_any(),
                Notice::Done(text) => view! { <div class="alert alert-success" role="status">{text}</div> }.into_any(),
                Notice::Failed(text) => view! { <div class="alert alert-error" role="alert">{text}</div> }.into_any(),
            })}
        </div>
    }
}
