//! Which role grants which permission (the `role_permissions` table), read only.

use crate::model::staff::StaffOverview;
use leptos::prelude::*;

#[component]
pub fn RolesMatrix(overview: StaffOverview) -> impl IntoView {
    let roles = overview.roles.clone();
    view! {
        <section aria-labelledby="roles-heading">
            <h2 id="roles-heading">"役割と権限"</h2>
            <div class="table-scroll" tabindex="0" role="region" aria-label="役割と権限の表">
            <table class="data matrix">
                <thead><tr>
                    <th scope="col">"権限"</th>
                    {roles.iter().map(|r| view! { <th scope="col">{r.name.clone()}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {overview.permissions.iter().map(|(p, description)| view! {
                        <tr>
                            <th scope="row">{description.clone()} <span class="hint">" (" {p.id()} ")"</span></th>
                            {roles.iter().map(|r| {
                                let granted = r.permissions.contains(p);
                                view! { <td class="center">{if granted { "○" } else { "—" }}<span class="visually-hidden">{if granted { "あり" } else { "なし" }}</span></td> }
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            </div>
        </section>
    }
}
