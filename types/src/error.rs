//! The one error type of the server-function boundary. Variants are stable codes the UI
//! translates; database and unexpected errors are logged on the server and reach the
//! browser only as `internal`, never as a raw message.

use madoguchi_core::forms::FieldError;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum AppError {
    /// No valid staff session: sign in first.
    #[error("unauthenticated")]
    Unauthenticated,
    /// Username or password wrong (deliberately not saying which).
    #[error("invalid_credentials")]
    InvalidCredentials,
    /// Signed in, but this role may not do this.
    #[error("forbidden")]
    Forbidden,
    /// Nothing found (or nothing this caller may see — the two are not told apart).
    #[error("not_found")]
    NotFound,
    /// The visit was already submitted or ended.
    #[error("visit_closed")]
    VisitClosed,
    /// Input rejected; each error sits next to its field.
    #[error("invalid_input")]
    InvalidInput { fields: Vec<FieldError> },
    /// The rules refused the request (e.g. an event they do not cover yet).
    #[error("screening_failed")]
    Screening { message: String },
    /// A rule set edit that does not compile, or whose rule tests fail; nothing was
    /// saved or published. Each error names the file, line and what to fix.
    #[error("invalid_rules")]
    InvalidRules {
        errors: Vec<madoguchi_core::rules::RuleError>,
    },
    /// Too many failed attempts: wait this many seconds (or ask an administrator to
    /// unlock the account).
    #[error("too_many_attempts")]
    TooManyAttempts { retry_after: u32 },
    /// A second-factor code that is wrong, expired or already used.
    #[error("invalid_code")]
    InvalidCode,
    /// A passkey that did not verify (another user's, a cancelled prompt, a stale
    /// challenge).
    #[error("passkey_failed")]
    PasskeyFailed,
    /// A new password the policy refuses.
    #[error("password_rejected")]
    PasswordRejected { problem: PasswordProblem },
    /// Four eyes: the administrator who drafted or put up a rule set cannot approve it.
    #[error("four_eyes")]
    FourEyes,
    /// The request conflicts with the current state (e.g. the last administrator
    /// cannot be disabled); the reason is a code of its own, translated by the page.
    #[error("conflict")]
    Conflict { reason: ConflictReason },
    /// Anything else; details are in the server log.
    #[error("internal")]
    Internal,
    /// The request never reached our code (network, encoding).
    #[error("transport")]
    Transport { message: String },
}

/// Why a request conflicts with the current state: a stable code (`reason.kind` in the
/// JSON), with what the message names.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ConflictReason {
    /// An administrator needs a passkey: the last one cannot be removed.
    LastPasskey,
    /// No other active account could manage staff.
    LastStaffAdmin,
    /// Administrators cannot disable their own account.
    OwnAccount,
    /// Only a proposed release can be merged.
    NotAProposal,
    /// A file of a merge still has conflicts nobody chose a side for.
    Unresolved { path: String, count: u32 },
    /// A rule set version of this name exists.
    VersionExists { version: String },
    /// Only a draft (or returned) version can be put up for approval.
    NotADraft,
    /// Only a version put up for approval can be approved.
    NotPendingApproval,
    /// Only a version put up for approval can be returned.
    NotPendingReturn,
    /// Only a version once published can be rolled back to.
    NeverPublished,
    /// An application's status cannot go from `from` to `to` (完了 → 受付, say).
    StatusOrder { from: String, to: String },
    /// The application changed since the caller saw it (now `status`): look again.
    ChangedMeanwhile { status: String },
}

impl ConflictReason {
    /// The reason's code (`kind`), its message's key below `app_errors.conflict.`.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::LastPasskey => "last_passkey",
            Self::LastStaffAdmin => "last_staff_admin",
            Self::OwnAccount => "own_account",
            Self::NotAProposal => "not_a_proposal",
            Self::Unresolved { .. } => "unresolved",
            Self::VersionExists { .. } => "version_exists",
            Self::NotADraft => "not_a_draft",
            Self::NotPendingApproval => "not_pending_approval",
            Self::NotPendingReturn => "not_pending_return",
            Self::NeverPublished => "never_published",
            Self::StatusOrder { .. } => "status_order",
            Self::ChangedMeanwhile { .. } => "changed_meanwhile",
        }
    }

    /// What the message names, by placeholder.
    pub fn args(&self) -> Vec<(&'static str, String)> {
        match self {
            Self::Unresolved { path, count } => {
                vec![("path", path.clone()), ("n", count.to_string())]
            }
            Self::VersionExists { version } => vec![("version", version.clone())],
            _ => vec![],
        }
    }

    pub fn message_ja(&self) -> String {
        match self {
            Self::LastPasskey => {
                "管理者はパスキーが必要なため、最後のパスキーは削除できません".into()
            }
            Self::LastStaffAdmin => "職員を管理できる有効なアカウントが、ほかにありません".into(),
            Self::OwnAccount => "自分のアカウントは無効にできません".into(),
            Self::NotAProposal => "リリースの提案だけを統合できます".into(),
            Self::Unresolved { path, count } => {
                format!("{path} の衝突 {count} か所のうち、解決されていないものがあります")
            }
            Self::VersionExists { version } => format!("版 {version} はすでにあります"),
            Self::NotADraft => "下書きの版だけ公開を依頼できます".into(),
            Self::NotPendingApproval => "公開の依頼が出ている版だけ承認できます".into(),
            Self::NotPendingReturn => "公開の依頼が出ている版だけ差し戻せます".into(),
            Self::NeverPublished => "公開したことのある版にだけ戻せます".into(),
            Self::StatusOrder { .. } => "この申請は、今の状態からその状態にはできません".into(),
            Self::ChangedMeanwhile { .. } => {
                "ほかの職員がこの申請を先に更新しました。表示を読み込み直して確かめてください"
                    .into()
            }
        }
    }
}

/// Why a new password was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PasswordProblem {
    TooShort,
    TooLong,
    /// A common password, alone or with digits and symbols around it.
    Common,
    ContainsUsername,
    /// The same as the current one.
    Unchanged,
}

impl PasswordProblem {
    pub fn message_ja(self) -> &'static str {
        match self {
            Self::TooShort => "パスワードは12文字以上にしてください",
            Self::TooLong => "パスワードは128文字以下にしてください",
            Self::Common => "よく使われていて推測されやすいパスワードです。別のものにしてください",
            Self::ContainsUsername => "ユーザー名を含まないパスワードにしてください",
            Self::Unchanged => "今と違うパスワードにしてください",
        }
    }
}

#[cfg(feature = "server-fn")]
impl server_fn::error::FromServerFnError for AppError {
    type Encoder = server_fn::codec::JsonEncoding;

    fn from_server_fn_error(value: server_fn::error::ServerFnErrorErr) -> Self {
        AppError::Transport {
            message: value.to_string(),
        }
    }
}

impl AppError {
    pub fn field(field: &str, error: madoguchi_core::jp::ValueError) -> Self {
        AppError::InvalidInput {
            fields: vec![FieldError {
                field: field.into(),
                error,
            }],
        }
    }

    /// The HTTP status the error is answered with: a user's mistake or a denial is a
    /// 4xx with its code, only the unexpected is a 500 (so monitoring can tell an
    /// attack from a fault).
    pub fn status(&self) -> u16 {
        match self {
            Self::Unauthenticated
            | Self::InvalidCredentials
            | Self::InvalidCode
            | Self::PasskeyFailed => 401,
            Self::Forbidden | Self::FourEyes => 403,
            Self::NotFound => 404,
            Self::VisitClosed | Self::Conflict { .. } => 409,
            Self::InvalidInput { .. }
            | Self::Screening { .. }
            | Self::InvalidRules { .. }
            | Self::PasswordRejected { .. } => 422,
            Self::TooManyAttempts { .. } => 429,
            Self::Transport { .. } => 400,
            Self::Internal => 500,
        }
    }

    /// What staff or the resident read, in plain Japanese.
    pub fn message_ja(&self) -> String {
        match self {
            Self::Unauthenticated => "サインインしてください".into(),
            Self::InvalidCredentials => "ユーザー名またはパスワードが違います".into(),
            Self::Forbidden => "この操作はできません".into(),
            Self::FourEyes => {
                "自分で作った版や公開を依頼した版は承認できません。別の管理者が確認して承認します".into()
            }
            Self::NotFound => "見つかりませんでした".into(),
            Self::VisitClosed => {
                "この受付はすでに終わっています。最初からやり直してください".into()
            }
            Self::InvalidInput { .. } => "入力内容を確認してください".into(),
            Self::Screening { .. } => "手続きを判定できませんでした。職員にお知らせください".into(),
            Self::InvalidRules { .. } => {
                "規則に誤りがあるため保存していません。下の一覧を直してください".into()
            }
            Self::TooManyAttempts { retry_after } => format!(
                "失敗が続いたため、しばらく使えません。{}後にもう一度お試しください (お急ぎのときは管理者に解除を依頼してください)",
                wait_ja(*retry_after)
            ),
            Self::InvalidCode => "確認コードが違うか、すでに使われています".into(),
            Self::PasskeyFailed => "パスキーで確認できませんでした。もう一度お試しください".into(),
            Self::PasswordRejected { problem } => problem.message_ja().into(),
            Self::Conflict { reason } => reason.message_ja(),
            Self::Internal => "システムでエラーが起きました。職員にお知らせください".into(),
            Self::Transport { .. } => "通信できませんでした。もう一度お試しください".into(),
        }
    }

    /// The error for one field, if the server put it there.
    pub fn field_error(&self, field: &str) -> Option<&'static str> {
        match self {
            Self::InvalidInput { fields } => fields
                .iter()
                .find(|f| f.field == field)
                .map(|f| f.error.message_ja()),
            _ => None,
        }
    }
}

fn wait_ja(seconds: u32) -> String {
    if seconds < 60 {
        format!("{seconds}秒")
    } else {
        format!("{}分", seconds.div_ceil(60))
    }
}

#[cfg(feature = "db")]
impl From<sea_orm::DbErr> for AppError {
    fn from(e: sea_orm::DbErr) -> Self {
        tracing::error!(error = %e, "database error");
        AppError::Internal
    }
}
