//! `/admin/audit` for the auditor: is the log intact (the chain verified), who read
//! what — filtered by staff member, resident, action, time, outside office hours or
//! refused — staff who read many households in a short time, and the same as CSV.

mod filters;
mod table;

use crate::api::audit::{search_audit, verify_audit};
use crate::model::audit::{AuditPage, AuditQuery, VerifyReport};
use crate::model::Permission;
use crate::ui::auth::RequireStaff;
use crate::ui::i18n::{m, t, t_with, Catalog};
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn AuditLogPage() -> impl IntoView {
    Catalog::get().staff_page("admin");
    view! {
        <RequireStaff permission=Permission::AuditRead>
            <AuditLog/>
        </RequireStaff>
    }
}

#[component]
fn AuditLog() -> impl IntoView {
    let catalog = Catalog::get();
    let query = RwSignal::new(AuditQuery::default());
    let page = RwSignal::new(None::<Result<AuditPage, String>>);
    let older = RwSignal::new(Vec::<crate::model::audit::AuditRow>::new());
    let report = RwSignal::new(None::<Result<VerifyReport, String>>);
    let search = Callback::new(move |q: AuditQuery| {
        let append = q.before_seq.is_some();
        if !append {
            query.set(q.clone());
            older.set(Vec::new());
        }
        spawn_local(async move {
            let r = search_audit(q).await.map_err(|e| catalog.app_error(&e));
            if append {
                if let Ok(p) = &r {
                    older.update(|o| o.extend(p.rows.iter().cloned()));
                    page.update(|cur| {
                        if let Some(Ok(c)) = cur {
                            c.next_before = p.next_before;
                        }
                    });
                    return;
                }
            }
            page.set(Some(r));
        });
    });
    search.run(AuditQuery::default());
    let verify = move |_| {
        spawn_local(async move {
            report.set(Some(
                verify_audit().await.map_err(|e| catalog.app_error(&e)),
            ));
        });
    };
    view! {
        <h1>{t(m::admin::audit::title)}</h1>
        <section aria-labelledby="verify-heading">
            <h2 id="verify-heading">{t(m::admin::audit::verify_title)}</h2>
            <p>{t(m::admin::audit::verify_lead)}</p>
            <button type="button" class="btn btn-secondary" on:click=verify>{t(m::admin::audit::verify)}</button>
            {move || report.get().map(|r| match r {
                Ok(v) if v.ok() => view! {
                    <div class="alert alert-success" role="status">
                        {t_with(m::admin::audit::verify_ok, move || vec![("entries", v.entries.to_string()), ("head", v.head_seq.to_string())])}
                    </div>
                }.into_any(),
                Ok(v) => view! {
                    <div class="alert alert-error" role="alert">
                        {v.problem.map(|p| t_with(m::admin::audit::verify_problem, move || vec![("seq", p.seq.to_string()), ("detail", p.detail.clone())]))}
                        {(!v.triggers_in_place).then(|| view! { " " {t(m::admin::audit::triggers_removed)} })}
                    </div>
                }.into_any(),
                Err(m) => view! { <div class="alert alert-error" role="alert">{m}</div> }.into_any(),
            })}
        </section>
        <filters::Filters actions=Signal::derive(move || page.with(|p| p.as_ref().and_then(|p| p.as_ref().ok()).map(|p| p.actions.clone()).unwrap_or_default())) search/>
        {move || page.get().map(|r| match r {
            Err(m) => view! { <div class="alert alert-error" role="alert">{m}</div> }.into_any(),
            Ok(p) => {
                let next = p.next_before;
                let mut rows = p.rows.clone();
                rows.extend(older.get());
                view! {
                    <table::Alerts alerts=p.alerts.clone()/>
                    <table::Rows rows/>
                    {next.map(|before| view! {
                        <button type="button" class="btn btn-secondary" on:click=move |_| {
                            let mut q = query.get_untracked();
                            q.before_seq = Some(before);
                            search.run(q);
                        }>{t(m::admin::audit::older)}</button>
                    })}
                }.into_any()
            }
        })}
    }
}
