//! `madoguchi serve`: the web app, server functions and the screening API.

use madoguchi_services::online::notices::{MailSettings, Sender};
use madoguchi_services::online::oidc::client_key::ClientKey;
use madoguchi_services::online::oidc::settings::DEFAULT_SCOPES;
use madoguchi_services::online::oidc::{ClientAuth, OidcSettings, Provider};
use madoguchi_services::pre_entry::{PreEntryKey, PreEntrySettings};
use madoguchi_services::{AppState, Clock};
use madoguchi_types::model::KioskSettings;
use std::net::SocketAddr;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Address to listen on.
    #[arg(long, env = "MADOGUCHI_ADDR", default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,
    /// Seconds without a touch after which the counter tablet clears an open visit.
    #[arg(long, env = "MADOGUCHI_KIOSK_IDLE_SECONDS", default_value_t = 180)]
    pub kiosk_idle_seconds: u32,
    /// Minutes during which an interrupted counter visit (a reload, a crashed tab, a
    /// server restart) is offered for resuming.
    #[arg(long, env = "MADOGUCHI_DRAFT_RESUME_MINUTES", default_value_t = 30)]
    pub draft_resume_minutes: u32,
    /// Fonts for printed forms (IPAex Mincho and Gothic); by default where Debian's
    /// fonts-ipaexfont-mincho and fonts-ipaexfont-gothic put them.
    #[arg(long, env = "MADOGUCHI_FONT_DIR")]
    pub font_dir: Option<PathBuf>,
    /// The built frontend (Trunk's output).
    #[arg(long, env = "MADOGUCHI_SITE_DIR", default_value = "dist")]
    pub site_dir: PathBuf,
    /// Deliver webhooks from this process (on PostgreSQL every process may; they share
    /// the outbox without sending one delivery twice at once).
    #[arg(long, env = "MADOGUCHI_RELAY", default_value_t = true, action = clap::ArgAction::Set)]
    pub relay: bool,
    /// Seconds a delivery being sent is left to its process; after a crash another
    /// round (of any process) sends it again once this has passed.
    #[arg(long, env = "MADOGUCHI_RELAY_LEASE_SECONDS", default_value_t = 60)]
    pub relay_lease_seconds: u32,
    /// The key pre-entries are sealed with (64 hex digits), made on first start when
    /// missing. Keep it out of the database's backups: a pre-entry opens only with it.
    #[arg(
        long,
        env = "MADOGUCHI_PRE_ENTRY_KEY_FILE",
        default_value = "secrets/pre-entry.key"
    )]
    pub pre_entry_key_file: PathBuf,
    /// Days a pre-entry's code stays valid after the day it is made.
    #[arg(long, env = "MADOGUCHI_PRE_ENTRY_DAYS", default_value_t = 14)]
    pub pre_entry_days: u32,
    #[command(flatten)]
    pub security: SecurityArgs,
    #[command(flatten)]
    pub oidc: OidcArgs,
    #[command(flatten)]
    pub mail: MailArgs,
}

/// The city's SMTP server for e-mail notices to residents who applied online (none
/// configured: no notices, and the resident's page does not offer them).
#[derive(clap::Args, Debug, Clone, Default)]
pub struct MailArgs {
    /// `smtp://host:port` (a relay on the city's network), `smtp://user:pass@host:587?tls=required`
    /// (STARTTLS) or `smtps://user:pass@host:465`.
    #[arg(long = "smtp-url", env = "MADOGUCHI_SMTP_URL")]
    pub smtp_url: Option<String>,
    /// The notices' sender.
    #[arg(
        long = "mail-from",
        env = "MADOGUCHI_MAIL_FROM",
        default_value = "星ヶ丘市 <noreply@city.example.jp>"
    )]
    pub from: String,
}

impl MailArgs {
    fn from_env() -> Self {
        Self {
            smtp_url: std::env::var("MADOGUCHI_SMTP_URL").ok(),
            from: std::env::var("MADOGUCHI_MAIL_FROM")
                .unwrap_or_else(|_| "星ヶ丘市 <noreply@city.example.jp>".to_owned()),
        }
    }

    fn settings(&self, public_url: &str) -> Option<MailSettings> {
        Some(MailSettings {
            url: self.smtp_url.clone()?,
            from: self.from.clone(),
            my_page: format!("{public_url}/my"),
        })
    }
}

/// The OpenID Connect provider residents sign in with (none configured: online
/// sign-in is off and the pages do not offer it).
#[derive(clap::Args, Debug, Clone)]
pub struct OidcArgs {
    /// The provider's issuer identifier (its discovery document is under it).
    #[arg(long = "oidc-issuer", env = "MADOGUCHI_OIDC_ISSUER")]
    pub issuer: Option<String>,
    /// This server's client id at the provider.
    #[arg(long = "oidc-client-id", env = "MADOGUCHI_OIDC_CLIENT_ID")]
    pub client_id: Option<String>,
    /// A client secret (`client_secret_basic`). Without one the server authenticates
    /// with `private_key_jwt`, signed by the key in `--oidc-key-file`.
    #[arg(
        long = "oidc-client-secret",
        env = "MADOGUCHI_OIDC_CLIENT_SECRET",
        hide_env_values = true
    )]
    pub client_secret: Option<String>,
    /// The client's EC P-256 key (PKCS#8 PEM), made on first start when missing; its
    /// public half is served at /auth/oidc/jwks.json for the provider.
    #[arg(
        long = "oidc-key-file",
        env = "MADOGUCHI_OIDC_KEY_FILE",
        default_value = "secrets/oidc-client.pem"
    )]
    pub key_file: PathBuf,
    /// The scopes asked for.
    #[arg(long = "oidc-scopes", env = "MADOGUCHI_OIDC_SCOPES", default_value = DEFAULT_SCOPES)]
    pub scopes: String,
}

impl OidcArgs {
    fn from_env() -> Self {
        Self {
            issuer: std::env::var("MADOGUCHI_OIDC_ISSUER").ok(),
            client_id: std::env::var("MADOGUCHI_OIDC_CLIENT_ID").ok(),
            client_secret: std::env::var("MADOGUCHI_OIDC_CLIENT_SECRET").ok(),
            key_file: std::env::var_os("MADOGUCHI_OIDC_KEY_FILE")
                .map_or_else(|| PathBuf::from("secrets/oidc-client.pem"), PathBuf::from),
            scopes: std::env::var("MADOGUCHI_OIDC_SCOPES")
                .unwrap_or_else(|_| DEFAULT_SCOPES.to_owned()),
        }
    }

    /// The provider, if an issuer is configured.
    fn provider(&self, public_url: &str) -> anyhow::Result<Option<Provider>> {
        let Some(issuer) = self.issuer.clone().filter(|i| !i.is_empty()) else {
            return Ok(None);
        };
        let client_id = self
            .client_id
            .clone()
            .filter(|c| !c.is_empty())
            .ok_or_else(|| {
                anyhow::anyhow!("MADOGUCHI_OIDC_ISSUER needs MADOGUCHI_OIDC_CLIENT_ID")
            })?;
        let auth = match self.client_secret.clone().filter(|s| !s.is_empty()) {
            Some(secret) => ClientAuth::Secret(secret),
            None => {
                let (key, created) = ClientKey::load_or_create(&self.key_file).map_err(|e| {
                    anyhow::anyhow!("OpenID Connect client key {}: {e}", self.key_file.display())
                })?;
                if created {
                    tracing::info!(file = %self.key_file.display(), "made a new OpenID Connect client key");
                }
                ClientAuth::PrivateKeyJwt(key)
            }
        };
        tracing::info!(%issuer, "residents sign in online");
        Ok(Some(Provider::new(OidcSettings {
            issuer,
            client_id,
            auth,
            scopes: self.scopes.clone(),
            redirect_uri: format!("{public_url}/auth/oidc/callback"),
        })))
    }
}

/// The city's security settings.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct SecurityArgs {
    /// Where browsers reach the server, e.g. https://madoguchi.city.example (HTTPS turns
    /// on `__Host-` cookies and HSTS; its host name is the passkeys' relying party).
    /// Default: http://localhost:PORT.
    #[arg(long, env = "MADOGUCHI_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Reverse proxies whose X-Forwarded-For / X-Forwarded-Proto are believed
    /// (comma-separated addresses).
    #[arg(long, env = "MADOGUCHI_TRUSTED_PROXIES", value_delimiter = ',')]
    pub trusted_proxies: Vec<std::net::IpAddr>,
    /// Minutes without a request after which a staff session ends.
    #[arg(long, env = "MADOGUCHI_SESSION_IDLE_MINUTES", default_value_t = 30)]
    pub session_idle_minutes: u32,
    /// … and a counter tablet's session.
    #[arg(
        long,
        env = "MADOGUCHI_COUNTER_SESSION_IDLE_MINUTES",
        default_value_t = 15
    )]
    pub counter_session_idle_minutes: u32,
    /// Hours after sign-in at which any session ends.
    #[arg(long, env = "MADOGUCHI_SESSION_HOURS", default_value_t = 10)]
    pub session_hours: u32,
    /// A resident's online session ends after this many minutes without a request.
    #[arg(
        long,
        env = "MADOGUCHI_RESIDENT_SESSION_IDLE_MINUTES",
        default_value_t = 30
    )]
    pub resident_session_idle_minutes: u32,
    /// … and this many hours after sign-in, whatever its activity.
    #[arg(long, env = "MADOGUCHI_RESIDENT_SESSION_HOURS", default_value_t = 4)]
    pub resident_session_hours: u32,
    /// Administrators must use a passkey (true by default).
    #[arg(long, env = "MADOGUCHI_ADMIN_PASSKEY", default_value_t = true, action = clap::ArgAction::Set)]
    pub admin_passkey: bool,
}

impl SecurityArgs {
    /// The settings these arguments give for a server listening at `addr`.
    pub fn settings(&self, addr: SocketAddr) -> madoguchi_services::auth::SecuritySettings {
        let url = self.public_url.clone().unwrap_or_else(|| {
            let host = if addr.ip().is_loopback() || addr.ip().is_unspecified() {
                "localhost".to_owned()
            } else {
                addr.ip().to_string()
            };
            format!("http://{host}:{}", addr.port())
        });
        let mut s = madoguchi_services::auth::SecuritySettings::new(&url);
        s.trusted_proxies = self.trusted_proxies.clone();
        s.idle = chrono::Duration::minutes(self.session_idle_minutes.max(1).into());
        s.counter_idle = chrono::Duration::minutes(self.counter_session_idle_minutes.max(1).into());
        s.absolute = chrono::Duration::hours(self.session_hours.max(1).into());
        s.passkey_for_admins = self.admin_passkey;
        s.resident_idle =
            chrono::Duration::minutes(self.resident_session_idle_minutes.max(1).into());
        s.resident_absolute = chrono::Duration::hours(self.resident_session_hours.max(1).into());
        s
    }
}

impl Default for Args {
    fn default() -> Self {
        Self {
            kiosk_idle_seconds: std::env::var("MADOGUCHI_KIOSK_IDLE_SECONDS")
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(180),
            draft_resume_minutes: std::env::var("MADOGUCHI_DRAFT_RESUME_MINUTES")
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(30),
            addr: std::env::var("MADOGUCHI_ADDR")
                .ok()
                .and_then(|a| a.parse().ok())
                .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], 3000))),
            font_dir: std::env::var_os("MADOGUCHI_FONT_DIR").map(PathBuf::from),
            site_dir: std::env::var_os("MADOGUCHI_SITE_DIR")
                .map_or_else(|| PathBuf::from("dist"), PathBuf::from),
            relay: std::env::var("MADOGUCHI_RELAY")
                .map(|v| v != "false" && v != "0")
                .unwrap_or(true),
            relay_lease_seconds: env_or("MADOGUCHI_RELAY_LEASE_SECONDS", 60),
            pre_entry_key_file: std::env::var_os("MADOGUCHI_PRE_ENTRY_KEY_FILE")
                .map_or_else(|| PathBuf::from("secrets/pre-entry.key"), PathBuf::from),
            pre_entry_days: env_or("MADOGUCHI_PRE_ENTRY_DAYS", 14),
            security: SecurityArgs {
                public_url: std::env::var("MADOGUCHI_PUBLIC_URL").ok(),
                trusted_proxies: std::env::var("MADOGUCHI_TRUSTED_PROXIES")
                    .ok()
                    .map(|v| v.split(',').filter_map(|a| a.trim().parse().ok()).collect())
                    .unwrap_or_default(),
                session_idle_minutes: env_or("MADOGUCHI_SESSION_IDLE_MINUTES", 30),
                counter_session_idle_minutes: env_or("MADOGUCHI_COUNTER_SESSION_IDLE_MINUTES", 15),
                session_hours: env_or("MADOGUCHI_SESSION_HOURS", 10),
                resident_session_idle_minutes: env_or(
                    "MADOGUCHI_RESIDENT_SESSION_IDLE_MINUTES",
                    30,
                ),
                resident_session_hours: env_or("MADOGUCHI_RESIDENT_SESSION_HOURS", 4),
                admin_passkey: std::env::var("MADOGUCHI_ADMIN_PASSKEY")
                    .map(|v| v != "false" && v != "0")
                    .unwrap_or(true),
            },
            oidc: OidcArgs::from_env(),
            mail: MailArgs::from_env(),
        }
    }
}

fn env_or(name: &str, default: u32) -> u32 {
    std::env::var(name)
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

/// The city the documents name (the demo city).
pub const CITY: &str = "星ヶ丘市";

pub async fn run(database_url: &str, args: Args) -> anyhow::Result<()> {
    let db = super::open(database_url).await?;
    for page in crate::http::PAGES {
        if !args.site_dir.join(page).exists() {
            tracing::warn!(dir = %args.site_dir.display(), page, "no built frontend found; run `trunk build --release` first");
        }
    }
    let idle_seconds = args.kiosk_idle_seconds.max(30);
    let kiosk = KioskSettings {
        idle_seconds,
        warning_seconds: 30.min(idle_seconds / 2),
        resume_minutes: args.draft_resume_minutes,
    };
    let rules = madoguchi_services::rules::load(&db, chrono::Utc::now()).await?;
    let today = madoguchi_services::Clock::System.today();
    tracing::info!(version = %rules.on(today).version, "rule set loaded");
    let fonts = madoguchi_print::Fonts::load(args.font_dir.as_deref())?;
    let listener = tokio::net::TcpListener::bind(args.addr).await?;
    let security = args.security.settings(listener.local_addr()?);
    let webauthn = madoguchi_services::auth::passkeys::relying_party(&security, CITY)
        .map_err(|e| anyhow::anyhow!(e))?;
    let public_url = security.public_url.clone();
    let (key, created) = PreEntryKey::load_or_create(&args.pre_entry_key_file)
        .map_err(|e| anyhow::anyhow!("pre-entry key {}: {e}", args.pre_entry_key_file.display()))?;
    if created {
        tracing::info!(file = %args.pre_entry_key_file.display(), "made a new pre-entry key");
    }
    let state = AppState {
        rules,
        db,
        clock: Clock::System,
        kiosk,
        printer: std::sync::Arc::new(madoguchi_print::Printer::new(fonts, CITY)),
        security: std::sync::Arc::new(security),
        webauthn: std::sync::Arc::new(webauthn),
        pre_entry: std::sync::Arc::new(PreEntrySettings {
            key,
            days: args.pre_entry_days.clamp(1, 90),
        }),
        oidc: args.oidc.provider(&public_url)?.map(std::sync::Arc::new),
        mail: args.mail.settings(&public_url).map(std::sync::Arc::new),
    };
    if let Some(mail) = &state.mail {
        let sender = Sender::new(
            state.db.clone(),
            (**mail).clone(),
            Box::new(crate::mail::Texts),
        )
        .map_err(|e| anyhow::anyhow!(e))?;
        tracing::info!(from = %mail.from, "e-mail notices to residents are on");
        tokio::spawn(sender.run(state.clock));
    }
    if args.relay {
        use madoguchi_services::integration::relay::{Relay, RelaySettings};
        let settings = RelaySettings {
            lease: chrono::Duration::seconds(args.relay_lease_seconds.max(1).into()),
            ..RelaySettings::default()
        };
        let relay = Relay::new(state.db.clone(), settings)?;
        tokio::spawn(relay.run(state.clock));
    }
    // Expired pre-entries and residents' sessions are deleted within ten minutes even
    // when nobody makes or takes one (making and taking purge them too).
    let (db, clock) = (state.db.clone(), state.clock);
    tokio::spawn(async move {
        let mut every = tokio::time::interval(std::time::Duration::from_secs(600));
        loop {
            every.tick().await;
            match madoguchi_services::pre_entry::purge(&db, clock.now()).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(deleted = n, "expired pre-entries deleted"),
                Err(e) => tracing::warn!(error = %e, "expired pre-entries could not be deleted"),
            }
            if let Err(e) = madoguchi_services::online::sessions::purge(&db, clock.now()).await {
                tracing::warn!(error = %e, "expired resident sessions could not be deleted");
            }
        }
    });
    let router = crate::http::app(state, args.site_dir);
    println!("Madoguchi is serving at {public_url}");
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    Ok(())
}
