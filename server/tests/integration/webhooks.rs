//! Webhooks from the outbox: a receiver that fails first and then answers gets every
//! event, signed, after retries; a receiver that is down is dead-lettered after the
//! last attempt and replayed by an administrator; nothing is lost on the way.

use crate::common::{now, TestDb};
use crate::counter::submitted_visit;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use madoguchi_services::integration::relay::{Relay, RelaySettings};
use madoguchi_services::integration::{signature, webhooks};
use std::sync::{Arc, Mutex};

/// A receiver of our own: answers `fail_first` requests with 500, then 200; keeps
/// each request's event id and whether its signature verified.
#[derive(Clone, Default)]
struct Receiver {
    seen: Arc<Mutex<Vec<(String, bool)>>>,
    fail_first: Arc<Mutex<usize>>,
    secret: Arc<Mutex<String>>,
}

async fn receive(State(r): State<Receiver>, headers: HeaderMap, body: Bytes) -> StatusCode {
    let header = |n: &str| {
        headers
            .get(n)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned()
    };
    let secret = r.secret.lock().unwrap().clone();
    let valid = signature::verify(
        &secret,
        &header("madoguchi-signature"),
        &body,
        chrono::Utc::now().timestamp(),
        // The relay signs with the test's fixed clock.
        i64::MAX / 2,
    );
    let id = header("madoguchi-event-id");
    let parsed: serde_json::Value = serde_json::from_slice(&body).unwrap_or_default();
    assert_eq!(parsed["id"], id.as_str(), "the body names the same event");
    r.seen.lock().unwrap().push((id, valid));
    let mut fail = r.fail_first.lock().unwrap();
    if *fail > 0 {
        *fail -= 1;
        StatusCode::INTERNAL_SERVER_ERROR
    } else {
        StatusCode::OK
    }
}

async fn start(receiver: Receiver) -> String {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let app = axum::Router::new()
        .route("/hook", post(receive))
        .with_state(receiver);
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{addr}/hook")
}

/// A receiver of our own, subscribed to こども支援課's events by the administrator.
async fn subscribed_receiver(t: &TestDb) -> Receiver {
    let receiver = Receiver::default();
    let url = start(receiver.clone()).await;
    let admin = t.staff("admin").await;
    let sub = webhooks::subscribe(&t.db, &admin, "kodomo", &url, now(), "test")
        .await
        .unwrap();
    assert!(sub.secret.starts_with("whsec_"));
    *receiver.secret.lock().unwrap() = sub.secret;
    receiver
}

async fn by_status(t: &TestDb, status: &str) -> i64 {
    use sea_orm::ConnectionTrait;
    let row =
        t.db.query_one_raw(sea_orm::Statement::from_string(
            t.backend(),
            format!("SELECT COUNT(*) AS n FROM webhook_deliveries WHERE status = '{status}'"),
        ))
        .await
        .unwrap()
        .unwrap();
    row.try_get::<i64>("", "n").unwrap()
}

fn settings() -> RelaySettings {
    RelaySettings {
        max_attempts: 3,
        timeout: std::time::Duration::from_secs(2),
        ..RelaySettings::default()
    }
}

#[tokio::test]
async fn a_receiver_that_fails_first_gets_every_event_signed_after_retries() {
    let t = TestDb::new().await.with_city(20).await;
    let receiver = subscribed_receiver(&t).await;
    let receipt = submitted_visit(&t).await;
    let kodomo = receipt
        .applications
        .iter()
        .filter(|l| l.department_id == "kodomo")
        .count();
    // One delivery per event of the subscribed department, written with the change.
    assert_eq!(by_status(&t, "pending").await, kodomo as i64);
    *receiver.fail_first.lock().unwrap() = kodomo;

    let relay = Relay::new(t.db.clone(), settings()).unwrap();
    let first = relay.round(now()).await.unwrap();
    assert_eq!(first.failed, kodomo);
    // Not yet due again: the backoff holds them back.
    assert_eq!(relay.round(now()).await.unwrap().claimed(), 0);
    let later = now() + chrono::Duration::hours(2);
    let second = relay.round(later).await.unwrap();
    assert_eq!(second.delivered, kodomo);
    assert_eq!(by_status(&t, "delivered").await, kodomo as i64);
    assert_eq!(by_status(&t, "pending").await, 0);

    let seen = receiver.seen.lock().unwrap().clone();
    assert_eq!(
        seen.len(),
        2 * kodomo,
        "each event twice: failed, then delivered"
    );
    assert!(seen.iter().all(|(_, valid)| *valid), "every request signed");
    let mut ids: Vec<&str> = seen.iter().map(|(id, _)| id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), kodomo, "the same idempotency key on the retry");
}

#[tokio::test]
async fn a_receiver_that_is_down_is_dead_lettered_and_replayed() {
    let t = TestDb::new().await.with_city(20).await;
    // A port nobody listens on.
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap()
    };
    let admin = t.staff("admin").await;
    webhooks::subscribe(
        &t.db,
        &admin,
        "kodomo",
        &format!("http://{closed}/hook"),
        now(),
        "test",
    )
    .await
    .unwrap();
    // Refused addresses: not http(s), blank, another department.
    let kodomo_staff = t.staff("kodomo").await;
    assert!(
        webhooks::subscribe(&t.db, &kodomo_staff, "kodomo", "http://x", now(), "test")
            .await
            .is_err()
    );
    assert!(
        webhooks::subscribe(&t.db, &admin, "kodomo", "ftp://x", now(), "test")
            .await
            .is_err()
    );
    submitted_visit(&t).await;
    let pending = by_status(&t, "pending").await;
    assert!(pending > 0);
    let relay = Relay::new(t.db.clone(), settings()).unwrap();
    let mut at = now();
    for _ in 0..3 {
        relay.round(at).await.unwrap();
        at += chrono::Duration::hours(2);
    }
    assert_eq!(by_status(&t, "dead").await, pending);
    let overview = webhooks::overview(&t.db, &admin).await.unwrap();
    let dead = overview.dead_letters;
    assert_eq!(dead.len() as i64, pending);
    assert!(dead
        .iter()
        .all(|d| d.attempts == 3 && d.last_error.is_some() && d.last_status.is_none()));
    assert_eq!(overview.subscriptions[0].dead as i64, pending);
    assert_eq!(overview.subscriptions[0].delivered, 0);

    // Back up: an administrator replays, and the next round delivers.
    let receiver = Receiver::default();
    let url = start(receiver.clone()).await;
    t.exec(&format!("UPDATE webhook_subscriptions SET url = '{url}'"))
        .await;
    for d in &dead {
        webhooks::replay(&t.db, &admin, d.id, at, "test")
            .await
            .unwrap();
    }
    let round = relay.round(at).await.unwrap();
    assert_eq!(round.delivered as i64, pending);
    assert_eq!(by_status(&t, "delivered").await, pending);
    assert_eq!(receiver.seen.lock().unwrap().len() as i64, pending);
}

/// An application as the outbox describes it (its row need not exist for the relay).
pub fn fake_application(id: i32) -> madoguchi_services::entities::application::Model {
    madoguchi_services::entities::application::Model {
        id,
        visit_id: 1,
        procedure_id: "child_allowance".into(),
        department_id: "kodomo".into(),
        subject_resident_id: None,
        subject_name: String::new(),
        status: "received".into(),
        deadline: None,
        reasons: "[]".into(),
        data: "{}".into(),
        ruleset: "test".into(),
        created_at: now(),
        assigned_to: None,
        updated_at: None,
    }
}

/// `n` events of department kodomo, each with a delivery to its one subscription.
pub async fn publish_events(
    db: &sea_orm::DatabaseConnection,
    n: i32,
    at: chrono::DateTime<chrono::Utc>,
) {
    use madoguchi_services::integration::outbox::{publish, EventKind};
    for id in 1..=n {
        publish(
            db,
            EventKind::Received,
            &fake_application(id),
            "received",
            None,
            at,
        )
        .await
        .unwrap();
    }
}

/// Two relays on their own connections (as two server processes would be) share one
/// outbox: every event arrives exactly once, none twice at the same time.
#[tokio::test]
async fn two_relays_share_one_outbox_without_sending_an_event_twice() {
    let t = TestDb::new().await.with_city(1).await;
    let receiver = subscribed_receiver(&t).await;
    let n = 300;
    publish_events(&t.db, n, now()).await;
    let relays: Vec<Relay> = futures_util::future::join_all((0..2).map(|_| async {
        let db = madoguchi_services::db::connect(&t.url).await.unwrap();
        Relay::new(db, settings()).unwrap()
    }))
    .await;
    let work = relays.iter().map(|relay| async {
        let mut delivered = 0;
        for _ in 0..50 {
            let r = relay.round(now()).await.unwrap();
            delivered += r.delivered;
            if r.claimed() == 0 {
                break;
            }
        }
        delivered
    });
    let counts = futures_util::future::join_all(work).await;
    assert_eq!(counts.iter().sum::<usize>(), n as usize, "{counts:?}");
    assert_eq!(by_status(&t, "delivered").await, i64::from(n));
    let seen = receiver.seen.lock().unwrap().clone();
    let mut ids: Vec<&str> = seen.iter().map(|(id, _)| id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(seen.len(), n as usize, "no event sent twice");
    assert_eq!(ids.len(), n as usize);
}

/// kill -9 the server while it delivers: after a restart every event is delivered at
/// least once, and a receiver that drops duplicates by the event id processes each once.
#[tokio::test]
async fn a_server_killed_while_delivering_delivers_everything_after_a_restart() {
    use std::collections::HashMap;
    #[derive(Clone, Default)]
    struct Slow {
        received: Arc<Mutex<HashMap<String, usize>>>,
    }
    async fn slow(State(s): State<Slow>, headers: HeaderMap) -> StatusCode {
        let id = headers["madoguchi-event-id"].to_str().unwrap().to_owned();
        *s.received.lock().unwrap().entry(id).or_default() += 1;
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        StatusCode::OK
    }
    let t = TestDb::new().await.with_city(1).await;
    let receiver = Slow::default();
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/hook", listener.local_addr().unwrap());
    let app = axum::Router::new()
        .route("/hook", post(slow))
        .with_state(receiver.clone());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    let admin = t.staff("admin").await;
    webhooks::subscribe(&t.db, &admin, "kodomo", &url, now(), "test")
        .await
        .unwrap();
    let n = 120;
    publish_events(&t.db, n, chrono::Utc::now() - chrono::Duration::seconds(1)).await;

    let mut first = serve_process(&t.url, 2);
    let started = std::time::Instant::now();
    while receiver.received.lock().unwrap().len() < 10 {
        assert!(
            started.elapsed().as_secs() < 60,
            "the relay started delivering"
        );
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    first.kill().unwrap(); // SIGKILL: requests in flight are never recorded
    first.wait().unwrap();
    let before_restart = by_status(&t, "delivered").await;
    assert!(before_restart < i64::from(n), "killed midway");

    let mut second = serve_process(&t.url, 2);
    let started = std::time::Instant::now();
    while by_status(&t, "delivered").await < i64::from(n) {
        assert!(
            started.elapsed().as_secs() < 90,
            "delivered after the restart"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    second.kill().unwrap();
    second.wait().unwrap();
    let received = receiver.received.lock().unwrap().clone();
    assert_eq!(received.len(), n as usize, "every event at least once");
    assert_eq!(by_status(&t, "pending").await, 0);
    assert_eq!(by_status(&t, "dead").await, 0);
}

/// `madoguchi serve` on the test database, relaying with a lease of `lease` seconds.
fn serve_process(url: &str, lease: u32) -> std::process::Child {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    std::process::Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
        .args(["--relay-lease-seconds", &lease.to_string()])
        .args(["--site-dir", "/nonexistent"])
        .env("DATABASE_URL", url)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap()
}

/// Two server processes relay one outbox (on PostgreSQL with `SKIP LOCKED`; on SQLite
/// through its write lock): every event arrives, none twice.
#[tokio::test]
async fn two_server_processes_deliver_one_outbox_once() {
    let t = TestDb::new().await.with_city(1).await;
    let receiver = subscribed_receiver(&t).await;
    let n = 400;
    publish_events(&t.db, n, chrono::Utc::now() - chrono::Duration::seconds(1)).await;
    let mut servers = [serve_process(&t.url, 30), serve_process(&t.url, 30)];
    let started = std::time::Instant::now();
    while by_status(&t, "delivered").await < i64::from(n) {
        assert!(
            started.elapsed().as_secs() < 90,
            "delivered by the two processes"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
    for s in &mut servers {
        s.kill().unwrap();
        s.wait().unwrap();
    }
    let seen = receiver.seen.lock().unwrap().clone();
    let mut ids: Vec<&str> = seen.iter().map(|(id, _)| id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n as usize, "every event");
    assert_eq!(seen.len(), n as usize, "none twice");
}
