//! The public screening contract (v1): given a household, events, answers and a day,
//! which procedures apply, why, by when, and what must still be asked. The types and
//! the request parser live here; the rules are data, compiled and evaluated by
//! [`crate::rules`]. A pure function of the request and the rule set — no database, no
//! clock.

mod contract;
mod phrase;

pub use contract::{
    parse_request, validate, Benefit, ContractError, Event, EventType, Household, Insurance,
    Member, NotApplicable, ProcedureResult, Question, Relationship, Request, ScreeningResult, Sex,
};
pub use phrase::{Phrase, PhraseArg, HONORIFIC};

use chrono::NaiveDate;

/// Screens a request with the rule set shipped in the repository.
pub fn screen(request: &Request) -> Result<ScreeningResult, ContractError> {
    crate::rules::bundled().screen(request)
}

/// A date as residents read it: 2026年11月20日.
pub fn ja_date(d: NaiveDate) -> String {
    d.format("%Y年%-m月%-d日").to_string()
}
