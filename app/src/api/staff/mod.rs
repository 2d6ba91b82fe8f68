//! The department queue's server functions (department staff only).

mod get_application;
mod list_applications;

pub use get_application::*;
pub use list_applications::*;
