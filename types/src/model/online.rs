//! What the residents' pages know about signing in online.

use serde::{Deserialize, Serialize};

/// Whether the city offers online sign-in, and who is signed in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnlineStatus {
    /// An OpenID Connect provider is configured.
    pub available: bool,
    pub me: Option<ResidentMe>,
    /// The city sends e-mail notices (an SMTP server is configured).
    #[serde(default)]
    pub mail: bool,
}

/// The resident signed in online.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResidentMe {
    /// As the provider gave it.
    pub name: String,
    /// The four basic facts matched exactly one resident of the registry: the city's
    /// data can fill in the forms. Without a match nothing is prefilled.
    pub matched: bool,
    /// The address notices go to, once confirmed (or waiting for its code).
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub email_confirmed: bool,
}

/// A resident's online application in progress: the visit it is written in, the
/// household it is for (the resident's own, from the registry), and the state saved
/// when it was last left (none for a new one).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnlineApplication {
    pub visit_number: String,
    pub household: super::HouseholdView,
    pub draft: Option<super::SavedDraft>,
}

/// A document attached to an online application (its bytes are fetched apart).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AttachmentView {
    pub id: i32,
    pub procedure_id: String,
    /// The document the procedure asks for, as the rules name it.
    pub document: String,
    /// The file's name as the resident's phone gave it.
    pub name: String,
    /// `pdf`, `jpg` or `png`, from the content.
    pub kind: String,
    pub size: i64,
    pub sha256: String,
}

/// One of the resident's applications, as "my applications" lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyApplication {
    pub id: i32,
    pub procedure_id: String,
    /// The rules' name of the procedure (Japanese; the page translates by id).
    pub procedure_name: String,
    pub department_id: String,
    pub department_name: String,
    /// Whom it is for (the names on the form).
    pub subject_name: String,
    /// A workflow status code (`received`, `in_review`, `returned`, …).
    pub status: String,
    /// When it was sent, and when its status last changed (Japan time, to the minute).
    pub submitted_at: String,
    pub updated_at: String,
    /// For `returned` and `rejected`: the department's reason, as they wrote it.
    pub reason: Option<String>,
    pub visit_number: String,
}

/// A returned application, opened to be corrected: the department's reason and the
/// form as sent, each row saying whether the resident may correct it here (what they
/// typed themselves) or not (what the city's records hold).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Correction {
    pub application: MyApplication,
    pub rows: Vec<CorrectionRow>,
    /// The documents the procedure asks for (a photo or PDF of each may be added).
    pub documents: Vec<String>,
    /// The files sent with the application.
    pub attachments: Vec<AttachmentView>,
    /// Files added since it was returned, sent with the correction.
    pub added: Vec<AttachmentView>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CorrectionRow {
    /// The form's field key.
    pub key: String,
    /// As the form prints it (Japanese).
    pub label: String,
    pub value: String,
    pub correctable: bool,
}

/// What the resident sends back: the corrected fields (`keys`, their inputs in
/// `answers`, as the interview keeps them) and a message to the department; at least
/// one of the two.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resubmission {
    pub application_id: i32,
    pub keys: Vec<String>,
    pub answers: std::collections::BTreeMap<String, String>,
    pub message: String,
}
