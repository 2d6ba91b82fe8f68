//! A new password, after an administrator reset the old one.

use super::step::Step;
use crate::api::auth::change_password;
use crate::ui::common::{ErrorSummary, TextField};
use leptos::prelude::*;

#[component]
pub fn ChangePasswordStep() -> impl IntoView {
    let new = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let step = Step::new();
    let mismatch = RwSignal::new(false);
    let no_error = Signal::derive(|| None);
    let again_error = Signal::derive(move || {
        mismatch
            .get()
            .then_some(crate::ui::common::FieldMessage::Fixed(
                "同じパスワードをもう一度入力してください",
            ))
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mismatched = new.get_untracked() != again.get_untracked();
        mismatch.set(mismatched);
        if mismatched {
            step.refuse("確認のパスワードが一致しません");
            return;
        }
        step.run(async move {
            change_password(None, new.get_untracked())
                .await
                .map_err(|e| e.message_ja())
        });
    };
    let pending = step.pending;

    view! {
        <div class="narrow">
            <h1>"新しいパスワードを決めてください"</h1>
            <p>"管理者がパスワードを再設定しました。ご自分だけが知るパスワードに変えてください。"</p>
            <ErrorSummary message=step.error.into()/>
            <form on:submit=submit novalidate>
                <TextField id="new_password" label="新しいパスワード" value=new error=no_error input_type="password" autocomplete="new-password"
                    hint="12文字以上。文の一部や、いくつかの言葉をつなげたものがおすすめです。よく使われるものは使えません。" required=true/>
                <TextField id="new_password_again" label="新しいパスワード (確認)" value=again error=again_error input_type="password" autocomplete="new-password" required=true/>
                <button type="submit" class="btn btn-primary" disabled=move || pending.get()>"パスワードを変える"</button>
            </form>
        </div>
    }
}
