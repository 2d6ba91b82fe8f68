//! The business systems' keys as the administrator's page shows and creates them.

use serde::{Deserialize, Serialize};

/// An API key as listed (never its secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiKeyView {
    pub id: i32,
    /// The business system, e.g. 児童手当システム.
    pub system: String,
    pub department_id: String,
    pub department_name: String,
    /// May update statuses (`write`), not only read.
    pub can_write: bool,
    /// The key's public part, `mdg_<prefix>_…`.
    pub prefix: String,
    pub created_by: String,
    /// Japan time, `YYYY-MM-DD HH:MM`.
    pub created_at: String,
    pub revoked_at: Option<String>,
    pub last_used_at: Option<String>,
}

/// What an administrator fills in to create a key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewApiKey {
    pub system: String,
    pub department_id: String,
    pub can_write: bool,
}

/// A key just created: the whole key is shown this once and never again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedApiKey {
    pub key: String,
    pub view: ApiKeyView,
}

/// The administrator's page: the keys and the departments they can be for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct IntegrationOverview {
    pub keys: Vec<ApiKeyView>,
    /// (id, name) of every department.
    pub departments: Vec<(String, String)>,
}
