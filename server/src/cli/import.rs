//! `madoguchi import KIND FILE [--encoding cp932] [--dry-run] [--json]`: a municipal
//! extract (layouts in docs/REGISTRY_LAYOUTS.md) into the registry, all of it or
//! nothing. Problems are printed one per line with the line and column (up to 200), and
//! the command fails; a good file prints what changed.

use madoguchi_core::extract::{self, Encoding, Kind};
use madoguchi_services::import::{import, ImportError};
use std::path::PathBuf;

/// Problems printed at most (the count of all is printed too).
const SHOWN: usize = 200;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// juki, tax, insurance, child-allowance or care.
    #[arg(value_parser = parse_kind)]
    pub kind: Kind,
    /// The CSV file.
    pub file: PathBuf,
    /// utf-8 (the default; a BOM is allowed) or cp932 (Shift_JIS as Windows writes it).
    #[arg(long, default_value = "utf-8", value_parser = parse_encoding)]
    pub encoding: Encoding,
    /// Check everything and report what would change, writing nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Print the report (or the problems) as JSON.
    #[arg(long)]
    pub json: bool,
}

fn parse_kind(s: &str) -> Result<Kind, String> {
    Kind::parse(s).ok_or_else(|| {
        format!(
            "unknown kind {s}: one of {}",
            madoguchi_services::import::kind_names().join(", ")
        )
    })
}

fn parse_encoding(s: &str) -> Result<Encoding, String> {
    Encoding::parse(s).ok_or_else(|| format!("unknown encoding {s}: utf-8 or cp932"))
}

pub async fn run(database_url: &str, args: Args) -> anyhow::Result<()> {
    let bytes =
        std::fs::read(&args.file).map_err(|e| anyhow::anyhow!("{}: {e}", args.file.display()))?;
    let started = std::time::Instant::now();
    let problems = match extract::parse(args.kind, &bytes, args.encoding) {
        Ok(parsed) => {
            tracing::info!(rows = parsed.len(), "extract read; writing");
            let db = super::open(database_url).await?;
            match import(&db, &parsed, &bytes, args.dry_run, chrono::Utc::now()).await {
                Ok(report) => {
                    if args.json {
                        println!("{}", serde_json::to_string(&report)?);
                    } else {
                        println!(
                            "{} {}: {} rows — {} new, {} changed, {} unchanged, {} ended; households {} new, {} changed ({:.1} s){}",
                            report.kind,
                            args.file.display(),
                            report.rows,
                            report.inserted,
                            report.updated,
                            report.unchanged,
                            report.removed,
                            report.households_inserted,
                            report.households_updated,
                            started.elapsed().as_secs_f64(),
                            if report.dry_run { " — dry run, nothing written" } else { "" }
                        );
                    }
                    return Ok(());
                }
                Err(ImportError::Rows(errors)) => errors,
                Err(ImportError::Db(e)) => return Err(e.into()),
            }
        }
        Err(errors) => errors,
    };
    if args.json {
        let list: Vec<_> = problems
            .iter()
            .take(SHOWN)
            .map(|e| {
                serde_json::json!({
                    "line": e.line, "column": e.column, "field": e.field,
                    "code": e.problem.code(), "message": e.problem.message_ja(), "detail": e.detail,
                })
            })
            .collect();
        println!(
            "{}",
            serde_json::json!({ "errors": list, "count": problems.len() })
        );
    } else {
        for e in problems.iter().take(SHOWN) {
            eprintln!("{}: {e}", args.file.display());
        }
        if problems.len() > SHOWN {
            eprintln!("… {} more", problems.len() - SHOWN);
        }
    }
    anyhow::bail!(
        "{} problem(s) in {}; nothing was imported",
        problems.len(),
        args.file.display()
    )
}
