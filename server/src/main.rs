//! The `madoguchi` binary: parses the command line and hands over to `server::cli`.

use clap::Parser;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    server::cli::init_tracing();
    server::cli::run(server::cli::Cli::parse()).await
}
