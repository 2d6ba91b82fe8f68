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
    /// `draft` or `published`.
    pub status: String,
    pub note: String,
    pub created_by: String,
    pub created_at: DateTimeUtc,
    pub published_by: Option<String>,
    pub published_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
