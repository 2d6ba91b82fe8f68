//! One signature, given once on the tablet with a finger or a stylus, printed on every
//! application of the visit whose form accepts it. Forms the law wants signed on paper
//! (婚姻届, 離婚届) are named, so nobody is surprised at the counter. Submitting sends
//! the signature with the visit; the server writes every application or none.

use super::signature_pad::SignaturePad;
use super::{Channel, Step, Wizard};
use crate::error::AppError;
use crate::model::SubmitVisit;
use crate::ui::common::{focus, ErrorSummary};
use crate::ui::i18n::{m, ruby, t, Catalog};
use leptos::prelude::*;
use leptos::task::spawn_local;
use madoguchi_core::forms::Signature;

#[component]
pub fn SignStep() -> impl IntoView {
    let wizard = Wizard::get();
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let signature = RwSignal::new(None::<String>);
    let catalog = Catalog::get();
    let lang = catalog.lang();
    let online = wizard.channel == Channel::Online;
    let (one, own): (Vec<String>, Vec<String>) = wizard.draft.with_untracked(|d| {
        let Some(s) = d.screening.as_ref() else {
            return (Vec::new(), Vec::new());
        };
        let title = |sig: Signature| -> Vec<String> {
            s.interview
                .catalog
                .forms
                .iter()
                .filter(|f| f.signature == sig && s.interview.plan.forms.contains(&f.procedure))
                .map(|f| f.title.clone())
                .collect()
        };
        (title(Signature::One), title(Signature::Own))
    });
    // Online the resident signed in with their card: no handwritten signature.
    let needs_signature = !online && !one.is_empty();

    let submit = move |_| {
        if pending.get_untracked() {
            return;
        }
        if needs_signature && signature.with_untracked(Option::is_none) {
            error.set(Some(catalog.plain_now(m::counter::sign::required)));
            focus("error-summary");
            return;
        }
        let d = wizard.draft.get_untracked();
        let Some(visit) = d.visit_input() else {
            wizard.clear();
            return;
        };
        let input = SubmitVisit {
            visit,
            answers: d.interview.clone(),
            signature_png: signature.get_untracked(),
        };
        pending.set(true);
        spawn_local(async move {
            match super::calls::submit(wizard.channel, input).await {
                Ok(receipt) => {
                    wizard.draft.update(|d| d.receipt = Some(receipt));
                    wizard.go(Step::Receipt);
                }
                Err(AppError::InvalidInput { fields })
                    if fields.iter().any(|f| f.field != "signature") =>
                {
                    // A value the server refused: back to the answers, with the reason.
                    let list = fields
                        .iter()
                        .map(|f| {
                            let key = format!("common.errors.{}", f.error.code());
                            ruby::plain(&catalog.text_in(lang.get_untracked(), &key))
                        })
                        .collect::<Vec<_>>()
                        .join(", ");
                    let text = catalog.fill(m::counter::sign::check_fields, &[("fields", list)]);
                    error.set(Some(ruby::plain(&text)));
                    focus("error-summary");
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
            <h1 id="step-heading" tabindex="-1">{t(if online { m::public::apply::send_title } else { m::counter::sign::title })}</h1>
            <ErrorSummary message=error.into()/>
            {online.then(|| view! { <p>{t(m::public::apply::send_intro)}</p> })}
            {needs_signature.then(|| view! {
                <p>{t(m::counter::sign::intro)}</p>
                <ul class="plain-list signed-forms">{one.into_iter().map(|title| view! { <li>{title}</li> }).collect_view()}</ul>
                <SignaturePad value=signature/>
                <p class="hint">{t(m::counter::sign::help)}</p>
            })}
            {(!own.is_empty()).then(|| view! {
                <div class="alert alert-info">
                    <p>{t(m::counter::sign::on_paper)}</p>
                    <ul class="plain-list">{own.into_iter().map(|title| view! { <li>{title}</li> }).collect_view()}</ul>
                </div>
            })}
            <div class="actions">
                <button type="button" class="btn btn-secondary" on:click=move |_| wizard.go(Step::Review)>{t(m::common::back)}</button>
                <button type="button" class="btn btn-primary" on:click=submit disabled=move || pending.get()>
                    {move || t(if pending.get() { m::common::sending } else { m::counter::sign::submit })}
                </button>
            </div>
        </section>
    }
}
