//! Madoguchi's web application: the counter tablet (`/counter`), the department queue
//! (`/staff`) and staff sign-in (`/login`). Components live in `ui`, server functions in
//! `api`, and server-only services in `server` (the `ssr` feature).

#![recursion_limit = "256"]

pub mod api;
pub mod error;
pub mod model;
#[cfg(feature = "ssr")]
pub mod server;
pub mod ui;

pub use ui::App;
