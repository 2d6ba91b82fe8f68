//! The one error type of the server-function boundary. Variants are stable codes the UI
//! translates; database and unexpected errors are logged on the server and reach the
//! browser only as `internal`, never as a raw message.

use madoguchi_core::forms::FieldError;
use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};

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
    /// Anything else; details are in the server log.
    #[error("internal")]
    Internal,
    /// The request never reached our code (network, encoding).
    #[error("transport")]
    Transport { message: String },
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
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

    /// What staff or the resident read, in plain Japanese.
    pub fn message_ja(&self) -> String {
        match self {
            Self::Unauthenticated => "サインインしてください".into(),
            Self::InvalidCredentials => "ユーザー名またはパスワードが違います".into(),
            Self::Forbidden => "この操作はできません".into(),
            Self::NotFound => "見つかりませんでした".into(),
            Self::VisitClosed => {
                "この受付はすでに終わっています。最初からやり直してください".into()
            }
            Self::InvalidInput { .. } => "入力内容を確認してください".into(),
            Self::Screening { .. } => "手続きを判定できませんでした。職員にお知らせください".into(),
            Self::InvalidRules { .. } => {
                "規則に誤りがあるため保存していません。下の一覧を直してください".into()
            }
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

#[cfg(feature = "ssr")]
impl From<sea_orm::DbErr> for AppError {
    fn from(e: sea_orm::DbErr) -> Self {
        tracing::error!(error = %e, "database error");
        AppError::Internal
    }
}
