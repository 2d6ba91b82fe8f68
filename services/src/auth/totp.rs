//! TOTP (RFC 6238: six digits, 30 seconds, SHA-1 — what every authenticator app reads)
//! as a second factor: enrolment with a QR code confirmed by a first code, codes good
//! once (the last accepted step is stored, so a replayed code is refused), and ten
//! single-use recovery codes given at enrolment, stored only as hashes.

use super::super::audit;
use super::super::entities::{recovery_code, staff_user};
use super::sessions::{self, Current, RequestMeta};
use super::settings::SecuritySettings;
use super::sign_in::{entry, step_up};
use super::throttle;
use crate::db::begin_write;
use chrono::{DateTime, Utc};
use madoguchi_core::audit::hex;
use madoguchi_types::error::AppError;
use madoguchi_types::model::security::TotpEnrolment;
use madoguchi_types::model::{SessionState, StaffMe};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait, QueryFilter,
    Set,
};
use sha2::{Digest, Sha256};
use totp_rs::{Algorithm, Secret, TOTP};

const ISSUER: &str = "Madoguchi";
const STEP_SECONDS: i64 = 30;
pub const RECOVERY_CODES: usize = 10;
/// Letters and digits that cannot be mistaken for one another when read aloud or typed.
const RECOVERY_ALPHABET: &[u8] = b"23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

fn totp(secret_b32: &str, account: &str) -> Result<TOTP, AppError> {
    let bytes = Secret::Encoded(secret_b32.to_owned())
        .to_bytes()
        .map_err(|_| AppError::Internal)?;
    TOTP::new(
        Algorithm::SHA1,
        6,
        1,
        STEP_SECONDS as u64,
        bytes,
        Some(ISSUER.into()),
        account.replace(':', "_"),
    )
    .map_err(|e| {
        tracing::error!(error = %e, "a TOTP could not be built");
        AppError::Internal
    })
}

/// The code of a 30-second step (for tests that play the authenticator app).
pub fn code_at(secret_b32: &str, step: i64) -> Result<String, AppError> {
    Ok(totp(secret_b32, "x")?.generate((step * STEP_SECONDS) as u64))
}

pub fn step_of(now: DateTime<Utc>) -> i64 {
    now.timestamp().div_euclid(STEP_SECONDS)
}

/// The step `code` belongs to, within one step of `now` either side, if it is later
/// than `last` (a code is accepted once).
fn matching_step(
    secret: &str,
    code: &str,
    now: DateTime<Utc>,
    last: Option<i64>,
) -> Result<Option<i64>, AppError> {
    let code: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    if code.len() != 6 || !code.chars().all(|c| c.is_ascii_digit()) {
        return Ok(None);
    }
    let t = totp(secret, "x")?;
    let now_step = step_of(now);
    for step in [now_step - 1, now_step, now_step + 1] {
        let expected = t.generate((step * STEP_SECONDS) as u64);
        if constant_time_eq(expected.as_bytes(), code.as_bytes()) {
            return Ok(last.is_none_or(|l| step > l).then_some(step));
        }
    }
    Ok(None)
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[derive(serde::Serialize, serde::Deserialize)]
struct PendingTotp {
    totp_secret: String,
}

/// Starts enrolling: a new secret, kept on the session until a first code confirms it.
pub async fn start<C: ConnectionTrait>(
    db: &C,
    current: &Current,
) -> Result<TotpEnrolment, AppError> {
    let mut bytes = [0u8; 20];
    getrandom::fill(&mut bytes).map_err(|_| AppError::Internal)?;
    let secret = Secret::Raw(bytes.to_vec()).to_encoded().to_string();
    let pending = serde_json::to_string(&PendingTotp {
        totp_secret: secret.clone(),
    })
    .map_err(|_| AppError::Internal)?;
    sessions::set_pending(db, &current.session, Some(pending)).await?;
    let uri = totp(&secret, &current.user.username)?.get_url();
    let qr = qrcode::QrCode::new(uri.as_bytes()).map_err(|_| AppError::Internal)?;
    let width = qr.width();
    let colors = qr.to_colors();
    Ok(TotpEnrolment {
        secret,
        uri,
        qr: colors
            .chunks(width)
            .map(|row| row.iter().map(|c| *c == qrcode::Color::Dark).collect())
            .collect(),
    })
}

/// Confirms an enrolment with its first code: the secret becomes the account's, ten
/// recovery codes are made (returned once, never shown again) and the session moves
/// on. Returns the new token, who the caller is now, and the recovery codes.
pub async fn confirm(
    db: &DatabaseConnection,
    settings: &SecuritySettings,
    current: &Current,
    code: &str,
    now: DateTime<Utc>,
    meta: &RequestMeta,
) -> Result<(String, StaffMe, Vec<String>), AppError> {
    let pending: PendingTotp = current
        .session
        .pending
        .as_deref()
        .and_then(|p| serde_json::from_str(p).ok())
        .ok_or(AppError::InvalidCode)?;
    let target = format!("user:{}", current.user.username);
    let Some(step) = matching_step(&pending.totp_secret, code, now, None)? else {
        audit::record(
            db,
            now,
            &meta.address,
            entry(Some(current.user.id), "totp_enrol", target, "denied"),
        )
        .await?;
        return Err(AppError::InvalidCode);
    };
    let txn = begin_write(db).await?;
    staff_user::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(current.user.id),
        totp_secret: Set(Some(pending.totp_secret)),
        totp_last_step: Set(Some(step)),
        ..Default::default()
    }
    .update(&txn)
    .await?;
    let codes = new_recovery_codes(&txn, current.user.id, now).await?;
    audit::record(
        &txn,
        now,
        &meta.address,
        entry(Some(current.user.id), "totp_enrol", target, "ok"),
    )
    .await?;
    txn.commit().await?;
    let method = with_factor(&current.session.method, current.me.state, "totp");
    let (token, me) = step_up(db, settings, current, &method, now, meta).await?;
    Ok((token, me, codes))
}

/// The method string after a factor: during sign-in the factor is added to what was
/// proven; when already signed in (adding a factor) the method stays.
pub(super) fn with_factor(method: &str, state: SessionState, factor: &str) -> String {
    if state == SessionState::Full || method.contains(factor) {
        method.to_owned()
    } else {
        format!("{method}+{factor}")
    }
}

/// The second step of signing in with a TOTP code or a recovery code.
pub async fn verify(
    db: &DatabaseConnection,
    settings: &SecuritySettings,
    current: &Current,
    code: &str,
    now: DateTime<Utc>,
    meta: &RequestMeta,
) -> Result<(String, StaffMe), AppError> {
    let user = &current.user;
    let target = format!("user:{}", user.username);
    let keys = throttle::Keys::new(&user.username, &meta.address);
    if let Some(wait) = throttle::check(db, &settings.throttle, &keys, now).await? {
        audit::record(
            db,
            now,
            &meta.address,
            entry(Some(user.id), "second_factor", target, "throttled"),
        )
        .await?;
        return Err(AppError::TooManyAttempts {
            retry_after: u32::try_from(wait).unwrap_or(u32::MAX),
        });
    }
    let trimmed: String = code.chars().filter(|c| !c.is_whitespace()).collect();
    let (factor, accepted) = if trimmed.len() == 6 && trimmed.chars().all(|c| c.is_ascii_digit()) {
        let step = match &user.totp_secret {
            Some(secret) => matching_step(secret, &trimmed, now, user.totp_last_step)?,
            None => None,
        };
        if let Some(step) = step {
            staff_user::ActiveModel {
                id: sea_orm::ActiveValue::Unchanged(user.id),
                totp_last_step: Set(Some(step)),
                ..Default::default()
            }
            .update(db)
            .await?;
        } else if user.totp_secret.as_deref().is_some_and(|s| {
            matching_step(s, &trimmed, now, None)
                .ok()
                .flatten()
                .is_some()
        }) {
            // The right code, used before: a replay.
            audit::record(
                db,
                now,
                &meta.address,
                entry(Some(user.id), "second_factor", target.clone(), "replayed"),
            )
            .await?;
        }
        ("totp", step.is_some())
    } else {
        (
            "recovery",
            use_recovery_code(db, user.id, &trimmed, now).await?,
        )
    };
    if !accepted {
        let locked = throttle::fail(db, &settings.throttle, &keys, now).await?;
        audit::record(
            db,
            now,
            &meta.address,
            entry(Some(user.id), "second_factor", target.clone(), "denied"),
        )
        .await?;
        if locked.pair || locked.address {
            audit::record(
                db,
                now,
                &meta.address,
                entry(Some(user.id), "lockout", target, "account_locked"),
            )
            .await?;
        }
        return Err(AppError::InvalidCode);
    }
    throttle::succeed(db, &keys).await?;
    audit::record(
        db,
        now,
        &meta.address,
        entry(Some(user.id), "second_factor", target, factor),
    )
    .await?;
    let method = with_factor(&current.session.method, current.me.state, factor);
    step_up(db, settings, current, &method, now, meta).await
}

fn recovery_hash(code: &str) -> String {
    let normal: String = code
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    hex(&Sha256::digest(normal.as_bytes()))
}

/// Marks a recovery code used if it is one of the account's unused codes.
async fn use_recovery_code(
    db: &DatabaseConnection,
    staff_user_id: i32,
    code: &str,
    now: DateTime<Utc>,
) -> Result<bool, AppError> {
    let found = recovery_code::Entity::find()
        .filter(recovery_code::Column::StaffUserId.eq(staff_user_id))
        .filter(recovery_code::Column::CodeHash.eq(recovery_hash(code)))
        .filter(recovery_code::Column::UsedAt.is_null())
        .one(db)
        .await?;
    let Some(found) = found else { return Ok(false) };
    recovery_code::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(found.id),
        used_at: Set(Some(now)),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(true)
}

/// Replaces the account's recovery codes with ten new ones, returned as text.
pub async fn new_recovery_codes<C: ConnectionTrait>(
    db: &C,
    staff_user_id: i32,
    now: DateTime<Utc>,
) -> Result<Vec<String>, AppError> {
    recovery_code::Entity::delete_many()
        .filter(recovery_code::Column::StaffUserId.eq(staff_user_id))
        .exec(db)
        .await?;
    let mut codes = Vec::with_capacity(RECOVERY_CODES);
    for _ in 0..RECOVERY_CODES {
        let mut bytes = [0u8; 10];
        getrandom::fill(&mut bytes).map_err(|_| AppError::Internal)?;
        let raw: String = bytes
            .iter()
            .map(|b| RECOVERY_ALPHABET[usize::from(*b) % RECOVERY_ALPHABET.len()] as char)
            .collect();
        let code = format!("{}-{}", &raw[..5], &raw[5..]);
        recovery_code::ActiveModel {
            staff_user_id: Set(staff_user_id),
            code_hash: Set(recovery_hash(&code)),
            created_at: Set(now),
            used_at: Set(None),
            ..Default::default()
        }
        .insert(db)
        .await?;
        codes.push(code);
    }
    Ok(codes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    const SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"; // "12345678901234567890"

    #[test]
    fn rfc_6238_test_vector() {
        // RFC 6238 appendix B, SHA-1, T = 59 s: 94287082 (8 digits); six digits: 287082.
        assert_eq!(code_at(SECRET, 1).unwrap(), "287082");
    }

    #[test]
    fn a_code_is_good_within_one_step_and_only_once() {
        let now = Utc.timestamp_opt(59, 0).unwrap();
        let code = code_at(SECRET, 1).unwrap();
        assert_eq!(matching_step(SECRET, &code, now, None).unwrap(), Some(1));
        assert_eq!(
            matching_step(SECRET, &code, now, Some(1)).unwrap(),
            None,
            "replayed"
        );
        let later = Utc.timestamp_opt(59 + 90, 0).unwrap();
        assert_eq!(
            matching_step(SECRET, &code, later, None).unwrap(),
            None,
            "expired"
        );
        assert_eq!(matching_step(SECRET, "12345", now, None).unwrap(), None);
    }

    #[test]
    fn recovery_codes_match_however_they_are_typed() {
        assert_eq!(recovery_hash("ABCDE-23456"), recovery_hash("abcde 23456"));
    }
}
