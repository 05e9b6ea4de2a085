//! Running a parsed command against the phone's store.

use fieldbook_core::ids::DocId;
use fieldbook_core::{today, Enrollment, NameKind, Store};
use serde_json::json;

use crate::args::{
    Cli, Command, EmployerCommand, JobCommand, NotesCommand, PlanCommand, SeekerCommand,
    StepCommand, SupportCommand, VisitCommand,
};
use crate::import::{self, ImportArgs, Report};
use crate::ops::{Ctx, EmployerRow, Op, Outcome, SeekerRow};
use crate::output::emit;
use crate::refs::{Ref, Resolver};
use crate::{corrections, merge, phone, views};

/// Applies one writing command and prints what it did.
fn apply(store: &Store, json: bool, op: Op) -> Result<(), String> {
    let mut ctx = Ctx {
        refs: Resolver::new(store),
        import: false,
    };
    let out: Outcome = op.apply(&mut ctx).map_err(|p| p.to_string())?;
    emit(json, &out, |o| {
        let ids: Vec<String> = o
            .ids
            .iter()
            .map(|(k, v)| format!("{k} {}", v.as_str().unwrap_or("")))
            .collect();
        let action = serde_json::to_value(o.action)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        format!("{}: {action}; {}", o.op, ids.join(", "))
    })
}

/// The writing operation a command stands for, if it is one.
fn op_of(command: Command) -> Result<Op, Box<Command>> {
    Ok(match command {
        Command::Seeker(SeekerCommand::Add(a)) => Op::SeekerAdd(SeekerRow::from(a)),
        Command::Seeker(SeekerCommand::Edit(a)) => Op::SeekerEdit(SeekerRow::from(a)),
        Command::Seeker(SeekerCommand::Benefits { seeker, fields }) => Op::Benefits(seeker, fields),
        Command::Seeker(SeekerCommand::Consent { seeker, fields }) => Op::Consent(seeker, fields),
        Command::Seeker(SeekerCommand::Career { seeker, fields }) => Op::Career(seeker, fields),
        Command::Seeker(SeekerCommand::Education { seeker, fields }) => {
            Op::Education(seeker, fields)
        }
        Command::Plan(PlanCommand::Edit { seeker, fields }) => Op::Plan(seeker, fields),
        Command::Plan(PlanCommand::Step(StepCommand::Add(a))) => Op::StepAdd(a),
        Command::Plan(PlanCommand::Step(StepCommand::Done(a))) => Op::StepDone(a),
        Command::Employer(EmployerCommand::Add(a)) => Op::EmployerAdd(EmployerRow::from(a)),
        Command::Employer(EmployerCommand::Edit(a)) => Op::EmployerEdit(EmployerRow::from(a)),
        Command::Employer(EmployerCommand::Contact { employer, fields }) => {
            Op::ContactAdd(employer, fields)
        }
        Command::Visit(VisitCommand::Log(a)) => Op::VisitLog(a),
        Command::Job(JobCommand::Start(a)) => Op::JobStart(a),
        Command::Job(JobCommand::End(a)) => Op::JobEnd(a),
        Command::Support(SupportCommand::Log(a)) => Op::SupportLog(a),
        Command::Notes(NotesCommand::Add(a)) => Op::NoteAdd(a),
        other => return Err(Box::new(other)),
    })
}

/// Runs one command.
pub fn run(cli: Cli) -> Result<(), String> {
    let json = cli.json;
    let key_file = cli.key_file.as_deref();
    if let Command::Import(args) = &cli.command {
        return run_import(&cli, args);
    }
    let store = phone::open(&cli.data, key_file)?;
    let command = match op_of(cli.command) {
        Ok(op) => return apply(&store, json, op),
        Err(command) => *command,
    };
    let err = |e: fieldbook_core::Error| e.to_string();
    let mut refs = Resolver::new(&store);
    match command {
        Command::Enroll {
            server,
            code,
            device_name,
            ca_cert,
        } => {
            let ca = ca_cert
                .map(|p| std::fs::read(&p).map_err(|e| format!("{}: {e}", p.display())))
                .transpose()?;
            let identity = store
                .enroll(&Enrollment {
                    server_url: server,
                    code,
                    device_name,
                    ca_certificate_pem: ca,
                })
                .map_err(err)?;
            let value = json!({
                "device_id": identity.device_id, "user_id": identity.user_id, "user_name": identity.user_name,
                "role": identity.role, "team_id": identity.team_id, "server_url": identity.server_url,
            });
            emit(json, &value, |v| {
                format!(
                    "enrolled as {} ({}); now run `fieldbook sync`",
                    v["user_name"].as_str().unwrap_or("?"),
                    v["role"].as_str().unwrap_or("?")
                )
            })
        }
        Command::Caseload { as_of } => views::caseload(&store, json, as_of.unwrap_or_else(today)),
        Command::Seeker(SeekerCommand::Show { seeker }) => {
            views::seeker(&store, json, refs.seeker(&seeker)?)
        }
        Command::Employer(EmployerCommand::List) => views::employers(&store, json),
        Command::Seeker(SeekerCommand::Find { text }) => {
            views::found(&store, json, NameKind::Seeker, &text)
        }
        Command::Employer(EmployerCommand::Find { text }) => {
            views::found(&store, json, NameKind::Employer, &text)
        }
        Command::Employer(EmployerCommand::Show { employer }) => {
            views::employer(&store, json, refs.employer(&employer)?)
        }
        Command::Notes(NotesCommand::List { seeker }) => {
            views::notes(&store, json, refs.seeker(&seeker)?)
        }
        Command::Week { as_of } => views::week(&store, json, as_of.unwrap_or_else(today)),
        Command::History { record } => views::history(&store, json, record_id(&mut refs, &record)?),
        Command::Conflicts { record } => {
            views::conflicts(&store, json, record_id(&mut refs, &record)?)
        }
        Command::Settle {
            record,
            field,
            value,
        } => {
            let id = record_id(&mut refs, &record)?;
            // Text as shown; a number or yes/no as the JSON it was.
            let value = store
                .conflicts(id)
                .map_err(|e| e.to_string())?
                .into_iter()
                .filter(|c| c.field == field)
                .flat_map(|c| c.values)
                .filter_map(|v| v.value)
                .find(|v| match v.as_str() {
                    Some(text) => text == value,
                    None => serde_json::to_string(v).is_ok_and(|shown| shown == value),
                })
                .unwrap_or(serde_json::Value::String(value));
            store
                .settle(id, &field, &value)
                .map_err(|e| e.to_string())?;
            emit(json, &json!({"settled": field, "value": value}), |_| {
                format!("{field} settled")
            })
        }
        Command::Visit(VisitCommand::Void {
            employer,
            visit,
            reason,
        }) => {
            let employer = refs.employer(&employer)?;
            let visit = refs.visit(employer, &visit)?;
            store.void_visit(employer, visit, &reason).map_err(err)?;
            let value = json!({"op": "visit.void", "employer_id": employer, "visit_id": visit, "reason": reason});
            emit(json, &value, |_| format!("visit {visit} is void: {reason}"))
        }
        Command::Notes(NotesCommand::Void {
            seeker,
            note,
            reason,
        }) => {
            let seeker = refs.seeker(&seeker)?;
            let note = refs.note(seeker, &note)?;
            store.void_note(seeker, note, &reason).map_err(err)?;
            let value =
                json!({"op": "note.void", "seeker_id": seeker, "note_id": note, "reason": reason});
            emit(json, &value, |_| {
                format!("case note {note} is void: {reason}")
            })
        }
        Command::Job(JobCommand::Void { void, job }) => {
            corrections::void_job(&store, json, void, job)
        }
        Command::Job(JobCommand::Edit(a)) => corrections::edit_job(&store, json, a),
        Command::Support(SupportCommand::Void { void, support }) => {
            corrections::void_support(&store, json, void, support)
        }
        Command::Support(SupportCommand::Edit(a)) => corrections::edit_support(&store, json, a),
        Command::Plan(PlanCommand::Step(StepCommand::Void { void, step })) => {
            corrections::void_step(&store, json, void, step)
        }
        Command::Visit(VisitCommand::Edit(a)) => corrections::edit_visit(&store, json, a),
        Command::Seeker(SeekerCommand::Merge(a)) => merge::seekers(&store, json, a),
        Command::Employer(EmployerCommand::Merge(a)) => merge::employers(&store, json, a),
        Command::Sync => views::sync(&store, json),
        Command::Pending { export } => views::pending(&store, json, export.as_deref()),
        _ => Err("this command writes; it was handled above".into()),
    }
}

/// The job seeker's or employer's document `record` names.
fn record_id(refs: &mut Resolver<'_>, record: &Ref) -> Result<DocId, String> {
    match (refs.seeker(record), refs.employer(record)) {
        (Ok(id), _) => Ok(id.doc()),
        (_, Ok(id)) => Ok(id.doc()),
        (Err(_), Err(_)) => Err(format!("no job seeker or employer named `{record}`")),
    }
}

fn run_import(cli: &Cli, args: &ImportArgs) -> Result<(), String> {
    let key_file = cli.key_file.as_deref();
    if args.inspect {
        let view = import::inspect(args)?;
        return emit(cli.json, &view, |v| v.text());
    }
    let prepared = import::prepare(args)?;
    let report = if args.dry_run {
        // On a copy of the store, removed afterwards: what would happen, exactly.
        let (scratch, store) = phone::open_copy(&cli.data, key_file)?;
        let report = import::apply(prepared, &store, args);
        drop(store);
        drop(scratch);
        report
    } else {
        import::apply(prepared, &phone::open(&cli.data, key_file)?, args)
    };
    emit(cli.json, &report, Report::text)?;
    if report.refused > 0 {
        return Err(format!("{} line(s) were refused", report.refused));
    }
    Ok(())
}
