//! Staff sign-in page.

use super::Session;
use crate::api::auth::sign_in;
use crate::model::Role;
use crate::ui::common::{ErrorSummary, TextField};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::hooks::{use_navigate, use_query_map};

#[component]
pub fn LoginPage() -> impl IntoView {
    let session = Session::get();
    let username = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let query = use_query_map();
    let navigate = use_navigate();
    let no_error = Signal::derive(|| None);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        if username.get_untracked().trim().is_empty() || password.get_untracked().is_empty() {
            error.set(Some("ユーザー名とパスワードを入力してください".into()));
            return;
        }
        pending.set(true);
        let navigate = navigate.clone();
        spawn_local(async move {
            match sign_in(username.get_untracked(), password.get_untracked()).await {
                Ok(me) => {
                    let next = query
                        .with_untracked(|q| q.get("next"))
                        .filter(|n| n.starts_with('/') && !n.starts_with("//"));
                    let home = if me.role == Role::Department {
                        "/staff"
                    } else {
                        "/counter"
                    };
                    session.set(me);
                    password.set(String::new());
                    navigate(&next.unwrap_or_else(|| home.into()), Default::default());
                }
                Err(e) => {
                    password.set(String::new());
                    error.set(Some(e.message_ja()));
                    crate::ui::common::focus("error-summary");
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
        </div>
    }
}
