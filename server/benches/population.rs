//! The population benchmarks of issue 3 (`cargo bench -p server --bench population`):
//! a demo city of 100,000 households in a SQLite file; loading it in bulk; the impact
//! preview of a rule edit over every household; and outreach. Prints one line per
//! step. Set MADOGUCHI_BENCH_HOUSEHOLDS to change the size.

use madoguchi_core::rules::population::{events_touched, impact, outreach};
use madoguchi_core::rules::{bundled, bundled_files, compile};
use madoguchi_services::{demo, population, Clock};
use std::time::Instant;

fn main() {
    let n: u32 = std::env::var("MADOGUCHI_BENCH_HOUSEHOLDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(100_000);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let dir = tempfile::tempdir().expect("temp dir");
    let url = format!("sqlite://{}", dir.path().join("city.db").display());
    let day = "2026-11-25".parse().expect("date");
    let (households, load_s) = rt.block_on(async {
        let db = server::cli::open(&url).await.expect("database");
        let t = Instant::now();
        demo::generate(&db, n, 7, day, Clock::System.now())
            .await
            .expect("demo city");
        println!(
            "demo city: {n} households in {:.1} s",
            t.elapsed().as_secs_f64()
        );
        let t = Instant::now();
        let (households, _) = population::load_all(&db, day).await.expect("population");
        (households, t.elapsed().as_secs_f64())
    });
    println!(
        "population load: {} households in {load_s:.2} s",
        households.len()
    );

    // The edit of the browser test: child allowance only to the end of junior high.
    let mut files = bundled_files();
    let params = files.get_mut("parameters.toml").expect("parameters");
    *params = params.replace(
        "values = [{ from = 2012-04-01, value = 15 }, { from = 2024-10-01, value = 18 }]",
        "values = [{ from = 2012-04-01, value = 15 }]",
    );
    let edited = compile(&files).expect("edited rules compile");
    let events = events_touched(bundled(), &edited);
    let t = Instant::now();
    let report = impact(bundled(), &edited, &households, &events, day, 500);
    let impact_s = t.elapsed().as_secs_f64();
    println!(
        "impact preview: {} household scenarios ({} events), each screened with both rule sets, in {impact_s:.2} s; {} changes; load + impact {:.2} s (goal ≤ 10 s)",
        report.screenings,
        events.len(),
        report.total_changes,
        load_s + impact_s
    );
    for p in &report.procedures {
        println!(
            "  {:<32} +{:<6} -{:<6} ~{}",
            p.procedure, p.gained, p.lost, p.changed
        );
    }
    let t = Instant::now();
    let (leads, unsure) = outreach(bundled(), &households, "child_allowance", day);
    println!(
        "outreach child_allowance: {} leads, {unsure} unsure, in {:.2} s",
        leads.len(),
        t.elapsed().as_secs_f64()
    );
}
