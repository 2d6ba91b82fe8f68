//! Step 2: who lives with the visitor — each person's tie, birth date and sex. No names:
//! the rules need ages and ties, nothing that identifies anyone.

use super::names::{kin_key, name, name_markup};
use super::{Navigator, Step};
use crate::ui::common::{focus, today, ErrorSummary};
use crate::ui::i18n::{m, ruby, t, t_error, Catalog};
use leptos::prelude::*;
use madoguchi_core::forms::FieldError;
use madoguchi_core::navigator::{member_field, Kin, MAX_MEMBERS};
use madoguchi_core::screening::Sex;

#[component]
pub fn HouseholdStep() -> impl IntoView {
    let nav = Navigator::get();
    let catalog = Catalog::get();
    let errors = RwSignal::new(Vec::<FieldError>::new());
    let summary = Signal::derive(move || {
        (!errors.with(Vec::is_empty)).then(|| ruby::plain(&catalog.raw(m::common::check_input)))
    });
    let next = move |_| {
        let found = nav.sketch.with_untracked(|s| s.check_members(today()));
        let ok = found.is_empty();
        errors.set(found);
        if ok {
            nav.guidance.set(None);
            nav.go(Step::Details);
        } else {
            focus("error-summary");
        }
    };
    let full = move || nav.sketch.with(|s| s.members.len() >= MAX_MEMBERS);
    // The list is drawn from the ids; each card reads its own member.
    let ids = move || {
        nav.sketch
            .with(|s| s.members.iter().map(|m| m.id.clone()).collect::<Vec<_>>())
    };
    view! {
        <section class="navigator">
            <p class="step-count">{move || catalog.show(&catalog.fill(m::public::page::step, &[("n", Step::Household.number().to_string())]))}</p>
            <h1 id="step-heading" tabindex="-1">{t(m::public::household::title)}</h1>
            <p class="hint">{t(m::public::household::hint)}</p>
            <ErrorSummary message=summary/>
            <ol class="household-members">
                <For each=ids key=|id| id.clone() let:id>
                    <MemberCard id errors/>
                </For>
            </ol>
            <fieldset class="add-member">
                <legend>{t(m::public::household::add_title)}</legend>
                {move || full().then(|| view! { <p class="hint">{t(m::public::household::too_many)}</p> })}
                <div class="add-buttons">
                    {Kin::ADDABLE.into_iter().map(|kin| view! {
                        <button type="button" class="btn btn-secondary" disabled=full
                            on:click=move |_| {
                                nav.sketch.update(|s| s.add(kin));
                                nav.guidance.set(None);
                            }>
                            "+ " {t(kin_key(kin))}
                        </button>
                    }).collect_view()}
                </div>
            </fieldset>
            <div class="actions">
                <button type="button" class="btn btn-secondary" on:click=move |_| nav.go(Step::Events)>{t(m::common::back)}</button>
                <button type="button" class="btn btn-primary" on:click=next>{t(m::common::next)}</button>
            </div>
        </section>
    }
}

/// One person: the birth date (the phone's date picker) and sex; removable, but for the
/// visitor.
#[component]
fn MemberCard(id: String, errors: RwSignal<Vec<FieldError>>) -> impl IntoView {
    let nav = Navigator::get();
    let catalog = Catalog::get();
    let index = {
        let id = id.clone();
        move || {
            nav.sketch
                .with(|s| s.members.iter().position(|m| m.id == id))
        }
    };
    let field = {
        let index = index.clone();
        move || index().map(member_field).unwrap_or_default()
    };
    let error = {
        let field = field.clone();
        move || {
            let f = field();
            errors.with(|e| e.iter().find(|x| x.field == f).map(|x| x.error))
        }
    };
    let update = {
        let id = id.clone();
        move |change: &dyn Fn(&mut madoguchi_core::navigator::MemberSketch)| {
            nav.sketch.update(|s| {
                if let Some(m) = s.members.iter_mut().find(|m| m.id == id) {
                    change(m);
                }
            });
            nav.guidance.set(None);
        }
    };
    let value = {
        let id = id.clone();
        move || read(nav, &id, |m| m.birth_date.clone()).unwrap_or_default()
    };
    let sex = {
        let id = id.clone();
        move || read(nav, &id, |m| m.sex).unwrap_or(Sex::Unspecified)
    };
    let heading = {
        let id = id.clone();
        move || name(nav, &id).unwrap_or_default()
    };
    let me = id == madoguchi_core::navigator::ME;
    let date_id = format!("{id}-birth");
    let error_id = format!("{id}-birth-error");
    let sex_name = format!("{id}-sex");
    let remove = {
        let id = id.clone();
        move |_| {
            nav.sketch.update(|s| s.remove(&id));
            nav.guidance.set(None);
            errors.set(Vec::new());
        }
    };
    let set_date = {
        let update = update.clone();
        move |v: String| update(&|m| m.birth_date = v.clone())
    };
    let error_shown = error.clone();
    let invalid = error.clone();
    view! {
        <li class="member-card" data-member=id.clone()>
            <h2 class="member-name">{
                let id = id.clone();
                move || catalog.show(&name_markup(nav, &id).unwrap_or_default())
            }</h2>
            <div class="field" class:field-invalid=move || invalid().is_some()>
                <label for=date_id.clone()>{t(m::public::household::birth_date)}</label>
                {let error_id = error_id.clone(); move || error_shown().map(|e| view! { <p class="error" id=error_id.clone()>{t_error(e)}</p> })}
                <input type="date" id=date_id.clone() autocomplete=if me { "bday" } else { "off" }
                    aria-invalid=move || error().is_some().to_string()
                    prop:value=value on:input=move |ev| set_date(event_target_value(&ev))/>
            </div>
            <fieldset class="field sex">
                <legend>{t(m::public::household::sex)}</legend>
                <div class="radios">
                    {[(Sex::Female, m::public::household::sex_female), (Sex::Male, m::public::household::sex_male), (Sex::Unspecified, m::public::household::sex_unspecified)]
                        .into_iter().map(|(option, label)| {
                            let update = update.clone();
                            let sex = sex.clone();
                            let input_id = format!("{sex_name}-{}", option.id());
                            let label_for = input_id.clone();
                            view! {
                                <label class="radio" for=label_for>
                                    <input type="radio" id=input_id name=sex_name.clone() value=option.id()
                                        prop:checked=move || sex() == option
                                        on:change=move |_| update(&|m| m.sex = option)/>
                                    <span>{t(label)}</span>
                                </label>
                            }
                        }).collect_view()}
                </div>
            </fieldset>
            {(!me).then(|| view! {
                <button type="button" class="btn btn-ghost remove"
                    aria-label=move || ruby::plain(&catalog.fill(m::public::household::remove_label, &[("name", heading())]))
                    on:click=remove>{t(m::public::household::remove)}</button>
            })}
        </li>
    }
}

/// Something of the member `id` as the sketch has it now (tracked).
fn read<T>(
    nav: Navigator,
    id: &str,
    f: impl Fn(&madoguchi_core::navigator::MemberSketch) -> T,
) -> Option<T> {
    nav.sketch
        .with(|s| s.members.iter().find(|m| m.id == id).map(f))
}
