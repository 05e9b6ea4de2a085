//! `fieldbook`: a terminal phone. Everything a specialist's phone does — caseload, plans,
//! employer visits, job starts, the week's contacts, sync — from a shell, for trainers,
//! QA, scripts, spreadsheet migrations and load tests.

use std::process::ExitCode;

use clap::Parser;
use fieldbook_cli::args::Cli;
use fieldbook_cli::commands;

fn main() -> ExitCode {
    let cli = Cli::parse();
    log_to_stderr(cli.verbose);
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Prints the core's log to stderr when asked: `RUST_LOG` (an env-filter such as
/// `fieldbook_core=debug`) or `-v`s. Without either, nothing is logged.
fn log_to_stderr(verbose: u8) {
    use tracing_subscriber::EnvFilter;
    let filter = match std::env::var("RUST_LOG") {
        Ok(spec) if !spec.is_empty() => EnvFilter::new(spec),
        _ => match verbose {
            0 => return,
            1 => EnvFilter::new("info"),
            2 => EnvFilter::new("debug"),
            _ => EnvFilter::new("trace"),
        },
    };
    use std::io::IsTerminal;
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        // Colours for a person at a terminal, plain text for a script or a file.
        .with_ansi(std::io::stderr().is_terminal())
        .init();
}
