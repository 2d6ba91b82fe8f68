//! Staff confirm the household's members with the resident.

use super::{Step, Wizard};
use crate::ui::i18n::{m, t, t_date, Key};
use leptos::prelude::*;
use madoguchi_core::screening::{Relationship, Sex};

/// 続柄 as the registry writes it: 妻 or 夫, 父 or 母, rather than a neutral word.
fn relationship_label(relationship: &str, sex: &str) -> Key {
    use m::counter::members::relation as r;
    let female = sex == "female";
    let pick = |f: Key, m: Key| if female { f } else { m };
    match serde_json::from_value::<Relationship>(serde_json::Value::String(relationship.into())) {
        Ok(Relationship::Head) => r::head,
        Ok(Relationship::Spouse) => pick(r::wife, r::husband),
        Ok(Relationship::Child) => r::child,
        Ok(Relationship::Parent) => pick(r::mother, r::father),
        Ok(Relationship::Grandchild) => r::grandchild,
        Ok(Relationship::Grandparent) => pick(r::grandmother, r::grandfather),
        Ok(Relationship::Sibling) => r::sibling,
        Ok(Relationship::Other) | Err(_) => r::other,
    }
}

fn sex_label(s: &str) -> Key {
    use m::counter::members::sexes;
    match serde_json::from_value::<Sex>(serde_json::Value::String(s.into())) {
        Ok(Sex::Male) => sexes::male,
        Ok(Sex::Female) => sexes::female,
        _ => sexes::unspecified,
    }
}

#[component]
pub fn MembersStep() -> impl IntoView {
    let wizard = Wizard::get();
    let household = move || wizard.draft.with(|d| d.household.clone());
    view! {
        <section>
            <h1 id="step-heading" tabindex="-1">{t(m::counter::members::title)}</h1>
            {move || household().map(|h| view! {
                <p class="address">{format!("〒{} {}", h.postal_code, h.address)}</p>
                <table class="members">
                    <caption class="visually-hidden">{t(m::counter::members::caption)}</caption>
                    <thead>
                        <tr>
                            <th scope="col">{t(m::counter::members::name)}</th>
                            <th scope="col">{t(m::counter::members::relationship)}</th>
                            <th scope="col">{t(m::counter::members::birth_date)}</th>
                            <th scope="col">{t(m::counter::members::sex)}</th>
                        </tr>
                    </thead>
                    <tbody>
                        {h.members.into_iter().map(|m| view! {
                            <tr>
                                <th scope="row"><span class="name">{m.name}</span><span class="kana">{m.kana}</span></th>
                                <td>{t(relationship_label(&m.relationship, &m.sex))}</td>
                                <td>{t_date(m.birth_date)}</td>
                                <td>{t(sex_label(&m.sex))}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            <div class="actions">
                <button type="button" class="btn btn-secondary" on:click=move |_| {
                    wizard.draft.update(|d| d.household = None);
                    wizard.go(Step::Find);
                }>{t(m::counter::members::wrong)}</button>
                <button type="button" class="btn btn-primary" on:click=move |_| wizard.go(super::Step::Consent)>{t(m::counter::members::ok)}</button>
            </div>
        </section>
    }
}
