//! `fieldbook`: a terminal phone. Everything a specialist's phone does — caseload, plans,
//! employer visits, job starts, the week's contacts, sync — from a shell, for trainers,
//! QA, scripts, spreadsheet migrations and load tests.

mod commands;
mod import;
mod ops;
mod output;
mod refs;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::ops::{
    ContactAdd, EmployerAdd, JobEndArgs, JobStart, NoteAdd, SeekerAdd, SeekerEdit, StepAdd,
    StepDone, SupportLog, VisitLog,
};
use crate::refs::Ref;

/// A terminal phone for Fieldbook, the field app of IPS supported-employment teams.
///
/// Works offline: every command except `enroll` and `sync` needs no server. Data lives in
/// the directory given by --data (one phone per directory).
///
/// A first day:
///   fieldbook --data ./phone enroll --server http://127.0.0.1:8080 --code ABCD-EFGH-JKMN
///   fieldbook --data ./phone sync
///   fieldbook --data ./phone caseload
///   fieldbook --data ./phone visit log --employer <id> --seeker <id> --outcome "Met the manager"
///   fieldbook --data ./phone week
///   fieldbook --data ./phone sync
#[derive(Debug, Parser)]
#[command(name = "fieldbook", version, verbatim_doc_comment)]
pub struct Cli {
    /// The phone's data directory.
    #[arg(
        long,
        global = true,
        env = "FIELDBOOK_PHONE",
        default_value = "./fieldbook-phone"
    )]
    pub data: PathBuf,
    /// File holding the 32-byte store key (made on enrollment when missing): the store is
    /// encrypted at rest with it.
    #[arg(long, global = true)]
    pub key_file: Option<PathBuf>,
    /// Print JSON (stable field names, ids included) instead of text.
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Join a server with the one-time code your supervisor or admin gave you.
    ///
    /// Example: fieldbook --data ./phone enroll --server https://fieldbook.example.org --code ABCD-EFGH-JKMN
    Enroll {
        #[arg(long)]
        server: String,
        #[arg(long)]
        code: String,
        #[arg(long, default_value = "terminal")]
        device_name: String,
        /// A PEM certificate to trust (a server with a self-signed certificate).
        #[arg(long)]
        ca_cert: Option<PathBuf>,
    },
    /// Your caseload: status, next step, days since the first meeting, first employer contact.
    ///
    /// Example: fieldbook caseload --json
    Caseload {
        /// Count days as of this date (default: today).
        #[arg(long)]
        as_of: Option<chrono::NaiveDate>,
    },
    /// Job seekers: add, edit, show.
    #[command(subcommand)]
    Seeker(SeekerCommand),
    /// Employment plans: add and complete steps.
    #[command(subcommand)]
    Plan(PlanCommand),
    /// Employers: add, list, show (with the visit log), add a contact.
    #[command(subcommand)]
    Employer(EmployerCommand),
    /// Employer visits.
    #[command(subcommand)]
    Visit(VisitCommand),
    /// Job starts and ends.
    #[command(subcommand)]
    Job(JobCommand),
    /// Follow-along supports.
    #[command(subcommand)]
    Support(SupportCommand),
    /// Case notes (team-private).
    #[command(subcommand)]
    Notes(NotesCommand),
    /// This week: face-to-face employer contacts against the goal of 6, and who is near or
    /// past day 30 without one.
    Week {
        #[arg(long)]
        as_of: Option<chrono::NaiveDate>,
    },
    /// Every edit of a record: what changed, on which device, by whom, when.
    ///
    /// Example: fieldbook history 5f0c2a1e-…
    History {
        /// The document id (a job seeker's or an employer's id).
        doc: Ref,
    },
    /// Send this phone's changes and receive the team's.
    Sync,
    /// Apply a file of operations: JSON Lines (`{"op": "seeker.add", "name": "…"}` per line)
    /// or CSV with a header row of job seekers or employers.
    ///
    /// Ops: seeker.add seeker.edit employer.add contact.add visit.log step.add step.done
    /// job.start job.end support.log note.add — fields as the commands' flags, snake_case.
    /// Example line: {"op":"visit.log","employer":"e1","seeker":["s1"],"outcome":"Met Lee"}
    Import {
        file: PathBuf,
        /// What the CSV rows are (default: seeker).
        #[arg(long, value_enum)]
        kind: Option<import::CsvKind>,
    },
}

#[derive(Debug, Subcommand)]
pub enum SeekerCommand {
    /// Example: fieldbook seeker add --name "Maria Santos" --referral-date 2026-11-02
    Add(SeekerAdd),
    /// Example: fieldbook seeker edit --seeker <id> --phone 555-0100 --status job_search
    Edit(SeekerEdit),
    /// The whole record: profile, status, plan, activities, jobs.
    Show { seeker: Ref },
}

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// Plan steps.
    #[command(subcommand)]
    Step(StepCommand),
}

#[derive(Debug, Subcommand)]
pub enum StepCommand {
    /// Example: fieldbook plan step add --seeker <id> --what "Update résumé" --due 2026-12-01
    Add(StepAdd),
    /// Example: fieldbook plan step done --seeker <id> --step <id>
    Done(StepDone),
}

#[derive(Debug, Subcommand)]
pub enum EmployerCommand {
    /// Example: fieldbook employer add --name "Maple Street Bakery" --industry "food service"
    Add(EmployerAdd),
    List,
    Show {
        employer: Ref,
    },
    /// Example: fieldbook employer contact --employer <id> --name "Lee Owens" --role owner
    Contact(ContactAdd),
}

#[derive(Debug, Subcommand)]
pub enum VisitCommand {
    /// Example: fieldbook visit log --employer <id> --seeker <id> --purpose present_candidate --outcome "Interview Friday"
    Log(VisitLog),
}

#[derive(Debug, Subcommand)]
pub enum JobCommand {
    /// Example: fieldbook job start --seeker <id> --employer <id> --title "Baker's assistant" --start 2026-11-20 --wage 15.50
    Start(JobStart),
    /// Example: fieldbook job end --seeker <id> --job <id> --date 2026-12-20 --reason "seasonal"
    End(JobEndArgs),
}

#[derive(Debug, Subcommand)]
pub enum SupportCommand {
    /// Example: fieldbook support log --seeker <id> --kind "check-in at work"
    Log(SupportLog),
}

#[derive(Debug, Subcommand)]
pub enum NotesCommand {
    /// Example: fieldbook notes add --seeker <id> --text "Prefers mornings"
    Add(NoteAdd),
}

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
