//! The relay: delivers the outbox's webhook deliveries. Each round claims due
//! deliveries by moving their next attempt past a lease (on PostgreSQL with
//! `FOR UPDATE SKIP LOCKED`, so several server processes share the work without taking
//! the same row; on SQLite the one process's write transaction does), posts each event
//! signed (`signature`), and records the outcome: delivered on a 2xx; otherwise tried
//! again after an exponential backoff with jitter, and dead-lettered after
//! `max_attempts` (an administrator can replay it). A process killed mid-delivery
//! leaves the row pending: when its lease runs out another round sends it again, so
//! every event is delivered at least once; receivers drop duplicates by the event id
//! (`Madoguchi-Event-Id`, also the body's `id`).

use super::signature;
use crate::db::begin_write;
use crate::entities::{outbox_event, webhook_delivery, webhook_subscription};
use chrono::{DateTime, Duration, Utc};
use sea_orm::sea_query::{Expr, LockBehavior, LockType};
use sea_orm::{
    ColumnTrait, DatabaseBackend, DatabaseConnection, DbErr, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};
use std::collections::HashMap;

/// How the relay works; the defaults suit a city's network.
#[derive(Debug, Clone)]
pub struct RelaySettings {
    /// Attempts before a delivery is dead-lettered.
    pub max_attempts: i32,
    /// Deliveries claimed (and sent at once) per round.
    pub batch: u64,
    /// How long a receiver may take to answer.
    pub timeout: std::time::Duration,
    /// How long a claimed delivery is left to its process before another takes it.
    pub lease: Duration,
    /// The first retry's delay; each further one doubles it, up to `max_backoff`.
    pub first_backoff: Duration,
    pub max_backoff: Duration,
}

impl Default for RelaySettings {
    fn default() -> Self {
        Self {
            max_attempts: 12,
            batch: 50,
            timeout: std::time::Duration::from_secs(10),
            lease: Duration::seconds(60),
            first_backoff: Duration::seconds(10),
            max_backoff: Duration::hours(1),
        }
    }
}

/// The delay before attempt `attempts + 1`: exponential, capped, with "equal jitter"
/// (half fixed, half random) so receivers that come back are not hit all at once.
pub fn backoff(settings: &RelaySettings, attempts: i32, random: f64) -> Duration {
    let exp = attempts.saturating_sub(1).clamp(0, 30) as u32;
    let full = settings
        .first_backoff
        .checked_mul(2_i32.saturating_pow(exp))
        .unwrap_or(settings.max_backoff)
        .min(settings.max_backoff);
    let ms = full.num_milliseconds() as f64;
    Duration::milliseconds((ms / 2.0 + ms / 2.0 * random.clamp(0.0, 1.0)) as i64)
}

fn random_unit() -> f64 {
    let mut b = [0u8; 8];
    if getrandom::fill(&mut b).is_err() {
        return 0.5;
    }
    (u64::from_le_bytes(b) >> 11) as f64 / (1u64 << 53) as f64
}

/// What one round did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Round {
    pub delivered: usize,
    pub failed: usize,
    pub dead: usize,
}

impl Round {
    pub fn claimed(&self) -> usize {
        self.delivered + self.failed + self.dead
    }
}

pub struct Relay {
    db: DatabaseConnection,
    http: reqwest::Client,
    settings: RelaySettings,
}

struct Claimed {
    delivery: webhook_delivery::Model,
    url: String,
    secret: String,
    event_id: String,
    kind: String,
    body: String,
}

enum Outcome {
    Delivered(u16),
    Failed { status: Option<u16>, error: String },
}

impl Relay {
    pub fn new(db: DatabaseConnection, settings: RelaySettings) -> Result<Self, reqwest::Error> {
        let http = reqwest::Client::builder()
            .timeout(settings.timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent("Madoguchi-Webhooks/1")
            .build()?;
        Ok(Self { db, http, settings })
    }

    /// Claims the due deliveries, sends them, records each outcome.
    pub async fn round(&self, now: DateTime<Utc>) -> Result<Round, DbErr> {
        let claimed = self.claim(now).await?;
        let sends = claimed.iter().map(|c| self.send(c, now));
        let outcomes = futures_util::future::join_all(sends).await;
        let mut round = Round::default();
        if claimed.is_empty() {
            return Ok(round);
        }
        // The outcomes in one transaction: one commit (one fsync) per round.
        let txn = begin_write(&self.db).await?;
        for (c, outcome) in claimed.iter().zip(outcomes) {
            self.record(&txn, c, outcome, now, &mut round).await?;
        }
        txn.commit().await?;
        Ok(round)
    }

    async fn claim(&self, now: DateTime<Utc>) -> Result<Vec<Claimed>, DbErr> {
        let txn = begin_write(&self.db).await?;
        let mut due = webhook_delivery::Entity::find()
            .filter(webhook_delivery::Column::Status.eq("pending"))
            .filter(webhook_delivery::Column::NextAttemptAt.lte(now))
            .order_by_asc(webhook_delivery::Column::NextAttemptAt)
            .order_by_asc(webhook_delivery::Column::Id)
            .limit(self.settings.batch);
        if self.db.get_database_backend() == DatabaseBackend::Postgres {
            due = due.lock_with_behavior(LockType::Update, LockBehavior::SkipLocked);
        }
        let rows = due.all(&txn).await?;
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let ids: Vec<i64> = rows.iter().map(|d| d.id).collect();
        webhook_delivery::Entity::update_many()
            .col_expr(
                webhook_delivery::Column::NextAttemptAt,
                Expr::value(now + self.settings.lease),
            )
            .filter(webhook_delivery::Column::Id.is_in(ids))
            .exec(&txn)
            .await?;
        let events: HashMap<i64, outbox_event::Model> = outbox_event::Entity::find()
            .filter(outbox_event::Column::Id.is_in(rows.iter().map(|d| d.event_id)))
            .all(&txn)
            .await?
            .into_iter()
            .map(|e| (e.id, e))
            .collect();
        let subs: HashMap<i32, webhook_subscription::Model> = webhook_subscription::Entity::find()
            .filter(webhook_subscription::Column::Id.is_in(rows.iter().map(|d| d.subscription_id)))
            .all(&txn)
            .await?
            .into_iter()
            .map(|s| (s.id, s))
            .collect();
        txn.commit().await?;
        Ok(rows
            .into_iter()
            .filter_map(|d| {
                let e = events.get(&d.event_id)?;
                let s = subs.get(&d.subscription_id)?;
                Some(Claimed {
                    url: s.url.clone(),
                    secret: s.secret.clone(),
                    event_id: e.event_id.clone(),
                    kind: e.kind.clone(),
                    body: e.payload.clone(),
                    delivery: d,
                })
            })
            .collect())
    }

    async fn send(&self, c: &Claimed, now: DateTime<Utc>) -> Outcome {
        let sent = self
            .http
            .post(&c.url)
            .header("content-type", "application/json")
            .header("madoguchi-event-id", &c.event_id)
            .header("idempotency-key", &c.event_id)
            .header("madoguchi-event-type", &c.kind)
            .header(
                "madoguchi-signature",
                signature::sign(&c.secret, now.timestamp(), c.body.as_bytes()),
            )
            .body(c.body.clone())
            .send()
            .await;
        match sent {
            Ok(res) if res.status().is_success() => Outcome::Delivered(res.status().as_u16()),
            Ok(res) => Outcome::Failed {
                status: Some(res.status().as_u16()),
                error: format!("answered {}", res.status()),
            },
            Err(e) => Outcome::Failed {
                status: None,
                error: if e.is_timeout() {
                    "no answer in time".to_owned()
                } else if e.is_connect() {
                    "could not connect".to_owned()
                } else {
                    e.to_string()
                },
            },
        }
    }

    async fn record(
        &self,
        txn: &sea_orm::DatabaseTransaction,
        c: &Claimed,
        outcome: Outcome,
        now: DateTime<Utc>,
        round: &mut Round,
    ) -> Result<(), DbErr> {
        use webhook_delivery::Column as C;
        let attempts = c.delivery.attempts + 1;
        let update = webhook_delivery::Entity::update_many()
            .col_expr(C::Attempts, Expr::value(attempts))
            .filter(C::Id.eq(c.delivery.id))
            .filter(C::Status.eq("pending"));
        let update = match outcome {
            Outcome::Delivered(status) => {
                round.delivered += 1;
                update
                    .col_expr(C::Status, Expr::value("delivered"))
                    .col_expr(C::DeliveredAt, Expr::value(now))
                    .col_expr(C::LastStatus, Expr::value(i32::from(status)))
                    .col_expr(C::LastError, Expr::value(None::<String>))
            }
            Outcome::Failed { status, error } => {
                let dead = attempts >= self.settings.max_attempts;
                if dead {
                    round.dead += 1;
                    tracing::warn!(delivery = c.delivery.id, url = %c.url, %error, "webhook dead-lettered");
                } else {
                    round.failed += 1;
                }
                let next = now + backoff(&self.settings, attempts, random_unit());
                let error: String = error.chars().take(500).collect();
                update
                    .col_expr(
                        C::Status,
                        Expr::value(if dead { "dead" } else { "pending" }),
                    )
                    .col_expr(C::NextAttemptAt, Expr::value(next))
                    .col_expr(C::LastStatus, Expr::value(status.map(i32::from)))
                    .col_expr(C::LastError, Expr::value(Some(error)))
            }
        };
        update.exec(txn).await?;
        Ok(())
    }
}

impl Relay {
    /// Rounds until the process ends: at once again while there is work, else after a
    /// second (a database error is logged and tried again after five).
    pub async fn run(self, clock: crate::Clock) {
        loop {
            let pause = match self.round(clock.now()).await {
                Ok(r) if r.claimed() > 0 => continue,
                Ok(_) => std::time::Duration::from_secs(1),
                Err(e) => {
                    tracing::error!(error = %e, "webhook relay round failed");
                    std::time::Duration::from_secs(5)
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
    fn backoff_doubles_up_to_the_cap_with_at_most_half_jitter() {
        let s = RelaySettings::default();
        assert_eq!(backoff(&s, 1, 1.0), Duration::seconds(10));
        assert_eq!(backoff(&s, 1, 0.0), Duration::seconds(5));
        assert_eq!(backoff(&s, 3, 1.0), Duration::seconds(40));
        assert_eq!(backoff(&s, 30, 1.0), Duration::hours(1));
        assert_eq!(backoff(&s, 30, 0.0), Duration::minutes(30));
        let r = random_unit();
        assert!((0.0..1.0).contains(&r));
    }
}
