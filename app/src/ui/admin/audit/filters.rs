//! The viewer's filters, and the CSV link for what they select.

use crate::model::audit::AuditQuery;
use crate::ui::common::TextField;
use crate::ui::i18n::{m, t, t_code};
use leptos::prelude::*;

fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The export's address for a query.
pub fn csv_href(q: &AuditQuery) -> String {
    let mut params = Vec::new();
    let mut add = |k: &str, v: Option<String>| {
        if let Some(v) = v.filter(|v| !v.is_empty()) {
            params.push(format!("{k}={}", encode(&v)));
        }
    };
    add("staff", q.staff.clone());
    add("resident", q.resident.clone());
    add("action", q.action.clone());
    add("from", q.from.map(|d| d.to_string()));
    add("to", q.to.map(|d| d.to_string()));
    if q.after_hours {
        params.push("after_hours=true".into());
    }
    if q.denied_only {
        params.push("denied_only=true".into());
    }
    format!("/api/audit/export.csv?{}", params.join("&"))
}

#[component]
pub fn Filters(actions: Signal<Vec<String>>, search: Callback<AuditQuery>) -> impl IntoView {
    let staff = RwSignal::new(String::new());
    let resident = RwSignal::new(String::new());
    let action = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let after_hours = RwSignal::new(false);
    let denied = RwSignal::new(false);
    let no_error = Signal::derive(|| None);
    let query = move || AuditQuery {
        staff: Some(staff.get()).filter(|s| !s.trim().is_empty()),
        resident: Some(resident.get()).filter(|s| !s.trim().is_empty()),
        action: Some(action.get()).filter(|s| !s.is_empty()),
        from: from.get().parse().ok(),
        to: to.get().parse().ok(),
        after_hours: after_hours.get(),
        denied_only: denied.get(),
        before_seq: None,
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        search.run(query());
    };
    view! {
        <section aria-labelledby="filters-heading">
            <h2 id="filters-heading">{t(m::admin::audit::search_title)}</h2>
            <form on:submit=submit class="filters" novalidate>
                <div class="field-row">
                    <TextField id="f_staff" label=m::admin::audit::staff value=staff error=no_error/>
                    <TextField id="f_resident" label=m::admin::audit::resident value=resident error=no_error inputmode="numeric"/>
                    <div class="field">
                        <label for="f_action">{t(m::admin::audit::action)}</label>
                        <select id="f_action" prop:value=move || action.get() on:change=move |ev| action.set(event_target_value(&ev))>
                            <option value="">{t(m::admin::audit::all)}</option>
                            {move || actions.get().into_iter().map(|a| {
                                let label = t_code("admin.audit.actions", super::table::action_name(&a));
                                let code = format!(" ({a})");
                                view! { <option value=a>{label}{code}</option> }
                            }).collect_view()}
                        </select>
                    </div>
                </div>
                <div class="field-row">
                    <div class="field">
                        <label for="f_from">{t(m::admin::audit::from)}</label>
                        <input type="date" id="f_from" prop:value=move || from.get() on:input=move |ev| from.set(event_target_value(&ev))/>
                    </div>
                    <div class="field">
                        <label for="f_to">{t(m::admin::audit::to)}</label>
                        <input type="date" id="f_to" prop:value=move || to.get() on:input=move |ev| to.set(event_target_value(&ev))/>
                    </div>
                </div>
                <label class="checkbox" for="f_after">
                    <input type="checkbox" id="f_after" prop:checked=move || after_hours.get() on:change=move |ev| after_hours.set(event_target_checked(&ev))/>
                    {t(m::admin::audit::after_hours)}
                </label>
                <label class="checkbox" for="f_denied">
                    <input type="checkbox" id="f_denied" prop:checked=move || denied.get() on:change=move |ev| denied.set(event_target_checked(&ev))/>
                    {t(m::admin::audit::denied_only)}
                </label>
                <div class="actions">
                    <button type="submit" class="btn btn-primary">{t(m::admin::audit::search)}</button>
                    <a class="btn btn-secondary" href=move || csv_href(&query()) download="audit-log.csv">{t(m::admin::audit::csv)}</a>
                </div>
            </form>
        </section>
    }
}
