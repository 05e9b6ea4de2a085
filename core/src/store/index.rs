//! Index tables behind the screens (caseload, steps due, visits by week, employers). Each is
//! rebuilt for one document inside the transaction that wrote it, so lists never need to load
//! every document and never disagree with the documents.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate};
use rusqlite::types::Value;
use rusqlite::{params, Connection};
use serde::de::IgnoredAny;
use serde::Deserialize;

use super::rows::{self, int, text, KnownRows, Table};

use crate::document::{DocKind, Document};
use crate::ids::{EmployerId, JobId, SeekerId, StatusChangeId, UserId, VisitId};
use crate::model::{
    first_face_to_face, status_in_force, ContactMode, Directory, EmploymentPlan, Job,
    SeekerProfile, StatusChange, StepStatus, VisitPurpose,
};
use crate::Result;

/// Rebuilds the index rows of one document.
pub(crate) fn reindex(conn: &Connection, doc: &Document, known: &mut KnownRows) -> Result<()> {
    match doc.kind() {
        DocKind::Seeker => seeker(conn, &doc.read()?, known),
        DocKind::Employer => employer(conn, &doc.read()?, known),
        DocKind::Directory => directory(conn, &doc.read()?),
        DocKind::Notes => Ok(()),
    }
}

// The index tables whose rows each belong to one document.
static CASELOAD: Table = Table::new(
    "caseload_index",
    "seeker_id",
    "seeker_id",
    &[
        "name",
        "display_name",
        "status",
        "status_since",
        "referral_date",
        "first_meeting",
        "first_face_to_face",
        "next_step_id",
        "next_step",
        "next_step_due",
        "open_steps",
        "current_job",
    ],
);

static STEP: Table = Table::new(
    "step_index",
    "step_id",
    "seeker_id",
    &["what", "who", "due", "status", "position"],
);

static EMPLOYER: Table = Table::new(
    "employer_index",
    "employer_id",
    "employer_id",
    &["name", "industry", "visits", "last_visit"],
);

static VISIT: Table = Table::new(
    "visit_index",
    "visit_id",
    "employer_id",
    &[
        "specialist",
        "at",
        "local_date",
        "week_start",
        "mode",
        "purpose",
        "face_to_face",
        "seekers",
        "followed_preference",
        "outcome",
    ],
);

/// Monday of the ISO week holding `day`: the key of "visits by week".
pub fn week_start(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

/// A job seeker's record as far as the index reads it. The job-search activity grows by one
/// entry with every visit; only each entry's mode and time count here, so the rest of it is
/// not read (nor are the parts of the record no index shows).
#[derive(Deserialize)]
struct IndexedSeeker {
    id: SeekerId,
    #[serde(default)]
    profile: SeekerProfile,
    #[serde(default)]
    status_history: BTreeMap<StatusChangeId, StatusChange>,
    #[serde(default)]
    plan: EmploymentPlan,
    #[serde(default)]
    activities: BTreeMap<VisitId, ContactStamp>,
    #[serde(default)]
    jobs: BTreeMap<JobId, Job>,
}

#[derive(Deserialize)]
struct ContactStamp {
    at: DateTime<FixedOffset>,
    mode: ContactMode,
}

fn seeker(conn: &Connection, s: &IndexedSeeker, known: &mut KnownRows) -> Result<()> {
    let id = s.id.to_string();
    let status = status_in_force(&s.status_history).map(|(_, c)| c);
    let next = s.plan.next_step();
    let open_steps = s
        .plan
        .steps
        .values()
        .filter(|st| st.status == StepStatus::Open)
        .count();
    let current_job = s
        .jobs
        .values()
        .filter(|j| j.end.is_none())
        .max_by_key(|j| j.start)
        .map(|j| format!("{} at {}", j.title, j.employer_name));
    let caseload = vec![
        Value::Text(s.profile.name.clone()),
        Value::Text(s.profile.display_name().to_string()),
        text(status.map(|c| c.status.as_str())),
        text(status.map(|c| c.date)),
        text(s.profile.referral_date),
        text(s.profile.first_meeting),
        text(first_face_to_face(
            s.activities.values().map(|a| (a.mode, a.at)),
        )),
        text(next.map(|(sid, _)| sid)),
        text(next.map(|(_, st)| st.what.clone())),
        text(next.and_then(|(_, st)| st.due)),
        Value::Integer(open_steps as i64),
        text(current_job),
    ];
    rows::reconcile(conn, &CASELOAD, &id, vec![(id.clone(), caseload)], known)?;
    let steps = s
        .plan
        .steps
        .iter()
        .map(|(step_id, st)| {
            let values = vec![
                Value::Text(st.what.clone()),
                Value::Text(enum_name(&st.who)),
                text(st.due),
                Value::Text(enum_name(&st.status)),
                Value::Real(st.position),
            ];
            (step_id.to_string(), values)
        })
        .collect();
    rows::reconcile(conn, &STEP, &id, steps, known)
}

/// An employer's document as far as the index reads it: name, industry and, of each visit,
/// what the visit lists show (its contacts, notes and the job seekers' ids are not read).
#[derive(Deserialize)]
struct IndexedEmployer {
    id: EmployerId,
    #[serde(default)]
    name: String,
    #[serde(default)]
    industry: Option<String>,
    #[serde(default)]
    visits: BTreeMap<VisitId, ListedVisit>,
}

/// The fields of a [`crate::model::Visit`] the visit lists show.
#[derive(Deserialize)]
struct ListedVisit {
    at: DateTime<FixedOffset>,
    #[serde(default)]
    specialist: Option<UserId>,
    mode: ContactMode,
    purpose: VisitPurpose,
    #[serde(default)]
    seekers: Vec<IgnoredAny>,
    #[serde(default)]
    followed_preference: Option<bool>,
    #[serde(default)]
    outcome: Option<String>,
}

fn employer(conn: &Connection, e: &IndexedEmployer, known: &mut KnownRows) -> Result<()> {
    let id = e.id.to_string();
    let last_visit = e.visits.values().map(|v| v.at).max();
    let summary = vec![
        Value::Text(e.name.clone()),
        text(e.industry.clone()),
        Value::Integer(e.visits.len() as i64),
        text(last_visit.map(|t| t.to_rfc3339())),
    ];
    rows::reconcile(conn, &EMPLOYER, &id, vec![(id.clone(), summary)], known)?;
    let visits = e
        .visits
        .iter()
        .map(|(visit_id, v)| {
            let day = v.at.date_naive();
            let values = vec![
                text(v.specialist),
                Value::Text(v.at.to_rfc3339()),
                Value::Text(day.to_string()),
                Value::Text(week_start(day).to_string()),
                Value::Text(v.mode.as_str().to_string()),
                Value::Text(v.purpose.as_str().to_string()),
                Value::Integer(i64::from(v.mode.is_face_to_face())),
                Value::Integer(v.seekers.len() as i64),
                int(v.followed_preference.map(i64::from)),
                text(v.outcome.clone()),
            ];
            (visit_id.to_string(), values)
        })
        .collect();
    rows::reconcile(conn, &VISIT, &id, visits, known)
}

fn directory(conn: &Connection, d: &Directory) -> Result<()> {
    let team = d.team.id.to_string();
    conn.execute("DELETE FROM member_index WHERE team_id = ?1", [&team])?;
    conn.execute("DELETE FROM assignment_index WHERE team_id = ?1", [&team])?;
    for (user, m) in &d.members {
        conn.execute(
            "INSERT OR REPLACE INTO member_index (user_id, team_id, name, role) VALUES (?1, ?2, ?3, ?4)",
            params![user.to_string(), team, m.name, m.role.as_str()],
        )?;
    }
    for (seeker, specialists) in &d.assignments {
        for sp in specialists {
            conn.execute(
                "INSERT OR IGNORE INTO assignment_index (seeker_id, specialist_id, team_id)
                 VALUES (?1, ?2, ?3)",
                params![seeker.to_string(), sp.to_string(), team],
            )?;
        }
    }
    conn.execute(
        "INSERT OR REPLACE INTO meta (key, value) VALUES ('goals', ?1)",
        [serde_json::to_string(&d.goals).unwrap_or_default()],
    )?;
    Ok(())
}

/// The serde name of a unit enum variant (`in_person`, `open`…).
pub(crate) fn enum_name<T: serde::Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}
