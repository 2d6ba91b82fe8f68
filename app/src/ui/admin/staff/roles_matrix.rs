//! Which role grants which permission (the `role_permissions` table), read only.

use crate::model::staff::StaffOverview;
use crate::ui::i18n::{m, t, t_name, t_plain};
use leptos::prelude::*;

#[component]
pub fn RolesMatrix(overview: StaffOverview) -> impl IntoView {
    let roles = overview.roles.clone();
    view! {
        <section aria-labelledby="roles-heading">
            <h2 id="roles-heading">{t(m::admin::staff::matrix::title)}</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-label=t_plain(m::admin::staff::matrix::table)>
            <table class="data matrix">
                <thead><tr>
                    <th scope="col">{t(m::admin::staff::matrix::permission)}</th>
                    {roles.iter().map(|r| view! { <th scope="col">{t_name("admin.roles", &r.id, r.name.clone())}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {overview.permissions.iter().map(|(p, description)| view! {
                        <tr>
                            <th scope="row">{t_name("admin.permissions", p.id(), description.clone())} <span class="hint">" (" {p.id()} ")"</span></th>
                            {roles.iter().map(|r| {
                                let granted = r.permissions.contains(p);
                                view! { <td class="center">{if granted { "○" } else { "—" }}<span class="visually-hidden">{t(if granted { m::admin::staff::matrix::granted } else { m::admin::staff::matrix::not_granted })}</span></td> }
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </section>
    }
}
