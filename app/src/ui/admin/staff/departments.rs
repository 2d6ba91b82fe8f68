//! The city's departments: name, counter, building and phone, edited in place; a new
//! one can be added.

use super::Notice;
use crate::api::admin::save_department;
use crate::model::staff::DepartmentInfo;
use crate::ui::i18n::{m, t, t_plain, Catalog, Key};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn Departments(departments: Vec<DepartmentInfo>, done: Callback<Notice>) -> impl IntoView {
    let mut rows = departments;
    rows.push(DepartmentInfo::default());
    view! {
        <section aria-labelledby="departments-heading">
            <h2 id="departments-heading">{t(m::admin::staff::departments::title)}</h2>
            <p class="hint">{t(m::admin::staff::departments::hint)}</p>
            <div class="table-scroll" tabindex="0" role="region" aria-label=t_plain(m::admin::staff::departments::table)>
            <table class="data departments">
                <thead><tr>
                    <th scope="col">{t(m::admin::staff::departments::id)}</th><th scope="col">{t(m::admin::staff::departments::name)}</th>
                    <th scope="col">{t(m::admin::staff::departments::counter)}</th><th scope="col">{t(m::admin::staff::departments::building)}</th>
                    <th scope="col">{t(m::admin::staff::departments::phone)}</th>
                    <th scope="col"><span class="visually-hidden">{t(m::admin::staff::departments::save)}</span></th>
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
    let catalog = Catalog::get();
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
                Ok(()) => Notice::Done(
                    catalog.fill_now(m::admin::staff::done::department_saved, &[("name", d.name)]),
                ),
                Err(e) => Notice::Failed(match &e {
                    crate::error::AppError::InvalidInput { fields } => fields
                        .iter()
                        .map(|f| {
                            let error = catalog.text_in(
                                catalog.lang().get_untracked(),
                                &format!("common.errors.{}", f.error.code()),
                            );
                            format!("{}: {}", f.field, crate::ui::i18n::ruby::plain(&error))
                        })
                        .collect::<Vec<_>>()
                        .join(" / "),
                    _ => catalog.app_error(&e),
                }),
            });
        });
    };
    let cell = move |field: &'static str, label: Key, value: RwSignal<String>| {
        let input_id = format!("dept-{key}-{field}");
        view! {
            <td>
                <label class="visually-hidden" for=input_id.clone()>{t(label)}</label>
                <input type="text" id=input_id prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
            </td>
        }
    };
    use m::admin::staff::departments as d;
    view! {
        <tr>
            {if new { cell("id", d::new_id, id).into_any() } else { view! { <td><code>{id.get_untracked()}</code></td> }.into_any() }}
            {cell("name", d::name, name)}
            {cell("counter", d::counter, counter)}
            {cell("building", d::building, building)}
            {cell("phone", d::phone, phone)}
            <td><button type="button" class="btn btn-secondary btn-small" on:click=save>{t(if new { d::add } else { d::save })}</button></td>
        </tr>
    }
}
