//! The command line: every command, its arguments and the examples `--help` shows.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::corrections::{JobEditArgs, SupportEditArgs, VisitEditArgs, VoidArgs};
use crate::import::ImportArgs;
use crate::ops::{
    BenefitsFields, CareerFields, ConsentFields, ContactFields, EducationFields, EmployerAdd,
    EmployerEdit, JobEndArgs, JobStart, NoteAdd, PlanFields, SeekerAdd, SeekerEdit, StepAdd,
    StepDone, SupportLog, VisitLog,
};
use crate::refs::Ref;
use crate::values;

/// A terminal phone for Fieldbook, the field app of IPS supported-employment teams.
///
/// Works offline: every command except `enroll` and `sync` needs no server. Data lives in
/// the directory given by --data (one phone per directory), encrypted; its key is kept in
/// the OS keyring, or in ~/.config/fieldbook/keys, or where --key-file says.
///
/// A first day:
///   fieldbook --data ./phone enroll --server http://127.0.0.1:8080 --code ABCD-EFGH-JKMN
///   fieldbook --data ./phone sync
///   fieldbook --data ./phone caseload
///   fieldbook --data ./phone visit log --employer laundromat --seeker maria --outcome "Met the manager"
///   fieldbook --data ./phone week
///   fieldbook --data ./phone sync
///
/// Records are named by their id or by the id you gave them (`--id maria`, a spreadsheet's
/// key column) or by their name.
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
    /// File holding the store key (made when the store is new). Default: the key recorded
    /// for this phone, in the OS keyring or ~/.config/fieldbook/keys. Never inside --data.
    #[arg(long, global = true, env = "FIELDBOOK_KEY_FILE")]
    pub key_file: Option<PathBuf>,
    /// Print JSON (stable field names, ids included) instead of text.
    #[arg(long, global = true)]
    pub json: bool,
    /// Log what the core does to stderr (sync rounds, pages, refusals; ids and counts
    /// only): -v info, -vv debug, -vvv trace. RUST_LOG, when set, chooses instead.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Join a server with the one-time code your supervisor or admin gave you.
    ///
    /// Example: fieldbook enroll --server https://fieldbook.example.org --code ABCD-EFGH-JKMN
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
    /// Example: fieldbook caseload --as-of 2026-11-26
    Caseload {
        /// Count days as of this date (default: today).
        #[arg(long, value_parser = values::date)]
        as_of: Option<chrono::NaiveDate>,
    },
    /// Job seekers: add, edit, show; benefits, consents, career profile, school.
    #[command(subcommand)]
    Seeker(SeekerCommand),
    /// Employment plans: the goal and the steps.
    #[command(subcommand)]
    Plan(PlanCommand),
    /// Employers: add, edit, list, show (with the visit log), add a contact person.
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
    ///
    /// Example: fieldbook week --as-of 2026-11-26
    Week {
        #[arg(long, value_parser = values::date)]
        as_of: Option<chrono::NaiveDate>,
    },
    /// Every edit of a record: what changed, on which device, by whom, when.
    ///
    /// Example: fieldbook history maria
    History {
        /// The job seeker or employer (id, external id or name).
        record: Ref,
    },
    /// Fields of a record two devices changed at once (offline, say): every value kept and
    /// whose device wrote it. The first value is the one shown now; edit the field again to
    /// settle it on every phone.
    ///
    /// Example: fieldbook conflicts maria
    Conflicts {
        /// The job seeker or employer (id, external id or name).
        record: Ref,
    },
    /// Settle a field `conflicts` lists on one of the values it holds (to set another value,
    /// edit the field as usual). With `profile.phone` listed by `conflicts`, for instance:
    /// `fieldbook settle maria profile.phone 555-0123`.
    Settle {
        /// The job seeker or employer (id, external id or name).
        record: Ref,
        /// The field, as `conflicts` names it.
        field: String,
        /// The value to keep, as `conflicts` shows it.
        value: String,
    },
    /// Send this phone's changes and receive the team's. Exits with an error when the server
    /// refused anything (or a record left this phone with unsent work): the refused changes
    /// are kept, see `fieldbook pending`.
    ///
    /// Example: fieldbook sync
    Sync,
    /// Work not in the team's record yet: changes waiting to be sent, and refused changes kept
    /// on this phone (whose record, what, why), newest first.
    ///
    /// Example: fieldbook pending
    ///
    /// Example: fieldbook pending --export refused.json
    Pending {
        /// Also write them to this file as JSON, for a supervisor (the changes included).
        #[arg(long)]
        export: Option<PathBuf>,
    },
    /// Move records in from a spreadsheet (.xlsx, .csv in UTF-8 or Windows-1252) or from
    /// JSON Lines of operations. Each row is applied whole or not at all; a problem is
    /// reported once, naming the line, column and value. Running a file again updates the
    /// records it made (rows with an id) and adds nothing twice.
    ///
    /// Columns are matched to fields by their headers ("Client Name", "Referral Date",
    /// "Case #"…); --inspect shows the match and --map FILE (TOML) names the rest. Dates may
    /// be 2026-09-14, 9/14/2026 or Excel dates; statuses and modes in any case.
    ///
    /// JSON Lines ops: seeker.add seeker.edit benefits.edit consent.add career.edit plan.edit
    /// education.add employer.add employer.edit contact.add visit.log step.add step.done
    /// job.start job.end support.log note.add — fields as the commands' flags, snake_case.
    /// Example line: {"op":"visit.log","employer":"laundromat","seekers":["maria"],"outcome":"Met Lee"}
    ///
    /// Example: fieldbook import --inspect county-caseload.xlsx
    ///
    /// Example: fieldbook import --dry-run county-employers.csv
    ///
    /// Example: fieldbook import county-employers.csv
    ///
    /// Example: fieldbook import --map county-map.toml --key "Case Number" county-export.csv
    Import(ImportArgs),
}

#[derive(Debug, Subcommand)]
pub enum SeekerCommand {
    /// Example: fieldbook seeker add --id maria --name "Maria Santos" --referral-date 11/2/2026 --out-of-work-at-entry yes
    Add(SeekerAdd),
    /// Only the given fields change.
    ///
    /// Example: fieldbook seeker edit --seeker maria --phone 555-0100 --status "job search"
    Edit(SeekerEdit),
    /// The whole record: profile, status, plan, activities, jobs.
    ///
    /// Example: fieldbook seeker show maria
    Show { seeker: Ref },
    /// Two records of one person (imported twice, taken on by two phones): the duplicate's
    /// activities, jobs, supports, consents, plan steps and case notes are copied into the
    /// record kept, and the duplicate's id shows the record kept from then on. The record
    /// kept keeps its own profile. Nothing is deleted; the duplicate stays in history.
    ///
    /// Example: fieldbook seeker merge maria maria-2 --reason "imported twice"
    Merge(crate::merge::MergeArgs),
    /// Job seekers whose name (or preferred name) has words starting with the words given,
    /// case and accents ignored.
    ///
    /// Example: fieldbook seeker find "mar san"
    Find { text: String },
    /// Benefits held and benefits planning (referred, offered, completed, planner).
    ///
    /// Example: fieldbook seeker benefits --seeker maria --held SSI,Medicaid --offered 2026-11-03 --planner "Dee Park"
    Benefits {
        #[arg(long)]
        seeker: Ref,
        #[command(flatten)]
        fields: BenefitsFields,
    },
    /// Record a signed release of information (one year unless it says otherwise).
    ///
    /// Example: fieldbook seeker consent --seeker maria --recipient employers --scope "work history and strengths" --signed 2026-11-02
    Consent {
        #[arg(long)]
        seeker: Ref,
        #[command(flatten)]
        fields: ConsentFields,
    },
    /// The career profile, with the disclosure preference.
    ///
    /// Example: fieldbook seeker career --seeker maria --work-goal "Baker" --preferred-job-types "food service,retail" --disclosure partial --disclosure-how "Only that I have a health condition"
    Career {
        #[arg(long)]
        seeker: Ref,
        #[command(flatten)]
        fields: CareerFields,
    },
    /// School or training now (the "in education" outcome); give --end to record its end.
    ///
    /// Example: fieldbook seeker education --seeker maria --program "GED classes" --start 2026-09-01
    Education {
        #[arg(long)]
        seeker: Ref,
        #[command(flatten)]
        fields: EducationFields,
    },
}

#[derive(Debug, Subcommand)]
pub enum PlanCommand {
    /// The plan's goal, target jobs and employers, disclosure plan, benefits step.
    ///
    /// Example: fieldbook plan edit --seeker maria --goal "A morning job in a bakery"
    Edit {
        #[arg(long)]
        seeker: Ref,
        #[command(flatten)]
        fields: PlanFields,
    },
    /// Plan steps.
    #[command(subcommand)]
    Step(StepCommand),
}

#[derive(Debug, Subcommand)]
pub enum StepCommand {
    /// Example: fieldbook plan step add --seeker maria --what "Update résumé" --due 2026-12-01
    Add(StepAdd),
    /// Example: fieldbook plan step done --seeker maria --step "Update résumé"
    Done(StepDone),
    /// Take back a step entered in error (added twice, on the wrong person…). It stays in
    /// the plan's history, marked void with the reason, and leaves the plan, the caseload's
    /// next step and the steps due.
    ///
    /// Example: fieldbook plan step void --seeker maria --step "Update résumé" --reason "added twice"
    Void {
        #[command(flatten)]
        void: VoidArgs,
        /// The step: its id, or its words.
        #[arg(long)]
        step: Ref,
    },
}

#[derive(Debug, Subcommand)]
pub enum EmployerCommand {
    /// Example: fieldbook employer add --id laundromat --name "Sunny Side Laundromat" --industry "dry cleaning"
    Add(EmployerAdd),
    /// Only the given fields change.
    ///
    /// Example: fieldbook employer edit --employer laundromat --business-needs "Weekend counter staff"
    Edit(EmployerEdit),
    /// Example: fieldbook employer list
    List,
    /// Example: fieldbook employer show laundromat
    Show { employer: Ref },
    /// Two records of one employer: the duplicate's visits and contact people are copied
    /// into the record kept, and the duplicate's id shows the record kept from then on.
    ///
    /// Example: fieldbook employer merge laundromat sunny-2 --reason "imported twice"
    Merge(crate::merge::MergeArgs),
    /// Employers whose name has words starting with the words given, case and accents
    /// ignored.
    ///
    /// Example: fieldbook employer find sunny
    Find { text: String },
    /// Example: fieldbook employer contact --employer laundromat --name "Lee Owens" --role owner
    Contact {
        #[arg(long)]
        employer: Ref,
        #[command(flatten)]
        fields: ContactFields,
    },
}

#[derive(Debug, Subcommand)]
pub enum VisitCommand {
    /// Example: fieldbook visit log --id lee-1 --employer laundromat --seeker maria --contact "Lee Owens" --purpose "present candidate" --outcome "Interview Friday"
    Log(VisitLog),
    /// Correct a visit: its time, contact person, place, mode, purpose, outcome, next step,
    /// whether it followed the job seekers' preferences. Only the flags given change; an
    /// empty text clears a field. The employer and the job seekers discussed cannot be
    /// edited: void a visit logged at the wrong employer or about the wrong people
    /// (`visit void`) and log it again.
    ///
    /// Example: fieldbook visit edit --employer laundromat --visit lee-1 --outcome "Interview Friday at 10"
    Edit(VisitEditArgs),
    /// Take back a visit entered in error (logged at the wrong employer, twice…). It stays
    /// in the log's history, marked void with the reason, and counts nowhere any more; so
    /// does the activity it copied into each job seeker's record.
    ///
    /// Example: fieldbook visit void --employer laundromat --visit lee-1 --reason "logged at the wrong employer"
    Void {
        #[arg(long)]
        employer: Ref,
        /// The visit's id (as `employer show --json` lists it) or the id it was imported with.
        #[arg(long)]
        visit: Ref,
        #[arg(long)]
        reason: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum JobCommand {
    /// Example: fieldbook job start --seeker maria --employer laundromat --title "Counter clerk" --start 2026-11-20 --wage 15.50
    ///
    /// Example: fieldbook job start --seeker maria --employer-name "Corner Bakery" --title "Baker" --start 2026-11-18
    Start(JobStart),
    /// Example: fieldbook job end --seeker maria --job "Counter clerk" --date 2026-12-20 --reason "seasonal"
    End(JobEndArgs),
    /// Correct a job: employer, title, type, start, hours, wage, permanent, competitive,
    /// disclosed. Only the flags given change; checked as a job start is. A void job cannot
    /// be edited.
    ///
    /// Example: fieldbook job edit --seeker maria --job "Counter clerk" --hours-per-week 24 --wage 16
    Edit(JobEditArgs),
    /// Take back a job entered in error (entered twice, on the wrong person…). It stays in
    /// the record's history, marked void with the reason, and leaves every figure: fidelity
    /// items, outcomes, follow-along supports due, the caseload. The "working" status its
    /// start set is void too, unless another job keeps the person working.
    ///
    /// Example: fieldbook job void --seeker maria --job "Baker" --reason "entered on the wrong job seeker"
    Void {
        #[command(flatten)]
        void: VoidArgs,
        /// The job: its id, title or employer (name a job entered twice by its id).
        #[arg(long)]
        job: Ref,
    },
}

#[derive(Debug, Subcommand)]
pub enum SupportCommand {
    /// Example: fieldbook support log --seeker maria --kind "check-in at work" --job "Counter clerk"
    Log(SupportLog),
    /// Correct a support contact: date, face to face, given by, kind, job, note. Only the
    /// flags given change; an empty text clears the note.
    ///
    /// Example: fieldbook support edit --seeker maria --support "check-in at work" --in-person no --note "Called her at the break"
    Edit(SupportEditArgs),
    /// Take back a support contact entered in error. It stays in the record's history,
    /// marked void with the reason, and meets no support requirement any more.
    ///
    /// Example: fieldbook support void --seeker maria --support "check-in at work" --reason "logged for the wrong day"
    Void {
        #[command(flatten)]
        void: VoidArgs,
        /// The support: its id, or its kind when one support of that kind is recorded.
        #[arg(long)]
        support: Ref,
    },
}

#[derive(Debug, Subcommand)]
pub enum NotesCommand {
    /// Example: fieldbook notes add --seeker maria --text "Prefers mornings"
    Add(NoteAdd),
    /// A job seeker's case notes, oldest first.
    ///
    /// Example: fieldbook notes list --seeker maria
    List {
        #[arg(long)]
        seeker: Ref,
    },
    /// Take back a case note entered in error (written on the wrong person…). It stays in
    /// the history, marked void with the reason.
    ///
    /// Example: fieldbook notes void --seeker maria --note "Prefers mornings" --reason "meant for another job seeker"
    Void {
        #[arg(long)]
        seeker: Ref,
        /// The note's id (as `notes list --json` shows it) or its text.
        #[arg(long)]
        note: Ref,
        #[arg(long)]
        reason: String,
    },
}
