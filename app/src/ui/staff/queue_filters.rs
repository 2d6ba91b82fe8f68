//! The queue's filters: a form whose values become the page's address, so the list,
//! the back button and a bookmark all show the same view.

use super::queue_page::status_label;
use crate::model::{QueueQuery, QueueSort};
use crate::ui::i18n::{m, t, Catalog};
use crate::ui::screening::RulesText;
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use madoguchi_core::workflow::Status;

/// The address of the queue showing `q`.
pub fn to_address(q: &QueueQuery) -> String {
    let mut parts: Vec<(&str, String)> = Vec::new();
    if let Some(s) = &q.status {
        parts.push(("status", s.clone()));
    }
    if let Some(p) = &q.procedure {
        parts.push(("procedure", p.clone()));
    }
    if let Some(d) = q.received_from {
        parts.push(("from", d.to_string()));
    }
    if let Some(d) = q.received_to {
        parts.push(("to", d.to_string()));
    }
    if let Some(n) = q.due_within {
        parts.push(("due", n.to_string()));
    }
    if q.mine {
        parts.push(("mine", "1".into()));
    }
    match q.sort {
        QueueSort::Newest => {}
        QueueSort::Oldest => parts.push(("sort", "oldest".into())),
        QueueSort::Deadline => parts.push(("sort", "deadline".into())),
    }
    if q.page > 0 {
        parts.push(("page", q.page.to_string()));
    }
    let query: Vec<String> = parts
        .into_iter()
        .map(|(k, v)| format!("{k}={}", urlencoding(&v)))
        .collect();
    if query.is_empty() {
        "/staff".into()
    } else {
        format!("/staff?{}", query.join("&"))
    }
}

/// Percent-encodes what is not a letter, digit, `-`, `_` or `.`.
fn urlencoding(v: &str) -> String {
    v.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[component]
pub fn QueueFilters(query: QueueQuery, procedures: Vec<(String, String)>) -> impl IntoView {
    let catalog = Catalog::get();
    let status = RwSignal::new(query.status.clone().unwrap_or_else(|| "open".into()));
    let procedure = RwSignal::new(query.procedure.clone().unwrap_or_default());
    let from = RwSignal::new(
        query
            .received_from
            .map(|d| d.to_string())
            .unwrap_or_default(),
    );
    let to = RwSignal::new(query.received_to.map(|d| d.to_string()).unwrap_or_default());
    let due = RwSignal::new(query.due_within.map(|d| d.to_string()).unwrap_or_default());
    let mine = RwSignal::new(query.mine);
    let sort = RwSignal::new(
        match query.sort {
            QueueSort::Newest => "newest",
            QueueSort::Oldest => "oldest",
            QueueSort::Deadline => "deadline",
        }
        .to_owned(),
    );
    let navigate = use_navigate();
    let apply = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let some = |s: String| (!s.is_empty()).then_some(s);
        let q = QueueQuery {
            status: some(status.get_untracked()).filter(|s| s != "open"),
            procedure: some(procedure.get_untracked()),
            received_from: from.get_untracked().parse().ok(),
            received_to: to.get_untracked().parse().ok(),
            due_within: due.get_untracked().parse().ok(),
            mine: mine.get_untracked(),
            sort: match sort.get_untracked().as_str() {
                "oldest" => QueueSort::Oldest,
                "deadline" => QueueSort::Deadline,
                _ => QueueSort::Newest,
            },
            page: 0,
        };
        navigate(&to_address(&q), Default::default());
    };
    let select = |id: &'static str,
                  label,
                  value: RwSignal<String>,
                  options: Vec<(String, AnyView)>| {
        view! {
            <div class="field">
                <label class="label" for=id>{t(label)}</label>
                <select id=id class="select" on:change=move |ev| value.set(event_target_value(&ev))>
                    {options.into_iter().map(|(v, text)| {
                        let selected = value.get_untracked() == v;
                        view! { <option value=v selected=selected>{text}</option> }
                    }).collect_view()}
                </select>
            </div>
        }
    };
    let mut statuses = vec![
        (
            "open".to_owned(),
            t(m::staff::queue::filter::open).into_any(),
        ),
        ("all".to_owned(), t(m::staff::queue::filter::all).into_any()),
    ];
    statuses
        .extend(Status::ALL.map(|s| (s.code().to_owned(), t(status_label(s.code())).into_any())));
    let mut procs = vec![(
        String::new(),
        t(m::staff::queue::filter::any_procedure).into_any(),
    )];
    procs.extend(procedures.into_iter().map(|(id, name)| {
        let key = format!("procedures.{id}.name");
        (id, view! { <RulesText key=key ja=name/> }.into_any())
    }));
    let dues = vec![
        (
            String::new(),
            t(m::staff::queue::filter::any_deadline).into_any(),
        ),
        (
            "0".to_owned(),
            t(m::staff::queue::filter::due_today).into_any(),
        ),
        ("7".to_owned(), t(m::staff::queue::filter::due_7).into_any()),
        (
            "30".to_owned(),
            t(m::staff::queue::filter::due_30).into_any(),
        ),
    ];
    let sorts = vec![
        (
            "newest".to_owned(),
            t(m::staff::queue::filter::newest).into_any(),
        ),
        (
            "oldest".to_owned(),
            t(m::staff::queue::filter::oldest).into_any(),
        ),
        (
            "deadline".to_owned(),
            t(m::staff::queue::filter::by_deadline).into_any(),
        ),
    ];
    view! {
        <form class="queue-filters" on:submit=apply novalidate aria-label=move || catalog.plain_now(m::staff::queue::filter::title)>
            {select("filter-status", m::staff::queue::filter::status, status, statuses)}
            {select("filter-procedure", m::staff::queue::filter::procedure, procedure, procs)}
            <div class="field">
                <label class="label" for="filter-from">{t(m::staff::queue::filter::from)}</label>
                <input id="filter-from" class="input" type="date" prop:value=move || from.get() on:change=move |ev| from.set(event_target_value(&ev))/>
            </div>
            <div class="field">
                <label class="label" for="filter-to">{t(m::staff::queue::filter::to)}</label>
                <input id="filter-to" class="input" type="date" prop:value=move || to.get() on:change=move |ev| to.set(event_target_value(&ev))/>
            </div>
            {select("filter-due", m::staff::queue::filter::due, due, dues)}
            {select("filter-sort", m::staff::queue::filter::sort, sort, sorts)}
            <div class="field checkbox-field">
                <input id="filter-mine" type="checkbox" class="checkbox" prop:checked=move || mine.get() on:change=move |ev| mine.set(event_target_checked(&ev))/>
                <label for="filter-mine">{t(m::staff::queue::filter::mine)}</label>
            </div>
            <button type="submit" class="btn btn-primary">{t(m::staff::queue::filter::apply)}</button>
        </form>
    }
}
