//! One signature, given once on the tablet with a finger or a stylus, printed on every
//! application of the visit whose form accepts it. Forms the law wants signed on paper
//! (婚姻届, 離婚届) are named, so nobody is surprised at the counter. Submitting sends
//! the signature with the visit; the server writes every application or none.

use super::i18n::{lang, pick};
use super::lang_switch::LangSwitch;
use super::signature_pad::SignaturePad;
use super::{Step, Wizard};
use crate::api::counter::submit_visit;
use crate::error::AppError;
use crate::model::SubmitVisit;
use crate::ui::common::{focus, ErrorSummary};
use leptos::prelude::*;
use leptos::task::spawn_local;
use madoguchi_core::forms::Signature;

#[component]
pub fn SignStep() -> impl IntoView {
    let wizard = Wizard::get();
    let error = RwSignal::new(None::<String>);
    let pending = RwSignal::new(false);
    let signature = RwSignal::new(None::<String>);
    let lang = lang();
    let t = move |ja, easy, en| move || pick(lang.get(), ja, easy, en);
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
    let needs_signature = !one.is_empty();

    let submit = move |_| {
        if pending.get_untracked() {
            return;
        }
        if needs_signature && signature.with_untracked(Option::is_none) {
            error.set(Some(
                pick(
                    lang.get_untracked(),
                    "署名をしてください",
                    "サイン を して ください",
                    "Please sign",
                )
                .into(),
            ));
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
            match submit_visit(input).await {
                Ok(receipt) => {
                    wizard.draft.update(|d| d.receipt = Some(receipt));
                    wizard.go(Step::Receipt);
                }
                Err(AppError::InvalidInput { fields })
                    if fields.iter().any(|f| f.field != "signature") =>
                {
                    // A value the server refused: back to the answers, with the reason.
                    error.set(Some(format!(
                        "入力内容を確認してください: {}",
                        fields
                            .iter()
                            .map(|f| f.error.message_ja())
                            .collect::<Vec<_>>()
                            .join("、")
                    )));
                    focus("error-summary");
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
            <h1 id="step-heading" tabindex="-1">{t("署名", "サイン", "Signature")}</h1>
            <ErrorSummary message=error.into()/>
            {needs_signature.then(|| view! {
                <p>{t(
                    "下の枠に、指かペンでお名前を書いてください。この1回の署名が、次の申請書に入ります。",
                    "した の わく に、ゆび か ペン で なまえ を かいて ください。この 1かい の サイン が、つぎ の しょるい に はいります。",
                    "Sign your name in the box with a finger or a pen. This one signature goes on these forms:",
                )}</p>
                <ul class="plain-list signed-forms">{one.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                <SignaturePad value=signature lang/>
                <p class="hint">{t(
                    "署名がむずかしい方は、職員にお知らせください。",
                    "サイン が むずかしい ひと は、しょくいん に いって ください。",
                    "If signing is difficult for you, please tell the staff.",
                )}</p>
            })}
            {(!own.is_empty()).then(|| view! {
                <div class="alert alert-info">
                    <p>{t(
                        "次の届書は、法律で本人 (と証人) の署名が決められているため、窓口で紙に署名します。",
                        "つぎ の しょるい は、ほうりつ で きまって いる ので、まどぐち で かみ に サイン します。",
                        "By law, these are signed on paper at the counter (by you, and witnesses where needed):",
                    )}</p>
                    <ul class="plain-list">{own.into_iter().map(|t| view! { <li>{t}</li> }).collect_view()}</ul>
                </div>
            })}
            <div class="actions">
                <button type="button" class="btn btn-secondary" on:click=move |_| wizard.go(Step::Review)>{t("もどる", "もどる", "Back")}</button>
                <button type="button" class="btn btn-primary" on:click=submit disabled=move || pending.get()>
                    {move || if pending.get() { pick(lang.get(), "送信しています…", "おくって います…", "Sending…") } else { pick(lang.get(), "申請する", "しんせい する", "Submit") }}
                </button>
            </div>
        </section>
    }
}
