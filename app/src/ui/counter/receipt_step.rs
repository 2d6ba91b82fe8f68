//! The receipt: the visit number, each application and where it goes next, and the
//! receipt to print. Ending the visit leads to the survey, then a clean tablet.

use super::{Channel, Wizard};
use crate::ui::i18n::{m, t, t_date, t_with};
use crate::ui::screening::RulesText;
use leptos::prelude::*;

#[component]
pub fn ReceiptStep() -> impl IntoView {
    let wizard = Wizard::get();
    let receipt = wizard.draft.with_untracked(|d| d.receipt.clone());
    // The printed receipt carries the visit's language below its Japanese.
    let lang = crate::ui::i18n::Catalog::get().lang();
    let online = wizard.channel == Channel::Online;
    view! {
        <section>
            <h1 id="step-heading" tabindex="-1">{t(m::counter::receipt::title)}</h1>
            {receipt.map(|r| {
                let count = r.applications.len();
                view! {
                    <p class="receipt-number">{t(m::counter::receipt::number)} " " <strong>{r.visit_number.clone()}</strong></p>
                    <p>{t_with(m::counter::receipt::sent, move || vec![("count", count.to_string())])}</p>
                    <table class="receipt">
                        <thead><tr>
                            <th scope="col">{t(m::counter::receipt::procedure)}</th>
                            <th scope="col">{t(m::counter::receipt::department)}</th>
                            <th scope="col">{t(m::counter::receipt::counter)}</th>
                            <th scope="col">{t(m::counter::receipt::deadline)}</th>
                        </tr></thead>
                        <tbody>
                            {r.applications.into_iter().map(|a| view! {
                                <tr>
                                    <th scope="row"><RulesText key=format!("procedures.{}.name", a.procedure_id) ja=a.procedure_name official=true/></th>
                                    <td><RulesText key=format!("departments.{}.name", a.department_id) ja=a.department_name official=true/></td>
                                    <td><RulesText key=format!("departments.{}.counter", a.department_id) ja=a.counter/></td>
                                    <td>{match a.deadline { Some(d) => t_date(d).into_any(), None => "—".into_any() }}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                    <p class="hint">{t(if online { m::public::apply::next } else { m::counter::receipt::next })}</p>
                    {(!online).then(|| view! { <p><a class="btn btn-secondary" href=move || format!("/api/visits/{}/receipt.pdf?lang={}", r.visit_number, lang.get().code()) target="_blank" rel="noopener">
                        {t(m::counter::receipt::print)}
                    </a></p> })}
                }
            })}
            <div class="actions">
                {if online {
                    view! { <a class="btn btn-primary btn-large" href="/my" id="to-my-page">{t(m::public::apply::to_my_page)}</a> }.into_any()
                } else {
                    view! {
                        <button type="button" class="btn btn-primary btn-large" on:click=move |_| wizard.go(super::Step::Survey)>
                            {t(m::counter::receipt::finish)}
                        </button>
                    }.into_any()
                }}
            </div>
        </section>
    }
}
