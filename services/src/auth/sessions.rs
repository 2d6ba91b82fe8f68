//! Server-side sessions. The browser holds a random token; the table holds its SHA-256,
//! so a copy of the database yields no live session. A session has a state (second
//! factor due, password change due, enrolment due, or full), an absolute end and an
//! idle limit (shorter on the counter tablet), and gets a new id at every step up.

use super::super::audit::{self, Audit};
use super::super::entities::{department, passkey, staff_session, staff_user};
use super::super::permissions;
use super::settings::SecuritySettings;
use chrono::{DateTime, Duration, Utc};
use madoguchi_core::audit::hex;
use madoguchi_types::error::AppError;
use madoguchi_types::model::{Permission, SessionState, StaffMe};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, DatabaseConnection, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, Set, TransactionTrait,
};
use sha2::{Digest, Sha256};

/// Where a request came from: the client's address (behind a trusted proxy, the one it
/// forwarded) and browser, and whether it arrived over HTTPS.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestMeta {
    pub address: String,
    pub user_agent: String,
    pub https: bool,
}

impl RequestMeta {
    /// For calls that do not come over HTTP (tests, the command line).
    pub fn local(address: &str) -> Self {
        Self {
            address: address.to_owned(),
            ..Self::default()
        }
    }
}

/// The signed-in caller of a request.
#[derive(Debug, Clone)]
pub struct Current {
    pub session: staff_session::Model,
    pub user: staff_user::Model,
    pub me: StaffMe,
}

pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

pub fn new_token() -> Result<String, AppError> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|_| AppError::Internal)?;
    Ok(hex(&bytes))
}

/// Whether the city requires this staff member to use a passkey: administrators (who
/// manage staff or publish rules), when the setting is on.
pub fn passkey_required(settings: &SecuritySettings, permissions: &[Permission]) -> bool {
    settings.passkey_for_admins
        && permissions
            .iter()
            .any(|p| matches!(p, Permission::StaffManage | Permission::RulesPublish))
}

/// The state a session moves to once the steps in `method` are done.
pub async fn next_state<C: ConnectionTrait>(
    db: &C,
    settings: &SecuritySettings,
    user: &staff_user::Model,
    method: &str,
) -> Result<SessionState, AppError> {
    let (_, perms) = permissions::of_user(db, user.id).await?;
    let passkeys = passkey::Entity::find()
        .filter(passkey::Column::StaffUserId.eq(user.id))
        .count(db)
        .await?;
    let usable = if passkey_required(settings, &perms) {
        passkeys > 0
    } else {
        passkeys > 0 || user.totp_secret.is_some()
    };
    // A recovery code stands in for any factor (a lost key must not lock out the only
    // administrator); a TOTP code does not count where a passkey is required.
    let factor_done = method.contains("passkey")
        || method.contains("recovery")
        || method.contains("totp") && !passkey_required(settings, &perms);
    Ok(if usable && !factor_done {
        SessionState::SecondFactor
    } else if user.must_change_password {
        SessionState::ChangePassword
    } else if !usable {
        SessionState::Enrol
    } else {
        SessionState::Full
    })
}

/// Opens a session for `user` and returns its token.
pub async fn open<C: ConnectionTrait>(
    db: &C,
    settings: &SecuritySettings,
    user: &staff_user::Model,
    state: SessionState,
    method: &str,
    now: DateTime<Utc>,
    meta: &RequestMeta,
) -> Result<String, AppError> {
    let token = new_token()?;
    staff_session::ActiveModel {
        id: Set(token_hash(&token)),
        staff_user_id: Set(user.id),
        created_at: Set(now),
        expires_at: Set(now + settings.absolute),
        state: Set(state.id().into()),
        last_seen_at: Set(Some(now)),
        origin: Set(meta.address.chars().take(64).collect()),
        user_agent: Set(meta.user_agent.chars().take(200).collect()),
        method: Set(method.into()),
        pending: Set(None),
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// Moves a session to its next state under a new id (the old token stops working) and
/// returns the new token. The absolute end stays where it was.
pub async fn advance<C: ConnectionTrait>(
    db: &C,
    session: &staff_session::Model,
    state: SessionState,
    method: &str,
    now: DateTime<Utc>,
) -> Result<String, AppError> {
    let token = new_token()?;
    staff_session::Entity::delete_by_id(session.id.clone())
        .exec(db)
        .await?;
    staff_session::ActiveModel {
        id: Set(token_hash(&token)),
        state: Set(state.id().into()),
        method: Set(method.into()),
        last_seen_at: Set(Some(now)),
        pending: Set(None),
        ..session.clone().into()
    }
    .insert(db)
    .await?;
    Ok(token)
}

/// Stores (or clears) the ceremony in progress on a session.
pub async fn set_pending<C: ConnectionTrait>(
    db: &C,
    session: &staff_session::Model,
    pending: Option<String>,
) -> Result<(), AppError> {
    staff_session::ActiveModel {
        id: sea_orm::ActiveValue::Unchanged(session.id.clone()),
        pending: Set(pending),
        ..Default::default()
    }
    .update(db)
    .await?;
    Ok(())
}

/// Activity is recorded at most this often (not a write per request).
const TOUCH_EVERY: Duration = Duration::seconds(20);

/// Why a session has lapsed at `now` — past its absolute end, or idle longer than
/// `idle` since `last_seen` — or `None` while it is live. Staff and residents' sessions
/// follow the same rule with their own limits.
pub fn lapsed(
    expires_at: DateTime<Utc>,
    last_seen: DateTime<Utc>,
    idle: Duration,
    now: DateTime<Utc>,
) -> Option<&'static str> {
    if expires_at <= now {
        Some("absolute_timeout")
    } else if now - last_seen > idle {
        Some("idle_timeout")
    } else {
        None
    }
}

/// Whether a request at `now` should record activity on a session last seen then.
pub fn due_touch(last_seen: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    now - last_seen > TOUCH_EVERY
}

fn idle_limit(settings: &SecuritySettings, me: &StaffMe) -> Duration {
    if me.permissions.contains(&Permission::CounterRun) {
        settings.counter_idle
    } else {
        settings.idle
    }
}

/// The session a token belongs to, if it is live: not past its absolute end, not idle
/// for too long, its account active. An expired session is deleted (and audited);
/// every failure is `Unauthenticated`.
pub async fn resolve(
    db: &DatabaseConnection,
    settings: &SecuritySettings,
    token: &str,
    now: DateTime<Utc>,
    meta: &RequestMeta,
) -> Result<Current, AppError> {
    let session = staff_session::Entity::find_by_id(token_hash(token))
        .one(db)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let user = staff_user::Entity::find_by_id(session.staff_user_id)
        .one(db)
        .await?
        .filter(|u| u.active);
    let Some(user) = user else {
        end_one(db, &session, "account_disabled", now, meta).await?;
        return Err(AppError::Unauthenticated);
    };
    let me = staff_me(db, settings, &user, &session).await?;
    let last = session.last_seen_at.unwrap_or(session.created_at);
    if let Some(why) = lapsed(session.expires_at, last, idle_limit(settings, &me), now) {
        end_one(db, &session, why, now, meta).await?;
        return Err(AppError::Unauthenticated);
    }
    if due_touch(last, now) {
        staff_session::ActiveModel {
            id: sea_orm::ActiveValue::Unchanged(session.id.clone()),
            last_seen_at: Set(Some(now)),
            ..Default::default()
        }
        .update(db)
        .await?;
    }
    Ok(Current { session, user, me })
}

async fn end_one<C: ConnectionTrait + TransactionTrait>(
    db: &C,
    session: &staff_session::Model,
    why: &str,
    now: DateTime<Utc>,
    meta: &RequestMeta,
) -> Result<(), AppError> {
    staff_session::Entity::delete_by_id(session.id.clone())
        .exec(db)
        .await?;
    audit::record(
        db,
        now,
        &meta.address,
        Audit {
            staff_user_id: Some(session.staff_user_id),
            action: "session_end",
            target: format!("session:{}", &session.id[..12]),
            household_id: None,
            resident_id: None,
            purpose: "authentication",
            outcome: why,
        },
    )
    .await?;
    Ok(())
}

/// The staff member of a session, as the browser sees them.
pub async fn staff_me<C: ConnectionTrait>(
    db: &C,
    settings: &SecuritySettings,
    user: &staff_user::Model,
    session: &staff_session::Model,
) -> Result<StaffMe, AppError> {
    let (roles, permissions) = permissions::of_user(db, user.id).await?;
    let department_name = match &user.department_id {
        Some(id) => department::Entity::find_by_id(id.clone())
            .one(db)
            .await?
            .map(|d| d.name),
        None => None,
    };
    let state = SessionState::from_id(&session.state).ok_or(AppError::Internal)?;
    Ok(StaffMe {
        id: user.id,
        username: user.username.clone(),
        display_name: user.display_name.clone(),
        passkey_required: passkey_required(settings, &permissions),
        roles,
        permissions,
        department_id: user.department_id.clone(),
        department_name,
        state,
    })
}

/// Ends the session of `token` (sign-out).
pub async fn end(
    db: &DatabaseConnection,
    token: &str,
) -> Result<Option<staff_session::Model>, AppError> {
    let s = staff_session::Entity::find_by_id(token_hash(token))
        .one(db)
        .await?;
    if let Some(s) = &s {
        staff_session::Entity::delete_by_id(s.id.clone())
            .exec(db)
            .await?;
    }
    Ok(s)
}

/// Ends every session of an account (a password reset, a disabled account, factors
/// reset); returns how many.
pub async fn end_all_of<C: ConnectionTrait>(db: &C, staff_user_id: i32) -> Result<u64, AppError> {
    Ok(staff_session::Entity::delete_many()
        .filter(staff_session::Column::StaffUserId.eq(staff_user_id))
        .exec(db)
        .await?
        .rows_affected)
}

/// Every open session, newest first (optionally of one account).
pub async fn list<C: ConnectionTrait>(
    db: &C,
    staff_user_id: Option<i32>,
) -> Result<Vec<staff_session::Model>, AppError> {
    let mut q = staff_session::Entity::find().order_by_desc(staff_session::Column::CreatedAt);
    if let Some(id) = staff_user_id {
        q = q.filter(staff_session::Column::StaffUserId.eq(id));
    }
    Ok(q.all(db).await?)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_session_lapses_at_its_end_or_after_its_idle_limit_and_not_before() {
        let t0 = Utc.with_ymd_and_hms(2026, 11, 25, 1, 0, 0).unwrap();
        let end = t0 + Duration::hours(4);
        let idle = Duration::minutes(30);
        assert_eq!(lapsed(end, t0, idle, t0 + Duration::minutes(30)), None);
        assert_eq!(
            lapsed(end, t0, idle, t0 + Duration::minutes(31)),
            Some("idle_timeout")
        );
        assert_eq!(lapsed(end, end, idle, end), Some("absolute_timeout"));
        assert!(!due_touch(t0, t0 + Duration::seconds(20)));
        assert!(due_touch(t0, t0 + Duration::seconds(21)));
    }
}
