//! The command line's account tool (`madoguchi user`) and the demo accounts: create or
//! reset an account with a password the operator chose.

use super::super::audit;
use super::super::auth::{password, sessions, throttle};
use super::super::entities::staff_user;
use super::accounts::reset_factors;
use super::{check_input, entry, set_roles};
use crate::db::begin_write;
use chrono::{DateTime, Utc};
use madoguchi_types::error::AppError;
use madoguchi_types::model::staff::StaffInput;
use sea_orm::{ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, Set};

/// The command line's account tool (`madoguchi user`): creates an account or resets
/// its password, roles and department; the operator chose the password, so no change
/// is forced. Optionally removes its second factors.
#[expect(
    clippy::too_many_arguments,
    reason = "one argument per flag of `madoguchi user`"
)]
pub async fn upsert(
    db: &DatabaseConnection,
    username: &str,
    display_name: &str,
    roles: &[String],
    department_id: Option<&str>,
    password_text: &str,
    reset_factors_too: bool,
    now: DateTime<Utc>,
) -> Result<(), UserError> {
    password::check_policy(password_text, username).map_err(UserError::Password)?;
    let input = StaffInput {
        username: username.into(),
        display_name: display_name.into(),
        roles: roles.to_vec(),
        department_id: department_id.map(str::to_owned),
    };
    let existing = staff_user::Entity::find()
        .filter(staff_user::Column::Username.eq(username))
        .one(db)
        .await?;
    check_input(db, &input, existing.is_none())
        .await
        .map_err(|e| match e {
            AppError::InvalidInput { fields } => UserError::Invalid(
                fields
                    .iter()
                    .map(|f| f.field.clone())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            other => UserError::App(other),
        })?;
    let hash = password::hash(password_text).map_err(UserError::App)?;
    let txn = begin_write(db).await?;
    let id = match existing {
        Some(u) => {
            let id = u.id;
            staff_user::ActiveModel {
                id: sea_orm::ActiveValue::Unchanged(id),
                display_name: Set(display_name.into()),
                password_hash: Set(hash),
                department_id: Set(department_id.map(str::to_owned)),
                active: Set(true),
                must_change_password: Set(false),
                password_changed_at: Set(Some(now)),
                ..Default::default()
            }
            .update(&txn)
            .await?;
            // A reset ends every open session of the account.
            sessions::end_all_of(&txn, id)
                .await
                .map_err(UserError::App)?;
            throttle::unlock_account(&txn, username).await?;
            id
        }
        None => {
            staff_user::ActiveModel {
                username: Set(username.into()),
                display_name: Set(display_name.into()),
                password_hash: Set(hash),
                department_id: Set(department_id.map(str::to_owned)),
                active: Set(true),
                created_at: Set(now),
                must_change_password: Set(false),
                password_changed_at: Set(Some(now)),
                totp_secret: Set(None),
                totp_last_step: Set(None),
                ..Default::default()
            }
            .insert(&txn)
            .await?
            .id
        }
    };
    set_roles(&txn, id, roles).await.map_err(UserError::App)?;
    if reset_factors_too {
        reset_factors(&txn, id).await.map_err(UserError::App)?;
    }
    audit::record(
        &txn,
        now,
        "command-line",
        entry(None, "staff_upsert", format!("user:{username}"), "ok"),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

#[derive(Debug, thiserror::Error)]
pub enum UserError {
    #[error("{}", .0.message_ja())]
    Password(madoguchi_types::error::PasswordProblem),
    #[error("invalid or missing: {0} (roles must exist; department staff need a department)")]
    Invalid(String),
    #[error("{0}")]
    App(AppError),
    #[error(transparent)]
    Db(#[from] sea_orm::DbErr),
}
