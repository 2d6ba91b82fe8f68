//! `madoguchi demo-data`: the synthetic city and the demo staff accounts.

use chrono::NaiveDate;
use madoguchi_services::demo;
use madoguchi_services::Clock;

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
            // The registry is kept; the demo accounts are (re)set to the passwords and
            // roles printed below, so an older demo database matches the README.
            demo::create_demo_staff(&db, Clock::System.now()).await?;
            println!("the database already holds {n} households; keeping them");
        }
        Err(e) => return Err(e.into()),
    }
    println!("demo staff accounts (username / password, role):");
    for (username, name, roles, dept, password) in demo::DEMO_STAFF {
        println!(
            "  {username:<9} / {password:<22} {name} ({}){}",
            roles.join(", "),
            dept.map(|d| format!(" [{d}]")).unwrap_or_default()
        );
    }
    println!(
        "At its first sign-in each account sets up a second factor: an authenticator app \
         (scan the QR code, or type the key) or a passkey; `admin` needs a passkey or a \
         security key (open http://localhost:3000, not 127.0.0.1: passkeys need a host name)."
    );
    Ok(())
}
