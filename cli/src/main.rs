//! `fieldbook`: a terminal phone. Everything a specialist's phone does — caseload, plans,
//! employer visits, job starts, the week's contacts, sync — from a shell, for trainers,
//! QA, scripts, spreadsheet migrations and load tests.

use std::process::ExitCode;

use clap::Parser;
use fieldbook_cli::args::Cli;
use fieldbook_cli::commands;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
