//! Test databases and fixtures.

use app::model::StaffMe;
use app::server::{auth, demo, AppState, Clock};
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, Statement};

/// The instant every test runs at: 2026-11-25 10:00 in Japan.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 25, 1, 0, 0).unwrap()
}

pub fn today() -> NaiveDate {
    "2026-11-25".parse().unwrap()
}

pub struct TestDb {
    pub db: DatabaseConnection,
    _dir: Option<tempfile::TempDir>,
}

impl TestDb {
    /// A fresh, migrated database of the backend the run asks for. PostgreSQL test
    /// databases are named `madoguchi_t_*`; scripts/test.sh drops them after the run.
    pub async fn new() -> Self {
        match std::env::var("MADOGUCHI_TEST_BACKEND").as_deref() {
            Ok("postgres") => Self::postgres().await,
            Ok("sqlite") | Err(_) => Self::sqlite().await,
            Ok(other) => panic!("unknown MADOGUCHI_TEST_BACKEND `{other}`"),
        }
    }

    async fn sqlite() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}", dir.path().join("test.db").display());
        let db = server::cli::open(&url)
            .await
            .expect("sqlite opens and migrates");
        Self {
            db,
            _dir: Some(dir),
        }
    }

    async fn postgres() -> Self {
        let base = std::env::var("MADOGUCHI_TEST_PG_URL")
            .expect("MADOGUCHI_TEST_BACKEND=postgres needs MADOGUCHI_TEST_PG_URL");
        let admin = sea_orm::Database::connect(&base)
            .await
            .expect("PostgreSQL reachable");
        let mut bytes = [0u8; 6];
        getrandom_bytes(&mut bytes);
        let name = format!(
            "madoguchi_t_{}",
            bytes.iter().map(|b| format!("{b:02x}")).collect::<String>()
        );
        admin
            .execute_raw(Statement::from_string(
                admin.get_database_backend(),
                format!("CREATE DATABASE {name}"),
            ))
            .await
            .expect("create test database");
        let (prefix, _) = base.rsplit_once('/').expect("URL names a database");
        let db = server::cli::open(&format!("{prefix}/{name}"))
            .await
            .expect("postgres migrates");
        Self { db, _dir: None }
    }

    pub fn state(&self) -> AppState {
        AppState {
            db: self.db.clone(),
            clock: Clock::Fixed(now()),
            kiosk: Default::default(),
            rules: app::server::LiveRules::bundled(),
            printer: printer(),
        }
    }

    /// The backend actually in use, so a run can prove which one it tested.
    pub fn backend(&self) -> sea_orm::DatabaseBackend {
        self.db.get_database_backend()
    }

    /// Loads a small demo city (with the showcase households) and the demo staff.
    pub async fn with_city(self, households: u32) -> Self {
        demo::generate(&self.db, households, 7, today(), now())
            .await
            .expect("demo city");
        self
    }

    pub async fn staff(&self, username: &str) -> StaffMe {
        let password = demo::DEMO_STAFF
            .iter()
            .find(|s| s.0 == username)
            .expect("demo account")
            .4;
        auth::sign_in(&self.db, username, password, now(), "test")
            .await
            .expect("demo sign-in")
            .1
    }

    pub async fn count(&self, table: &str) -> i64 {
        let row = self
            .db
            .query_one_raw(Statement::from_string(
                self.backend(),
                format!("SELECT COUNT(*) AS n FROM {table}"),
            ))
            .await
            .expect("count query")
            .expect("a row");
        row.try_get::<i64>("", "n").expect("count")
    }
}

/// The printer every test shares: the fonts are read and parsed once per run.
pub fn printer() -> std::sync::Arc<madoguchi_print::Printer> {
    static PRINTER: std::sync::OnceLock<std::sync::Arc<madoguchi_print::Printer>> =
        std::sync::OnceLock::new();
    PRINTER
        .get_or_init(|| {
            let fonts = madoguchi_print::Fonts::load(None).expect("IPAex fonts installed");
            std::sync::Arc::new(madoguchi_print::Printer::new(fonts, "星ヶ丘市"))
        })
        .clone()
}

fn getrandom_bytes(buf: &mut [u8]) {
    use std::time::{SystemTime, UNIX_EPOCH};
    // Unique enough for names of test databases: time, thread and a counter.
    static COUNTER: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(0)
        ^ COUNTER
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
        ^ (std::process::id() as u64) << 32;
    for (i, b) in buf.iter_mut().enumerate() {
        *b = (n >> (i * 8)) as u8;
    }
}
