//! The public screening contract (v1) and the engine behind it: given a household,
//! events, answers and a day, which procedures apply, why, by when, and what must still
//! be asked. A pure function of the request and the rule set — no database, no clock.

mod catalog;
mod child_allowance;
mod contract;
mod engine;
mod facts;
mod tri;

pub use catalog::{
    department, procedure, Department, Procedure, DEPARTMENTS, PROCEDURES, RULESET_VERSION,
};
pub use contract::{
    parse_request, Benefit, ContractError, Event, EventType, Household, Insurance, Member,
    ProcedureResult, Question, Relationship, Request, ScreeningResult, Sex,
};
pub use engine::{screen, screen_with_labels};
