//! The public navigator (`/`): a household as a visitor describes it becomes a request
//! of the public screening contract, screened by the rules in force today. Nothing is
//! read from the registry and nothing about the visitor is stored or logged; the only
//! read is the city's departments (where each procedure is handled).

use super::visits::{departments, views};
use super::LiveRules;
use chrono::NaiveDate;
use madoguchi_core::navigator::Sketch;
use madoguchi_core::rules::Options;
use madoguchi_core::screening::{Request, ScreeningResult};
use madoguchi_types::error::AppError;
use madoguchi_types::model::public::Guidance;
use sea_orm::ConnectionTrait;

/// Screens `sketch` for `today`: every field that is wrong (the same checks as the
/// browser), or the guidance.
pub async fn guide<C: ConnectionTrait>(
    db: &C,
    rules: &LiveRules,
    sketch: &Sketch,
    today: NaiveDate,
) -> Result<Guidance, AppError> {
    let (_, result) = screen(rules, sketch, today)?;
    let departments = departments(db).await?;
    Ok(Guidance {
        procedures: views(&result, &departments),
        ruleset: result.ruleset,
        questions: result.questions,
        not_applicable: result.not_applicable,
    })
}

/// The sketch as a request of the contract, and what the rules in force decide for it.
pub(crate) fn screen(
    rules: &LiveRules,
    sketch: &Sketch,
    today: NaiveDate,
) -> Result<(Request, ScreeningResult), AppError> {
    let request = sketch
        .request(today)
        .map_err(|fields| AppError::InvalidInput { fields })?;
    madoguchi_core::screening::validate(&request)
        .map_err(|e| AppError::Screening { message: e.message })?;
    let result = rules
        .for_request(&request)
        .screen_with(
            &request,
            Options {
                labels: None,
                explain: false,
            },
        )
        .map_err(|e| AppError::Screening { message: e.message })?;
    Ok((request, result))
}
