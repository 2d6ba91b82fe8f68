//! SeaORM entities, one file per table (the schema itself lives in the `migrations` crate).

pub mod answer;
pub mod application;
pub mod application_event;
pub mod audit_entry;
pub mod care_certification;
pub mod child_allowance_recipient;
pub mod consent;
pub mod department;
pub mod employment_fact;
pub mod household;
pub mod insurance_membership;
pub mod property_ownership;
pub mod resident;
pub mod ruleset;
pub mod staff_session;
pub mod staff_user;
pub mod tax_income;
pub mod visit;
pub mod visit_draft;
pub mod visit_signature;
