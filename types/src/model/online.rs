//! What the residents' pages know about signing in online.

use serde::{Deserialize, Serialize};

/// Whether the city offers online sign-in, and who is signed in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct OnlineStatus {
    /// An OpenID Connect provider is configured.
    pub available: bool,
    pub me: Option<ResidentMe>,
}

/// The resident signed in online.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResidentMe {
    /// As the provider gave it.
    pub name: String,
    /// The four basic facts matched exactly one resident of the registry: the city's
    /// data can fill in the forms. Without a match nothing is prefilled.
    pub matched: bool,
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
