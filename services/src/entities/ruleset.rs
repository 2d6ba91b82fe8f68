//! The `rulesets` table: every version of the rule set, drafts included.

use sea_orm::entity::prelude::*;

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel)]
#[sea_orm(table_name = "rulesets")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub version: String,
    /// The version this one was edited from.
    pub based_on: Option<String>,
    /// The rule files as a JSON object: path → TOML text.
    pub files: String,
    /// `draft`, `pending` (put up for publication, awaiting a second administrator),
    /// `returned` (with `review_note`), `published`, or `proposed` (a release's rules
    /// not yet merged and reviewed).
    pub status: String,
    pub note: String,
    pub created_by: String,
    pub created_at: DateTimeUtc,
    pub published_by: Option<String>,
    pub published_at: Option<DateTimeUtc>,
    /// The day a published version takes over (for pending ones: the day asked for).
    pub effective_from: Option<Date>,
    /// `as_of`: every screening on or after `effective_from` uses it; `event_date`:
    /// events dated before it keep the version in force before (the law's 経過措置).
    pub transition: String,
    /// Who put the draft up for publication, and when.
    pub requested_by: Option<String>,
    pub requested_at: Option<DateTimeUtc>,
    /// Why a reviewer returned it.
    pub review_note: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
