//! `madoguchi user`: create a staff account or reset one, from the command line. The
//! password comes from `MADOGUCHI_PASSWORD` or is read from standard input.

use app::model::Role;
use app::server::{auth, Clock};
use std::io::BufRead;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Login name.
    #[arg(long)]
    pub username: String,
    /// Name shown on screen.
    #[arg(long)]
    pub name: String,
    /// counter, department, supervisor or admin.
    #[arg(long, value_parser = parse_role)]
    pub role: Role,
    /// Department id (department staff only), e.g. kodomo.
    #[arg(long)]
    pub department: Option<String>,
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::from_id(s).ok_or_else(|| "expected counter, department, supervisor or admin".into())
}

pub async fn run(database_url: &str, args: Args) -> anyhow::Result<()> {
    let password = match std::env::var("MADOGUCHI_PASSWORD") {
        Ok(p) => p,
        Err(_) => {
            eprintln!(
                "password (at least {} characters):",
                auth::MIN_PASSWORD_CHARS
            );
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line)?;
            line.trim_end_matches(['\r', '\n']).to_owned()
        }
    };
    let db = super::open(database_url).await?;
    auth::upsert_user(
        &db,
        &args.username,
        &args.name,
        args.role,
        args.department.as_deref(),
        &password,
        Clock::System.now(),
    )
    .await?;
    println!("staff account `{}` saved", args.username);
    Ok(())
}
