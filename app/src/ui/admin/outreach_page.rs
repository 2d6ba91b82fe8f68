//! `/admin/outreach`: households eligible for a benefit they do not receive (for
//! example child allowance for high-school-age children after the October 2024
//! reform), with a CSV download for a letter merge.

use crate::api::admin::run_outreach;
use crate::error::AppError;
use crate::model::admin::{OutreachQuery, OutreachReport};
use crate::model::Permission;
use crate::ui::auth::RequireStaff;
use crate::ui::i18n::{m, t, t_with, Catalog};
use crate::ui::screening::RulesText;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The benefits outreach is offered for (the rules' procedure, and its official name).
const BENEFITS: &[(&str, &str)] = &[
    ("child_allowance", "児童手当"),
    ("child_medical_subsidy", "子ども医療費助成"),
    ("late_elderly_enrollment", "後期高齢者医療"),
];

#[component]
pub fn OutreachPage() -> impl IntoView {
    let catalog = Catalog::get();
    catalog.staff_page("admin");
    catalog.need("rules");
    view! {
        <RequireStaff permission=Permission::OutreachRun>
            <Outreach/>
        </RequireStaff>
    }
}

fn csv(r: &OutreachReport) -> String {
    let cell = |s: &str| {
        if s.contains([',', '"', '\n']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_owned()
        }
    };
    let mut out = String::from("\u{feff}世帯番号,世帯主,住所,対象者(宛名番号),見込み額(円)\n");
    for l in &r.leads {
        let row = [
            cell(&l.household),
            cell(&l.head),
            cell(&l.address),
            cell(l.subject.as_deref().unwrap_or_default()),
            l.amount.map(|a| a.to_string()).unwrap_or_default(),
        ];
        out.push_str(&row.join(","));
        out.push('\n');
    }
    out
}

fn data_uri(text: &str) -> String {
    let mut out = String::from("data:text/csv;charset=utf-8,");
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[component]
fn Outreach() -> impl IntoView {
    let catalog = Catalog::get();
    let procedure = RwSignal::new(BENEFITS[0].0.to_owned());
    let report = RwSignal::new(None::<OutreachReport>);
    let error = RwSignal::new(None::<AppError>);
    let busy = RwSignal::new(false);
    let run = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        busy.set(true);
        error.set(None);
        let query = OutreachQuery {
            procedure: procedure.get_untracked(),
            as_of: None,
        };
        spawn_local(async move {
            match run_outreach(query).await {
                Ok(r) => report.set(Some(r)),
                Err(e) => error.set(Some(e)),
            }
            busy.set(false);
        });
    };
    view! {
        <h1>{t(m::admin::outreach::title)}</h1>
        <p class="lead">{t(m::admin::outreach::lead)}</p>
        <form on:submit=run class="outreach-form">
            <div class="field">
                <label for="benefit">{t(m::admin::outreach::benefit)}</label>
                <select id="benefit" class="select" on:change=move |ev| procedure.set(event_target_value(&ev))>
                    {BENEFITS.iter().map(|(id, name)| view! { <option value=*id><RulesText key=format!("procedures.{id}.name") ja=(*name).to_owned()/></option> }).collect_view()}
                </select>
            </div>
            <button type="submit" class="btn btn-primary" disabled=move || busy.get()>{t(m::admin::outreach::find)}</button>
        </form>
        {move || busy.get().then(|| view! { <p class="loading" role="status">{t(m::admin::outreach::working)}</p> })}
        {move || error.get().map(|e| view! { <div class="alert alert-error" role="alert">{catalog.app_error(&e)}</div> })}
        {move || report.get().map(|r| {
            let href = data_uri(&csv(&r));
            let file = format!("outreach-{}-{}.csv", r.procedure, r.as_of);
            view! {
                <h2><RulesText key=format!("procedures.{}.name", r.procedure) ja=r.procedure_name.clone()/> ": "
                    {let count = r.leads.len().to_string(); t_with(m::admin::outreach::count, move || vec![("count", count.clone())])}</h2>
                <p class="hint">{let (as_of, households, ruleset, unsure) = (r.as_of, r.households, r.ruleset.clone(), r.unsure);
                    t_with(m::admin::outreach::summary, move || vec![
                        ("date", catalog.date(as_of)),
                        ("households", households.to_string()),
                        ("ruleset", ruleset.clone()),
                        ("unsure", unsure.to_string()),
                    ])}</p>
                <p><a class="btn btn-secondary" href=href download=file>{t(m::admin::outreach::csv)}</a></p>
                <table class="outreach">
                    <thead><tr>
                        <th scope="col">{t(m::admin::outreach::household)}</th><th scope="col">{t(m::admin::outreach::head)}</th>
                        <th scope="col">{t(m::admin::outreach::address)}</th><th scope="col">{t(m::admin::outreach::subjects)}</th>
                        <th scope="col">{t(m::admin::outreach::amount)}</th>
                    </tr></thead>
                    <tbody>{r.leads.into_iter().map(|l| view! {
                        <tr>
                            <td>{l.household}</td><td>{l.head}</td><td>{l.address}</td>
                            <td>{l.subject.unwrap_or_default()}</td>
                            <td>{l.amount.map(|a| {
                                let per = match l.per.as_deref() {
                                    Some("month") => Some(m::admin::outreach::per_month),
                                    Some("year") => Some(m::admin::outreach::per_year),
                                    _ => None,
                                };
                                view! { {catalog.show(&catalog.yen(a))} {per.map(t)} }
                            })}</td>
                        </tr>
                    }).collect_view()}</tbody>
                </table>
            }
        })}
    }
}
