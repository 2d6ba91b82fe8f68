//! Rule administration (administrators) and outreach (administrators, supervisors and
//! department staff).

mod check_rules;
mod edit_param;
mod outreach;
mod publish_rules;
mod rule_files;
mod rules_overview;
mod save_rules;

pub use check_rules::*;
pub use edit_param::*;
pub use outreach::*;
pub use publish_rules::*;
pub use rule_files::*;
pub use rules_overview::*;
pub use save_rules::*;
