//! The receipt: the visit number, each application and where it goes next, and the
//! receipt to print. Ending the visit leads to the survey, then a clean tablet.

use super::Wizard;
use crate::ui::common::ja_date;
use leptos::prelude::*;

#[component]
pub fn ReceiptStep() -> impl IntoView {
    let wizard = Wizard::get();
    let receipt = wizard.draft.with_untracked(|d| d.receipt.clone());
    view! {
        <section>
            <h1 id="step-heading" tabindex="-1">"受け付けました"</h1>
            {receipt.map(|r| view! {
                <p class="receipt-number">"受付番号 " <strong>{r.visit_number.clone()}</strong></p>
                <p>{format!("{}件の申請を、それぞれの担当課に送りました。", r.applications.len())}</p>
                <table class="receipt">
                    <thead><tr><th scope="col">"手続き"</th><th scope="col">"担当課"</th><th scope="col">"窓口"</th><th scope="col">"期限"</th></tr></thead>
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
                <p class="hint">"このあと、担当課の職員が内容を確認します。窓口の番号の順にご案内します。"</p>
                <p><a class="btn btn-secondary" href=format!("/api/visits/{}/receipt.pdf", r.visit_number) target="_blank" rel="noopener">"受付票を印刷する"</a></p>
            })}
            <div class="actions">
                <button type="button" class="btn btn-primary btn-large" on:click=move |_| wizard.go(super::Step::Survey)>"終了する"</button>
            </div>
        </section>
    }
}
