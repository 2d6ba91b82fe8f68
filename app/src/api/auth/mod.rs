//! Signing in and out, the second factor, and one's own factors and password.

mod change_password;
mod current_staff;
mod my_factors;
mod passkey_register_finish;
mod passkey_register_start;
mod passkey_sign_in_finish;
mod passkey_sign_in_start;
mod passkey_verify_finish;
mod passkey_verify_start;
mod remove_passkey;
mod renew_recovery_codes;
mod sign_in;
mod sign_out;
mod totp_enrol_confirm;
mod totp_enrol_start;
mod verify_code;

pub use change_password::*;
pub use current_staff::*;
pub use my_factors::*;
pub use passkey_register_finish::*;
pub use passkey_register_start::*;
pub use passkey_sign_in_finish::*;
pub use passkey_sign_in_start::*;
pub use passkey_verify_finish::*;
pub use passkey_verify_start::*;
pub use remove_passkey::*;
pub use renew_recovery_codes::*;
pub use sign_in::*;
pub use sign_out::*;
pub use totp_enrol_confirm::*;
pub use totp_enrol_start::*;
pub use verify_code::*;
