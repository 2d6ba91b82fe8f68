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
