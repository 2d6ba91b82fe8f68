//! `/admin/outreach`: households eligible for a benefit they do not receive (for
//! example child allowance for high-school-age children after the October 2024
//! reform), with a CSV download for a letter merge.

use crate::api::admin::run_outreach;
use crate::error::AppError;
use crate::model::admin::{OutreachQuery, OutreachReport};
use crate::model::Permission;
use crate::ui::auth::RequireStaff;
use crate::ui::common::{ja_date, yen};
use leptos::prelude::*;
use leptos::task::spawn_local;

/// The benefits outreach is offered for.
const BENEFITS: &[(&str, &str)] = &[
    ("child_allowance", "児童手当"),
    ("child_medical_subsidy", "子ども医療費助成"),
    ("late_elderly_enrollment", "後期高齢者医療"),
];

#[component]
pub fn OutreachPage() -> impl IntoView {
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
        <h1>"案内が必要な世帯"</h1>
        <p class="lead">"受けられるのに、まだ受けていない手当や助成がある世帯を探します。"</p>
        <form on:submit=run class="outreach-form">
            <div class="field">
                <label for="benefit">"手当・助成"</label>
                <select id="benefit" class="select" on:change=move |ev| procedure.set(event_target_value(&ev))>
                    {BENEFITS.iter().map(|(id, name)| view! { <option value=*id>{*name}</option> }).collect_view()}
                </select>
            </div>
            <button type="submit" class="btn btn-primary" disabled=move || busy.get()>"探す"</button>
        </form>
        {move || busy.get().then(|| view! { <p class="loading" role="status">"市内の全世帯を判定しています…"</p> })}
        {move || error.get().map(|e| view! { <div class="alert alert-error" role="alert">{e.message_ja()}</div> })}
        {move || report.get().map(|r| {
            let href = data_uri(&csv(&r));
            let file = format!("outreach-{}-{}.csv", r.procedure, r.as_of);
            view! {
                <h2>{format!("{}: {} 世帯", r.procedure_name, r.leads.len())}</h2>
                <p class="hint">{format!(
                    "{} 現在、{} 世帯を判定 (規則 {})。ほかに {} 世帯は確認が必要な事項があります。",
                    ja_date(r.as_of), r.households, r.ruleset, r.unsure
                )}</p>
                <p><a class="btn btn-secondary" href=href download=file>"CSV をダウンロード"</a></p>
                <table class="outreach">
                    <thead><tr><th scope="col">"世帯番号"</th><th scope="col">"世帯主"</th><th scope="col">"住所"</th><th scope="col">"対象者 (宛名番号)"</th><th scope="col">"見込み額"</th></tr></thead>
                    <tbody>{r.leads.into_iter().map(|l| view! {
                        <tr>
                            <td>{l.household}</td><td>{l.head}</td><td>{l.address}</td>
                            <td>{l.subject.unwrap_or_default()}</td>
                            <td>{l.amount.map(|a| format!("{}{}", yen(a), match l.per.as_deref() { Some("month") => "/月", Some("year") => "/年", _ => "" })).unwrap_or_default()}</td>
                        </tr>
                    }).collect_view()}</tbody>
                </table>
            }
        })}
    }
}
