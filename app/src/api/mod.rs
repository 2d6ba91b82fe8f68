//! Server functions, one per file, grouped by area. Each is thin: it names the
//! permission it needs (`context::staff_with`), and calls a service in `crate::server`.
//! `server_fns()` lists every function with the access the HTTP layer enforces before
//! the function runs — default deny: a function not listed is never reachable.

pub mod admin;
pub mod audit;
pub mod auth;
pub mod catalog;
pub mod counter;
pub mod public;
pub mod resident;
pub mod staff;

use crate::model::Permission;

/// Who may call a server function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone: signing in, asking who is signed in, signing out.
    Public,
    /// A session in any state: the steps of signing in (second factor, enrolment,
    /// password change) and managing one's own factors.
    Session,
    /// A finished sign-in whose roles grant this permission.
    Permission(Permission),
    /// A resident signed in online (a staff session is never one).
    Resident,
}

/// Every server function's path and access. Registers each one explicitly (the linker
/// may otherwise drop their automatic registration); the HTTP layer enforces the
/// access and the permission matrix test walks this list.
#[cfg(feature = "ssr")]
pub fn server_fns() -> Vec<(&'static str, Access)> {
    use server_fn::ServerFn;
    use Access::{Permission as P, Public, Resident, Session};
    use Permission::*;
    macro_rules! fns {
        ($($f:ty => $access:expr),* $(,)?) => {
            vec![$({
                server_fn::axum::register_explicit::<$f>();
                (<$f as ServerFn>::PATH, $access)
            }),*]
        };
    }
    fns![
        auth::SignIn => Public,
        auth::SignOut => Public,
        auth::CurrentStaff => Public,
        auth::PasskeySignInStart => Public,
        auth::PasskeySignInFinish => Public,
        auth::VerifyCode => Session,
        auth::PasskeyVerifyStart => Session,
        auth::PasskeyVerifyFinish => Session,
        auth::ChangePassword => Session,
        auth::TotpEnrolStart => Session,
        auth::TotpEnrolConfirm => Session,
        auth::PasskeyRegisterStart => Session,
        auth::PasskeyRegisterFinish => Session,
        auth::MyFactors => Session,
        auth::RemovePasskey => Session,
        auth::RenewRecoveryCodes => Session,
        catalog::ReportGap => Session,
        public::Guide => Public,
        public::PreEntryFormFn => Public,
        public::CreatePreEntry => Public,
        resident::OnlineStatusFn => Public,
        resident::ResidentSignOut => Public,
        resident::StartApplication => Resident,
        resident::ScreenApplication => Resident,
        resident::SaveApplication => Resident,
        resident::ApplicationConsent => Resident,
        resident::SubmitApplication => Resident,
        resident::DiscardApplication => Resident,
        resident::ApplicationAttachments => Resident,
        resident::RemoveAttachment => Resident,
        resident::RemoveReturnedAttachment => Resident,
        resident::MyApplications => Resident,
        resident::ApplicationCorrection => Resident,
        resident::ResubmitApplication => Resident,
        resident::SetNoticeAddress => Resident,
        resident::ConfirmNoticeAddress => Resident,
        resident::RemoveNoticeAddress => Resident,
        counter::StartVisit => P(CounterRun),
        counter::FindHousehold => P(CounterRun),
        counter::KioskSettingsFn => P(CounterRun),
        counter::ScreenVisit => P(CounterRun),
        counter::SubmitVisit => P(CounterRun),
        counter::SaveDraft => P(CounterRun),
        counter::ResumableVisit => P(CounterRun),
        counter::ResumeVisit => P(CounterRun),
        counter::EndVisit => P(CounterRun),
        counter::RecordConsent => P(CounterRun),
        counter::RecordSurvey => P(CounterRun),
        counter::TakePreEntry => P(CounterRun),
        staff::ListApplications => P(QueueRead),
        staff::GetApplication => P(QueueRead),
        staff::ChangeStatus => P(ApplicationProcess),
        staff::AssignApplication => P(ApplicationProcess),
        staff::CommentApplication => P(ApplicationProcess),
        admin::RulesOverview => P(RulesEdit),
        admin::RuleFiles => P(RulesEdit),
        admin::CheckRules => P(RulesEdit),
        admin::EditParam => P(RulesEdit),
        admin::SaveRules => P(RulesEdit),
        admin::RequestPublication => P(RulesEdit),
        admin::RollbackRules => P(RulesEdit),
        admin::MergeRelease => P(RulesEdit),
        admin::SaveMerge => P(RulesEdit),
        admin::ReviewRules => P(RulesPublish),
        admin::ApproveRules => P(RulesPublish),
        admin::ReturnRules => P(RulesPublish),
        admin::RunOutreach => P(OutreachRun),
        admin::StaffOverviewFn => P(StaffManage),
        admin::CreateStaff => P(StaffManage),
        admin::UpdateStaff => P(StaffManage),
        admin::ActOnStaff => P(StaffManage),
        admin::EndStaffSession => P(StaffManage),
        admin::SaveDepartment => P(StaffManage),
        admin::IntegrationOverviewFn => P(IntegrationManage),
        admin::CreateApiKey => P(IntegrationManage),
        admin::RevokeApiKey => P(IntegrationManage),
        admin::WebhooksOverviewFn => P(IntegrationManage),
        admin::SubscribeWebhook => P(IntegrationManage),
        admin::UnsubscribeWebhook => P(IntegrationManage),
        admin::ReplayDelivery => P(IntegrationManage),
        audit::SearchAudit => P(AuditRead),
        audit::VerifyAudit => P(AuditRead),
    ]
}
