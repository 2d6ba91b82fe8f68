//! Staff sign-in and sign-out.

mod current_staff;
mod sign_in;
mod sign_out;

pub use current_staff::*;
pub use sign_in::*;
pub use sign_out::*;
