//! The recovery codes, shown once after a first factor is enrolled (or renewed).

use leptos::prelude::*;

#[component]
pub fn RecoveryCodes(codes: Vec<String>, on_done: Callback<()>) -> impl IntoView {
    let print = move |_| {
        #[cfg(target_arch = "wasm32")]
        {
            let _ = leptos::prelude::window().print();
        }
    };
    view! {
        <div class="narrow">
            <h1 id="recovery-heading" tabindex="-1">"リカバリーコードを保管してください"</h1>
            <p>"スマートフォンやセキュリティキーをなくしたときに、確認コードの代わりに使えます。それぞれ1回だけ使えます。"</p>
            <div class="alert alert-warning">"この画面を閉じると、もう表示できません。印刷するか、安全な場所に書き写してください。"</div>
            <ol class="recovery-codes">
                {codes.into_iter().map(|c| view! { <li><code>{c}</code></li> }).collect_view()}
            </ol>
            <div class="actions">
                <button type="button" class="btn btn-secondary" on:click=print>"印刷する"</button>
                <button type="button" class="btn btn-primary" on:click=move |_| on_done.run(())>"保管しました"</button>
            </div>
        </div>
    }
}
