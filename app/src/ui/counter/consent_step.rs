//! Consent before the city's tax data is used (地方税法22条): which data, for what, and
//! that without consent the counter asks instead. The answer is recorded with the visit
//! on the server and audited; the screening reads tax data only when it was given.

use super::i18n::{lang, pick};
use super::lang_switch::LangSwitch;
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
    let lang = lang();
    let t = move |ja, easy, en| move || pick(lang.get(), ja, easy, en);
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
            <LangSwitch/>
            <h1 id="step-heading" tabindex="-1">{t("税の情報を使ってよいですか", "ぜいきん の じょうほう を つかって いい ですか", "May we use your tax information?")}</h1>
            <ErrorSummary message=error.into()/>
            <p>{t(
                "手続きを正しくご案内するため、市が持っている次の情報を、今日の手続きのためだけに使います。",
                "ただしい てつづき を あんない する ため、しやくしょ に ある つぎ の じょうほう を、きょう の てつづき だけ に つかいます。",
                "To guide you to the right procedures, the city uses the following information it holds, for today's procedures only.",
            )}</p>
            <table class="consent">
                <thead><tr>
                    <th scope="col">{t("使う情報", "つかう じょうほう", "Information")}</th>
                    <th scope="col">{t("使う目的", "つかう りゆう", "Used for")}</th>
                </tr></thead>
                <tbody>
                    <tr>
                        <th scope="row">{t("所得 (住民税の課税の情報)", "しょとく (じゅうみんぜい の じょうほう)", "Income (resident tax records)")}</th>
                        <td>{t(
                            "児童手当などを受け取る方 (主に家計を支える方) を決めるため",
                            "じどうてあて など を うけとる ひと を きめる ため",
                            "To decide who receives child allowance (the main earner)",
                        )}</td>
                    </tr>
                    <tr>
                        <th scope="row">{t("土地・建物の所有 (固定資産税の情報)", "とち・たてもの (こていしさんぜい の じょうほう)", "Land and buildings owned (property tax records)")}</th>
                        <td>{t(
                            "亡くなった方の固定資産税の届出 (相続人代表者) が必要かを知るため",
                            "なくなった ひと の こていしさんぜい の とどけ が いるか を しる ため",
                            "To know whether a property tax notice for a deceased owner is needed",
                        )}</td>
                    </tr>
                </tbody>
            </table>
            <p class="hint">{t(
                "同意しなくても手続きはできます。その場合は、必要なことをこのあと質問します。",
                "どうい しなくても てつづき は できます。その とき は、ひつよう な こと を あとで ききます。",
                "You can continue without agreeing; we will then ask what we need instead.",
            )}</p>
            <div class="actions">
                <button type="button" class="btn btn-secondary" disabled=move || pending.get()
                    on:click=move |_| answer(false)>{t("同意しない", "どうい しない", "Do not agree")}</button>
                <button type="button" class="btn btn-primary" disabled=move || pending.get()
                    on:click=move |_| answer(true)>{t("同意する", "どうい する", "Agree")}</button>
            </div>
        </section>
    }
}
