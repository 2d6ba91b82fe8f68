//! A new password, after an administrator reset the old one.

use super::Session;
use crate::api::auth::change_password;
use crate::ui::common::{focus, ErrorSummary, TextField};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn ChangePasswordStep() -> impl IntoView {
    let session = Session::get();
    let new = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let mismatch = RwSignal::new(false);
    let pending = RwSignal::new(false);
    let no_error = Signal::derive(|| None);
    let again_error = Signal::derive(move || {
        mismatch
            .get()
            .then_some("同じパスワードをもう一度入力してください")
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let mismatched = new.get_untracked() != again.get_untracked();
        mismatch.set(mismatched);
        if mismatched {
            error.set(Some("確認のパスワードが一致しません".into()));
            focus("error-summary");
            return;
        }
        pending.set(true);
        spawn_local(async move {
            match change_password(None, new.get_untracked()).await {
                Ok(me) => session.set(me),
                Err(e) => {
                    error.set(Some(e.message_ja()));
                    focus("error-summary");
                }
            }
            pending.set(false);
        });
    };

    view! {
        <div class="narrow">
            <h1>"新しいパスワードを決めてください"</h1>
            <p>"管理者がパスワードを再設定しました。ご自分だけが知るパスワードに変えてください。"</p>
            <ErrorSummary message=error.into()/>
            <form on:submit=submit novalidate>
                <TextField id="new_password" label="新しいパスワード" value=new error=no_error input_type="password" autocomplete="new-password"
                    hint="12文字以上。文の一部や、いくつかの言葉をつなげたものがおすすめです。よく使われるものは使えません。" required=true/>
                <TextField id="new_password_again" label="新しいパスワード (確認)" value=again error=again_error input_type="password" autocomplete="new-password" required=true/>
                <button type="submit" class="btn btn-primary" disabled=move || pending.get()>"パスワードを変える"</button>
            </form>
        </div>
    }
}
