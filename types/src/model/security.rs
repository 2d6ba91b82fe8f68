//! Who may do what, and the steps of signing in: the types the browser and the server
//! share. The server decides every permission itself (from the `role_permissions`
//! table); the browser only uses them to choose what to show.

use serde::{Deserialize, Serialize};

/// A permission the code checks. The ids are rows of the `permissions` table, granted
/// to roles in `role_permissions`; a test keeps the two in step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Permission {
    /// Run the counter: find households, screen, submit, print the receipt.
    #[serde(rename = "counter.run")]
    CounterRun,
    /// Read (and print) the applications of one's own department.
    #[serde(rename = "queue.read")]
    QueueRead,
    /// Read (and print) the applications of every department.
    #[serde(rename = "queue.read_all")]
    QueueReadAll,
    /// Review and process applications.
    #[serde(rename = "application.process")]
    ApplicationProcess,
    /// List households eligible for a benefit they do not receive.
    #[serde(rename = "outreach.run")]
    OutreachRun,
    /// Edit the rule set and preview an edit's impact.
    #[serde(rename = "rules.edit")]
    RulesEdit,
    /// Publish a rule set version.
    #[serde(rename = "rules.publish")]
    RulesPublish,
    /// Manage staff accounts, their roles, sessions and the departments.
    #[serde(rename = "staff.manage")]
    StaffManage,
    /// Read and export the audit log.
    #[serde(rename = "audit.read")]
    AuditRead,
    /// Manage the business systems' API keys and webhook subscriptions.
    #[serde(rename = "integration.manage")]
    IntegrationManage,
}

impl Permission {
    pub const ALL: [Permission; 10] = [
        Self::CounterRun,
        Self::QueueRead,
        Self::QueueReadAll,
        Self::ApplicationProcess,
        Self::OutreachRun,
        Self::RulesEdit,
        Self::RulesPublish,
        Self::StaffManage,
        Self::AuditRead,
        Self::IntegrationManage,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Self::CounterRun => "counter.run",
            Self::QueueRead => "queue.read",
            Self::QueueReadAll => "queue.read_all",
            Self::ApplicationProcess => "application.process",
            Self::OutreachRun => "outreach.run",
            Self::RulesEdit => "rules.edit",
            Self::RulesPublish => "rules.publish",
            Self::StaffManage => "staff.manage",
            Self::AuditRead => "audit.read",
            Self::IntegrationManage => "integration.manage",
        }
    }

    pub fn from_id(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.id() == s)
    }
}

/// Where a signed-in session stands. Only a `Full` session may use the system; the
/// others may only take their next step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SessionState {
    /// The password was right; a second factor (TOTP, recovery code or passkey) is due.
    SecondFactor,
    /// An administrator reset the password: choose a new one.
    ChangePassword,
    /// No second factor yet: enrol one (a passkey, where the city requires it).
    Enrol,
    /// Signed in.
    Full,
}

impl SessionState {
    pub fn id(self) -> &'static str {
        match self {
            Self::SecondFactor => "second_factor",
            Self::ChangePassword => "change_password",
            Self::Enrol => "enrol",
            Self::Full => "full",
        }
    }

    pub fn from_id(s: &str) -> Option<Self> {
        [
            Self::SecondFactor,
            Self::ChangePassword,
            Self::Enrol,
            Self::Full,
        ]
        .into_iter()
        .find(|x| x.id() == s)
    }
}

/// The signed-in staff member, as the browser sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaffMe {
    pub id: i32,
    pub username: String,
    pub display_name: String,
    /// Role ids (`counter`, `department`, …), from `staff_user_roles`.
    pub roles: Vec<String>,
    /// Everything those roles grant, from `role_permissions`.
    pub permissions: Vec<Permission>,
    pub department_id: Option<String>,
    pub department_name: Option<String>,
    /// Anything but `Full` means the sign-in is not finished.
    pub state: SessionState,
    /// For `Enrol`: only a passkey will do (administrators, by default).
    pub passkey_required: bool,
}

impl StaffMe {
    pub fn can(&self, p: Permission) -> bool {
        self.state == SessionState::Full && self.permissions.contains(&p)
    }

    /// The first page for this staff member after signing in.
    pub fn home(&self) -> &'static str {
        [
            (Permission::CounterRun, "/counter"),
            (Permission::QueueRead, "/staff"),
            (Permission::QueueReadAll, "/staff"),
            (Permission::RulesEdit, "/admin/rules"),
            (Permission::StaffManage, "/admin/staff"),
            (Permission::AuditRead, "/admin/audit"),
        ]
        .into_iter()
        .find(|(p, _)| self.can(*p))
        .map_or("/office", |(_, page)| page)
    }
}

/// A TOTP enrolment in progress: the secret as text and as a QR code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TotpEnrolment {
    /// Base32, for typing into an authenticator app.
    pub secret: String,
    /// The `otpauth://` URI the QR code holds.
    pub uri: String,
    /// The QR code's modules, row by row (`true` is dark).
    pub qr: Vec<Vec<bool>>,
}

/// One of a staff member's second factors, as listed to them and to administrators.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FactorSummary {
    pub totp: bool,
    pub passkeys: Vec<PasskeySummary>,
    pub recovery_codes_left: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasskeySummary {
    pub id: i32,
    pub name: String,
    pub created_at: String,
    pub last_used_at: Option<String>,
}
