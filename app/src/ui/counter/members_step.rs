//! Staff confirm the household's members with the resident.

use super::{Step, Wizard};
use crate::ui::common::ja_date;
use leptos::prelude::*;
use madoguchi_core::screening::{Relationship, Sex};

/// 続柄 as the registry writes it: 妻 or 夫, 父 or 母, rather than a neutral word.
fn relationship_label(relationship: &str, sex: &str) -> &'static str {
    let female = sex == "female";
    let pick = |f: &'static str, m: &'static str| if female { f } else { m };
    match serde_json::from_value::<Relationship>(serde_json::Value::String(relationship.into())) {
        Ok(Relationship::Spouse) => pick("妻", "夫"),
        Ok(Relationship::Parent) => pick("母", "父"),
        Ok(Relationship::Grandparent) => pick("祖母", "祖父"),
        Ok(r) => r.label_ja(),
        Err(_) => "その他",
    }
}

fn sex_label(s: &str) -> &'static str {
    serde_json::from_value::<Sex>(serde_json::Value::String(s.into()))
        .map_or("—", |x| x.label_ja())
}

#[component]
pub fn MembersStep() -> impl IntoView {
    let wizard = Wizard::get();
    let household = move || wizard.draft.with(|d| d.household.clone());
    view! {
        <section>
            <h1 id="step-heading" tabindex="-1">"世帯の方を確認してください"</h1>
            {move || household().map(|h| view! {
                <p class="address">{format!("〒{} {}", h.postal_code, h.address)}</p>
                <table class="members">
                    <caption class="visually-hidden">"世帯の方"</caption>
                    <thead>
                        <tr><th scope="col">"氏名"</th><th scope="col">"続柄"</th><th scope="col">"生年月日"</th><th scope="col">"性別"</th></tr>
                    </thead>
                    <tbody>
                        {h.members.into_iter().map(|m| view! {
                            <tr>
                                <th scope="row"><span class="name">{m.name}</span><span class="kana">{m.kana}</span></th>
                                <td>{relationship_label(&m.relationship, &m.sex)}</td>
                                <td>{ja_date(m.birth_date)}</td>
                                <td>{sex_label(&m.sex)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            <div class="actions">
                <button type="button" class="btn btn-secondary" on:click=move |_| {
                    wizard.draft.update(|d| d.household = None);
                    wizard.go(Step::Find);
                }>"ちがう世帯です"</button>
                <button type="button" class="btn btn-primary" on:click=move |_| wizard.go(super::Step::Consent)>"この世帯で進める"</button>
            </div>
        </section>
    }
}
