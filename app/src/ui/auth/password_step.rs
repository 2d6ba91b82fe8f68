//! The first step of signing in: username and password, or a passkey alone.

use super::{webauthn, Session};
use crate::api::auth::{passkey_sign_in_finish, passkey_sign_in_start, sign_in};
use crate::ui::common::{focus, ErrorSummary, TextField};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn PasswordStep() -> impl IntoView {
    let session = Session::get();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let no_error = Signal::derive(|| None);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        if username.get_untracked().trim().is_empty() || password.get_untracked().is_empty() {
            error.set(Some("ユーザー名とパスワードを入力してください".into()));
            focus("error-summary");
            return;
        }
        pending.set(true);
        spawn_local(async move {
            match sign_in(username.get_untracked(), password.get_untracked()).await {
                Ok(me) => session.set(me),
                Err(e) => {
                    error.set(Some(e.message_ja()));
                    focus("error-summary");
                }
            }
            password.set(String::new());
            pending.set(false);
        });
    };

    let with_passkey = move |_| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        spawn_local(async move {
            let result = async {
                let (ceremony, options) =
                    passkey_sign_in_start().await.map_err(|e| e.message_ja())?;
                let credential = webauthn::ceremony(false, &options)
                    .await
                    .map_err(str::to_owned)?;
                passkey_sign_in_finish(ceremony, credential)
                    .await
                    .map_err(|e| e.message_ja())
            }
            .await;
            match result {
                Ok(me) => session.set(me),
                Err(m) => {
                    error.set(Some(m));
                    focus("error-summary");
                }
            }
            pending.set(false);
        });
    };

    view! {
        <div class="narrow">
            <h1>"職員サインイン"</h1>
            <ErrorSummary message=error.into()/>
            <form on:submit=submit novalidate>
                <TextField id="username" label="ユーザー名" value=username error=no_error autocomplete="username" required=true/>
                <TextField id="password" label="パスワード" value=password error=no_error input_type="password" autocomplete="current-password" required=true/>
                <button type="submit" class="btn btn-primary" disabled=move || pending.get()>
                    {move || if pending.get() { "確認中…" } else { "サインイン" }}
                </button>
            </form>
            <p class="or">"または"</p>
            <button type="button" class="btn btn-secondary" disabled=move || pending.get() on:click=with_passkey>
                "パスキーでサインイン"
            </button>
            <p class="hint">"パスキーやセキュリティキーを登録した方は、パスワードなしでサインインできます。"</p>
        </div>
    }
}
