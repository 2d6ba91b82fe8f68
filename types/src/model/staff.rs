//! Staff management (`/admin/staff`): accounts, roles, departments and sessions as the
//! administrator sees and edits them.

use super::Permission;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffAccount {
    pub id: i32,
    pub username: String,
    pub display_name: String,
    pub roles: Vec<String>,
    pub department_id: Option<String>,
    pub active: bool,
    pub must_change_password: bool,
    pub totp: bool,
    pub passkeys: u32,
    /// Locked out from some address after failed sign-ins.
    pub locked: bool,
    pub sessions: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoleInfo {
    pub id: String,
    pub name: String,
    pub permissions: Vec<Permission>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DepartmentInfo {
    pub id: String,
    pub name: String,
    pub counter: String,
    pub building: String,
    pub phone: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionInfo {
    /// The first 12 hex digits of the session's hash: enough to name it, useless to
    /// sign in with.
    pub id: String,
    pub username: String,
    pub display_name: String,
    pub state: String,
    pub method: String,
    pub created_at: String,
    pub last_seen_at: String,
    pub origin: String,
    pub user_agent: String,
}

/// Everything `/admin/staff` shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffOverview {
    pub accounts: Vec<StaffAccount>,
    pub roles: Vec<RoleInfo>,
    pub departments: Vec<DepartmentInfo>,
    pub sessions: Vec<SessionInfo>,
    /// Every permission with what it allows, in the order of the matrix.
    pub permissions: Vec<(Permission, String)>,
}

/// A new account, or the changes to one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffInput {
    pub username: String,
    pub display_name: String,
    pub roles: Vec<String>,
    pub department_id: Option<String>,
}

/// What an administrator does to an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffAction {
    Disable,
    Enable,
    /// A new temporary password, shown once; the user chooses their own at sign-in.
    ResetPassword,
    /// Removes TOTP, passkeys and recovery codes: the user enrols again.
    ResetFactors,
    /// Clears the failed sign-ins that locked the account.
    Unlock,
    /// Ends every session of the account.
    EndSessions,
}

/// The answer to an action: a temporary password when one was made.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffActionResult {
    pub temporary_password: Option<String>,
}
