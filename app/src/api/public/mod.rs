//! Server functions of the public pages: no sign-in, nothing stored about the visitor
//! beyond a pre-entry the resident asks for (sealed, deleted when used or expired).

mod create_pre_entry;
mod guide;
mod pre_entry_form;

pub use create_pre_entry::*;
pub use guide::*;
pub use pre_entry_form::*;
