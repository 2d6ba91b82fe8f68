//! The wizard's calls to the server, by where it runs: the counter's functions (a staff
//! member's session) or the resident's own (signed in online). The steps are the same.

use super::state::Channel;
use crate::api::{counter, resident};
use crate::error::AppError;
use crate::model::{Receipt, SavedDraft, SubmitVisit, VisitInput, VisitScreening};

pub async fn screen(channel: Channel, input: VisitInput) -> Result<VisitScreening, AppError> {
    match channel {
        Channel::Counter => counter::screen_visit(input).await,
        Channel::Online => resident::screen_application(input).await,
    }
}

pub async fn save_draft(channel: Channel, draft: SavedDraft) -> Result<(), AppError> {
    match channel {
        Channel::Counter => counter::save_draft(draft).await,
        Channel::Online => resident::save_application(draft).await,
    }
}

pub async fn record_consent(
    channel: Channel,
    visit_number: String,
    granted: bool,
) -> Result<(), AppError> {
    match channel {
        Channel::Counter => counter::record_consent(visit_number, granted).await,
        Channel::Online => resident::application_consent(visit_number, granted).await,
    }
}

pub async fn submit(channel: Channel, input: SubmitVisit) -> Result<Receipt, AppError> {
    match channel {
        Channel::Counter => counter::submit_visit(input).await,
        Channel::Online => resident::submit_application(input).await,
    }
}

/// Ends the visit unfinished: closed at the counter, thrown away online.
pub async fn end(channel: Channel, visit_number: String) -> Result<(), AppError> {
    match channel {
        Channel::Counter => counter::end_visit(visit_number).await,
        Channel::Online => resident::discard_application(visit_number).await,
    }
}
