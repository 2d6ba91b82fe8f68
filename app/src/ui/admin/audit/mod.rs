//! `/admin/audit` for the auditor: is the log intact (the chain verified), who read
//! what — filtered by staff member, resident, action, time, outside office hours or
//! refused — staff who read many households in a short time, and the same as CSV.

mod filters;
mod table;

use crate::api::audit::{search_audit, verify_audit};
use crate::model::audit::{AuditPage, AuditQuery, VerifyReport};
use crate::model::Permission;
use crate::ui::auth::RequireStaff;
use leptos::prelude::*;
use leptos::task::spawn_local;

#[component]
pub fn AuditLogPage() -> impl IntoView {
    view! {
        <RequireStaff permission=Permission::AuditRead>
            <AuditLog/>
        </RequireStaff>
    }
}

#[component]
fn AuditLog() -> impl IntoView {
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
            let r = search_audit(q).await.map_err(|e| e.message_ja());
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
            report.set(Some(verify_audit().await.map_err(|e| e.message_ja())));
        });
    };
    view! {
        <h1>"監査ログ"</h1>
        <section aria-labelledby="verify-heading">
            <h2 id="verify-heading">"改ざんの検査"</h2>
            <p>"記録は一件ごとに前の記録のハッシュを含みます。書き換え・削除・並べ替えがあれば、最初の箇所を示します。"</p>
            <button type="button" class="btn btn-secondary" on:click=verify>"検査する"</button>
            {move || report.get().map(|r| match r {
                Ok(v) if v.ok() => view! {
                    <div class="alert alert-success" role="status">
                        {format!("異常はありません。{} 件を確認しました (記録 {} まで)。", v.entries, v.head_seq)}
                    </div>
                }.into_any(),
                Ok(v) => view! {
                    <div class="alert alert-error" role="alert">
                        {v.problem.map(|p| format!("記録 {} に異常があります: {}", p.seq, p.detail))}
                        {(!v.triggers_in_place).then_some(" 変更を防ぐトリガーが外されています。")}
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
                        }>"さらに前の記録を表示"</button>
                    })}
                }.into_any()
            }
        })}
    }
}
