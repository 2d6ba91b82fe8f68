//! `/account`: a staff member's own sign-in methods — passkeys (add, remove), the
//! authenticator app, recovery codes (renew), and the password (change).

use super::{register_passkey, RecoveryCodes, Session};
use crate::api::auth::{change_password, my_factors, remove_passkey, renew_recovery_codes};
use crate::ui::common::{focus, ErrorSummary, TextField};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::Redirect;

#[component]
pub fn AccountPage() -> impl IntoView {
    let session = Session::get();
    move || {
        if !session.loaded() {
            view! { <p class="loading" aria-live="polite">"読み込み中…"</p> }.into_any()
        } else if session.signed_in().is_none() {
            view! { <Redirect path="/login?next=/account"/> }.into_any()
        } else {
            view! { <Account/> }.into_any()
        }
    }
}

#[component]
fn Account() -> impl IntoView {
    let session = Session::get();
    let factors = Resource::new(|| (), |_| my_factors());
    let error = RwSignal::new(None::<String>);
    let notice = RwSignal::new(None::<String>);
    let codes = RwSignal::new(Vec::<String>::new());
    let pending = RwSignal::new(false);
    let name = RwSignal::new(String::new());
    let no_error = Signal::derive(|| None);

    let report = move |r: Result<String, String>| match r {
        Ok(m) => {
            error.set(None);
            notice.set(Some(m));
            factors.refetch();
        }
        Err(m) => {
            notice.set(None);
            error.set(Some(m));
            focus("error-summary");
        }
    };
    let add_passkey = move |_| {
        pending.set(true);
        spawn_local(async move {
            let n = name.get_untracked();
            let r = register_passkey(if n.trim().is_empty() {
                "パスキー".into()
            } else {
                n
            })
            .await;
            report(r.map(|_| "パスキーを登録しました".to_owned()));
            name.set(String::new());
            pending.set(false);
        });
    };
    let remove = move |id: i32| {
        spawn_local(async move {
            report(
                remove_passkey(id)
                    .await
                    .map(|()| "パスキーを削除しました".to_owned())
                    .map_err(|e| e.message_ja()),
            );
        });
    };
    let renew = move |_| {
        spawn_local(async move {
            match renew_recovery_codes().await {
                Ok(c) => {
                    codes.set(c);
                    focus("recovery-heading");
                }
                Err(e) => report(Err(e.message_ja())),
            }
        });
    };
    let done = Callback::new(move |()| {
        codes.set(Vec::new());
        factors.refetch();
    });

    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let change = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        spawn_local(async move {
            let r = change_password(Some(current.get_untracked()), new.get_untracked()).await;
            current.set(String::new());
            new.set(String::new());
            match r {
                Ok(me) => {
                    session.set(me);
                    report(Ok(
                        "パスワードを変えました。ほかの端末のサインインは終了しました".into(),
                    ));
                }
                Err(e) => report(Err(e.message_ja())),
            }
        });
    };

    view! {
        {move || if !codes.with(Vec::is_empty) {
            view! { <RecoveryCodes codes=codes.get() on_done=done/> }.into_any()
        } else {
            view! {
                <h1>"アカウント"</h1>
                <ErrorSummary message=error.into()/>
                {move || notice.get().map(|m| view! { <div class="alert alert-success" role="status">{m}</div> })}
                <section aria-labelledby="factors-heading">
                    <h2 id="factors-heading">"本人確認の方法"</h2>
                    <Suspense fallback=|| view! { <p class="loading">"読み込み中…"</p> }>
                        {move || factors.get().map(|r| match r {
                            Ok(f) => view! {
                                <p>"認証アプリ: " {if f.totp { "設定済み" } else { "未設定" }}</p>
                                <p>"リカバリーコード: 残り " {f.recovery_codes_left} " 個 "
                                    <button type="button" class="btn btn-ghost" on:click=renew>"新しく作る"</button></p>
                                <h3>"パスキー・セキュリティキー"</h3>
                                <ul class="plain-list">
                                    {f.passkeys.into_iter().map(|p| {
                                        let id = p.id;
                                        view! {
                                            <li class="row-item">
                                                <span>{p.name} " (登録 " {p.created_at} {p.last_used_at.map(|t| format!("、最後に使用 {t}"))} ")"</span>
                                                <button type="button" class="btn btn-ghost" on:click=move |_| remove(id)>"削除"</button>
                                            </li>
                                        }
                                    }).collect_view()}
                                </ul>
                            }.into_any(),
                            Err(e) => view! { <p class="error">{e.message_ja()}</p> }.into_any(),
                        })}
                    </Suspense>
                    <TextField id="passkey_name" label="新しいパスキーの名前 (例: 窓口タブレット)" value=name error=no_error/>
                    <button type="button" class="btn btn-secondary" disabled=move || pending.get() on:click=add_passkey>"パスキーを追加する"</button>
                </section>
                <section aria-labelledby="password-heading">
                    <h2 id="password-heading">"パスワードを変える"</h2>
                    <form on:submit=change novalidate>
                        <TextField id="current_password" label="今のパスワード" value=current error=no_error input_type="password" autocomplete="current-password" required=true/>
                        <TextField id="new_password" label="新しいパスワード" value=new error=no_error input_type="password" autocomplete="new-password"
                            hint="12文字以上。よく使われるものは使えません。" required=true/>
                        <button type="submit" class="btn btn-primary">"変える"</button>
                    </form>
                </section>
            }.into_any()
        }}
    }
}
