//! The city's departments: name, counter, building and phone, edited in place; a new
//! one can be added.

use super::Notice;
use crate::api::admin::save_department;
use crate::model::staff::DepartmentInfo;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn Departments(departments: Vec<DepartmentInfo>, done: Callback<Notice>) -> impl IntoView {
    let mut rows = departments;
    rows.push(DepartmentInfo::default());
    view! {
        <section aria-labelledby="departments-heading">
            <h2 id="departments-heading">"課"</h2>
            <p class="hint">"課のID は規則が使います。名前・窓口・庁舎・電話は受付票と手続きの案内に出ます。最後の行で課を追加できます。"</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label="課の表">
            <table class="data departments">
                <thead><tr>
                    <th scope="col">"ID"</th><th scope="col">"名前"</th><th scope="col">"窓口"</th>
                    <th scope="col">"庁舎"</th><th scope="col">"電話"</th><th scope="col"><span class="visually-hidden">"保存"</span></th>
                </tr></thead>
                <tbody>
                    {rows.into_iter().map(|d| view! { <DepartmentRow department=d done/> }).collect_view()}
                </tbody>
            </table>
            </div>
        </section>
    }
}

#[component]
fn DepartmentRow(department: DepartmentInfo, done: Callback<Notice>) -> impl IntoView {
    let new = department.id.is_empty();
    let key = if new {
        "new".to_owned()
    } else {
        department.id.clone()
    };
    let id = RwSignal::new(department.id);
    let name = RwSignal::new(department.name);
    let counter = RwSignal::new(department.counter);
    let building = RwSignal::new(department.building);
    let phone = RwSignal::new(department.phone);
    let save = move |_| {
        let d = DepartmentInfo {
            id: id.get_untracked(),
            name: name.get_untracked(),
            counter: counter.get_untracked(),
            building: building.get_untracked(),
            phone: phone.get_untracked(),
        };
        spawn_local(async move {
            done.run(match save_department(d.clone()).await {
                Ok(()) => Notice::Done(format!("{} を保存しました", d.name)),
                Err(e) => Notice::Failed(match &e {
                    crate::error::AppError::InvalidInput { fields } => fields
                        .iter()
                        .map(|f| format!("{}: {}", f.field, f.error.message_ja()))
                        .collect::<Vec<_>>()
                        .join(" / "),
                    _ => e.message_ja(),
                }),
            });
        });
    };
    let cell = move |field: &'static str, label: &'static str, value: RwSignal<String>| {
        let input_id = format!("dept-{key}-{field}");
        view! {
            <td>
                <label class="visually-hidden" for=input_id.clone()>{label}</label>
                <input type="text" id=input_id prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
            </td>
        }
    };
    view! {
        <tr>
            {if new { cell("id", "新しい課のID", id).into_any() } else { view! { <td><code>{id.get_untracked()}</code></td> }.into_any() }}
            {cell("name", "名前", name)}
            {cell("counter", "窓口", counter)}
            {cell("building", "庁舎", building)}
            {cell("phone", "電話", phone)}
            <td><button type="button" class="btn btn-secondary btn-small" on:click=save>{if new { "追加" } else { "保存" }}</button></td>
        </tr>
    }
}
