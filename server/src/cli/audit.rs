//! `madoguchi audit verify`: walks the audit chain and names the first entry edited,
//! deleted or moved (exit status 1 if any, or if the append-only triggers are gone).
//! `madoguchi audit prune`: summarises and removes entries past the retention period
//! (run as the database owner; the chain keeps verifying from the checkpoint).

use madoguchi_services::audit::{retention, verify};
use madoguchi_services::Clock;

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(clap::Subcommand, Debug)]
pub enum Command {
    /// Verify the chain from its start (or the last retention checkpoint) to its head.
    Verify {
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Summarise and remove entries older than the retention period.
    Prune {
        /// Days to keep (the city's retention period).
        #[arg(long, env = "MADOGUCHI_AUDIT_RETENTION_DAYS", default_value_t = 1827)]
        keep_days: u32,
    },
}

/// Runs the command; `Ok(false)` when the chain does not verify.
pub async fn run(database_url: &str, args: Args) -> anyhow::Result<bool> {
    let db = super::open(database_url).await?;
    match args.command {
        Command::Verify { json } => {
            let r = verify::walk(&db).await?;
            if json {
                println!("{}", serde_json::to_string_pretty(&r)?);
            } else if let Some(p) = &r.problem {
                println!(
                    "BROKEN at entry {}{}: {} ({:?}); {} entries before it verify",
                    p.seq,
                    p.id.map(|id| format!(" (row id {id})")).unwrap_or_default(),
                    p.detail,
                    p.kind,
                    r.entries
                );
            } else {
                println!(
                    "OK: {} entries verify (from after entry {} to entry {}); head {}",
                    r.entries, r.from_seq, r.head_seq, r.head_hash
                );
            }
            if !r.triggers_in_place {
                println!(
                    "WARNING: the triggers that keep audit_log append-only are missing or disabled"
                );
            }
            Ok(r.ok())
        }
        Command::Prune { keep_days } => {
            match retention::prune(&db, keep_days, Clock::System.now()).await? {
                retention::Pruned::Nothing => println!("nothing older than {keep_days} days"),
                retention::Pruned::UpTo { seq, entries } => {
                    println!("{entries} entries up to {seq} summarised in a checkpoint and removed")
                }
            }
            Ok(true)
        }
    }
}
