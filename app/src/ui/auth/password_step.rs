//! The first step of signing in: username and password, or a passkey alone.

use super::step::{passkey_sign_in, Step};
use crate::api::auth::sign_in;
use crate::ui::common::{ErrorSummary, TextField};
use leptos::prelude::*;

#[component]
pub fn PasswordStep() -> impl IntoView {
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let step = Step::new();
    let no_error = Signal::derive(|| None);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if username.get_untracked().trim().is_empty() || password.get_untracked().is_empty() {
            step.refuse("ユーザー名とパスワードを入力してください");
            return;
        }
        step.run(async move {
            let result = sign_in(username.get_untracked(), password.get_untracked()).await;
            password.set(String::new());
            result.map_err(|e| e.message_ja())
        });
    };
    let pending = step.pending;

    view! {
        <div class="narrow">
            <h1>"職員サインイン"</h1>
            <ErrorSummary message=step.error.into()/>
            <form on:submit=submit novalidate>
                <TextField id="username" label="ユーザー名" value=username error=no_error autocomplete="username" required=true/>
                <TextField id="password" label="パスワード" value=password error=no_error input_type="password" autocomplete="current-password" required=true/>
                <button type="submit" class="btn btn-primary" disabled=move || pending.get()>
                    {move || if pending.get() { "確認中…" } else { "サインイン" }}
                </button>
            </form>
            <p class="or">"または"</p>
            <button type="button" class="btn btn-secondary" disabled=move || pending.get() on:click=move |_| step.run(passkey_sign_in())>
                "パスキーでサインイン"
            </button>
            <p class="hint">"パスキーやセキュリティキーを登録した方は、パスワードなしでサインインできます。"</p>
        </div>
    }
}
