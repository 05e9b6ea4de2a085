//! Running a parsed command against the phone's store.

use std::path::Path;

use fieldbook_core::ids::{DocId, EmployerId, SeekerId};
use fieldbook_core::{today, Enrollment, Store, KEY_LEN};
use serde_json::json;

use crate::ops::Op;
use crate::output::{emit, or_dash};
use crate::{
    import, Cli, Command, EmployerCommand, JobCommand, NotesCommand, PlanCommand, SeekerCommand,
    StepCommand, SupportCommand, VisitCommand,
};

const STORE_FILE: &str = "fieldbook.db";

/// Reads the store key: 32 raw bytes or 64 hex characters. With `create`, a missing file
/// gets a new random key (readable by its owner only).
fn read_key(path: &Path, create: bool) -> Result<[u8; KEY_LEN], String> {
    if create && !path.exists() {
        let key: [u8; KEY_LEN] = rand::random();
        write_private(path, hex::encode(key).as_bytes())?;
        return Ok(key);
    }
    let bytes = std::fs::read(path).map_err(|e| format!("key file {}: {e}", path.display()))?;
    let text = String::from_utf8_lossy(&bytes);
    let key = if bytes.len() == KEY_LEN {
        bytes
    } else {
        hex::decode(text.trim()).map_err(|_| {
            format!(
                "key file {}: expected 32 bytes or 64 hex characters",
                path.display()
            )
        })?
    };
    key.try_into().map_err(|_| {
        format!(
            "key file {}: expected 32 bytes or 64 hex characters",
            path.display()
        )
    })
}

fn write_private(path: &Path, bytes: &[u8]) -> Result<(), String> {
    use std::io::Write;
    use std::os::unix::fs::OpenOptionsExt;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| format!("key file {}: {e}", path.display()))?;
    f.write_all(bytes).map_err(|e| e.to_string())
}

fn open(cli: &Cli, create_key: bool) -> Result<Store, String> {
    std::fs::create_dir_all(&cli.data).map_err(|e| format!("{}: {e}", cli.data.display()))?;
    let key = cli
        .key_file
        .as_deref()
        .map(|k| read_key(k, create_key))
        .transpose()?;
    Store::open(cli.data.join(STORE_FILE), key.as_ref().map(|k| &k[..])).map_err(|e| e.to_string())
}

fn apply(store: &Store, json: bool, op: Op) -> Result<(), String> {
    let out = op.apply(store).map_err(|e| e.to_string())?;
    emit(json, &out, |v| {
        let ids: Vec<String> = v
            .as_object()
            .map(|o| {
                o.iter()
                    .filter(|(k, _)| k.ends_with("_id"))
                    .map(|(k, v)| format!("{k} {}", v.as_str().unwrap_or("")))
                    .collect()
            })
            .unwrap_or_default();
        format!("{}: {}", v["op"].as_str().unwrap_or("done"), ids.join(", "))
    })
}

/// Runs one command.
pub fn run(cli: Cli) -> Result<(), String> {
    let json = cli.json;
    let store = open(&cli, matches!(cli.command, Command::Enroll { .. }))?;
    let err = |e: fieldbook_core::Error| e.to_string();
    match cli.command {
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
        Command::Caseload { as_of } => {
            let rows = store.caseload(as_of.unwrap_or_else(today)).map_err(err)?;
            emit(json, &rows, |rows| {
                let mut out = format!("{} job seekers\n", rows.len());
                for r in rows {
                    out.push_str(&format!(
                        "{}  {:<22} {:<12} day {:<4} first employer contact {:<10} next: {} ({})\n",
                        r.seeker_id,
                        r.display_name,
                        or_dash(r.status.map(|s| s.as_str())),
                        or_dash(r.days_since_first_meeting),
                        or_dash(r.first_face_to_face),
                        or_dash(r.next_step.clone()),
                        or_dash(r.next_step_due)
                    ));
                }
                out.trim_end().to_string()
            })
        }
        Command::Seeker(SeekerCommand::Add(a)) => apply(&store, json, Op::SeekerAdd(a)),
        Command::Seeker(SeekerCommand::Edit(a)) => apply(&store, json, Op::SeekerEdit(a)),
        Command::Seeker(SeekerCommand::Show { seeker }) => {
            let doc = store.seeker(seeker.id::<SeekerId>()).map_err(err)?;
            emit(json, &doc, |d| {
                let mut out = format!(
                    "{} — {}\n",
                    d.profile.display_name(),
                    or_dash(d.current_status().map(|(_, s)| s.status.as_str()))
                );
                out.push_str(&format!(
                    "goal: {}\nsteps:\n",
                    or_dash(d.plan.info.goal.clone())
                ));
                for (id, s) in d.plan.ordered_steps() {
                    out.push_str(&format!(
                        "  {id}  [{:?}] {} (due {})\n",
                        s.status,
                        s.what,
                        or_dash(s.due)
                    ));
                }
                out.push_str(&format!(
                    "employer contacts: {}  jobs: {}",
                    d.activities.len(),
                    d.jobs.len()
                ));
                out
            })
        }
        Command::Plan(PlanCommand::Step(StepCommand::Add(a))) => {
            apply(&store, json, Op::StepAdd(a))
        }
        Command::Plan(PlanCommand::Step(StepCommand::Done(a))) => {
            apply(&store, json, Op::StepDone(a))
        }
        Command::Employer(EmployerCommand::Add(a)) => apply(&store, json, Op::EmployerAdd(a)),
        Command::Employer(EmployerCommand::Contact(a)) => apply(&store, json, Op::ContactAdd(a)),
        Command::Employer(EmployerCommand::List) => {
            let rows = store.employers().map_err(err)?;
            emit(json, &rows, |rows| {
                rows.iter()
                    .map(|e| {
                        format!(
                            "{}  {:<28} visits {:<3} last {}",
                            e.employer_id,
                            e.name,
                            e.visits,
                            or_dash(e.last_visit.map(|t| t.format("%Y-%m-%d")))
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
        Command::Employer(EmployerCommand::Show { employer }) => {
            let id: EmployerId = employer.id();
            let doc = store.employer(id).map_err(err)?;
            let visits = store.employer_visits(id).map_err(err)?;
            let value = json!({"employer_id": id, "employer": doc, "visits": visits});
            emit(json, &value, |_| {
                let mut out = format!(
                    "{} ({})\n",
                    doc.info.name,
                    or_dash(doc.info.industry.clone())
                );
                for v in &visits {
                    out.push_str(&format!(
                        "  {}  {:?} {:?} — {}\n",
                        v.at.format("%Y-%m-%d %H:%M"),
                        v.mode,
                        v.purpose,
                        or_dash(v.outcome.clone())
                    ));
                }
                out.trim_end().to_string()
            })
        }
        Command::Visit(VisitCommand::Log(a)) => apply(&store, json, Op::VisitLog(a)),
        Command::Job(JobCommand::Start(a)) => apply(&store, json, Op::JobStart(a)),
        Command::Job(JobCommand::End(a)) => apply(&store, json, Op::JobEnd(a)),
        Command::Support(SupportCommand::Log(a)) => apply(&store, json, Op::SupportLog(a)),
        Command::Notes(NotesCommand::Add(a)) => apply(&store, json, Op::NoteAdd(a)),
        Command::Week { as_of } => {
            let day = as_of.unwrap_or_else(today);
            let week = store.week_summary(day).map_err(err)?;
            let alerts = store.first_contact_alerts(day).map_err(err)?;
            let value = json!({"week": week, "first_contact_alerts": alerts});
            emit(json, &value, |_| {
                let mut out = format!(
                    "week of {}: {} of {} face-to-face employer contacts; caseload {} of {}\n",
                    week.week_start,
                    week.face_to_face,
                    week.face_to_face_goal,
                    week.caseload,
                    week.caseload_goal
                );
                for a in &alerts {
                    let state = if a.past { "PAST" } else { "near" };
                    out.push_str(&format!(
                        "  {state} day {}: {} has no face-to-face employer contact yet\n",
                        a.deadline_days, a.display_name
                    ));
                }
                out.trim_end().to_string()
            })
        }
        Command::History { doc } => {
            let entries = store.history(doc.id::<DocId>()).map_err(err)?;
            emit(json, &entries, |entries| {
                entries
                    .iter()
                    .map(|h| {
                        format!(
                            "{}  {:<18} device {} user {}: {}",
                            h.at.format("%Y-%m-%d %H:%M:%S"),
                            or_dash(h.op.clone()),
                            or_dash(h.device),
                            or_dash(h.user),
                            h.fields.join(", ")
                        )
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
        Command::Sync => {
            let report = store.sync(None).map_err(err)?;
            let value = json!({
                "sent": report.sent, "received": report.received, "removed": report.removed,
                "rejected": report.rejected, "failed": report.failed, "bytes_up": report.bytes_up,
                "bytes_down": report.bytes_down, "round_trips": report.round_trips, "ms": report.duration_ms,
            });
            emit(json, &value, |_| {
                let mut out = format!(
                    "synced: sent {}, received {}, removed {}, {} round trip(s), {} B up / {} B down, {} ms",
                    report.sent, report.received, report.removed, report.round_trips, report.bytes_up, report.bytes_down, report.duration_ms
                );
                for r in &report.rejected {
                    out.push_str(&format!("\n  refused {}: {}", r.id, r.reason));
                }
                out
            })
        }
        Command::Import { file, kind } => {
            let report = import::run(&store, &file, kind)?;
            emit(json, &report, |r| {
                let mut out = format!("{} line(s) applied, {} failed", r.applied, r.failed.len());
                for f in &r.failed {
                    out.push_str(&format!("\n  line {}: {}", f.line, f.reason));
                }
                out
            })?;
            if report.failed.is_empty() {
                Ok(())
            } else {
                Err(format!("{} line(s) were not applied", report.failed.len()))
            }
        }
    }
}
