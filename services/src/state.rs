//! The application state handed to every handler and server function.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::DatabaseConnection;

#[derive(Clone)]
pub struct AppState {
    pub db: DatabaseConnection,
    pub clock: Clock,
    pub kiosk: madoguchi_types::model::KioskSettings,
    /// The published rule set every screening uses; replaced when an administrator
    /// publishes a new version.
    pub rules: super::LiveRules,
    /// Typesets the applications' forms and the receipts (fonts loaded once).
    pub printer: std::sync::Arc<madoguchi_print::Printer>,
    /// Session timeouts, the sign-in throttle, where the server is reached.
    pub security: std::sync::Arc<super::auth::SecuritySettings>,
    /// The passkeys' relying party.
    pub webauthn: std::sync::Arc<webauthn_rs::prelude::Webauthn>,
    /// The key pre-entries are sealed with, and how long they are kept.
    pub pre_entry: std::sync::Arc<super::pre_entry::PreEntrySettings>,
    /// The city's OpenID Connect provider for residents' sign-in, if one is configured.
    pub oidc: Option<std::sync::Arc<super::online::oidc::Provider>>,
    /// The city's SMTP server for notices to residents (`None`: no notices).
    pub mail: Option<std::sync::Arc<super::online::notices::MailSettings>>,
}

/// Where "now" comes from: the system, or a fixed instant in tests.
#[derive(Clone, Copy, Debug)]
pub enum Clock {
    System,
    Fixed(DateTime<Utc>),
}

impl Clock {
    pub fn now(self) -> DateTime<Utc> {
        match self {
            Self::System => Utc::now(),
            Self::Fixed(t) => t,
        }
    }

    /// Today in Japan, the day rules and deadlines are counted from.
    pub fn today(self) -> NaiveDate {
        self.now().with_timezone(&crate::time::jst()).date_naive()
    }
}
