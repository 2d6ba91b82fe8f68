//! The entries, and the alerts for staff who read many households in a short time.

use crate::model::audit::{AuditRow, BulkReadAlert};
use crate::ui::i18n::{m, t, t_code, t_plain, t_with};
use leptos::prelude::*;

/// The family of names an action belongs to: most actions are named one by one; the
/// administration of staff, departments and rules by what they administer.
pub(super) fn action_name(action: &str) -> &str {
    ["staff", "department", "rules"]
        .into_iter()
        .find(|area| {
            action
                .strip_prefix(area)
                .is_some_and(|rest| rest.starts_with('_'))
        })
        .unwrap_or(action)
}

#[component]
pub fn Alerts(alerts: Vec<BulkReadAlert>) -> impl IntoView {
    (!alerts.is_empty()).then(|| {
        view! {
            <div class="alert alert-warning" role="status">
                <p><strong>{t(m::admin::audit::bulk_reads)}</strong></p>
                <ul>
                    {alerts.into_iter().map(|a| view! {
                        <li>{t_with(m::admin::audit::bulk_read, move || vec![
                            ("staff", a.staff.clone()),
                            ("from", a.from.clone()),
                            ("minutes", a.minutes.to_string()),
                            ("households", a.households.to_string()),
                        ])}</li>
                    }).collect_view()}
                </ul>
            </div>
        }
    })
}

#[component]
pub fn Rows(rows: Vec<AuditRow>) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p>{t(m::admin::audit::empty)}</p> }.into_any();
    }
    view! {
        <div class="table-scroll" tabindex="0" role="region" aria-label=t_plain(m::admin::audit::table)>
        <table class="data audit">
            <caption class="visually-hidden">{t(m::admin::audit::caption)}</caption>
            <thead><tr>
                <th scope="col">{t(m::admin::audit::seq)}</th><th scope="col">{t(m::admin::audit::at)}</th>
                <th scope="col">{t(m::admin::audit::who)}</th><th scope="col">{t(m::admin::audit::action)}</th>
                <th scope="col">{t(m::admin::audit::target)}</th><th scope="col">{t(m::admin::audit::household)}</th>
                <th scope="col">{t(m::admin::audit::subject)}</th><th scope="col">{t(m::admin::audit::purpose)}</th>
                <th scope="col">{t(m::admin::audit::outcome)}</th><th scope="col">{t(m::admin::audit::origin)}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|r| view! {
                    <tr class:after-hours=r.after_hours>
                        <td>{r.seq}</td>
                        <td>{r.at} {r.after_hours.then(|| view! { <span class="tag">{t(m::admin::audit::after_hours_tag)}</span> })}</td>
                        <td>{match (r.staff, r.resident_account) {
                            (Some(staff), _) => staff.into_any(),
                            (None, Some(account)) => t_with(m::admin::audit::resident_actor, move || vec![("id", account.to_string())]).into_any(),
                            (None, None) => "—".into_any(),
                        }}</td>
                        <td>{t_code("admin.audit.actions", action_name(&r.action))} <span class="hint">{format!(" ({})", r.action)}</span></td>
                        <td>{r.target}</td>
                        <td>{r.household.unwrap_or_default()}</td>
                        <td>{r.resident.unwrap_or_default()}</td>
                        <td>{t_code("admin.audit.purposes", &r.purpose)}</td>
                        <td>{t_code("admin.audit.outcomes", &r.outcome)}</td>
                        <td>{r.origin}</td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
    .into_any()
}
