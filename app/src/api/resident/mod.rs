//! Server functions of residents signed in online (through the city's OpenID Connect
//! provider; the sign-in itself is the HTTP routes under `/auth/oidc/`): who is signed
//! in, signing out, the online application — the counter's visit, run by the resident
//! for their own household — and "my applications": their status, correcting a
//! returned one, and e-mail notices.

mod application_attachments;
mod application_consent;
mod application_correction;
mod confirm_notice_address;
mod discard_application;
mod my_applications;
mod online_status;
mod remove_attachment;
mod remove_notice_address;
mod remove_returned_attachment;
mod resident_sign_out;
mod resubmit_application;
mod save_application;
mod screen_application;
mod set_notice_address;
mod start_application;
mod submit_application;

pub use application_attachments::*;
pub use application_consent::*;
pub use application_correction::*;
pub use confirm_notice_address::*;
pub use discard_application::*;
pub use my_applications::*;
pub use online_status::*;
pub use remove_attachment::*;
pub use remove_notice_address::*;
pub use remove_returned_attachment::*;
pub use resident_sign_out::*;
pub use resubmit_application::*;
pub use save_application::*;
pub use screen_application::*;
pub use set_notice_address::*;
pub use start_application::*;
pub use submit_application::*;
