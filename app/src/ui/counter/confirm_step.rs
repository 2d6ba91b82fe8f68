//! What the city already holds for the forms, shown with where it came from: the
//! resident confirms it instead of writing it again.

use super::i18n::pick;
use super::interview_step::back_label;
use super::lang_switch::LangSwitch;
use super::{Step, Wizard};
use leptos::prelude::*;
use madoguchi_core::forms::{Lang, Source};

pub fn source_label(source: Source, lang: Lang) -> &'static str {
    match (source, lang) {
        (Source::Registry, Lang::Ja) => "住民記録から",
        (Source::Registry, Lang::Easy) => "しやくしょ の きろく",
        (Source::Registry, Lang::En) => "From the registry",
        (Source::Visit, Lang::Ja) => "入力済み",
        (Source::Visit, Lang::Easy) => "さっき かいた",
        (Source::Visit, Lang::En) => "Entered today",
        (Source::Asked, Lang::Ja) => "今回の入力",
        (Source::Asked, Lang::Easy) => "いま かいた",
        (Source::Asked, Lang::En) => "Your answer",
    }
}

#[component]
pub fn ConfirmStep() -> impl IntoView {
    let wizard = Wizard::get();
    let lang = Signal::derive(move || wizard.draft.with(|d| d.lang));
    let prefilled = wizard.draft.with_untracked(|d| {
        d.screening
            .as_ref()
            .map(|s| s.prefilled.clone())
            .unwrap_or_default()
    });
    let t = move |ja, easy, en| pick(lang.get(), ja, easy, en);
    view! {
        <section>
            <LangSwitch/>
            <h1 id="step-heading" tabindex="-1">{move || t("登録されている内容の確認", "しやくしょ に ある きろく", "What the city already knows")}</h1>
            <p class="hint">{move || t(
                "申請書にはこの内容が入ります。書き直す必要はありません。違うところは職員にお知らせください。",
                "しょるい に この ないよう が はいります。かく ひつよう は ありません。ちがう ところ は しょくいん に いって ください。",
                "These go into every form; you need not write them. Tell the staff if something is wrong.",
            )}</p>
            <dl class="summary-list">
                {prefilled.into_iter().map(|p| {
                    let label = p.label.clone();
                    view! {
                        <div class="summary-row" data-key=p.key.clone()>
                            <dt>{move || label.get(lang.get()).to_owned()}</dt>
                            <dd>{p.value} " " <span class="source">{move || source_label(p.source, lang.get())}</span></dd>
                        </div>
                    }
                }).collect_view()}
            </dl>
            <div class="actions">
                <button type="button" class="btn btn-secondary" on:click=move |_| wizard.go(Step::Procedures)>{move || back_label(lang.get())}</button>
                <button type="button" class="btn btn-primary" on:click=move |_| wizard.go(wizard.after_confirm())>
                    {move || t("この内容で進める", "これ で すすむ", "Continue")}
                </button>
            </div>
        </section>
    }
}
