//! Consent before the city's tax data is used (地方税法22条): which data, for what, and
//! that without consent the counter asks instead. The answer is recorded with the visit
//! on the server and audited; the screening reads tax data only when it was given.

use super::Wizard;
use crate::api::counter::record_consent;
use crate::ui::common::{focus, ErrorSummary};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn ConsentStep() -> impl IntoView {
    let wizard = Wizard::get();
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let answer = move |granted: bool| {
        let Some(number) = wizard.draft.with_untracked(|d| d.visit_number.clone()) else {
            wizard.clear();
            return;
        };
        pending.set(true);
        spawn_local(async move {
            match record_consent(number, granted).await {
                Ok(()) => {
                    wizard.draft.update(|d| d.tax_consent = Some(granted));
                    wizard.go(wizard.after_consent());
                }
                Err(e) => {
                    error.set(Some(e.message_ja()));
                    focus("error-summary");
                }
            }
            pending.set(false);
        });
    };
    view! {
        <section>
            <h1 id="step-heading" tabindex="-1">"税の情報を使ってよいですか"</h1>
            <ErrorSummary message=error.into()/>
            <p>"手続きを正しくご案内するため、市が持っている次の情報を、今日の手続きのためだけに使います。"</p>
            <table class="consent">
                <thead><tr><th scope="col">"使う情報"</th><th scope="col">"使う目的"</th></tr></thead>
                <tbody>
                    <tr>
                        <th scope="row">"所得 (住民税の課税の情報)"</th>
                        <td>"児童手当などを受け取る方 (主に家計を支える方) を決めるため"</td>
                    </tr>
                    <tr>
                        <th scope="row">"土地・建物の所有 (固定資産税の情報)"</th>
                        <td>"亡くなった方の固定資産税の届出 (相続人代表者) が必要かを知るため"</td>
                    </tr>
                </tbody>
            </table>
            <p class="hint">"同意しなくても手続きはできます。その場合は、必要なことをこのあと質問します。"</p>
            <div class="actions">
                <button type="button" class="btn btn-secondary" disabled=move || pending.get()
                    on:click=move |_| answer(false)>"同意しない"</button>
                <button type="button" class="btn btn-primary" disabled=move || pending.get()
                    on:click=move |_| answer(true)>"同意する"</button>
            </div>
        </section>
    }
}
