//! `/admin/rules`: the live rule set, its history, an editor whose edits are checked
//! (errors, rule tests, impact on every household) before they are saved, and
//! publishing. Administrators only.

use super::catalog::Catalog;
use super::rule_editor::RuleEditor;
use super::versions::Versions;
use crate::api::admin::rules_overview;
use crate::model::Permission;
use crate::ui::auth::RequireStaff;
use crate::ui::i18n::{m, t, t_with, Catalog as Messages};
use leptos::prelude::*;

#[component]
pub fn RulesPage() -> impl IntoView {
    Messages::get().staff_page("admin");
    Messages::get().need("rule_errors");
    view! {
        <RequireStaff permission=Permission::RulesEdit>
            <Rules/>
        </RequireStaff>
    }
}

#[component]
fn Rules() -> impl IntoView {
    let catalog = Messages::get();
    let overview = LocalResource::new(rules_overview);
    let notice = RwSignal::new(None::<String>);
    let refresh = Callback::new(move |message: String| {
        notice.set(Some(message));
        overview.refetch();
    });
    let saved = Callback::new(move |version: String| {
        overview.refetch();
        notice.set(Some(
            catalog.fill_now(m::admin::rules::draft_saved, &[("version", version)]),
        ));
    });
    view! {
        <h1>{t(m::admin::rules::title)}</h1>
        {move || notice.get().map(|n| view! { <div class="alert alert-success" role="status">{n}</div> })}
        <Suspense fallback=|| view! { <p class="loading">{t(m::staff::loading)}</p> }>
            {move || overview.get().map(|r| match r {
                Err(e) => view! { <div class="alert alert-error" role="alert">{catalog.app_error(&e)}</div> }.into_any(),
                Ok(o) => view! {
                    <p class="lead">{t(m::admin::rules::live)} <strong class="version">{o.live.clone()}</strong></p>
                    {o.scheduled.iter().map(|(day, v)| view! {
                        <p class="alert alert-info scheduled" role="status">{let (day, v) = (*day, v.clone()); t_with(m::admin::rules::scheduled, move || vec![("date", catalog.date(day)), ("version", v.clone())])}</p>
                    }).collect_view()}
                    {o.calendar_warning.clone().map(|w| view! { <div class="alert alert-warning" role="status">{move || catalog.diagnostic(&w)}</div> })}
                    <Versions versions=o.versions.clone() live=o.live.clone() on_change=refresh/>
                    <RuleEditor base=o.live.clone() params=o.params.iter().map(|p| (p.name.clone(), p.label.clone())).collect() on_saved=saved/>
                    <Catalog overview=o/>
                }.into_any(),
            })}
        </Suspense>
    }
}
