//! Enrolling a first second factor: an authenticator app (scan the QR code or type the
//! key, then confirm with a first code) or a passkey / security key — only a passkey
//! where the city requires one (administrators).

use super::{webauthn, QrCode, Session};
use crate::api::auth::{
    passkey_register_finish, passkey_register_start, totp_enrol_confirm, totp_enrol_start,
};
use crate::model::security::TotpEnrolment;
use crate::ui::common::{focus, ErrorSummary, TextField};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Registers a passkey for the signed-in (or enrolling) staff member; returns the
/// recovery codes given, if any.
pub async fn register_passkey(
    name: String,
) -> Result<(crate::model::StaffMe, Vec<String>), String> {
    let options = passkey_register_start().await.map_err(|e| e.message_ja())?;
    let credential = webauthn::ceremony(true, &options)
        .await
        .map_err(str::to_owned)?;
    passkey_register_finish(credential, name)
        .await
        .map_err(|e| e.message_ja())
}

/// The secret in groups of four, easier to type.
fn grouped(secret: &str) -> String {
    secret
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

#[component]
pub fn EnrolStep(on_codes: Callback<Vec<String>>) -> impl IntoView {
    let session = Session::get();
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let totp = RwSignal::new(None::<TotpEnrolment>);
    let code = RwSignal::new(String::new());
    let no_error = Signal::derive(|| None);
    let required = move || session.staff().is_some_and(|m| m.passkey_required);

    let finish = move |result: Result<(crate::model::StaffMe, Vec<String>), String>| match result {
        Ok((me, codes)) => {
            if !codes.is_empty() {
                on_codes.run(codes);
                focus("recovery-heading");
            }
            session.set(me);
        }
        Err(m) => {
            error.set(Some(m));
            focus("error-summary");
        }
    };

    let start_totp = move |_| {
        pending.set(true);
        error.set(None);
        spawn_local(async move {
            match totp_enrol_start().await {
                Ok(t) => totp.set(Some(t)),
                Err(e) => error.set(Some(e.message_ja())),
            }
            pending.set(false);
        });
    };
    let confirm = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        spawn_local(async move {
            finish(
                totp_enrol_confirm(code.get_untracked())
                    .await
                    .map_err(|e| e.message_ja()),
            );
            code.set(String::new());
            pending.set(false);
        });
    };
    let passkey = move |_| {
        if pending.get_untracked() {
            return;
        }
        pending.set(true);
        error.set(None);
        spawn_local(async move {
            finish(register_passkey("パスキー".into()).await);
            pending.set(false);
        });
    };

    view! {
        <div class="narrow">
            <h1>"2段階認証を設定してください"</h1>
            <p>"住民の方の大切な情報を守るため、パスワードに加えて、もう一つの方法で本人確認をします。最初の一回だけ設定します。"</p>
            <ErrorSummary message=error.into()/>
            {move || match totp.get() {
                Some(t) => view! {
                    <section aria-labelledby="totp-heading">
                        <h2 id="totp-heading">"認証アプリで読み取る"</h2>
                        <ol class="steps-list">
                            <li>"スマートフォンの認証アプリ (Google Authenticator、Microsoft Authenticator など) で、このQRコードを読み取ります。"</li>
                            <li>"読み取れないときは、次のキーを入力します: " <code class="totp-secret">{grouped(&t.secret)}</code></li>
                            <li>"アプリに表示された6けたの数字を入力します。"</li>
                        </ol>
                        <QrCode modules=t.qr.clone() label="認証アプリに登録するためのQRコード"/>
                        <form on:submit=confirm novalidate>
                            <TextField id="code" label="確認コード" value=code error=no_error autocomplete="one-time-code" inputmode="numeric" required=true/>
                            <button type="submit" class="btn btn-primary" disabled=move || pending.get()>"設定する"</button>
                        </form>
                    </section>
                }.into_any(),
                None => view! {
                    <div class="choices-stack">
                        <Show when=move || !required()>
                            <button type="button" class="btn btn-primary" disabled=move || pending.get() on:click=start_totp>
                                "認証アプリを使う"
                            </button>
                        </Show>
                        <button type="button" class="btn btn-secondary" disabled=move || pending.get() on:click=passkey>
                            "パスキー・セキュリティキーを登録する"
                        </button>
                        <Show when=required>
                            <p class="hint">"管理者は、パスキー (生体認証やPINで使う鍵) またはセキュリティキーの登録が必要です。"</p>
                        </Show>
                    </div>
                }.into_any(),
            }}
            <p><button type="button" class="btn btn-ghost" on:click=move |_| session.sign_out()>"中止してサインアウト"</button></p>
        </div>
    }
}
