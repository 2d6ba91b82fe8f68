//! `madoguchi screen`: the screening contract on the command line. A `.jsonl` input is
//! screened line by line, one result (or error) per line, in order. Exit status 2 when
//! any request was refused. The rules are the ones shipped with this release (the
//! server screens with the rule set published in its database).

use madoguchi_core::rules::{bundled, Options};
use madoguchi_core::screening::{parse_request, ContractError, ScreeningResult};
use std::io::{BufRead, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A JSON request, a JSONL file of requests, or `-` for standard input.
    #[arg(long)]
    pub input: PathBuf,
    /// Add the full trace: every rule considered, its conditions and values, and why
    /// each procedure was not listed.
    #[arg(long)]
    pub explain: bool,
}

fn one(text: &str, explain: bool) -> Result<ScreeningResult, ContractError> {
    let options = Options {
        labels: None,
        explain,
    };
    parse_request(text).and_then(|r| bundled().screen_with(&r, options))
}

pub fn run(args: Args) -> ExitCode {
    let jsonl = args.input.extension().is_some_and(|e| e == "jsonl");
    let mut text = String::new();
    let read = if args.input.as_os_str() == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else if jsonl {
        return batch(&args.input, args.explain);
    } else {
        std::fs::read_to_string(&args.input).map(|t| text = t)
    };
    if let Err(e) = read {
        eprintln!("madoguchi: cannot read {}: {e}", args.input.display());
        return ExitCode::FAILURE;
    }
    match one(&text, args.explain) {
        Ok(r) => {
            println!("{}", serde_json::to_string_pretty(&r).unwrap_or_default());
            ExitCode::SUCCESS
        }
        Err(e) => {
            println!("{}", e.to_json());
            ExitCode::from(2)
        }
    }
}

fn batch(path: &PathBuf, explain: bool) -> ExitCode {
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("madoguchi: cannot read {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    };
    let out = std::io::stdout();
    let mut out = BufWriter::new(out.lock());
    let mut failed = false;
    for line in std::io::BufReader::new(file).lines() {
        let Ok(line) = line else {
            failed = true;
            break;
        };
        if line.trim().is_empty() {
            continue;
        }
        let written = match one(&line, explain) {
            Ok(r) => serde_json::to_writer(&mut out, &r).map_err(std::io::Error::from),
            Err(e) => {
                failed = true;
                serde_json::to_writer(&mut out, &e.to_json()).map_err(std::io::Error::from)
            }
        };
        if written.and_then(|_| out.write_all(b"\n")).is_err() {
            return ExitCode::FAILURE;
        }
    }
    let _ = out.flush();
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}
