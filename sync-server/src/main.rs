//! `fieldbook-server`: serve the sync API, or manage teams, users and devices.

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = fieldbook_server::cli::Cli::parse();
    match fieldbook_server::cli::run(cli) {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
