//! The benchmarks of issue 15 (`cargo bench -p server --bench integration`): importing a
//! 住基 extract of 150,000 residents (and again, unchanged), 10,000 webhook deliveries to
//! a receiver on this machine, and the department queue's first page with 100,000
//! applications. SQLite in a temporary file by default; PostgreSQL with
//! `MADOGUCHI_BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/test` (a fresh database
//! is created beside it). Prints one line per step with its goal.

use chrono::{Duration, Utc};
use madoguchi_core::extract::{self, Encoding, Kind};
use madoguchi_services::db::insert_chunked;
use madoguchi_services::entities::{application, visit};
use madoguchi_services::integration::outbox::{publish, EventKind};
use madoguchi_services::integration::relay::{Relay, RelaySettings};
use madoguchi_types::model::{Permission, QueueQuery, SessionState, StaffMe};
use sea_orm::{ConnectionTrait, DatabaseConnection, Set, Statement};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

const HEADER: &str = "宛名番号,世帯番号,続柄,氏,名,氏_カナ,名_カナ,生年月日,性別,郵便番号,住所,住民となった年月日,住民状態\n";

fn extract_of(n: usize) -> String {
    let mut s = String::with_capacity(n * 150);
    s.push_str(HEADER);
    for i in 0..n {
        let (rel, given, kana) = match i % 3 {
            0 => ("世帯主", "一郎", "イチロウ"),
            1 => ("妻", "花子", "ハナコ"),
            _ => ("子", "陽翔", "ハルト"),
        };
        s.push_str(&format!(
            "{},{},{rel},山本,{given},ヤマモト,{kana},19{:02}-04-01,{},683-0001,鳥取県米子市旗ヶ崎{}-1,2000-04-01,住民\n",
            10_000_000 + i,
            20_000_000 + i / 3,
            40 + i % 60,
            1 + i % 2,
            i / 3
        ));
    }
    s
}

async fn database(name: &str) -> (DatabaseConnection, Option<tempfile::TempDir>) {
    match std::env::var("MADOGUCHI_BENCH_PG_URL") {
        Ok(base) => {
            let admin = madoguchi_services::db::connect(&base)
                .await
                .expect("postgres");
            let db_name = format!("madoguchi_bench_{name}");
            for sql in [
                format!("DROP DATABASE IF EXISTS {db_name}"),
                format!("CREATE DATABASE {db_name}"),
            ] {
                admin
                    .execute_raw(Statement::from_string(admin.get_database_backend(), sql))
                    .await
                    .expect("create database");
            }
            let (prefix, _) = base.rsplit_once('/').expect("URL names a database");
            let db = server::cli::open(&format!("{prefix}/{db_name}"))
                .await
                .expect("open");
            (db, None)
        }
        Err(_) => {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = format!("sqlite://{}", dir.path().join("bench.db").display());
            (server::cli::open(&url).await.expect("open"), Some(dir))
        }
    }
}

async fn import_bench() {
    let (db, _dir) = database("import").await;
    let n = 150_000;
    let csv = extract_of(n);
    let t = Instant::now();
    let parsed = extract::parse(Kind::Juki, csv.as_bytes(), Encoding::Utf8).expect("parses");
    let parse_s = t.elapsed().as_secs_f64();
    let report =
        madoguchi_services::import::import(&db, &parsed, csv.as_bytes(), false, Utc::now())
            .await
            .expect("imports");
    println!(
        "import juki: {} residents, {} households in {:.1} s (parse {parse_s:.1} s; goal ≤ 60 s)",
        report.inserted,
        report.households_inserted,
        t.elapsed().as_secs_f64()
    );
    let t = Instant::now();
    let parsed = extract::parse(Kind::Juki, csv.as_bytes(), Encoding::Utf8).expect("parses");
    let again = madoguchi_services::import::import(&db, &parsed, csv.as_bytes(), false, Utc::now())
        .await
        .expect("imports");
    println!(
        "import juki again: {} unchanged, {} written in {:.1} s",
        again.unchanged,
        again.inserted + again.updated,
        t.elapsed().as_secs_f64()
    );
}

async fn webhook_bench() {
    let (db, _dir) = database("webhooks").await;
    let count = Arc::new(AtomicUsize::new(0));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let url = format!("http://{}/hook", listener.local_addr().expect("addr"));
    let c = count.clone();
    let app = axum::Router::new().route(
        "/hook",
        axum::routing::post(move || {
            let c = c.clone();
            async move {
                c.fetch_add(1, Ordering::Relaxed);
                axum::http::StatusCode::NO_CONTENT
            }
        }),
    );
    tokio::spawn(async move { axum::serve(listener, app).await.expect("serve") });
    madoguchi_services::demo::create_demo_staff(&db, Utc::now())
        .await
        .expect("staff");
    db.execute_raw(Statement::from_string(
        db.get_database_backend(),
        format!(
            "INSERT INTO webhook_subscriptions (department_id, url, secret, created_by, created_at) \
             SELECT 'kodomo', '{url}', 'whsec_bench', id, CURRENT_TIMESTAMP FROM staff_users WHERE username = 'admin'"
        ),
    ))
    .await
    .expect("subscription");
    let n = 10_000;
    let now = Utc::now() - Duration::seconds(1);
    let txn = madoguchi_services::db::begin_write(&db).await.expect("txn");
    for id in 1..=n {
        publish(&txn, EventKind::Received, &fake(id), "received", None, now)
            .await
            .expect("publish");
    }
    txn.commit().await.expect("commit");
    let relay = Relay::new(db.clone(), RelaySettings::default()).expect("relay");
    let t = Instant::now();
    let mut delivered = 0;
    while delivered < n as usize {
        delivered += relay.round(Utc::now()).await.expect("round").delivered;
    }
    println!(
        "webhooks: {delivered} deliveries (receiver counted {}) in {:.1} s (goal ≤ 30 s)",
        count.load(Ordering::Relaxed),
        t.elapsed().as_secs_f64()
    );
}

fn fake(id: i32) -> application::Model {
    application::Model {
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
        ruleset: "bench".into(),
        created_at: Utc::now(),
        assigned_to: None,
        updated_at: None,
    }
}

async fn queue_bench() {
    let (db, _dir) = database("queue").await;
    madoguchi_services::demo::create_demo_staff(&db, Utc::now())
        .await
        .expect("staff");
    let staff_id: i32 = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT id FROM staff_users WHERE username = 'kodomo'",
        ))
        .await
        .expect("query")
        .expect("kodomo")
        .try_get("", "id")
        .expect("id");
    let visits = 25_000;
    let start = Utc::now() - Duration::days(365);
    let procedures = [
        ("child_allowance", "kodomo"),
        ("child_rearing_allowance", "kodomo"),
        ("nhi_enrollment", "hoken"),
        ("move_in_notification", "shimin"),
    ];
    let statuses = ["received", "in_review", "completed", "returned", "received"];
    let t = Instant::now();
    let rows: Vec<visit::ActiveModel> = (1..=visits)
        .map(|v| visit::ActiveModel {
            id: Set(v),
            visit_number: Set(format!("B{v:08}")),
            staff_user_id: Set(Some(staff_id)),
            household_id: Set(None),
            channel: Set("counter".into()),
            status: Set("submitted".into()),
            events: Set("[]".into()),
            values_prefilled: Set(0),
            values_asked: Set(0),
            values_on_paper: Set(0),
            created_at: Set(start + Duration::minutes(v.into())),
            submitted_at: Set(Some(start + Duration::minutes(v.into()))),
            ..Default::default()
        })
        .collect();
    insert_chunked(&db, rows).await.expect("visits");
    let mut apps = Vec::with_capacity(visits as usize * 4);
    for v in 1..=visits {
        for (i, (procedure, dept)) in procedures.iter().enumerate() {
            let id = (v - 1) * 4 + i as i32 + 1;
            let at = start + Duration::minutes(v.into());
            apps.push(application::ActiveModel {
                id: Set(id),
                visit_id: Set(v),
                procedure_id: Set((*procedure).into()),
                department_id: Set((*dept).into()),
                subject_resident_id: Set(None),
                subject_name: Set("山本 陽翔".into()),
                status: Set(statuses[id as usize % statuses.len()].into()),
                deadline: Set(Some((at + Duration::days(14)).date_naive())),
                reasons: Set("[]".into()),
                data: Set("{}".into()),
                ruleset: Set("bench".into()),
                created_at: Set(at),
                assigned_to: Set(None),
                updated_at: Set(None),
            });
        }
    }
    let n = apps.len();
    insert_chunked(&db, apps).await.expect("applications");
    if db.get_database_backend() == sea_orm::DatabaseBackend::Postgres {
        for t in ["visits", "applications"] {
            db.execute_raw(Statement::from_string(
                db.get_database_backend(),
                format!(
                    "SELECT setval(pg_get_serial_sequence('{t}', 'id'), (SELECT MAX(id) FROM {t}))"
                ),
            ))
            .await
            .expect("sequence");
            db.execute_raw(Statement::from_string(
                db.get_database_backend(),
                format!("ANALYZE {t}"),
            ))
            .await
            .expect("analyze");
        }
    } else {
        db.execute_raw(Statement::from_string(db.get_database_backend(), "ANALYZE"))
            .await
            .expect("analyze");
    }
    println!(
        "queue: {n} applications written in {:.1} s",
        t.elapsed().as_secs_f64()
    );
    let me = StaffMe {
        id: staff_id,
        username: "kodomo".into(),
        display_name: "こども".into(),
        roles: vec!["department".into()],
        permissions: Permission::ALL.to_vec(),
        department_id: Some("kodomo".into()),
        department_name: Some("こども課".into()),
        state: SessionState::Full,
        passkey_required: false,
    };
    // The department's own view (QueueRead only) and the whole city's (QueueReadAll).
    let mut dept = me.clone();
    dept.permissions.retain(|p| *p != Permission::QueueReadAll);
    let rules = madoguchi_services::rules::load(&db, Utc::now())
        .await
        .expect("rules");
    let ruleset = rules.on(madoguchi_services::Clock::System.today());
    for (label, who, query) in [
        ("department, open, newest", &dept, QueueQuery::default()),
        (
            "department, deadline order, one procedure",
            &dept,
            QueueQuery {
                procedure: Some("child_allowance".into()),
                sort: madoguchi_types::model::QueueSort::Deadline,
                ..QueueQuery::default()
            },
        ),
        ("every department, open, newest", &me, QueueQuery::default()),
    ] {
        let mut times = Vec::new();
        let mut total = 0;
        for _ in 0..21 {
            let t = Instant::now();
            let page =
                madoguchi_services::queue::list(&db, who, &ruleset, &query, Utc::now(), "bench")
                    .await
                    .expect("queue");
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            total = page.total;
        }
        times.sort_by(f64::total_cmp);
        println!(
            "queue first page ({label}; {total} match): median {:.1} ms, worst {:.1} ms (goal ≤ 50 ms)",
            times[times.len() / 2],
            times[times.len() - 1]
        );
    }
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let backend = if std::env::var("MADOGUCHI_BENCH_PG_URL").is_ok() {
        "PostgreSQL"
    } else {
        "SQLite"
    };
    println!("integration benchmarks on {backend}");
    rt.block_on(async {
        import_bench().await;
        webhook_bench().await;
        queue_bench().await;
    });
}
