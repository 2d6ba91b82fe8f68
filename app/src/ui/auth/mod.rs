//! Staff sign-in: the session known to the browser and the sign-in page.

mod login_page;
mod require_staff;
mod session;

pub use login_page::LoginPage;
pub use require_staff::RequireStaff;
pub use session::Session;
