//! Administration: rules (`/admin/rules`), outreach (`/admin/outreach`), staff and
//! permissions (`/admin/staff`), the business systems' keys (`/admin/integration`), and
//! the audit log (`/admin/audit`).

mod audit;
mod catalog;
mod check_report;
mod diff_view;
mod integration_page;
mod merge_panel;
mod notice;
mod outreach_page;
mod param_table;
mod publish_request;
mod review_panel;
mod rule_editor;
mod rules_page;
mod staff;
mod versions;
mod webhooks_panel;

pub use audit::AuditLogPage;
pub use integration_page::IntegrationPage;
pub use outreach_page::OutreachPage;
pub use rules_page::RulesPage;
pub use staff::StaffPage;
