//! The department queue: applications routed to the signed-in staff member's department.

mod application_page;
mod queue_filters;
mod queue_page;
mod trace_view;
mod work_panel;

pub use application_page::ApplicationPage;
pub use queue_page::QueuePage;
pub use trace_view::TraceView;
