//! What the public pages (no sign-in) exchange with the server.

use super::ProcedureView;
use madoguchi_core::screening::{NotApplicable, Question};
use serde::{Deserialize, Serialize};

/// The public navigator's answer: the procedures a household as described needs, each
/// with where it is handled and whether it can be done online, and the questions that
/// would change the list. Nothing of it is stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Guidance {
    /// The rule set version used.
    pub ruleset: String,
    pub procedures: Vec<ProcedureView>,
    pub questions: Vec<Question>,
    #[serde(default)]
    pub not_applicable: Vec<NotApplicable>,
}
