//! `madoguchi user`: create a staff account or reset one, from the command line (the
//! first administrator of a new city, or one locked out). The password comes from
//! `MADOGUCHI_PASSWORD` or is read from standard input.

use madoguchi_services::auth::password::MIN_CHARS;
use madoguchi_services::{staff, Clock};
use std::io::BufRead;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Login name.
    #[arg(long)]
    pub username: String,
    /// Name shown on screen.
    #[arg(long)]
    pub name: String,
    /// A role: counter, department, supervisor, admin or auditor (repeat for several).
    #[arg(long = "role", required = true)]
    pub roles: Vec<String>,
    /// Department id (needed by department staff), e.g. kodomo.
    #[arg(long)]
    pub department: Option<String>,
    /// Also remove the account's second factors (a lost phone or key): it enrols again
    /// at its next sign-in.
    #[arg(long)]
    pub reset_factors: bool,
}

pub async fn run(database_url: &str, args: Args) -> anyhow::Result<()> {
    let password = match std::env::var("MADOGUCHI_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            eprintln!("password (at least {MIN_CHARS} characters, not a common one):");
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line)?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    let db = super::open(database_url).await?;
    staff::upsert(
        &db,
        &args.username,
        &args.name,
        &args.roles,
        args.department.as_deref(),
        &password,
        args.reset_factors,
        Clock::System.now(),
    )
    .await?;
    println!("staff account `{}` saved", args.username);
    Ok(())
}
