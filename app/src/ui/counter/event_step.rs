//! Choose the life events: one or several (a birth and a move in the same visit, say).
//! Every event of the catalog is offered; the rules decide the procedures.

use super::{Step, Wizard};
use crate::model::EventInput;
use leptos::prelude::*;
use madoguchi_core::screening::EventType;

/// What a resident reads under each event.
fn hint(kind: EventType) -> &'static str {
    match kind {
        EventType::Birth => "出生届と、子育ての手続き",
        EventType::MoveIn => "ほかの市区町村から引っ越してきた",
        EventType::MoveOut => "ほかの市区町村へ引っ越す",
        EventType::MoveWithin => "市内で引っ越した",
        EventType::Death => "ご家族が亡くなった (おくやみの手続き)",
        EventType::Marriage => "結婚した・する",
        EventType::Divorce => "離婚した・する",
        EventType::InsuranceLoss => "退職などで勤務先の健康保険をやめた",
        EventType::InsuranceGain => "就職などで勤務先の健康保険に入った",
        EventType::Pregnancy => "妊娠した (母子健康手帳)",
    }
}

fn title(kind: EventType) -> &'static str {
    match kind {
        EventType::Birth => "子どもが生まれた (出生)",
        _ => kind.label_ja(),
    }
}

#[component]
pub fn EventStep() -> impl IntoView {
    let wizard = Wizard::get();
    let chosen = move |kind: EventType| wizard.draft.with(|d| d.has(kind));
    let toggle = move |kind: EventType| {
        wizard.draft.update(|d| {
            if d.has(kind) {
                d.events.retain(|e| e.kind != kind);
            } else {
                d.events.push(EventInput {
                    kind,
                    date: String::new(),
                    person: None,
                });
            }
            d.screening = None;
        })
    };
    let any = move || wizard.draft.with(|d| !d.events.is_empty());
    view! {
        <section>
            <h1 id="step-heading" tabindex="-1">"どんなことがありましたか"</h1>
            <p class="hint">"あてはまるものをすべて選んでください。いくつでも選べます。"</p>
            <ul class="choices">
                {EventType::ALL.into_iter().map(|kind| view! {
                    <li>
                        <button type="button" class="choice" aria-pressed=move || chosen(kind).to_string()
                            class:choice-on=move || chosen(kind) on:click=move |_| toggle(kind)>
                            <span class="choice-title">{title(kind)}</span>
                            <span class="choice-text">{hint(kind)}</span>
                            <span class="choice-mark" aria-hidden="true">{move || if chosen(kind) { "✓ 選択中" } else { "" }}</span>
                        </button>
                    </li>
                }).collect_view()}
            </ul>
            <div class="actions">
                <button type="button" class="btn btn-secondary" on:click=move |_| wizard.clear()>"受付をやめる"</button>
                <button type="button" class="btn btn-primary" disabled=move || !any() on:click=move |_| wizard.go(Step::Find)>"次へ"</button>
            </div>
        </section>
    }
}
