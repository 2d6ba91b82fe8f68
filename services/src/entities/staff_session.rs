//! The `staff_sessions` table.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "staff_sessions")]
pub struct Model {
    /// SHA-256 of the cookie token: a stolen database does not yield live sessions.
    #[sea_orm(primary_key, auto_increment = false)]
    pub id: String,
    pub staff_user_id: i32,
    pub created_at: DateTimeUtc,
    /// The absolute end of the session, whatever its activity.
    pub expires_at: DateTimeUtc,
    /// `second_factor`, `change_password`, `enrol` or `full` (`SessionState`).
    pub state: String,
    pub last_seen_at: Option<DateTimeUtc>,
    /// Where it was opened from, and with what browser (for the sessions list).
    pub origin: String,
    pub user_agent: String,
    /// How the staff member proved who they are: `password`, `password+totp`,
    /// `password+recovery`, `password+passkey`, `passkey`.
    pub method: String,
    /// A ceremony in progress (a TOTP secret being enrolled, a WebAuthn challenge),
    /// as JSON; cleared when it completes.
    pub pending: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
