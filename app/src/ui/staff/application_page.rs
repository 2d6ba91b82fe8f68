//! One application: its data in form order and the reasons the rules gave.

use super::queue_page::status_label;
use crate::api::staff::get_application;
use crate::model::Permission;
use crate::ui::auth::RequireStaff;
use crate::ui::i18n::{m, t, t_date, t_with, Catalog};
use crate::ui::screening::RulesText;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ApplicationPage() -> impl IntoView {
    Catalog::get().staff_page("staff");
    Catalog::get().need("rules");
    view! {
        <RequireStaff permission=Permission::QueueRead>
            <Application/>
        </RequireStaff>
    }
}

#[component]
fn Application() -> impl IntoView {
    let params = use_params_map();
    let id = move || params.with(|p| p.get("id").and_then(|s| s.parse::<i32>().ok()));
    let version = RwSignal::new(0u32);
    let detail = LocalResource::new(move || {
        version.track();
        let id = id();
        async move {
            match id {
                Some(id) => get_application(id).await,
                None => Err(crate::error::AppError::NotFound),
            }
        }
    });
    // "Show to the resident": the same page with what only staff should see hidden
    // (status, rule set, the decision record) and larger text, for the resident at the
    // desk or in the booth.
    let resident = RwSignal::new(false);
    let catalog = Catalog::get();
    view! {
        <div class="view-switch">
            {move || (!resident.get()).then(|| view! { <p><a href="/staff">{t(m::staff::application::back)}</a></p> })}
            <button type="button" class="btn btn-secondary" aria-pressed=move || resident.get().to_string()
                on:click=move |_| resident.update(|r| *r = !*r)>
                {move || t(if resident.get() { m::staff::application::back_to_staff } else { m::staff::application::show_resident })}
            </button>
        </div>
        {move || resident.get().then(|| view! {
            <p class="alert alert-info" role="status">{t(m::staff::application::resident_view_note)}</p>
        })}
        <div class:resident-view=move || resident.get()>
        <Suspense fallback=|| view! { <p class="loading">{t(m::staff::loading)}</p> }>
            {move || detail.get().map(|r| match r {
                Err(e) => view! { <div class="alert alert-error" role="alert">{catalog.app_error(&e)}</div> }.into_any(),
                Ok(a) => view! {
                    <h1><RulesText key=format!("procedures.{}.name", a.summary.procedure_id) ja=a.summary.procedure_name.clone() official=true/></h1>
                    <dl class="summary-list">
                        <div class="summary-row"><dt>{t(m::staff::application::visit_number)}</dt><dd>{a.summary.visit_number.clone()}{(a.summary.channel == "online").then(|| view! { " " <span class="tag tag-info">{t(m::staff::online)}</span> })}</dd></div>
                        <div class="summary-row"><dt>{t(m::staff::application::received)}</dt><dd>{a.summary.created_at.clone()}</dd></div>
                        <div class="summary-row"><dt>{t(m::staff::application::department)}</dt><dd><RulesText key=format!("departments.{}.name", a.department_id) ja=a.department_name.clone() official=true/></dd></div>
                        <div class="summary-row staff-only"><dt>{t(m::staff::application::status)}</dt><dd>{t(status_label(&a.summary.status))}</dd></div>
                        <div class="summary-row"><dt>{t(m::staff::application::deadline)}</dt><dd>{a.summary.deadline.map(|d| t_date(d).into_any()).unwrap_or_else(|| t(m::staff::none).into_any())}</dd></div>
                    </dl>
                    {(!a.visit_applications.is_empty()).then(|| view! {
                        <section class="visit-applications staff-only" aria-labelledby="visit-apps-heading">
                            <h2 id="visit-apps-heading">{t(m::staff::application::same_visit)}</h2>
                            <ul>
                                {a.visit_applications.clone().into_iter().map(|o| {
                                    let name = view! { <RulesText key=format!("procedures.{}.name", o.procedure_id) ja=o.procedure_name.clone() official=true/> };
                                    view! {
                                        <li>
                                            {if o.can_open {
                                                view! { <a href=format!("/staff/applications/{}", o.id)>{name}</a> }.into_any()
                                            } else {
                                                name.into_any()
                                            }}
                                            " — " <RulesText key=format!("departments.{}.name", o.department_id) ja=o.department_name.clone() official=true/>
                                            " · " <span class="status">{t(status_label(&o.status))}</span>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </section>
                    })}
                    {(!a.attachments.is_empty()).then(|| {
                        let app_id = a.summary.id;
                        view! {
                            <section class="attachments-read" aria-labelledby="attachments-heading">
                                <h2 id="attachments-heading">{t(m::staff::application::attachments)}</h2>
                                <ul>
                                    {a.attachments.clone().into_iter().map(|f| view! {
                                        <li>
                                            {f.document.clone()} ": "
                                            <a href=format!("/api/applications/{app_id}/attachments/{}", f.id) download>{f.name.clone()}</a>
                                            " " <span class="hint">{format!("{} · {} KB · SHA-256 {}", f.kind.to_uppercase(), (f.size + 1023) / 1024, &f.sha256[..f.sha256.len().min(12)])}</span>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            </section>
                        }
                    })}
                    <h2>{let title = a.form.title.clone(); t_with(m::staff::application::contents, move || vec![("title", title.clone())])}</h2>
                    <p class="hint">{let model = a.form.model.clone(); t_with(m::staff::application::model, move || vec![("model", model.clone())])}</p>
                    <p class="staff-only"><a class="btn btn-secondary" href=format!("/api/applications/{}/form.pdf", a.summary.id) target="_blank" rel="noopener">{t(m::staff::application::print)}</a></p>
                    {a.form.sections.clone().into_iter().map(|s| view! {
                        <h3 class="form-section">{s.title}</h3>
                        <dl class="summary-list">
                            {s.rows.into_iter().map(|r| {
                                // Shown masked; printed in full on the form that needs it.
                                let value = if r.key == "applicant.my_number" {
                                    madoguchi_core::jp::MyNumber::parse(&r.value).map(|m| m.masked()).unwrap_or(r.value)
                                } else if r.value.is_empty() {
                                    "—".to_owned()
                                } else {
                                    r.value
                                };
                                view! { <div class="summary-row"><dt>{r.label}</dt><dd>{value}</dd></div> }
                            }).collect_view()}
                        </dl>
                    }).collect_view()}
                    <h2>{t(m::staff::application::reasons)}</h2>
                    <ul class="reasons">{a.reasons.clone().into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                    <p class="hint staff-only">{let version = a.ruleset.clone(); t_with(m::staff::application::ruleset, move || vec![("version", version.clone())])}</p>
                    <super::work_panel::WorkPanel detail=a.clone() changed=Callback::new(move |_| version.update(|v| *v += 1))/>
                    {(!a.trace.is_empty()).then(|| view! {
                        <details class="trace-details staff-only">
                            <summary>{t(m::staff::application::trace)}</summary>
                            <super::TraceView rules=a.trace.clone()/>
                        </details>
                    })}
                }.into_any(),
            })}
        </Suspense>
        </div>
    }
}
