//! The command line: `serve` (the default), `migrate`, `demo-data`, `screen`,
//! `outreach`, `export-requests`, `user`, `forms`, `audit`, `backup`, `restore`, `rules`, `export` and `import`.

mod audit;
pub mod backup;
mod demo_data;
mod export;
mod export_requests;
mod forms;
mod import;
mod outreach;
mod rules;
mod screen;
pub mod serve;
mod user;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(
    name = "madoguchi",
    version,
    about = "Madoguchi — the smart municipal counter"
)]
pub struct Cli {
    /// Database URL: sqlite://FILE (the default) or postgres://...
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://madoguchi.db",
        global = true
    )]
    pub database_url: String,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the web app and the API (the default command).
    Serve(Box<serve::Args>),
    /// Apply database migrations.
    Migrate,
    /// Load a deterministic synthetic city into an empty database.
    DemoData(demo_data::Args),
    /// Screen a request (JSON) or many (JSONL) with the public contract.
    Screen(screen::Args),
    /// List households eligible for a benefit they do not receive (CSV or JSON).
    Outreach(outreach::Args),
    /// Write the registry as screening requests (JSONL) under one event's scenario.
    ExportRequests(export_requests::Args),
    /// Create a staff account, or reset its password and role.
    User(user::Args),
    /// The form catalog: list the forms, or render one (or the receipt) as a PDF.
    Forms(forms::Args),
    /// The audit log: verify its chain, or prune entries past retention.
    Audit(audit::Args),
    /// Back the database up into a file (while the server runs).
    Backup(backup::BackupArgs),
    /// Restore a backup into an empty database (or any, with --force).
    Restore(backup::RestoreArgs),
    /// The rule set: store a release's rule files as a proposal to merge and review.
    Rules(rules::Args),
    /// Export a procedure's applications as CSV or JSON for a business system.
    Export(export::Args),
    /// Import a municipal extract (住基, 税, 国保・後期, 児童手当, 要介護) from CSV.
    Import(import::Args),
}

/// The day a population run is for: the one given, or today in Japan.
fn population_day(given: Option<chrono::NaiveDate>) -> chrono::NaiveDate {
    given.unwrap_or_else(|| madoguchi_services::Clock::System.today())
}

pub fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

pub async fn run(cli: Cli) -> ExitCode {
    let result = match cli
        .command
        .unwrap_or_else(|| Command::Serve(Box::default()))
    {
        Command::Serve(args) => serve::run(&cli.database_url, *args).await,
        Command::Migrate => migrate(&cli.database_url).await,
        Command::DemoData(args) => demo_data::run(&cli.database_url, args).await,
        Command::Screen(args) => return screen::run(args),
        Command::Outreach(args) => outreach::run(&cli.database_url, args).await,
        Command::ExportRequests(args) => export_requests::run(&cli.database_url, args).await,
        Command::User(args) => user::run(&cli.database_url, args).await,
        Command::Forms(args) => forms::run(args),
        Command::Audit(args) => match audit::run(&cli.database_url, args).await {
            Ok(true) => Ok(()),
            Ok(false) => return ExitCode::FAILURE,
            Err(e) => Err(e),
        },
        Command::Backup(args) => backup::run_backup(&cli.database_url, args).await,
        Command::Restore(args) => backup::run_restore(&cli.database_url, args).await,
        Command::Rules(args) => rules::run(&cli.database_url, args).await,
        Command::Export(args) => export::run(&cli.database_url, args).await,
        Command::Import(args) => import::run(&cli.database_url, args).await,
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("madoguchi: {e:#}");
            ExitCode::FAILURE
        }
    }
}

/// Connects, applies migrations and makes sure the catalog's departments exist.
pub async fn open(database_url: &str) -> anyhow::Result<sea_orm::DatabaseConnection> {
    let db = madoguchi_services::db::connect(database_url).await?;
    madoguchi_services::db::migrate(&db).await?;
    madoguchi_services::rules::load(&db, chrono::Utc::now())
        .await
        .map_err(|e| anyhow::anyhow!("the rule set could not be loaded: {e:?}"))?;
    Ok(db)
}

async fn migrate(database_url: &str) -> anyhow::Result<()> {
    open(database_url).await?;
    println!("migrations applied");
    Ok(())
}
