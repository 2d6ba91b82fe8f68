//! Rule administration (`/admin/rules`) and outreach (`/admin/outreach`).

mod catalog;
mod check_report;
mod outreach_page;
mod param_table;
mod rule_editor;
mod rules_page;
mod versions;

pub use outreach_page::OutreachPage;
pub use rules_page::RulesPage;
