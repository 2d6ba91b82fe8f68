//! Madoguchi's pure logic: Japanese value types, the ways Japanese law counts age and
//! dates, the public screening contract (v1) and the rule engine behind it, and the
//! interview fields the counter asks. No I/O here: this crate compiles for the browser
//! and the server alike, so both reject bad input with the same words.

pub mod age;
pub mod attachment;
pub mod audit;
pub mod diff;
pub mod export;
pub mod extract;
pub mod forms;
pub mod jp;
pub mod lang;
pub mod navigator;
pub mod pre_entry;
pub mod rules;
pub mod screening;
pub mod workflow;
