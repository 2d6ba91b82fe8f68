//! The audit log for auditors: the viewer and the chain's verification.

mod search_audit;
mod verify_audit;

pub use search_audit::*;
pub use verify_audit::*;
