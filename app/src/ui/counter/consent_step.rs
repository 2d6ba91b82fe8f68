//! Consent before the city's tax data is used (地方税法22条): which data, for what, and
//! that without consent the counter asks instead. The answer is recorded with the visit
//! on the server and audited; the screening reads tax data only when it was given.

use super::Wizard;
use crate::ui::common::{focus, ErrorSummary};
use crate::ui::i18n::{m, t, Catalog};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn ConsentStep() -> impl IntoView {
    let wizard = Wizard::get();
    let catalog = Catalog::get();
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let answer = move |granted: bool| {
        let Some(number) = wizard.draft.with_untracked(|d| d.visit_number.clone()) else {
            wizard.clear();
            return;
        };
        pending.set(true);
        spawn_local(async move {
            match super::calls::record_consent(wizard.channel, number, granted).await {
                Ok(()) => {
                    wizard.draft.update(|d| d.tax_consent = Some(granted));
                    wizard.go(wizard.after_consent());
                }
                Err(e) => {
                    error.set(Some(catalog.app_error(&e)));
                    focus("error-summary");
                }
            }
            pending.set(false);
        });
    };
    view! {
        <section>
            <h1 id="step-heading" tabindex="-1">{t(m::counter::consent::title)}</h1>
            <ErrorSummary message=error.into()/>
            <p>{t(m::counter::consent::intro)}</p>
            <table class="consent">
                <thead><tr>
                    <th scope="col">{t(m::counter::consent::information)}</th>
                    <th scope="col">{t(m::counter::consent::purpose)}</th>
                </tr></thead>
                <tbody>
                    <tr>
                        <th scope="row">{t(m::counter::consent::income)}</th>
                        <td>{t(m::counter::consent::income_purpose)}</td>
                    </tr>
                    <tr>
                        <th scope="row">{t(m::counter::consent::property)}</th>
                        <td>{t(m::counter::consent::property_purpose)}</td>
                    </tr>
                </tbody>
            </table>
            <p class="hint">{t(m::counter::consent::note)}</p>
            <div class="actions">
                <button type="button" class="btn btn-secondary" disabled=move || pending.get()
                    on:click=move |_| answer(false)>{t(m::counter::consent::refuse)}</button>
                <button type="button" class="btn btn-primary" disabled=move || pending.get()
                    on:click=move |_| answer(true)>{t(m::counter::consent::agree)}</button>
            </div>
        </section>
    }
}
