//! Administration: the rule set (edit, publish), outreach, staff management, and the
//! business systems' API keys.

mod act_on_staff;
mod approve_rules;
mod check_rules;
mod create_api_key;
mod create_staff;
mod edit_param;
mod end_staff_session;
mod integration_overview;
mod merge_release;
mod outreach;
mod request_publication;
mod return_rules;
mod review_rules;
mod revoke_api_key;
mod rollback_rules;
mod rule_files;
mod rules_overview;
mod save_department;
mod save_merge;
mod save_rules;
mod staff_overview;
mod update_staff;

pub use act_on_staff::*;
pub use approve_rules::*;
pub use check_rules::*;
pub use create_api_key::*;
pub use create_staff::*;
pub use edit_param::*;
pub use end_staff_session::*;
pub use integration_overview::*;
pub use merge_release::*;
pub use outreach::*;
pub use request_publication::*;
pub use return_rules::*;
pub use review_rules::*;
pub use revoke_api_key::*;
pub use rollback_rules::*;
pub use rule_files::*;
pub use rules_overview::*;
pub use save_department::*;
pub use save_merge::*;
pub use save_rules::*;
pub use staff_overview::*;
pub use update_staff::*;
