//! The `staff_users` table. Roles are rows of `staff_user_roles`.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "staff_users")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub username: String,
    pub display_name: String,
    pub password_hash: String,
    pub department_id: Option<String>,
    pub active: bool,
    pub created_at: DateTimeUtc,
    /// Set when an administrator resets the password: a new one is chosen at sign-in.
    pub must_change_password: bool,
    pub password_changed_at: Option<DateTimeUtc>,
    /// Base32 TOTP secret, once enrolment is confirmed.
    pub totp_secret: Option<String>,
    /// The last 30-second step whose code was accepted: a code is good only once.
    pub totp_last_step: Option<i64>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
