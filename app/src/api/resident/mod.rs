//! Server functions of residents signed in online (through the city's OpenID Connect
//! provider; the sign-in itself is the HTTP routes under `/auth/oidc/`): who is signed
//! in, signing out, and the online application — the counter's visit, run by the
//! resident for their own household.

mod application_attachments;
mod application_consent;
mod discard_application;
mod online_status;
mod remove_attachment;
mod resident_sign_out;
mod save_application;
mod screen_application;
mod start_application;
mod submit_application;

pub use application_attachments::*;
pub use application_consent::*;
pub use discard_application::*;
pub use online_status::*;
pub use remove_attachment::*;
pub use resident_sign_out::*;
pub use save_application::*;
pub use screen_application::*;
pub use start_application::*;
pub use submit_application::*;
