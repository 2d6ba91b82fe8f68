//! `madoguchi rules propose --dir DIR`: rule files shipped apart from the binary (a
//! vendor's or the prefecture's update) stored as a proposed release. Nothing changes
//! for residents until an administrator merges it with the city's edits at
//! /admin/rules and a second one approves it.

use std::path::{Path, PathBuf};

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(clap::Subcommand, Debug)]
pub enum Command {
    /// Store the rule files under DIR (ruleset.toml, events/*.toml, tests/*.toml, …) as
    /// a proposed release.
    Propose {
        #[arg(long)]
        dir: PathBuf,
    },
}

fn read_dir(
    root: &Path,
    dir: &Path,
    out: &mut madoguchi_core::rules::RuleFiles,
) -> anyhow::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            read_dir(root, &path, out)?;
        } else if path.extension().is_some_and(|e| e == "toml") {
            let rel = path
                .strip_prefix(root)?
                .to_string_lossy()
                .replace('\\', "/");
            out.insert(rel, std::fs::read_to_string(&path)?);
        }
    }
    Ok(())
}

pub async fn run(database_url: &str, args: Args) -> anyhow::Result<()> {
    let Command::Propose { dir } = args.command;
    let mut files = madoguchi_core::rules::RuleFiles::new();
    read_dir(&dir, &dir, &mut files)?;
    let db = super::open(database_url).await?;
    match madoguchi_services::rules::release::propose(&db, &files, chrono::Utc::now()).await {
        Ok(version) => {
            println!("proposed release {version}: merge and review it at /admin/rules");
            Ok(())
        }
        Err(madoguchi_types::error::AppError::InvalidRules { errors }) => {
            for e in &errors {
                eprintln!("{e}");
            }
            anyhow::bail!("the rule files do not compile; nothing was stored")
        }
        Err(e) => anyhow::bail!("{}", e.message_ja()),
    }
}
