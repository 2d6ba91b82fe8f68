//! E-mail notices to a resident who applied online, when the city has an SMTP server
//! (`MailSettings`). The resident gives an address on their page; it is used only once
//! they have typed the six-digit code sent to it (a mistyped address never receives
//! anything about them). Then each change of status of their online applications queues
//! a notice, in the same transaction as the change. A notice says only that something
//! changed and where to look — never the procedure, the reason or a name: an e-mail can
//! be read on its way.
//!
//! Notices wait in `notices` and are sent by the [`Sender`], like the webhook relay:
//! claimed under a lease (`FOR UPDATE SKIP LOCKED` on PostgreSQL), tried again with a
//! backoff while the SMTP server refuses or is away, and given up after
//! `max_attempts`. Their text is written by the caller's [`Compose`] (the server's,
//! from the message catalog), in the language the resident chose.

use crate::audit::{self, Audit};
use crate::db::begin_write;
use crate::entities::{application, notice, resident_account, visit};
use crate::integration::relay::{backoff, RelaySettings};
use chrono::{DateTime, Duration, Utc};
use madoguchi_core::audit::hex;
use madoguchi_core::jp::ValueError;
use madoguchi_core::lang::Lang;
use madoguchi_types::error::AppError;
use sea_orm::sea_query::{Expr, LockBehavior, LockType};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, Set,
};
use sha2::{Digest, Sha256};

/// How long a code sent may be typed, and how many wrong tries it allows.
pub const CODE_MINUTES: i64 = 30;
pub const CODE_TRIES: i32 = 5;

/// The city's SMTP server and what its mail says of the city.
#[derive(Debug, Clone)]
pub struct MailSettings {
    /// `smtp://host:port` (unencrypted: a relay on the city's own network),
    /// `smtp://user:pass@host:587?tls=required` (STARTTLS) or `smtps://…:465`.
    pub url: String,
    /// The sender, `星ヶ丘市 <noreply@city.example.jp>`.
    pub from: String,
    /// Where the resident's page is, for the notice's link (`https://…/my`).
    pub my_page: String,
}

/// Checks an address as typed: one `@`, a local part and a domain with a dot, no
/// spaces, at most 254 characters. Gives it trimmed, its domain in lower case.
pub fn check_address(input: &str) -> Result<String, ValueError> {
    let s = input.trim();
    if s.is_empty() {
        return Err(ValueError::Required);
    }
    if s.chars().count() > 254 {
        return Err(ValueError::TooLong);
    }
    let Some((local, domain)) = s.split_once('@') else {
        return Err(ValueError::InvalidEmail);
    };
    let ok_local = !local.is_empty()
        && local.len() <= 64
        && !local.starts_with('.')
        && !local.ends_with('.')
        && local
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c));
    let labels: Vec<&str> = domain.split('.').collect();
    let ok_domain = labels.len() >= 2
        && labels.iter().all(|l| {
            !l.is_empty()
                && l.len() <= 63
                && !l.starts_with('-')
                && !l.ends_with('-')
                && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
        });
    if !ok_local || !ok_domain {
        return Err(ValueError::InvalidEmail);
    }
    Ok(format!("{local}@{}", domain.to_ascii_lowercase()))
}

fn hash(code: &str) -> String {
    hex(&Sha256::digest(code.as_bytes()))
}

/// Six random digits.
fn new_code() -> Result<String, AppError> {
    let mut b = [0u8; 4];
    getrandom::fill(&mut b).map_err(|_| AppError::Internal)?;
    Ok(format!("{:06}", u32::from_le_bytes(b) % 1_000_000))
}

fn entry(action: &'static str, outcome: &'static str, account: i32) -> Audit<'static> {
    Audit {
        staff_user_id: None,
        action,
        target: format!("resident_account:{account}"),
        household_id: None,
        resident_id: None,
        purpose: "online_application",
        outcome,
    }
}

/// Takes the address the resident typed (replacing any before it, which stops being
/// used at once) and queues the code to confirm it, in `lang`.
pub async fn set_address(
    db: &DatabaseConnection,
    account: &resident_account::Model,
    address: &str,
    lang: Lang,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<(), AppError> {
    let address = check_address(address).map_err(|e| AppError::field("email", e))?;
    let code = new_code()?;
    let txn = begin_write(db).await?;
    resident_account::ActiveModel {
        email: Set(Some(address.clone())),
        email_lang: Set(Some(lang.code().to_owned())),
        email_confirmed_at: Set(None),
        email_code_hash: Set(Some(hash(&code))),
        email_code_expires_at: Set(Some(now + Duration::minutes(CODE_MINUTES))),
        email_code_attempts: Set(0),
        ..account.clone().into()
    }
    .update(&txn)
    .await?;
    // A code sent before for this account is of no use any more.
    notice::Entity::update_many()
        .col_expr(notice::Column::Status, Expr::value("dead"))
        .col_expr(notice::Column::LastError, Expr::value(Some("replaced")))
        .filter(notice::Column::ResidentAccountId.eq(account.id))
        .filter(notice::Column::Kind.eq("email_code"))
        .filter(notice::Column::Status.eq("pending"))
        .exec(&txn)
        .await?;
    queue(
        &txn,
        account.id,
        "email_code",
        &address,
        lang,
        serde_json::json!({ "code": code }),
        now,
    )
    .await?;
    audit::record_resident(
        &txn,
        now,
        origin,
        account.id,
        entry("email_set", "ok", account.id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Confirms the address with the code sent to it. A wrong code counts; after
/// [`CODE_TRIES`] wrong ones, or past its time, a new code must be sent.
pub async fn confirm(
    db: &DatabaseConnection,
    account: &resident_account::Model,
    code: &str,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<(), AppError> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let (Some(expected), Some(until)) = (&account.email_code_hash, account.email_code_expires_at)
    else {
        return Err(AppError::field("code", ValueError::CodeExpired));
    };
    if until < now || account.email_code_attempts >= CODE_TRIES {
        return Err(AppError::field("code", ValueError::CodeExpired));
    }
    let right = hash(&code) == *expected;
    let txn = begin_write(db).await?;
    let mut a: resident_account::ActiveModel = account.clone().into();
    if right {
        a.email_confirmed_at = Set(Some(now));
        a.email_code_hash = Set(None);
        a.email_code_expires_at = Set(None);
        a.email_code_attempts = Set(0);
    } else {
        a.email_code_attempts = Set(account.email_code_attempts + 1);
    }
    a.update(&txn).await?;
    let outcome = if right { "ok" } else { "denied" };
    audit::record_resident(
        &txn,
        now,
        origin,
        account.id,
        entry("email_confirm", outcome, account.id),
    )
    .await?;
    txn.commit().await?;
    if right {
        Ok(())
    } else {
        Err(AppError::field("code", ValueError::CodeMismatch))
    }
}

/// Stops the notices: the address is forgotten, and what was waiting is not sent.
pub async fn remove_address(
    db: &DatabaseConnection,
    account: &resident_account::Model,
    now: DateTime<Utc>,
    origin: &str,
) -> Result<(), AppError> {
    let txn = begin_write(db).await?;
    resident_account::ActiveModel {
        email: Set(None),
        email_lang: Set(None),
        email_confirmed_at: Set(None),
        email_code_hash: Set(None),
        email_code_expires_at: Set(None),
        email_code_attempts: Set(0),
        ..account.clone().into()
    }
    .update(&txn)
    .await?;
    notice::Entity::delete_many()
        .filter(notice::Column::ResidentAccountId.eq(account.id))
        .filter(notice::Column::Status.eq("pending"))
        .exec(&txn)
        .await?;
    audit::record_resident(
        &txn,
        now,
        origin,
        account.id,
        entry("email_remove", "ok", account.id),
    )
    .await?;
    txn.commit().await?;
    Ok(())
}

/// Inside the transaction that moves `app` to `status`: a notice to the resident who
/// applied online, if they confirmed an address. Nothing for a counter application.
pub async fn status_changed<C: ConnectionTrait>(
    txn: &C,
    app: &application::Model,
    status: &str,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    let Some(v) = visit::Entity::find_by_id(app.visit_id).one(txn).await? else {
        return Ok(());
    };
    let Some(account_id) = v.resident_account_id else {
        return Ok(());
    };
    let Some(account) = resident_account::Entity::find_by_id(account_id)
        .one(txn)
        .await?
    else {
        return Ok(());
    };
    let (Some(to), Some(_)) = (&account.email, account.email_confirmed_at) else {
        return Ok(());
    };
    let lang = Lang::parse_or_ja(account.email_lang.as_deref().unwrap_or("ja"));
    queue(
        txn,
        account.id,
        "status_changed",
        to,
        lang,
        serde_json::json!({ "status": status }),
        now,
    )
    .await
}

async fn queue<C: ConnectionTrait>(
    db: &C,
    account: i32,
    kind: &str,
    to: &str,
    lang: Lang,
    params: serde_json::Value,
    now: DateTime<Utc>,
) -> Result<(), DbErr> {
    notice::ActiveModel {
        resident_account_id: Set(account),
        kind: Set(kind.to_owned()),
        to_address: Set(to.to_owned()),
        lang: Set(lang.code().to_owned()),
        params: Set(params.to_string()),
        status: Set("pending".into()),
        attempts: Set(0),
        next_attempt_at: Set(now),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(db)
    .await?;
    Ok(())
}

/// A notice's subject and plain text, in its language; `None` for a kind the server
/// does not know (it is given up).
pub trait Compose: Send + Sync {
    fn compose(&self, n: &notice::Model, settings: &MailSettings) -> Option<(String, String)>;
}

/// What one round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    pub sent: usize,
    pub failed: usize,
    pub dead: usize,
}

/// Sends the waiting notices through the city's SMTP server.
pub struct Sender {
    db: DatabaseConnection,
    settings: MailSettings,
    transport: lettre::AsyncSmtpTransport<lettre::Tokio1Executor>,
    from: lettre::message::Mailbox,
    compose: Box<dyn Compose>,
    retry: RelaySettings,
}

impl Sender {
    /// Refused when the SMTP address or the sender cannot be understood (said at start).
    pub fn new(
        db: DatabaseConnection,
        settings: MailSettings,
        compose: Box<dyn Compose>,
    ) -> Result<Self, String> {
        let transport =
            lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(&settings.url)
                .map_err(|e| format!("SMTP address: {e}"))?
                .timeout(Some(std::time::Duration::from_secs(15)))
                .build();
        let from = settings
            .from
            .parse()
            .map_err(|e| format!("mail sender {:?}: {e}", settings.from))?;
        Ok(Self {
            db,
            settings,
            transport,
            from,
            compose,
            retry: RelaySettings {
                max_attempts: 10,
                batch: 20,
                ..RelaySettings::default()
            },
        })
    }

    /// Claims the due notices, sends each, records the outcome.
    pub async fn round(&self, now: DateTime<Utc>) -> Result<Round, DbErr> {
        let claimed = self.claim(now).await?;
        let mut round = Round::default();
        for n in claimed {
            let outcome = self.send(&n).await;
            self.record(&n, outcome, now, &mut round).await?;
        }
        Ok(round)
    }

    async fn claim(&self, now: DateTime<Utc>) -> Result<Vec<notice::Model>, DbErr> {
        let txn = begin_write(&self.db).await?;
        let mut due = notice::Entity::find()
            .filter(notice::Column::Status.eq("pending"))
            .filter(notice::Column::NextAttemptAt.lte(now))
            .order_by_asc(notice::Column::NextAttemptAt)
            .order_by_asc(notice::Column::Id)
            .limit(self.retry.batch);
        if self.db.get_database_backend() == DatabaseBackend::Postgres {
            due = due.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
        }
        let rows = due.all(&txn).await?;
        if !rows.is_empty() {
            notice::Entity::update_many()
                .col_expr(
                    notice::Column::NextAttemptAt,
                    Expr::value(now + self.retry.lease),
                )
                .filter(notice::Column::Id.is_in(rows.iter().map(|n| n.id)))
                .exec(&txn)
                .await?;
        }
        txn.commit().await?;
        Ok(rows)
    }

    /// `Ok` when the SMTP server took it; `Err` with why not (`permanent` when trying
    /// again cannot help).
    async fn send(&self, n: &notice::Model) -> Result<(), (bool, String)> {
        use lettre::AsyncTransport;
        let Some((subject, body)) = self.compose.compose(n, &self.settings) else {
            return Err((true, format!("no text for a notice of kind {}", n.kind)));
        };
        let to = n
            .to_address
            .parse::<lettre::message::Mailbox>()
            .map_err(|e| (true, format!("address: {e}")))?;
        let message = lettre::Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(subject)
            .header(lettre::message::header::ContentType::TEXT_PLAIN)
            // Base64: Japanese text arrives whole through any relay.
            .header(lettre::message::header::ContentTransferEncoding::Base64)
            .body(body)
            .map_err(|e| (true, format!("message: {e}")))?;
        match self.transport.send(message).await {
            Ok(_) => Ok(()),
            Err(e) => Err((e.is_permanent(), e.to_string())),
        }
    }

    async fn record(
        &self,
        n: &notice::Model,
        outcome: Result<(), (bool, String)>,
        now: DateTime<Utc>,
        round: &mut Round,
    ) -> Result<(), DbErr> {
        use notice::Column as C;
        let attempts = n.attempts + 1;
        let update = notice::Entity::update_many()
            .col_expr(C::Attempts, Expr::value(attempts))
            .filter(C::Id.eq(n.id))
            .filter(C::Status.eq("pending"));
        let update = match outcome {
            Ok(()) => {
                round.sent += 1;
                update
                    .col_expr(C::Status, Expr::value("sent"))
                    .col_expr(C::SentAt, Expr::value(Some(now)))
                    .col_expr(C::LastError, Expr::value(None::<String>))
            }
            Err((permanent, error)) => {
                let dead = permanent || attempts >= self.retry.max_attempts;
                if dead {
                    round.dead += 1;
                    tracing::warn!(notice = n.id, %error, "e-mail notice given up");
                } else {
                    round.failed += 1;
                }
                let error: String = error.chars().take(500).collect();
                update
                    .col_expr(
                        C::Status,
                        Expr::value(if dead { "dead" } else { "pending" }),
                    )
                    .col_expr(
                        C::NextAttemptAt,
                        Expr::value(now + backoff(&self.retry, attempts, 0.5)),
                    )
                    .col_expr(C::LastError, Expr::value(Some(error)))
            }
        };
        update.exec(&self.db).await?;
        Ok(())
    }

    /// Rounds until the process ends: at once again while there was work, else after a
    /// few seconds.
    pub async fn run(self, clock: crate::Clock) {
        loop {
            let pause = match self.round(clock.now()).await {
                Ok(r) if r.sent + r.failed + r.dead > 0 => continue,
                Ok(_) => std::time::Duration::from_secs(3),
                Err(e) => {
                    tracing::error!(error = %e, "e-mail notice round failed");
                    std::time::Duration::from_secs(10)
                }
            };
            tokio::time::sleep(pause).await;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_checked_as_typed() {
        assert_eq!(
            check_address(" Taro.Yamada+city@Example.JP ").unwrap(),
            "Taro.Yamada+city@example.jp"
        );
        assert_eq!(check_address(""), Err(ValueError::Required));
        for wrong in [
            "taro",
            "taro@",
            "@example.jp",
            "taro@example",
            "taro@@example.jp",
            "taro yamada@example.jp",
            "taro@exa mple.jp",
            ".taro@example.jp",
            "taro@-example.jp",
            "たろう@example.jp",
        ] {
            assert_eq!(
                check_address(wrong),
                Err(ValueError::InvalidEmail),
                "{wrong}"
            );
        }
        assert_eq!(
            check_address(&format!("{}@example.jp", "a".repeat(250))),
            Err(ValueError::TooLong)
        );
    }

    #[test]
    fn a_code_is_six_digits() {
        for _ in 0..50 {
            let c = new_code().unwrap();
            assert_eq!(c.len(), 6);
            assert!(c.chars().all(|x| x.is_ascii_digit()));
        }
    }
}
