//! `madoguchi export-requests`: the registry as screening requests, one JSON per line,
//! under the standard scenario of one life event — the input of the batch benchmark
//! (`madoguchi screen --input FILE.jsonl`).

use super::population_day;
use chrono::NaiveDate;
use madoguchi_core::rules::population::scenario;
use madoguchi_core::screening::EventType;
use madoguchi_services::population;
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The event of the scenario: birth, move_in, death, ... (see docs/ARCHITECTURE.md).
    #[arg(long, default_value = "birth")]
    pub event: String,
    #[arg(long)]
    pub as_of: Option<NaiveDate>,
    /// The JSONL file to write.
    #[arg(long)]
    pub out: PathBuf,
}

pub async fn run(database_url: &str, args: Args) -> anyhow::Result<()> {
    let Some(event) = EventType::from_id(&args.event) else {
        anyhow::bail!("unknown event `{}`", args.event);
    };
    let db = super::open(database_url).await?;
    let day = population_day(args.as_of);
    let (households, _) = population::load_all(&db, day)
        .await
        .map_err(|e| anyhow::anyhow!("{e:?}"))?;
    let mut out = std::io::BufWriter::new(std::fs::File::create(&args.out)?);
    let mut n = 0;
    for h in &households {
        if let Some(req) = scenario(&h.members, event, day) {
            serde_json::to_writer(&mut out, &req)?;
            out.write_all(b"\n")?;
            n += 1;
        }
    }
    out.flush()?;
    println!("{n} requests written to {}", args.out.display());
    Ok(())
}
