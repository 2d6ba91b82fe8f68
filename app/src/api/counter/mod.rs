//! The counter tablet's server functions (counter staff only).

mod find_household;
mod kiosk_settings;
mod screen_visit;
mod start_visit;
mod submit_visit;

pub use find_household::*;
pub use kiosk_settings::*;
pub use screen_visit::*;
pub use start_visit::*;
pub use submit_visit::*;
