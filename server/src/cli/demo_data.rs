//! `madoguchi demo-data`: the synthetic city and the demo staff accounts.

use app::server::demo;
use app::server::Clock;
use chrono::NaiveDate;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Number of households.
    #[arg(long, default_value_t = 2000)]
    pub households: u32,
    /// Seed: the same seed and date give the same city.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// The day the city is generated for (ages and recent births count from it).
    #[arg(long)]
    pub today: Option<NaiveDate>,
    /// Keep an existing registry instead of failing (the set-up script runs this every time).
    #[arg(long)]
    pub if_empty: bool,
}

pub async fn run(database_url: &str, args: Args) -> anyhow::Result<()> {
    let db = super::open(database_url).await?;
    let today = args.today.unwrap_or_else(|| Clock::System.today());
    let started = std::time::Instant::now();
    match demo::generate(&db, args.households, args.seed, today, Clock::System.now()).await {
        Ok(residents) => println!(
            "demo city loaded: {} households, {residents} residents (seed {}, as of {today}) in {:.1} s",
            args.households,
            args.seed,
            started.elapsed().as_secs_f64()
        ),
        Err(demo::DemoError::NotEmpty(n)) if args.if_empty => {
            println!("the database already holds {n} households; keeping them");
        }
        Err(e) => return Err(e.into()),
    }
    println!("demo staff accounts (username / password):");
    for (username, name, _, dept, password) in demo::DEMO_STAFF {
        println!(
            "  {username:<9} / {password:<22} {name}{}",
            dept.map(|d| format!(" [{d}]")).unwrap_or_default()
        );
    }
    Ok(())
}
