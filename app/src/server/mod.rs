//! The server side of the Leptos app (the `ssr` feature): what server functions need of
//! their request (`context`), and the texts the server prints from the app's message
//! catalog (`catalog`, `documents`). The services themselves are `madoguchi_services`
//! (database, sign-in, audit, workflow; no Leptos), re-exported here so a server
//! function names one place. Nothing here is compiled into the browser.

pub mod catalog;
pub mod context;
pub mod documents;

pub use madoguchi_services::*;
