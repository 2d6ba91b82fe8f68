//! Madoguchi's services: database access in functions that take a `&DatabaseConnection`
//! (or a transaction), the application state, sign-in and sessions, permissions, the
//! audit log, visits, the department workflow and queue, rule releases. They know
//! nothing of Leptos or of HTTP frameworks: the app's server functions and the
//! integration API are thin callers that check the caller's permission first. Errors
//! are `madoguchi_types::error::AppError`, whose variants are the stable codes.

pub mod audit;
pub mod auth;
pub mod db;
pub mod demo;
pub mod entities;
pub mod import;
pub mod integration;
pub mod navigator;
pub mod online;
pub mod outreach;
pub mod permissions;
pub mod population;
pub mod pre_entry;
pub mod queue;
pub mod registry;
pub mod rule_params;
pub mod rules;
pub mod rules_admin;
pub mod secret_file;
pub mod staff;
pub mod state;
pub mod time;
pub mod visits;
pub mod workflow;

pub use rules::LiveRules;
pub use state::{AppState, Clock};
