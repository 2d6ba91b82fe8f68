//! Madoguchi's web application: the counter tablet (`/counter`), the department queue
//! (`/staff`) and staff sign-in (`/login`). Components live in `ui`, server functions in
//! `api`; on the server (the `ssr` feature) `server` holds what ties server functions to
//! their request and the catalog, and re-exports the services (`madoguchi_services`, no
//! Leptos). The screens' data and the error type are `madoguchi_types`.

#![recursion_limit = "256"]

pub mod api;
pub use madoguchi_types::{error, model};
#[cfg(feature = "ssr")]
pub mod server;
pub mod ui;

pub use ui::App;
