//! `madoguchi serve`: the web app, server functions and the screening API.

use app::model::KioskSettings;
use app::server::{AppState, Clock};
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
        }
    }
}

/// The city the documents name (the demo city).
pub const CITY: &str = "星ヶ丘市";

pub async fn run(database_url: &str, args: Args) -> anyhow::Result<()> {
    let db = super::open(database_url).await?;
    if !args.site_dir.join("index.html").exists() {
        tracing::warn!(dir = %args.site_dir.display(), "no built frontend found; run `trunk build --release` first");
    }
    let idle_seconds = args.kiosk_idle_seconds.max(30);
    let kiosk = KioskSettings {
        idle_seconds,
        warning_seconds: 30.min(idle_seconds / 2),
        resume_minutes: args.draft_resume_minutes,
    };
    let rules = app::server::rules::load(&db, chrono::Utc::now()).await?;
    tracing::info!(version = %rules.version, "rule set loaded");
    let fonts = madoguchi_print::Fonts::load(args.font_dir.as_deref())?;
    let state = AppState {
        rules: app::server::LiveRules::new(rules),
        db,
        clock: Clock::System,
        kiosk,
        printer: std::sync::Arc::new(madoguchi_print::Printer::new(fonts, CITY)),
    };
    let router = crate::http::app(state, args.site_dir);
    let listener = tokio::net::TcpListener::bind(args.addr).await?;
    println!("Madoguchi is serving at http://{}", listener.local_addr()?);
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
