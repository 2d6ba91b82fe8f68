//! The second step of signing in: a code from the authenticator app (or a recovery
//! code), or a passkey.

use super::{webauthn, Session};
use crate::api::auth::{passkey_verify_finish, passkey_verify_start, verify_code};
use crate::ui::common::{focus, ErrorSummary, TextField};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn SecondFactorStep() -> impl IntoView {
    let session = Session::get();
    let code = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let no_error = Signal::derive(|| None);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        if code.get_untracked().trim().is_empty() {
            error.set(Some("確認コードを入力してください".into()));
            focus("error-summary");
            return;
        }
        pending.set(true);
        spawn_local(async move {
            match verify_code(code.get_untracked()).await {
                Ok(me) => session.set(me),
                Err(e) => {
                    error.set(Some(e.message_ja()));
                    focus("error-summary");
                }
            }
            code.set(String::new());
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
                let options = passkey_verify_start().await.map_err(|e| e.message_ja())?;
                let credential = webauthn::ceremony(false, &options)
                    .await
                    .map_err(str::to_owned)?;
                passkey_verify_finish(credential)
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
    let required = move || session.staff().is_some_and(|m| m.passkey_required);

    view! {
        <div class="narrow">
            <h1>"本人確認"</h1>
            <ErrorSummary message=error.into()/>
            <Show when=move || !required()>
                <p>"認証アプリに表示されている6けたの数字を入力してください。スマートフォンがないときは、リカバリーコードを入力できます。"</p>
                <form on:submit=submit novalidate>
                    <TextField id="code" label="確認コード" value=code error=no_error autocomplete="one-time-code" inputmode="numeric" required=true/>
                    <button type="submit" class="btn btn-primary" disabled=move || pending.get()>"確認する"</button>
                </form>
                <p class="or">"または"</p>
            </Show>
            <button type="button" class="btn btn-secondary" disabled=move || pending.get() on:click=with_passkey>
                "パスキー・セキュリティキーを使う"
            </button>
            <Show when=required>
                <form on:submit=submit novalidate class="recovery">
                    <TextField id="code" label="リカバリーコード (キーをなくしたとき)" value=code error=no_error autocomplete="off" required=false/>
                    <button type="submit" class="btn btn-secondary" disabled=move || pending.get()>"リカバリーコードで確認する"</button>
                </form>
            </Show>
            <p><button type="button" class="btn btn-ghost" on:click=move |_| session.sign_out()>"別のアカウントでサインインする"</button></p>
        </div>
    }
}
