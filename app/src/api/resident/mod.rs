//! Server functions of residents signed in online (through the city's OpenID Connect
//! provider; the sign-in itself is the HTTP routes under `/auth/oidc/`).

mod online_status;
mod resident_sign_out;

pub use online_status::*;
pub use resident_sign_out::*;
