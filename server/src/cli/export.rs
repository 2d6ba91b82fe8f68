//! `madoguchi export PROCEDURE --department D [--format csv|json] [--encoding cp932]
//! [--from DAY] [--to DAY] [--status S] [--output FILE]`: a procedure's applications as
//! a file for a business system that imports files (columns in docs/EXPORT.md). Each
//! application written is audited.

use madoguchi_core::export;
use madoguchi_core::extract::Encoding;
use madoguchi_services::integration::export::{ExportQuery, Exporter};
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The procedure (`child_allowance`, `birth_registration`, …).
    pub procedure: String,
    /// The department whose applications (`kodomo`, `hoken`, …).
    #[arg(long)]
    pub department: String,
    /// csv or json.
    #[arg(long, default_value = "csv", value_parser = ["csv", "json"])]
    pub format: String,
    /// For CSV: utf-8 or cp932 (characters CP932 lacks become 〓).
    #[arg(long, default_value = "utf-8", value_parser = parse_encoding)]
    pub encoding: Encoding,
    /// Received on or after this day (Japan time).
    #[arg(long)]
    pub from: Option<chrono::NaiveDate>,
    /// Received on or before this day.
    #[arg(long)]
    pub to: Option<chrono::NaiveDate>,
    /// Only this status (received, in_review, returned, completed, withdrawn, rejected).
    #[arg(long)]
    pub status: Option<String>,
    /// Write here instead of standard output.
    #[arg(long)]
    pub output: Option<PathBuf>,
}

fn parse_encoding(s: &str) -> Result<Encoding, String> {
    Encoding::parse(s).ok_or_else(|| format!("unknown encoding {s}: utf-8 or cp932"))
}

pub async fn run(database_url: &str, args: Args) -> anyhow::Result<()> {
    let db = super::open(database_url).await?;
    let q = ExportQuery {
        department_id: args.department,
        procedure: args.procedure,
        from: args.from,
        to: args.to,
        status: args.status,
    };
    let table = madoguchi_services::integration::export::export(
        &db,
        Exporter::Operator,
        &q,
        chrono::Utc::now(),
        "cli",
    )
    .await
    .map_err(|e| match e {
        madoguchi_types::error::AppError::InvalidInput { fields } => anyhow::anyhow!(
            "{}",
            fields
                .iter()
                .map(|f| format!("{}: {} [{}]", f.field, f.error.message_ja(), f.error.code()))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        e => anyhow::anyhow!("{}", e.message_ja()),
    })?;
    let bytes = if args.format == "json" {
        let json = export::to_json(&table.procedure, &table.columns, &table.rows);
        serde_json::to_vec_pretty(&json)?
    } else {
        let csv = export::to_csv(&table.columns, &table.rows);
        match args.encoding {
            Encoding::Utf8 => csv.into_bytes(),
            Encoding::Cp932 => {
                let (bytes, replaced) = export::to_cp932(&csv);
                if replaced > 0 {
                    eprintln!("{replaced} character(s) CP932 does not have were written as 〓");
                }
                bytes
            }
        }
    };
    match args.output {
        Some(path) => std::fs::write(&path, &bytes)?,
        None => std::io::stdout().write_all(&bytes)?,
    }
    eprintln!("{} application(s) exported", table.rows.len());
    Ok(())
}
