//! Server functions, one per file, grouped by area. Each is thin: it finds the caller,
//! checks the caller's role on the server, and calls a service in `crate::server`.

pub mod admin;
pub mod auth;
pub mod counter;
pub mod staff;

/// Every server function's type, so the server registers each one explicitly (the
/// linker may otherwise drop their automatic registration) and tests can walk the list.
#[cfg(feature = "ssr")]
pub fn register_all() {
    use server_fn::axum::register_explicit;
    register_explicit::<auth::SignIn>();
    register_explicit::<auth::SignOut>();
    register_explicit::<auth::CurrentStaff>();
    register_explicit::<counter::StartVisit>();
    register_explicit::<counter::FindHousehold>();
    register_explicit::<counter::KioskSettingsFn>();
    register_explicit::<counter::ScreenVisit>();
    register_explicit::<counter::SubmitVisit>();
    register_explicit::<counter::SaveDraft>();
    register_explicit::<counter::ResumableVisit>();
    register_explicit::<counter::ResumeVisit>();
    register_explicit::<counter::EndVisit>();
    register_explicit::<counter::RecordConsent>();
    register_explicit::<counter::RecordSurvey>();
    register_explicit::<staff::ListApplications>();
    register_explicit::<staff::GetApplication>();
    register_explicit::<admin::RulesOverview>();
    register_explicit::<admin::RuleFiles>();
    register_explicit::<admin::CheckRules>();
    register_explicit::<admin::EditParam>();
    register_explicit::<admin::SaveRules>();
    register_explicit::<admin::PublishRules>();
    register_explicit::<admin::RunOutreach>();
}
