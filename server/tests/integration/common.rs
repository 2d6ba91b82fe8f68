//! Test databases and fixtures.

use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use madoguchi_services::auth::{self, RequestMeta, SecuritySettings};
use madoguchi_services::pre_entry::{PreEntryKey, PreEntrySettings};
use madoguchi_services::{demo, AppState, Clock};
use madoguchi_types::model::{SessionState, StaffMe};
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
    /// Staff signed in so far (each signs in and enrols its authenticator once).
    signed_in: tokio::sync::Mutex<std::collections::HashMap<String, (String, StaffMe)>>,
    /// The URL the test database was opened with (for backup and restore).
    pub url: String,
}

impl TestDb {
    /// A fresh, migrated database of the backend the run asks for. PostgreSQL test
    /// databases are named `madoguchi_t_*`; scripts/test.sh drops them after the run.
    pub async fn new() -> Self {
        // Errors the services log (a database error behind `internal`) show with a
        // failing test's output.
        let _ = tracing_subscriber::fmt()
            .with_env_filter("warn,sqlx=error")
            .with_test_writer()
            .try_init();
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
            signed_in: Default::default(),
            url,
        }
    }

    async fn postgres() -> Self {
        let url = new_postgres_database().await;
        let db = server::cli::open(&url).await.expect("postgres migrates");
        Self {
            db,
            _dir: None,
            signed_in: Default::default(),
            url,
        }
    }

    /// The state a server on this database would have, at the fixed test time, with
    /// the city's default security settings (passkeys required for administrators).
    pub fn state(&self) -> AppState {
        self.state_with(settings())
    }

    pub fn state_with(&self, security: SecuritySettings) -> AppState {
        let webauthn = auth::passkeys::relying_party(&security, "星ヶ丘市").expect("relying party");
        AppState {
            db: self.db.clone(),
            clock: Clock::Fixed(now()),
            kiosk: Default::default(),
            rules: madoguchi_services::LiveRules::bundled(),
            printer: printer(),
            security: std::sync::Arc::new(security),
            webauthn: std::sync::Arc::new(webauthn),
            pre_entry: std::sync::Arc::new(PreEntrySettings {
                key: PreEntryKey::from_bytes([42; 32]),
                days: PreEntrySettings::DEFAULT_DAYS,
            }),
            oidc: None,
            mail: None,
        }
    }

    /// The URL of a new, empty database of the same backend (nothing migrated), and
    /// the directory that holds it on SQLite (kept alive by the caller).
    pub async fn empty_database(&self) -> (String, Option<tempfile::TempDir>) {
        match self.backend() {
            sea_orm::DatabaseBackend::Postgres => (new_postgres_database().await, None),
            _ => {
                let dir = tempfile::tempdir().expect("temp dir");
                let url = format!("sqlite://{}", dir.path().join("restored.db").display());
                (url, Some(dir))
            }
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

    /// A demo staff member, fully signed in: password, then (the first time) an
    /// authenticator app enrolled with a code computed here, as the phone would. The
    /// services take the `StaffMe`; the same one is returned on later calls.
    /// Administrators enrol TOTP here because the tests' settings for this helper do not
    /// require passkeys (`passkey_tests` cover that requirement).
    pub async fn staff(&self, username: &str) -> StaffMe {
        self.signed_in(username).await.1
    }

    /// The session cookie of a demo staff member signed in as `staff` does.
    pub async fn cookie(&self, username: &str) -> String {
        format!("madoguchi_session={}", self.signed_in(username).await.0)
    }

    async fn signed_in(&self, username: &str) -> (String, StaffMe) {
        let mut cache = self.signed_in.lock().await;
        if let Some(found) = cache.get(username) {
            return found.clone();
        }
        let mut settings = settings();
        settings.passkey_for_admins = false;
        let (token, me, _) =
            sign_in_with_totp(&self.db, &settings, username, demo_password(username)).await;
        cache.insert(username.to_owned(), (token.clone(), me.clone()));
        (token, me)
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

    /// Runs one SQL statement as the database owner (to set up a situation, such as
    /// an older release's row).
    pub async fn exec(&self, sql: &str) {
        self.db
            .execute_raw(Statement::from_string(self.backend(), sql.to_owned()))
            .await
            .expect("statement");
    }
}

/// A new, empty PostgreSQL database named `madoguchi_t_*` (scripts/test.sh drops them
/// after the run); returns its URL.
async fn new_postgres_database() -> String {
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
    format!("{prefix}/{name}")
}

/// Runs `madoguchi ARGS…` against the database at `url`.
pub fn madoguchi_on(url: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_madoguchi"))
        .args(args)
        .env("DATABASE_URL", url)
        .output()
        .expect("madoguchi runs")
}

/// The city's default settings, for a server at http://localhost:3000.
pub fn settings() -> SecuritySettings {
    SecuritySettings::new("http://localhost:3000")
}

pub fn meta() -> RequestMeta {
    RequestMeta::local("192.0.2.10")
}

pub fn demo_password(username: &str) -> &'static str {
    demo::DEMO_STAFF
        .iter()
        .find(|s| s.0 == username)
        .expect("demo account")
        .4
}

/// Signs in with the password and enrols an authenticator app (start, a code computed
/// from the secret shown, confirm). Returns the session token, the staff member and
/// the TOTP secret.
pub async fn sign_in_with_totp(
    db: &DatabaseConnection,
    settings: &SecuritySettings,
    username: &str,
    password: &str,
) -> (String, StaffMe, String) {
    let (token, me) =
        auth::sign_in::with_password(db, settings, username, password, now(), &meta())
            .await
            .expect("password accepted");
    assert_eq!(
        me.state,
        SessionState::Enrol,
        "{username} has no factor yet"
    );
    let current = auth::sessions::resolve(db, settings, &token, now(), &meta())
        .await
        .expect("session");
    let enrolment = auth::totp::start(db, &current)
        .await
        .expect("enrolment starts");
    let current = auth::sessions::resolve(db, settings, &token, now(), &meta())
        .await
        .expect("session");
    let code = auth::totp::code_at(&enrolment.secret, auth::totp::step_of(now())).expect("code");
    let (token, me, codes) = auth::totp::confirm(db, settings, &current, &code, now(), &meta())
        .await
        .expect("enrolment confirmed");
    assert_eq!(codes.len(), auth::totp::RECOVERY_CODES);
    assert_eq!(me.state, SessionState::Full);
    (token, me, enrolment.secret)
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
