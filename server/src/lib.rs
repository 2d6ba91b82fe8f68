//! The server side of Madoguchi: the HTTP router (`http`) and the command line (`cli`).
//! `main` and the integration tests both build the app through `http::app`.

pub mod cli;
pub mod http;
pub mod mail;
