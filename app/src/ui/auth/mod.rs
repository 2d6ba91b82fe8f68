//! Staff sign-in: the session known to the browser, the sign-in steps (password or
//! passkey, second factor, new password, enrolling a factor, recovery codes), and the
//! staff member's own account page.

mod account_page;
mod change_password_step;
mod enrol_step;
mod login_page;
mod password_step;
mod recovery_codes;
mod require_staff;
mod second_factor_step;
mod session;
mod step;
pub mod webauthn;

pub use crate::ui::qr_code::QrCode;
pub use account_page::AccountPage;
pub use change_password_step::ChangePasswordStep;
pub use enrol_step::{register_passkey, EnrolStep};
pub use login_page::LoginPage;
pub use password_step::PasswordStep;
pub use recovery_codes::RecoveryCodes;
pub use require_staff::RequireStaff;
pub use second_factor_step::SecondFactorStep;
pub use session::Session;

/// Navigation that takes the place of the current page in the history: sending someone
/// to sign in, and on from the sign-in page, so Back never lands on a page that would
/// only send them on again.
pub fn replacing() -> leptos_router::NavigateOptions {
    leptos_router::NavigateOptions {
        replace: true,
        ..Default::default()
    }
}
