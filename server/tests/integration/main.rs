//! The integration suite: real migrations on a real database per test. SQLite by
//! default; set `MADOGUCHI_TEST_BACKEND=postgres` and `MADOGUCHI_TEST_PG_URL` to run the
//! same tests on PostgreSQL (each test then gets its own fresh database).

mod api_v1;
mod attachments;
mod audit;
mod auth;
mod backup;
mod cli;
mod common;
mod counter;
mod demo;
mod drafts;
mod events;
mod exports;
mod http;
mod import;
mod matrix;
mod my_applications;
mod navigator;
mod notices;
mod online;
mod online_apply;
mod pages;
mod pre_entry;
mod queue;
mod records;
mod rules;
mod smtp_sink;
mod staff;
mod upgrade;
mod web;
mod webhooks;
mod workflow;
