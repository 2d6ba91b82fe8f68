//! Permissions as data: the roles a staff member holds (`staff_user_roles`) and what
//! they grant (`role_permissions`), read at every request — so a change of role takes
//! effect at the caller's next request.

use super::entities::{role, role_permission, staff_user_role};
use madoguchi_types::model::Permission;
use sea_orm::{ColumnTrait, ConnectionTrait, DbErr, EntityTrait, QueryFilter, QueryOrder};
use std::collections::BTreeSet;

/// The role ids a staff member holds, and the permissions they grant.
pub async fn of_user<C: ConnectionTrait>(
    db: &C,
    staff_user_id: i32,
) -> Result<(Vec<String>, Vec<Permission>), DbErr> {
    let roles: Vec<String> = staff_user_role::Entity::find()
        .filter(staff_user_role::Column::StaffUserId.eq(staff_user_id))
        .order_by_asc(staff_user_role::Column::RoleId)
        .all(db)
        .await?
        .into_iter()
        .map(|r| r.role_id)
        .collect();
    let permissions = granted(db, &roles).await?;
    Ok((roles, permissions))
}

/// What a set of roles grants.
pub async fn granted<C: ConnectionTrait>(
    db: &C,
    roles: &[String],
) -> Result<Vec<Permission>, DbErr> {
    if roles.is_empty() {
        return Ok(Vec::new());
    }
    let ids = role_permission::Entity::find()
        .filter(role_permission::Column::RoleId.is_in(roles.iter().cloned()))
        .all(db)
        .await?;
    let set: BTreeSet<Permission> = ids
        .iter()
        .filter_map(|rp| {
            let p = Permission::from_id(&rp.permission_id);
            if p.is_none() {
                tracing::warn!(permission = %rp.permission_id, "a granted permission the code does not know");
            }
            p
        })
        .collect();
    Ok(set.into_iter().collect())
}

/// Every role with the permissions it grants (for staff management and the matrix).
pub async fn roles<C: ConnectionTrait>(
    db: &C,
) -> Result<Vec<(role::Model, Vec<Permission>)>, DbErr> {
    let all = role::Entity::find()
        .order_by_asc(role::Column::Id)
        .all(db)
        .await?;
    let mut out = Vec::with_capacity(all.len());
    for r in all {
        let p = granted(db, std::slice::from_ref(&r.id)).await?;
        out.push((r, p));
    }
    Ok(out)
}
