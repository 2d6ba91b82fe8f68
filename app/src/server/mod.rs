//! Server-only code (the `ssr` feature): database access in services that take a
//! `&DatabaseConnection`, the application state, and the helpers server functions use
//! to find the caller. Nothing here is compiled into the browser.

pub mod audit;
pub mod auth;
pub mod catalog;
pub mod context;
pub mod db;
pub mod demo;
pub mod documents;
pub mod entities;
pub mod outreach;
pub mod permissions;
pub mod population;
pub mod queue;
pub mod registry;
pub mod rule_params;
pub mod rules;
pub mod rules_admin;
pub mod staff;
pub mod state;
pub mod visits;
pub mod workflow;

pub use rules::LiveRules;
pub use state::{AppState, Clock};
