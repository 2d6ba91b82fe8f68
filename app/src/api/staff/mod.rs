//! The department queue's server functions (department staff only).

mod assign_application;
mod change_status;
mod comment_application;
mod get_application;
mod list_applications;

pub use assign_application::*;
pub use change_status::*;
pub use comment_application::*;
pub use get_application::*;
pub use list_applications::*;
