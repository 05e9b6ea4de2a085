//! Index tables behind the screens (caseload, steps due, visits by week, employers). Each is
//! rebuilt for one document inside the transaction that wrote it, so lists never need to load
//! every document and never disagree with the documents.

use chrono::{Datelike, Duration, NaiveDate};
use rusqlite::{params, Connection};

use crate::document::{DocKind, Document};
use crate::model::{Directory, EmployerDoc, SeekerDoc, StepStatus};
use crate::Result;

/// Rebuilds the index rows of one document.
pub(crate) fn reindex(conn: &Connection, doc: &Document) -> Result<()> {
    match doc.kind() {
        DocKind::Seeker => seeker(conn, &doc.read()?),
        DocKind::Employer => employer(conn, &doc.read()?),
        DocKind::Directory => directory(conn, &doc.read()?),
        DocKind::Notes => Ok(()),
    }
}

/// Monday of the ISO week holding `day`: the key of "visits by week".
pub fn week_start(day: NaiveDate) -> NaiveDate {
    day - Duration::days(i64::from(day.weekday().num_days_from_monday()))
}

fn seeker(conn: &Connection, s: &SeekerDoc) -> Result<()> {
    let id = s.id.to_string();
    conn.execute("DELETE FROM caseload_index WHERE seeker_id = ?1", [&id])?;
    conn.execute("DELETE FROM step_index WHERE seeker_id = ?1", [&id])?;
    let status = s.current_status().map(|(_, c)| c);
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
    conn.execute(
        "INSERT INTO caseload_index (seeker_id, name, display_name, status, status_since,
            referral_date, first_meeting, first_face_to_face, next_step_id, next_step,
            next_step_due, open_steps, current_job)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
        params![
            id,
            s.profile.name,
            s.profile.display_name(),
            status.map(|c| c.status.as_str()),
            status.map(|c| c.date.to_string()),
            s.profile.referral_date.map(|d| d.to_string()),
            s.profile.first_meeting.map(|d| d.to_string()),
            s.first_face_to_face_contact().map(|d| d.to_string()),
            next.map(|(sid, _)| sid.to_string()),
            next.map(|(_, st)| st.what.clone()),
            next.and_then(|(_, st)| st.due).map(|d| d.to_string()),
            open_steps as i64,
            current_job,
        ],
    )?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO step_index (step_id, seeker_id, what, who, due, status, position)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for (step_id, st) in &s.plan.steps {
        insert.execute(params![
            step_id.to_string(),
            id,
            st.what,
            enum_name(&st.who),
            st.due.map(|d| d.to_string()),
            enum_name(&st.status),
            st.position,
        ])?;
    }
    Ok(())
}

fn employer(conn: &Connection, e: &EmployerDoc) -> Result<()> {
    let id = e.id.to_string();
    conn.execute("DELETE FROM employer_index WHERE employer_id = ?1", [&id])?;
    conn.execute("DELETE FROM visit_index WHERE employer_id = ?1", [&id])?;
    let last_visit = e.visits.values().map(|v| v.at).max();
    conn.execute(
        "INSERT INTO employer_index (employer_id, name, industry, visits, last_visit)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        params![
            id,
            e.info.name,
            e.info.industry,
            e.visits.len() as i64,
            last_visit.map(|t| t.to_rfc3339()),
        ],
    )?;
    let mut insert = conn.prepare_cached(
        "INSERT INTO visit_index (visit_id, employer_id, specialist, at, local_date, week_start,
            mode, purpose, face_to_face, seekers, followed_preference, outcome)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?;
    for (visit_id, v) in &e.visits {
        let day = v.at.date_naive();
        insert.execute(params![
            visit_id.to_string(),
            id,
            v.specialist.map(|u| u.to_string()),
            v.at.to_rfc3339(),
            day.to_string(),
            week_start(day).to_string(),
            v.mode.as_str(),
            v.purpose.as_str(),
            v.mode.is_face_to_face(),
            v.seekers.len() as i64,
            v.followed_preference,
            v.outcome,
        ])?;
    }
    Ok(())
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
