//! The receipt: the visit number, each application and where it goes next, and the
//! receipt to print. Ending the visit leads to the survey, then a clean tablet.

use super::i18n::{lang, pick};
use super::lang_switch::LangSwitch;
use super::Wizard;
use crate::ui::common::ja_date;
use leptos::prelude::*;

#[component]
pub fn ReceiptStep() -> impl IntoView {
    let wizard = Wizard::get();
    let lang = lang();
    let t = move |ja, easy, en| move || pick(lang.get(), ja, easy, en);
    let receipt = wizard.draft.with_untracked(|d| d.receipt.clone());
    view! {
        <section>
            <LangSwitch/>
            <h1 id="step-heading" tabindex="-1">{t("受け付けました", "うけつけ しました", "Received")}</h1>
            {receipt.map(|r| {
                let count = r.applications.len();
                view! {
                    <p class="receipt-number">{t("受付番号 ", "うけつけ ばんごう ", "Visit number ")} <strong>{r.visit_number.clone()}</strong></p>
                    <p>{move || match lang.get() {
                        madoguchi_core::forms::Lang::Ja => format!("{count}件の申請を、それぞれの担当課に送りました。"),
                        madoguchi_core::forms::Lang::Easy => format!("{count}この しんせい を、それぞれ の かかり に おくりました。"),
                        madoguchi_core::forms::Lang::En => format!("{count} applications were sent to their departments."),
                    }}</p>
                    <table class="receipt">
                        <thead><tr>
                            <th scope="col">{t("手続き", "てつづき", "Procedure")}</th>
                            <th scope="col">{t("担当課", "かかり", "Department")}</th>
                            <th scope="col">{t("窓口", "まどぐち", "Counter")}</th>
                            <th scope="col">{t("期限", "きげん", "Deadline")}</th>
                        </tr></thead>
                        <tbody>
                            {r.applications.into_iter().map(|a| view! {
                                <tr>
                                    <th scope="row">{a.procedure_name}</th>
                                    <td>{a.department_name}</td>
                                    <td>{a.counter}</td>
                                    <td>{a.deadline.map_or_else(|| "—".to_string(), ja_date)}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <p class="hint">{t(
                        "このあと、担当課の職員が内容を確認します。窓口の番号の順にご案内します。",
                        "このあと、かかり の しょくいん が ないよう を たしかめます。まどぐち の ばんごう の じゅん に よびます。",
                        "Staff of each department will now check your applications; you will be called in the order of the counters.",
                    )}</p>
                    <p><a class="btn btn-secondary" href=format!("/api/visits/{}/receipt.pdf", r.visit_number) target="_blank" rel="noopener">
                        {t("受付票を印刷する", "うけつけひょう を いんさつ する", "Print the receipt")}
                    </a></p>
                }
            })}
            <div class="actions">
                <button type="button" class="btn btn-primary btn-large" on:click=move |_| wizard.go(super::Step::Survey)>
                    {t("終了する", "おわる", "Finish")}
                </button>
            </div>
        </section>
    }
}
