//! The counter tablet's server functions (counter staff only).

mod end_visit;
mod find_household;
mod kiosk_settings;
mod record_consent;
mod record_survey;
mod resumable_visit;
mod resume_visit;
mod save_draft;
mod screen_visit;
mod start_visit;
mod submit_visit;
mod take_pre_entry;

pub use end_visit::*;
pub use find_household::*;
pub use kiosk_settings::*;
pub use record_consent::*;
pub use record_survey::*;
pub use resumable_visit::*;
pub use resume_visit::*;
pub use save_draft::*;
pub use screen_visit::*;
pub use start_visit::*;
pub use submit_visit::*;
pub use take_pre_entry::*;
