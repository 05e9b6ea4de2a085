//! The reading commands: caseload, a job seeker's record, employers, case notes, the week,
//! a record's history, and the sync summary — as text for people or JSON for scripts.

use std::path::Path;

use chrono::NaiveDate;
use fieldbook_core::ids::{DocId, EmployerId, SeekerId};
use fieldbook_core::{NameKind, Store};
use serde_json::json;

use crate::output::{emit, or_dash};

fn err(e: fieldbook_core::Error) -> String {
    e.to_string()
}

pub fn caseload(store: &Store, json: bool, as_of: NaiveDate) -> Result<(), String> {
    let rows = store.caseload(as_of).map_err(err)?;
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

pub fn seeker(store: &Store, json: bool, asked: SeekerId) -> Result<(), String> {
    let merged = store.survivor(asked.0).map_err(err)?;
    let id = merged.map_or(asked, SeekerId);
    let doc = store.seeker(id).map_err(err)?;
    let conflicts = store.conflicts(id.doc()).map_err(err)?;
    emit(json, &doc, |d| {
        let p = &d.profile;
        let mut out = format!(
            "{} — {}{}\n",
            p.display_name(),
            or_dash(d.current_status().map(|(_, s)| s.status.as_str())),
            p.external_id
                .as_ref()
                .map(|x| format!(" (id {x})"))
                .unwrap_or_default()
        );
        if merged.is_some() {
            out.push_str(&format!("{asked} was merged into this record ({id})\n"));
        }
        out.push_str(&format!(
            "phone: {}  county: {}  referred: {}  first meeting: {}\n",
            or_dash(p.phone.clone()),
            or_dash(p.county.clone()),
            or_dash(p.referral_date),
            or_dash(p.first_meeting)
        ));
        out.push_str(&format!(
            "work goal: {}  disclosure: {}\n",
            or_dash(d.career.work_goal.clone()),
            or_dash(d.career.disclosure.choice.map(crate::values::choice_name))
        ));
        out.push_str(&format!(
            "benefits: {}  planning offered {} completed {}\n",
            if d.profile.benefits_held.is_empty() {
                "-".to_string()
            } else {
                d.profile.benefits_held.join(", ")
            },
            or_dash(d.benefits.offered),
            or_dash(d.benefits.completed)
        ));
        for c in d.consents.values() {
            out.push_str(&format!(
                "consent: {} ({}) signed {} expires {}\n",
                c.recipient, c.scope, c.signed, c.expires
            ));
        }
        for e in d.education.values() {
            out.push_str(&format!(
                "school: {} from {} to {}\n",
                e.program,
                e.start,
                or_dash(e.end)
            ));
        }
        out.push_str(&format!(
            "plan goal: {}\nsteps:\n",
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
        out.push_str("jobs:\n");
        for (id, j) in d.standing_jobs() {
            out.push_str(&format!(
                "  {id}  {} at {} from {}{}{}\n",
                j.title,
                j.employer_name,
                j.start,
                j.end
                    .as_ref()
                    .map(|e| format!(" to {} ({})", e.date, e.reason))
                    .unwrap_or_default(),
                if j.competitive {
                    ""
                } else {
                    ", not competitive"
                }
            ));
        }
        let contacts: Vec<_> = d.activities.iter().filter(|(_, a)| a.counts()).collect();
        out.push_str(&format!("employer contacts: {}\n", contacts.len()));
        for (id, a) in contacts {
            out.push_str(&format!(
                "  {id}  {} {} ({}, {}){}\n",
                a.at.format("%Y-%m-%d"),
                a.employer_name,
                crate::values::choice_name(a.mode),
                crate::values::choice_name(a.purpose),
                a.outcome
                    .as_ref()
                    .map(|o| format!(": {o}"))
                    .unwrap_or_default()
            ));
        }
        out.push_str(&format!(
            "follow-along supports: {}",
            d.standing_supports().count()
        ));
        out.push_str(&conflict_lines(&conflicts));
        out
    })
}

/// The fields of a record two phones changed at once, each with every value it holds, for
/// the end of a record's page; `fieldbook settle` picks one.
fn conflict_lines(conflicts: &[fieldbook_core::document::Conflict]) -> String {
    let mut out = String::new();
    for c in conflicts {
        for line in describe_conflict(c) {
            out.push('\n');
            out.push_str(&line);
        }
    }
    if !conflicts.is_empty() {
        out.push_str("\nSettle with `fieldbook settle`, or edit the field again.");
    }
    out
}

/// Job seekers or employers found by the start of their name.
pub fn found(store: &Store, json: bool, kind: NameKind, text: &str) -> Result<(), String> {
    let found = store.find_by_name_prefix(kind, text).map_err(err)?;
    emit(json, &found, |found| {
        if found.is_empty() {
            return format!("nothing found for `{text}`");
        }
        found
            .iter()
            .map(|f| {
                if f.display_name == f.name {
                    format!("{}  {}", f.id, f.name)
                } else {
                    format!("{}  {} ({})", f.id, f.display_name, f.name)
                }
            })
            .collect::<Vec<_>>()
            .join("\n")
    })
}

pub fn employers(store: &Store, json: bool) -> Result<(), String> {
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

pub fn employer(store: &Store, json: bool, asked: EmployerId) -> Result<(), String> {
    let merged = store.survivor(asked.0).map_err(err)?;
    let id = merged.map_or(asked, EmployerId);
    let doc = store.employer(id).map_err(err)?;
    let visits = store.employer_visits(id).map_err(err)?;
    let conflicts = store.conflicts(id.doc()).map_err(err)?;
    let value = json!({"employer_id": id, "employer": doc, "visits": visits,
        "merged_from": merged.map(|_| asked)});
    emit(json, &value, |_| {
        let mut out = format!(
            "{} ({})\n",
            doc.info.name,
            or_dash(doc.info.industry.clone())
        );
        if merged.is_some() {
            out.push_str(&format!("{asked} was merged into this employer ({id})\n"));
        }
        for c in doc.contacts.values() {
            out.push_str(&format!(
                "  contact: {} ({})\n",
                c.name,
                or_dash(c.role.clone())
            ));
        }
        for v in &visits {
            out.push_str(&format!(
                "  {}  {} {} — {}\n",
                v.at.format("%Y-%m-%d %H:%M"),
                crate::values::choice_name(v.mode),
                crate::values::choice_name(v.purpose),
                or_dash(v.outcome.clone())
            ));
        }
        let mut out = out.trim_end().to_string();
        out.push_str(&conflict_lines(&conflicts));
        out
    })
}

pub fn notes(store: &Store, json: bool, seeker: SeekerId) -> Result<(), String> {
    let notes = store.notes(seeker).map_err(err)?;
    let value: Vec<_> = notes
        .iter()
        .map(|(id, n)| json!({"note_id": id, "at": n.at, "author": n.author, "text": n.text, "voided": n.voided}))
        .collect();
    emit(json, &value, |_| {
        if notes.is_empty() {
            return "no case notes".into();
        }
        notes
            .iter()
            .map(|(_, n)| {
                let void = n
                    .voided
                    .as_ref()
                    .map(|v| format!("VOID ({}) ", v.reason))
                    .unwrap_or_default();
                format!("{}  {void}{}", n.at.format("%Y-%m-%d %H:%M"), n.text)
            })
            .collect::<Vec<_>>()
            .join("\n")
    })
}

pub fn week(store: &Store, json: bool, day: NaiveDate) -> Result<(), String> {
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

/// `profile.phone: 555-0101 → 555-0199`; a new entry is its name alone.
fn field_change(c: &fieldbook_core::document::FieldChange) -> String {
    let shown = |v: &Option<serde_json::Value>| match v {
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
        None => "(none)".into(),
    };
    if c.from.is_none() && c.to.is_none() {
        c.field.clone()
    } else {
        format!("{}: {} → {}", c.field, shown(&c.from), shown(&c.to))
    }
}

/// Fields two devices changed at once, each with its values and the device that wrote it.
pub fn conflicts(store: &Store, json: bool, id: DocId) -> Result<(), String> {
    let conflicts = store.conflicts(id).map_err(err)?;
    emit(json, &conflicts, |conflicts| {
        if conflicts.is_empty() {
            return "no conflicting edits".into();
        }
        let mut out: Vec<String> = conflicts.iter().flat_map(describe_conflict).collect();
        out.push("Edit the field again to settle it on every phone.".into());
        out.join("\n")
    })
}

/// A field two phones changed at once: its name, then each value it holds with who wrote it
/// and when, the one shown now first.
fn describe_conflict(c: &fieldbook_core::document::Conflict) -> Vec<String> {
    let mut out = vec![format!(
        "{}: edited on more than one device at once",
        c.field
    )];
    for (i, v) in c.values.iter().enumerate() {
        let value = match &v.value {
            Some(serde_json::Value::String(s)) => s.clone(),
            Some(v) => v.to_string(),
            None => "(an entry)".into(),
        };
        let shown = if i == 0 { " (shown now)" } else { "" };
        let who = match (&v.user_name, v.user) {
            (Some(name), _) => name.clone(),
            (None, Some(user)) => format!("user {user}"),
            (None, None) => format!("device actor {}", v.actor),
        };
        let when =
            v.at.map(|at| format!(" on {}", at.format("%Y-%m-%d %H:%M UTC")))
                .unwrap_or_default();
        out.push(format!("  {value}{shown}  by {who}{when}"));
    }
    out
}

pub fn history(store: &Store, json: bool, id: DocId) -> Result<(), String> {
    let entries = store.history(id).map_err(err)?;
    emit(json, &entries, |entries| {
        entries
            .iter()
            .map(|h| {
                let changes: Vec<String> = h.changes.iter().map(field_change).collect();
                format!(
                    "{}  {:<18} device {} user {}: {}",
                    h.at.format("%Y-%m-%d %H:%M:%S"),
                    or_dash(h.op.clone()),
                    or_dash(h.device),
                    or_dash(h.user),
                    changes.join(", ")
                )
            })
            .collect::<Vec<_>>()
            .join("\n")
    })
}

/// Syncs and prints what happened; an error (non-zero exit) when anything was refused or
/// could not be merged, after the report is printed.
pub fn sync(store: &Store, json: bool) -> Result<(), String> {
    let report = store.sync(None).map_err(err)?;
    let value = json!({
        "sent": report.sent, "received": report.received, "removed": report.removed,
        "rejected": report.rejected, "failed": report.failed, "bytes_up": report.bytes_up,
        "bytes_down": report.bytes_down, "round_trips": report.round_trips, "ms": report.duration_ms,
    });
    emit(json, &value, |_| {
        let mut out = format!(
            "synced: sent {}, received {}, removed {}, {} round trip(s), {} B up / {} B down, {} ms",
            report.sent,
            report.received,
            report.removed,
            report.round_trips,
            report.bytes_up,
            report.bytes_down,
            report.duration_ms
        );
        for r in &report.rejected {
            out.push_str(&format!("\n  REFUSED {}", r.describe()));
        }
        for id in &report.failed {
            out.push_str(&format!(
                "\n  FAILED record {id} arrived but could not be merged; asked for again"
            ));
        }
        out
    })?;
    match (report.rejected.len(), report.failed.len()) {
        (0, 0) => Ok(()),
        (refused, failed) => Err(format!(
            "{refused} record(s) refused, {failed} failed to merge; the refused work is kept on \
             this phone: see `fieldbook pending`"
        )),
    }
}

/// Unsent and refused work; with `export`, also written there as JSON.
pub fn pending(store: &Store, json: bool, export: Option<&Path>) -> Result<(), String> {
    let pending = store.pending().map_err(err)?;
    if let Some(path) = export {
        let body = serde_json::to_vec_pretty(&pending).map_err(|e| e.to_string())?;
        std::fs::write(path, body).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    emit(json, &pending, |p| {
        let mut out = String::new();
        if p.unsent.is_empty() {
            out.push_str("nothing waiting to be sent\n");
        } else {
            out.push_str("waiting to be sent:\n");
        }
        for u in &p.unsent {
            out.push_str(&format!(
                "  {}: {} change(s) ({})\n",
                u.record,
                u.changes,
                u.what.join(", ")
            ));
        }
        if p.refused.is_empty() {
            out.push_str("nothing refused");
        } else {
            out.push_str("refused, kept on this phone (newest first):\n");
        }
        for r in &p.refused {
            out.push_str(&format!(
                "  {}  {}: {} — {}\n",
                r.refused_at.get(..16).unwrap_or(&r.refused_at),
                r.record,
                or_dash(r.what.clone()),
                r.reason
            ));
        }
        if let Some(path) = export {
            out.push_str(&format!("written to {}", path.display()));
        }
        out.trim_end().to_string()
    })
}
