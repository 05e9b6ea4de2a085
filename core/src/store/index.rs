//! Index tables behind the screens (caseload, steps due, visits by week, employers). Each is
//! rebuilt for one document inside the transaction that wrote it, so lists never need to load
//! every document and never disagree with the documents.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate};
use rusqlite::types::Value;
use rusqlite::{params, Connection};
use serde::de::IgnoredAny;
use serde::Deserialize;

use super::consent_index;
use super::merges;
use super::names::{self, NameKind};
use super::rows::{self, int, text, KnownRows, Table};

use crate::document::{DocKind, Document, Written};
use crate::ids::{ConsentId, EmployerId, JobId, SeekerId, StatusChangeId, UserId, VisitId};
use crate::model::{
    first_face_to_face, status_in_force, Consent, ContactMode, Directory, EmploymentPlan, Job,
    SeekerProfile, StatusChange, StepStatus, VisitPurpose,
};
use crate::Result;

/// Brings the index rows of one document up to date with what was written to it: from the
/// new entries alone when a visit only added some (the visit path), else from the whole
/// document.
pub(crate) fn reindex(conn: &Connection, doc: &mut Document, known: &mut KnownRows) -> Result<()> {
    let written = doc.take_written();
    let follow: Option<(&str, &Table, FollowAdded)> = match doc.kind() {
        DocKind::Seeker => Some(("activities", &CASELOAD, activities_added)),
        DocKind::Employer => Some(("visits", &EMPLOYER, visits_added)),
        DocKind::Directory | DocKind::Notes => None,
    };
    let caught_up = match follow {
        Some((map, summary, update)) => match added_to(conn, doc, &written, map, summary, known)? {
            Some(added) => update(conn, added, known)?,
            None => false,
        },
        None => false,
    };
    let owner = doc.id().to_string();
    if caught_up {
        #[cfg(debug_assertions)]
        for (table, rows) in rows_of(doc)? {
            rows::check(conn, table, &owner, rows, known)?;
        }
        return Ok(());
    }
    if doc.kind() == DocKind::Directory {
        return directory(conn, &doc.read()?);
    }
    for (table, rows) in rows_of(doc)? {
        rows::reconcile(conn, table, &owner, rows, known)?;
    }
    Ok(())
}

/// Index rows, by table, as (key, values).
type TableRows = Vec<(&'static Table, Vec<(String, Vec<Value>)>)>;

/// Every index row a seeker's or employer's document gives.
fn rows_of(doc: &Document) -> Result<TableRows> {
    let mut rows = match doc.kind() {
        DocKind::Seeker => seeker_rows(&doc.read()?),
        DocKind::Employer => employer_rows(&doc.read()?),
        DocKind::Directory | DocKind::Notes => return Ok(Vec::new()),
    };
    rows.push((&merges::MERGE, merges::rows(doc)));
    Ok(rows)
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
        "external_id",
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
    &["name", "industry", "visits", "last_visit", "external_id"],
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
        "external_id",
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
    #[serde(default)]
    consents: BTreeMap<ConsentId, Consent>,
}

#[derive(Deserialize)]
struct ContactStamp {
    at: DateTime<FixedOffset>,
    mode: ContactMode,
    /// Set on an activity whose visit was entered in error: it counts nowhere.
    #[serde(default)]
    voided: Option<IgnoredAny>,
}

fn seeker_rows(s: &IndexedSeeker) -> TableRows {
    let id = s.id.to_string();
    let status = status_in_force(&s.status_history).map(|(_, c)| c);
    let next = s.plan.next_step();
    let open_steps = s
        .plan
        .standing_steps()
        .filter(|(_, st)| st.status == StepStatus::Open)
        .count();
    let current_job = s
        .jobs
        .values()
        .filter(|j| j.counts() && j.end.is_none())
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
            s.activities
                .values()
                .filter(|a| a.voided.is_none())
                .map(|a| (a.mode, a.at)),
        )),
        text(next.map(|(sid, _)| sid)),
        text(next.map(|(_, st)| st.what.clone())),
        text(next.and_then(|(_, st)| st.due)),
        Value::Integer(open_steps as i64),
        text(current_job),
        text(s.profile.external_id.clone()),
    ];
    let steps = s
        .plan
        .standing_steps()
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
    let names = names::rows(
        NameKind::Seeker,
        [s.profile.name.as_str(), s.profile.display_name()],
    );
    vec![
        (&CASELOAD, vec![(id, caseload)]),
        (&STEP, steps),
        (&consent_index::CONSENT, consent_index::rows(&s.consents)),
        (&names::NAME, names),
    ]
}

/// A visit adds an activity to each job seeker's record it names. Of the index rows, only
/// the caseload's first face-to-face contact can move, to the new activity's date when it
/// is earlier.
fn activities_added(conn: &Connection, added: Added<'_>, known: &mut KnownRows) -> Result<bool> {
    let Added { doc, keys, id, .. } = added;
    let mut caseload = added.summary;
    let Some(first) = CASELOAD.position("first_face_to_face") else {
        return Ok(false);
    };
    let before = match &caseload[first] {
        Value::Null => None,
        Value::Text(day) => match day.parse::<NaiveDate>() {
            Ok(day) => Some(day),
            Err(_) => return Ok(false),
        },
        _ => return Ok(false),
    };
    let mut stamps = Vec::with_capacity(keys.len());
    for key in keys {
        match doc.read_at::<ContactStamp>(&["activities", key])? {
            Some(stamp) if stamp.voided.is_none() => stamps.push((stamp.mode, stamp.at)),
            _ => return Ok(false),
        }
    }
    let after = before
        .into_iter()
        .chain(first_face_to_face(stamps.into_iter()))
        .min();
    caseload[first] = text(after);
    rows::reconcile(conn, &CASELOAD, &id, vec![(id.clone(), caseload)], known)?;
    Ok(true)
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
    external_id: Option<String>,
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
    #[serde(default)]
    external_id: Option<String>,
    /// Set on a visit entered in error: it leaves the visit lists and counts.
    #[serde(default)]
    voided: Option<IgnoredAny>,
}

fn employer_rows(e: &IndexedEmployer) -> TableRows {
    let id = e.id.to_string();
    let counted = || e.visits.iter().filter(|(_, v)| v.voided.is_none());
    let summary = vec![
        Value::Text(e.name.clone()),
        text(e.industry.clone()),
        Value::Integer(counted().count() as i64),
        text(latest(counted().map(|(_, v)| v.at)).map(|t| t.to_rfc3339())),
        text(e.external_id.clone()),
    ];
    let visits = counted()
        .map(|(visit_id, v)| (visit_id.to_string(), visit_row(v)))
        .collect();
    let names = names::rows(NameKind::Employer, [e.name.as_str()]);
    vec![
        (&EMPLOYER, vec![(id, summary)]),
        (&VISIT, visits),
        (&names::NAME, names),
    ]
}

/// Brings a document's indexes up to date from new entries of one of its maps; false when it
/// cannot (then the whole document is read).
type FollowAdded = fn(&Connection, Added<'_>, &mut KnownRows) -> Result<bool>;

/// A write that only added entries to one map of a document, with what updating the
/// document's summary row from them starts from.
struct Added<'w> {
    doc: &'w Document,
    /// The keys of the new entries.
    keys: Vec<&'w str>,
    /// The document's id, which keys its summary row.
    id: String,
    /// The summary row as it stands.
    summary: Vec<Value>,
}

/// The new entries of the map `map`, when adding them is all that was written to `doc`, with
/// its summary row in `table`.
fn added_to<'w>(
    conn: &Connection,
    doc: &'w Document,
    written: &'w Written,
    map: &str,
    table: &Table,
    known: &mut KnownRows,
) -> Result<Option<Added<'w>>> {
    let Some(keys) = written.only_added_to(&[map]) else {
        return Ok(None);
    };
    let id = doc.id().to_string();
    let summary = rows::current_row(conn, table, &id, &id, known)?;
    Ok(summary.map(|summary| Added {
        doc,
        keys,
        id,
        summary,
    }))
}

/// The latest of some times; of two at the same instant, the one with the later local time,
/// so the answer does not depend on the order they come in.
fn latest(times: impl Iterator<Item = DateTime<FixedOffset>>) -> Option<DateTime<FixedOffset>> {
    times.max_by_key(|t| (*t, t.offset().local_minus_utc()))
}

fn visit_row(v: &ListedVisit) -> Vec<Value> {
    let day = v.at.date_naive();
    vec![
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
        text(v.external_id.clone()),
    ]
}

/// A visit adds one entry to its employer's log: one visit row more, and the summary's count
/// and last visit move.
fn visits_added(conn: &Connection, added: Added<'_>, known: &mut KnownRows) -> Result<bool> {
    let Added { doc, keys, id, .. } = added;
    let mut summary = added.summary;
    let (Some(count), Some(last)) = (EMPLOYER.position("visits"), EMPLOYER.position("last_visit"))
    else {
        return Ok(false);
    };
    let before = match &summary[last] {
        Value::Null => None,
        Value::Text(at) => match DateTime::parse_from_rfc3339(at) {
            Ok(at) => Some(at),
            Err(_) => return Ok(false),
        },
        _ => return Ok(false),
    };
    let Value::Integer(visits_before) = summary[count] else {
        return Ok(false);
    };
    let mut visits = Vec::with_capacity(keys.len());
    let mut times = Vec::with_capacity(keys.len());
    for key in keys {
        let Some(visit) = doc.read_at::<ListedVisit>(&["visits", key])? else {
            return Ok(false);
        };
        if visit.voided.is_some() {
            return Ok(false);
        }
        times.push(visit.at);
        visits.push((key.to_string(), visit_row(&visit)));
    }
    summary[count] = Value::Integer(visits_before + visits.len() as i64);
    summary[last] = text(latest(before.into_iter().chain(times)).map(|t| t.to_rfc3339()));
    rows::reconcile(conn, &EMPLOYER, &id, vec![(id.clone(), summary)], known)?;
    rows::add(conn, &VISIT, &id, visits, known)?;
    Ok(true)
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
