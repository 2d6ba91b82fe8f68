//! `madoguchi screen`: the screening contract on the command line. A `.jsonl` input
//! (or standard input holding one request per line) is screened line by line, one
//! result (or error) per line, in order. Exit status 2 when any request was refused.
//! The rules are the ones shipped with this release (the server screens with the rule
//! set published in its database).

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
    let stdin = args.input.as_os_str() == "-";
    if !stdin && args.input.extension().is_some_and(|e| e == "jsonl") {
        return match std::fs::File::open(&args.input) {
            Ok(f) => batch(std::io::BufReader::new(f), args.explain),
            Err(e) => cannot_read(&args, e),
        };
    }
    let mut bytes = Vec::new();
    let read = if stdin {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::read(&args.input).map(|b| bytes = b)
    };
    if let Err(e) = read {
        return cannot_read(&args, e);
    }
    let text = match String::from_utf8(bytes) {
        Ok(text) if looks_like_jsonl(&text) => return batch(text.as_bytes(), args.explain),
        Ok(text) => text,
        // Lines are judged one by one; a single request that is not UTF-8 is refused.
        Err(e) if e.as_bytes().iter().filter(|b| **b == b'\n').count() > 1 => {
            return batch(e.as_bytes(), args.explain)
        }
        Err(_) => String::from(NOT_UTF8),
    };
    let (body, status) = match one(&text, args.explain) {
        Ok(r) => (
            serde_json::to_string_pretty(&r).unwrap_or_default(),
            ExitCode::SUCCESS,
        ),
        Err(e) => (e.to_json().to_string(), ExitCode::from(2)),
    };
    // A closed pipe (`| head`) is the reader's choice, not an error worth a panic.
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{body}").and_then(|_| out.flush()) {
        Ok(()) => status,
        Err(_) => ExitCode::FAILURE,
    }
}

/// Stands in for input that is not UTF-8, so it is refused as `invalid_json` like any
/// other text that is not JSON.
const NOT_UTF8: &str = "(not UTF-8 text)";

fn cannot_read(args: &Args, e: std::io::Error) -> ExitCode {
    eprintln!("madoguchi: cannot read {}: {e}", args.input.display());
    ExitCode::FAILURE
}

/// Several requests, one per line: the text is not one JSON document, but its first
/// line is. A single request spread over many lines is one document, so it is not
/// mistaken for a batch.
fn looks_like_jsonl(text: &str) -> bool {
    if serde_json::from_str::<serde::de::IgnoredAny>(text).is_ok() {
        return false;
    }
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let first_is_a_document = lines
        .next()
        .is_some_and(|l| serde_json::from_str::<serde::de::IgnoredAny>(l).is_ok());
    first_is_a_document && lines.next().is_some()
}

fn batch(input: impl BufRead, explain: bool) -> ExitCode {
    let out = std::io::stdout();
    let mut out = BufWriter::new(out.lock());
    let mut failed = false;
    for line in input.split(b'\n') {
        let Ok(line) = line else {
            eprintln!("madoguchi: the input could not be read");
            return ExitCode::FAILURE;
        };
        // A line that is not UTF-8 gets its error object like any other bad line.
        let line =
            String::from_utf8(line).unwrap_or_else(|_| "\u{fffd} not UTF-8 \u{fffd}".to_owned());
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
    if out.flush().is_err() {
        return ExitCode::FAILURE;
    }
    if failed {
        ExitCode::from(2)
    } else {
        ExitCode::SUCCESS
    }
}
