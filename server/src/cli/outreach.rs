//! `madoguchi outreach`: households eligible for a benefit they do not receive, screened
//! with the published rule set over the whole registry, as CSV (for a letter merge) or
//! JSON. The read of every household is audited as one outreach run.

use super::population_day;
use chrono::NaiveDate;
use madoguchi_core::rules::population::outreach;
use madoguchi_services::audit::{self, Audit};
use madoguchi_services::{population, rules};
use std::io::Write;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The benefit, as a procedure id (e.g. child_allowance).
    #[arg(long)]
    pub procedure: String,
    /// The day eligibility is judged on (default: today in Japan).
    #[arg(long)]
    pub as_of: Option<NaiveDate>,
    /// `csv` (UTF-8 with BOM, opens in spreadsheet programs) or `json`.
    #[arg(long, default_value = "csv")]
    pub format: String,
}

pub async fn run(database_url: &str, args: Args) -> anyhow::Result<()> {
    let db = super::open(database_url).await?;
    let day = population_day(args.as_of);
    let timeline = rules::load(&db, chrono::Utc::now())
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let live = timeline.on(day);
    let Some(procedure) = live.procedure(&args.procedure) else {
        anyhow::bail!("unknown procedure `{}`", args.procedure);
    };
    let (households, labels) = population::load_all(&db, day)
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let (leads, unsure) = outreach(&live, &households, &procedure.id, day);
    audit::record(
        &db,
        chrono::Utc::now(),
        "cli",
        Audit {
            staff_user_id: None,
            action: "outreach",
            target: format!("procedure:{}", procedure.id),
            household_id: None,
            resident_id: None,
            purpose: "proactive_outreach",
            outcome: "ok",
        },
    )
    .await?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    if args.format == "json" {
        serde_json::to_writer_pretty(
            &mut out,
            &serde_json::json!({
                "procedure": procedure.id, "as_of": day, "ruleset": live.version,
                "households": households.len(), "unsure": unsure, "leads": leads,
            }),
        )?;
        writeln!(out)?;
    } else {
        out.write_all("\u{feff}世帯番号,世帯主,住所,対象者(宛名番号),見込み額(円)\n".as_bytes())?;
        for l in &leads {
            let label = labels.get(&l.household).cloned().unwrap_or_default();
            let cells = [
                l.household.clone(),
                label.head,
                label.address,
                l.subject.clone().unwrap_or_default(),
                l.monthly_or_once.map(|a| a.to_string()).unwrap_or_default(),
            ];
            let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
            writeln!(out, "{}", line.join(","))?;
        }
    }
    out.flush()?;
    eprintln!(
        "{}: {} of {} households eligible and not receiving it; {unsure} need a question answered first (rules {}, as of {day})",
        procedure.name,
        leads.len(),
        households.len(),
        live.version
    );
    Ok(())
}

/// A CSV cell, quoted when it holds a comma, quote or line break.
pub fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}
