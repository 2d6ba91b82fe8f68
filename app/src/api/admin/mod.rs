//! Administration: the rule set (edit, publish), outreach, and staff management.

mod act_on_staff;
mod check_rules;
mod create_staff;
mod edit_param;
mod end_staff_session;
mod outreach;
mod publish_rules;
mod rule_files;
mod rules_overview;
mod save_department;
mod save_rules;
mod staff_overview;
mod update_staff;

pub use act_on_staff::*;
pub use check_rules::*;
pub use create_staff::*;
pub use edit_param::*;
pub use end_staff_session::*;
pub use outreach::*;
pub use publish_rules::*;
pub use rule_files::*;
pub use rules_overview::*;
pub use save_department::*;
pub use save_rules::*;
pub use staff_overview::*;
pub use update_staff::*;
