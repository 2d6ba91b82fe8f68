//! Failed sign-ins slow down and then stop the one who fails, without locking the
//! whole counter out:
//! - per account *and* address: after `pair_lock_after` failures in the window, that
//!   address may not try that account until the cool-down ends (or an administrator
//!   unlocks it) — staff at another tablet are not affected;
//! - per address, whatever the account: after `address_lock_after` failures the address
//!   is locked for the cool-down (credential stuffing from one place);
//! - per account, from anywhere: after `account_delay_after` failures each further try
//!   must wait longer (2, 4, 8 … up to `max_delay` seconds), which makes a distributed
//!   guess slow but never shuts the real user out for longer than that.
//!
//! Keys use the name as typed, so an unknown account is throttled exactly like a real
//! one and the answers tell nothing about which accounts exist.

use super::super::entities::auth_throttle;
use chrono::{DateTime, Duration, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, Condition, ConnectionTrait, DbErr, EntityTrait, QueryFilter, Set,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub window: Duration,
    pub cool_down: Duration,
    pub pair_lock_after: i32,
    pub address_lock_after: i32,
    pub account_delay_after: i32,
    pub max_delay: Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            window: Duration::minutes(15),
            cool_down: Duration::minutes(15),
            pair_lock_after: 5,
            address_lock_after: 20,
            account_delay_after: 5,
            max_delay: Duration::seconds(30),
        }
    }
}

/// The keys one attempt counts against.
pub struct Keys {
    pub pair: String,
    pub address: String,
    pub account: String,
}

impl Keys {
    pub fn new(username: &str, address: &str) -> Self {
        let user = username.trim().to_lowercase();
        Self {
            pair: format!("pair:{user}|{address}"),
            address: format!("address:{address}"),
            account: format!("account:{user}"),
        }
    }
}

/// Whether an attempt may go ahead now; if not, how many seconds to wait.
pub async fn check<C: ConnectionTrait>(
    db: &C,
    limits: &Limits,
    keys: &Keys,
    now: DateTime<Utc>,
) -> Result<Option<i64>, DbErr> {
    let rows = auth_throttle::Entity::find()
        .filter(auth_throttle::Column::Key.is_in([
            keys.pair.clone(),
            keys.address.clone(),
            keys.account.clone(),
        ]))
        .all(db)
        .await?;
    let mut wait = Duration::zero();
    for r in rows
        .iter()
        .filter(|r| now - r.window_start <= limits.window || r.locked_until.is_some())
    {
        if let Some(until) = r.locked_until {
            wait = wait.max(until - now);
        }
        if r.key == keys.account && r.failures >= limits.account_delay_after {
            let doublings = (r.failures - limits.account_delay_after).min(16) as u32;
            let delay = Duration::seconds(2i64.pow(doublings + 1)).min(limits.max_delay);
            wait = wait.max(r.last_failure_at + delay - now);
        }
    }
    Ok((wait > Duration::zero()).then(|| wait.num_seconds().max(1)))
}

/// What a failure locked, if anything (for the audit log).
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Locked {
    pub pair: bool,
    pub address: bool,
}

/// Counts a failed attempt against every key.
pub async fn fail<C: ConnectionTrait>(
    db: &C,
    limits: &Limits,
    keys: &Keys,
    now: DateTime<Utc>,
) -> Result<Locked, DbErr> {
    let mut locked = Locked::default();
    for (key, lock_after) in [
        (&keys.pair, Some(limits.pair_lock_after)),
        (&keys.address, Some(limits.address_lock_after)),
        (&keys.account, None),
    ] {
        let row = auth_throttle::Entity::find_by_id(key.clone())
            .one(db)
            .await?;
        let fresh = |failures| auth_throttle::ActiveModel {
            key: Set(key.clone()),
            failures: Set(failures),
            window_start: Set(now),
            last_failure_at: Set(now),
            locked_until: Set(None),
        };
        let failures = match row {
            // A window that has passed (and no lock still running) starts again.
            Some(r)
                if now - r.window_start > limits.window
                    && r.locked_until.is_none_or(|u| u <= now) =>
            {
                let mut a: auth_throttle::ActiveModel = fresh(1);
                a.key = sea_orm::ActiveValue::Unchanged(key.clone());
                a.update(db).await?;
                1
            }
            Some(r) => {
                let n = r.failures + 1;
                let mut a: auth_throttle::ActiveModel = r.into();
                a.failures = Set(n);
                a.last_failure_at = Set(now);
                a.update(db).await?;
                n
            }
            None => {
                fresh(1).insert(db).await?;
                1
            }
        };
        if let Some(after) = lock_after {
            if failures >= after {
                auth_throttle::ActiveModel {
                    key: sea_orm::ActiveValue::Unchanged(key.clone()),
                    locked_until: Set(Some(now + limits.cool_down)),
                    ..Default::default()
                }
                .update(db)
                .await?;
                if key == &keys.pair {
                    locked.pair = true;
                } else {
                    locked.address = true;
                }
            }
        }
    }
    Ok(locked)
}

/// A successful sign-in clears the account's own counters (not the address's: one
/// good account must not wash an address's failures on others).
pub async fn succeed<C: ConnectionTrait>(db: &C, keys: &Keys) -> Result<(), DbErr> {
    auth_throttle::Entity::delete_many()
        .filter(auth_throttle::Column::Key.is_in([keys.pair.clone(), keys.account.clone()]))
        .exec(db)
        .await?;
    Ok(())
}

/// The rows of one account: its own counter and every account-and-address pair. (The
/// LIKE prefilters; the exact prefix is checked here, since `_` is a LIKE wildcard.)
async fn rows_of<C: ConnectionTrait>(
    db: &C,
    username: &str,
) -> Result<Vec<auth_throttle::Model>, DbErr> {
    let user = username.trim().to_lowercase();
    let account = format!("account:{user}");
    let pair = format!("pair:{user}|");
    Ok(auth_throttle::Entity::find()
        .filter(
            Condition::any()
                .add(auth_throttle::Column::Key.eq(account.clone()))
                .add(auth_throttle::Column::Key.starts_with(pair.clone())),
        )
        .all(db)
        .await?
        .into_iter()
        .filter(|r| r.key == account || r.key.starts_with(&pair))
        .collect())
}

/// An administrator's unlock: every counter of the account, from every address.
pub async fn unlock_account<C: ConnectionTrait>(db: &C, username: &str) -> Result<u64, DbErr> {
    let keys: Vec<String> = rows_of(db, username)
        .await?
        .into_iter()
        .map(|r| r.key)
        .collect();
    if keys.is_empty() {
        return Ok(0);
    }
    let res = auth_throttle::Entity::delete_many()
        .filter(auth_throttle::Column::Key.is_in(keys))
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

/// Whether the account is locked from some address, for the staff list.
pub async fn account_locked<C: ConnectionTrait>(
    db: &C,
    username: &str,
    now: DateTime<Utc>,
) -> Result<bool, DbErr> {
    Ok(rows_of(db, username)
        .await?
        .iter()
        .any(|r| r.locked_until.is_some_and(|u| u > now)))
}
