//! Choose the life event. Birth is covered now; the catalog of issue 3 adds the rest.

use super::{Step, Wizard};
use leptos::prelude::*;

#[component]
pub fn EventStep() -> impl IntoView {
    let wizard = Wizard::get();
    view! {
        <section>
            <h1 id="step-heading" tabindex="-1">"どんなことがありましたか"</h1>
            <p class="hint">"あてはまるものを選んでください。"</p>
            <ul class="choices">
                <li>
                    <button type="button" class="choice" on:click=move |_| wizard.go(Step::Find)>
                        <span class="choice-title">"子どもが生まれた (出生)"</span>
                        <span class="choice-text">"出生届と、子育ての手続き"</span>
                    </button>
                </li>
            </ul>
            <div class="actions">
                <button type="button" class="btn btn-secondary" on:click=move |_| wizard.clear()>"受付をやめる"</button>
            </div>
        </section>
    }
}
