//! The merged interview: one topic per screen. What the registry or earlier steps hold
//! is shown for confirmation with its source; only what nobody knows yet is asked, once,
//! for every form that needs it.

use super::state::Topic;
use super::Wizard;
use crate::ui::common::{field_error, focus, ErrorSummary, TextField};
use leptos::prelude::*;
use madoguchi_core::forms::{FieldError, InterviewInput};

#[component]
pub fn InterviewStep(topic: Topic) -> impl IntoView {
    let wizard = Wizard::get();
    let saved = wizard.draft.with_untracked(|d| d.interview.clone());
    let input = Inputs::new(&saved, &wizard);
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let summary = RwSignal::new(None::<String>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let value = input.value();
        let ids = wizard.draft.with_untracked(|d| d.procedure_ids());
        let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
        let mine: Vec<FieldError> = match value.check(&ids) {
            Ok(_) => Vec::new(),
            Err(all) => all
                .into_iter()
                .filter(|e| topic_fields(topic).contains(&e.field.as_str()))
                .collect(),
        };
        if mine.is_empty() {
            wizard.draft.update(|d| d.interview = value);
            wizard.go(wizard.after(topic));
        } else {
            errors.set(mine);
            summary.set(Some("入力内容を確認してください".into()));
            focus("error-summary");
        }
    };

    let body = match topic {
        Topic::Confirm => view! { <Confirm/> }.into_any(),
        Topic::Phone => view! {
            <h1 id="step-heading" tabindex="-1">"連絡先の電話番号"</h1>
            <TextField id="phone" label="日中に連絡がとれる電話番号" hint="例: 090-1234-5678" input_type="tel"
                inputmode="tel" value=input.phone error=field_error(errors, "phone") required=true/>
        }
        .into_any(),
        Topic::BirthPlace => view! {
            <h1 id="step-heading" tabindex="-1">"生まれた場所"</h1>
            <TextField id="birth_place" label="病院・助産所などの名前" hint="出生届と出産育児一時金の申請に使います"
                value=input.birth_place error=field_error(errors, "birth_place") required=true/>
        }
        .into_any(),
        Topic::Bank => view! { <Bank input errors/> }.into_any(),
    };

    view! {
        <section>
            <ErrorSummary message=summary.into()/>
            <form on:submit=submit novalidate>
                {body}
                <div class="actions">
                    <button type="button" class="btn btn-secondary" on:click=move |_| wizard.go(wizard.before(topic))>"もどる"</button>
                    <button type="submit" class="btn btn-primary">
                        {if topic == Topic::Confirm { "この内容で進める" } else { "次へ" }}
                    </button>
                </div>
            </form>
        </section>
    }
}

fn topic_fields(topic: Topic) -> &'static [&'static str] {
    match topic {
        Topic::Confirm => &[],
        Topic::Phone => &["phone"],
        Topic::BirthPlace => &["birth_place"],
        Topic::Bank => &[
            "bank_code",
            "branch_code",
            "account_type",
            "account_number",
            "account_holder",
        ],
    }
}

#[derive(Clone, Copy)]
struct Inputs {
    phone: RwSignal<String>,
    birth_place: RwSignal<String>,
    bank_code: RwSignal<String>,
    branch_code: RwSignal<String>,
    account_type: RwSignal<String>,
    account_number: RwSignal<String>,
    account_holder: RwSignal<String>,
}

impl Inputs {
    fn new(saved: &InterviewInput, wizard: &Wizard) -> Self {
        // The account holder is usually the applicant: start from the registry's kana.
        let holder = if saved.account_holder.is_empty() {
            wizard.draft.with_untracked(|d| {
                d.screening
                    .as_ref()
                    .and_then(|s| {
                        s.prefilled
                            .iter()
                            .find(|p| p.key == "applicant.kana")
                            .map(|p| p.value.clone())
                    })
                    .unwrap_or_default()
            })
        } else {
            saved.account_holder.clone()
        };
        Self {
            phone: RwSignal::new(saved.phone.clone()),
            birth_place: RwSignal::new(saved.birth_place.clone()),
            bank_code: RwSignal::new(saved.bank_code.clone()),
            branch_code: RwSignal::new(saved.branch_code.clone()),
            account_type: RwSignal::new(if saved.account_type.is_empty() {
                "ordinary".into()
            } else {
                saved.account_type.clone()
            }),
            account_number: RwSignal::new(saved.account_number.clone()),
            account_holder: RwSignal::new(holder),
        }
    }

    fn value(&self) -> InterviewInput {
        InterviewInput {
            phone: self.phone.get_untracked(),
            birth_place: self.birth_place.get_untracked(),
            bank_code: self.bank_code.get_untracked(),
            branch_code: self.branch_code.get_untracked(),
            account_type: self.account_type.get_untracked(),
            account_number: self.account_number.get_untracked(),
            account_holder: self.account_holder.get_untracked(),
        }
    }
}

/// The values already known, shown with where they came from.
#[component]
fn Confirm() -> impl IntoView {
    let wizard = Wizard::get();
    let prefilled = wizard.draft.with_untracked(|d| {
        d.screening
            .as_ref()
            .map(|s| s.prefilled.clone())
            .unwrap_or_default()
    });
    view! {
        <h1 id="step-heading" tabindex="-1">"登録されている内容の確認"</h1>
        <p class="hint">"申請書にはこの内容が入ります。書き直す必要はありません。"</p>
        <dl class="summary-list">
            {prefilled.into_iter().map(|p| view! {
                <div class="summary-row" data-key=p.key.clone()>
                    <dt>{p.label}</dt>
                    <dd>{p.value} " " <span class="source">{p.source.label_ja()}</span></dd>
                </div>
            }).collect_view()}
        </dl>
    }
}

#[component]
fn Bank(input: Inputs, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    view! {
        <h1 id="step-heading" tabindex="-1">"振込先の口座"</h1>
        <p class="hint">"手当や一時金の振込に使います。1回の入力で、すべての申請書に入ります。"</p>
        <div class="field-row">
            <TextField id="bank_code" label="金融機関コード" hint="4けた" inputmode="numeric" value=input.bank_code
                error=field_error(errors, "bank_code") required=true/>
            <TextField id="branch_code" label="支店コード" hint="3けた" inputmode="numeric" value=input.branch_code
                error=field_error(errors, "branch_code") required=true/>
        </div>
        <fieldset class="field">
            <legend>"口座の種類"</legend>
            <div class="radios">
                <label class="radio">
                    <input type="radio" name="account_type" prop:checked=move || input.account_type.get() == "ordinary"
                        on:change=move |_| input.account_type.set("ordinary".into())/>"普通"
                </label>
                <label class="radio">
                    <input type="radio" name="account_type" prop:checked=move || input.account_type.get() == "current"
                        on:change=move |_| input.account_type.set("current".into())/>"当座"
                </label>
            </div>
        </fieldset>
        <TextField id="account_number" label="口座番号" hint="7けたまで" inputmode="numeric" value=input.account_number
            error=field_error(errors, "account_number") required=true/>
        <TextField id="account_holder" label="口座名義 (カタカナ)" value=input.account_holder
            error=field_error(errors, "account_holder") required=true/>
    }
}
