//! The second step of signing in: a code from the authenticator app (or a recovery
//! code), or a passkey.

use super::step::{passkey_second_factor, Step};
use super::Session;
use crate::api::auth::verify_code;
use crate::ui::common::{ErrorSummary, TextField};
use leptos::prelude::*;

#[component]
pub fn SecondFactorStep() -> impl IntoView {
    let session = Session::get();
    let code = RwSignal::new(String::new());
    let step = Step::new();
    let no_error = Signal::derive(|| None);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if code.get_untracked().trim().is_empty() {
            step.refuse("確認コードを入力してください");
            return;
        }
        step.run(async move {
            let result = verify_code(code.get_untracked()).await;
            code.set(String::new());
            result.map_err(|e| e.message_ja())
        });
    };
    let pending = step.pending;
    let required = move || session.staff().is_some_and(|m| m.passkey_required);

    view! {
        <div class="narrow">
            <h1>"本人確認"</h1>
            <ErrorSummary message=step.error.into()/>
            <Show when=move || !required()>
                <p>"認証アプリに表示されている6けたの数字を入力してください。スマートフォンがないときは、リカバリーコードを入力できます。"</p>
                <form on:submit=submit novalidate>
                    <TextField id="code" label="確認コード" value=code error=no_error autocomplete="one-time-code" inputmode="numeric" required=true/>
                    <button type="submit" class="btn btn-primary" disabled=move || pending.get()>"確認する"</button>
                </form>
                <p class="or">"または"</p>
            </Show>
            <button type="button" class="btn btn-secondary" disabled=move || pending.get() on:click=move |_| step.run(passkey_second_factor())>
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
