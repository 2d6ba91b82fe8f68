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

/// A department's webhook subscription as listed (never its secret).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhookView {
    pub id: i32,
    pub department_id: String,
    pub department_name: String,
    pub url: String,
    pub created_by: String,
    /// Japan time, `YYYY-MM-DD HH:MM`.
    pub created_at: String,
    pub revoked_at: Option<String>,
    /// Deliveries still to send, sent, and given up.
    pub pending: u64,
    pub delivered: u64,
    pub dead: u64,
}

/// What an administrator fills in to subscribe an address to a department's events.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewWebhook {
    pub department_id: String,
    pub url: String,
}

/// A subscription just made: its signing secret is shown this once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CreatedWebhook {
    pub id: i32,
    pub secret: String,
}

/// A delivery given up after every attempt, to inspect and replay.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeadLetterView {
    pub id: i64,
    /// `application.received` or `application.status_changed`.
    pub event_type: String,
    pub event_id: String,
    pub application_id: i32,
    pub department_name: String,
    pub url: String,
    pub attempts: i32,
    /// The receiver's last HTTP status, if it answered at all.
    pub last_status: Option<i32>,
    pub last_error: Option<String>,
    /// When the event happened, Japan time.
    pub created_at: String,
}

/// The webhooks part of the administrator's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WebhooksOverview {
    pub subscriptions: Vec<WebhookView>,
    pub dead_letters: Vec<DeadLetterView>,
}
