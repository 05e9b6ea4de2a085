//! What the screens show, read from the index tables (lists) or from one document (a job
//! seeker's whole plan, an employer's page). Nothing here loads every document.

use chrono::{DateTime, FixedOffset, NaiveDate};
use rusqlite::{params, Row};
use serde::{Deserialize, Serialize};

use crate::consents::ConsentAlert;
use crate::document::DocKind;
use crate::ids::{EmployerId, NoteId, SeekerId, StepId, UserId, VisitId};
use crate::model::{
    CaseNote, ContactMode, Directory, EmployerDoc, Goals, NotesDoc, SeekerDoc, SeekerStatus,
    StepOwner, VisitPurpose,
};
use crate::store::{week_start, Store};
use crate::{Error, Result};

/// One line of the caseload screen.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseloadEntry {
    pub seeker_id: SeekerId,
    pub name: String,
    pub display_name: String,
    pub status: Option<SeekerStatus>,
    pub status_since: Option<NaiveDate>,
    pub referral_date: Option<NaiveDate>,
    pub first_meeting: Option<NaiveDate>,
    /// Days from the first meeting to the day asked about.
    pub days_since_first_meeting: Option<i64>,
    /// The first face-to-face employer contact made on the person's behalf.
    pub first_face_to_face: Option<NaiveDate>,
    pub next_step_id: Option<StepId>,
    pub next_step: Option<String>,
    pub next_step_due: Option<NaiveDate>,
    pub open_steps: u32,
    /// "Title at Employer" of a job held now.
    pub current_job: Option<String>,
    /// Consents that have expired or end within 30 days, the most urgent first.
    #[serde(default)]
    pub consent_alerts: Vec<ConsentAlert>,
}

/// One employer contact in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct VisitSummary {
    pub visit_id: VisitId,
    pub employer_id: EmployerId,
    pub employer_name: String,
    pub specialist: Option<UserId>,
    pub at: DateTime<FixedOffset>,
    pub mode: ContactMode,
    pub purpose: VisitPurpose,
    pub face_to_face: bool,
    /// How many job seekers were discussed (names are never listed here).
    pub seekers: u32,
    pub followed_preference: Option<bool>,
    pub outcome: Option<String>,
}

/// A specialist's employer contacts in one week (Monday to Sunday, local dates).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeekOfVisits {
    pub week_start: NaiveDate,
    pub face_to_face: u32,
    pub total: u32,
    pub visits: Vec<VisitSummary>,
}

/// One line of the employers list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmployerSummary {
    pub employer_id: EmployerId,
    pub name: String,
    pub industry: Option<String>,
    pub visits: u32,
    pub last_visit: Option<DateTime<FixedOffset>>,
}

/// An open plan step that is due.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DueStep {
    pub seeker_id: SeekerId,
    pub seeker_name: String,
    pub step_id: StepId,
    pub what: String,
    pub who: StepOwner,
    pub due: NaiveDate,
}

fn parse<T: std::str::FromStr>(what: &str, s: Option<String>) -> rusqlite::Result<Option<T>>
where
    T::Err: std::fmt::Display,
{
    s.map(|v| {
        v.parse::<T>().map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(
                0,
                rusqlite::types::Type::Text,
                format!("{what}: {e}").into(),
            )
        })
    })
    .transpose()
}

fn required<T: std::str::FromStr>(what: &str, s: String) -> rusqlite::Result<T>
where
    T::Err: std::fmt::Display,
{
    parse(what, Some(s)).map(|v| v.expect("some in, some out"))
}

fn serde_name<T: serde::de::DeserializeOwned>(s: String) -> rusqlite::Result<T> {
    serde_json::from_value(serde_json::Value::String(s)).map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, e.into())
    })
}

fn visit_from_row(r: &Row<'_>) -> rusqlite::Result<VisitSummary> {
    Ok(VisitSummary {
        visit_id: required("visit", r.get(0)?)?,
        employer_id: required("employer", r.get(1)?)?,
        employer_name: r.get(2)?,
        specialist: parse("specialist", r.get(3)?)?,
        at: DateTime::parse_from_rfc3339(&r.get::<_, String>(4)?).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(4, rusqlite::types::Type::Text, e.into())
        })?,
        mode: serde_name(r.get(5)?)?,
        purpose: serde_name(r.get(6)?)?,
        face_to_face: r.get(7)?,
        seekers: r.get(8)?,
        followed_preference: r.get(9)?,
        outcome: r.get(10)?,
    })
}

const VISIT_COLUMNS: &str = "v.visit_id, v.employer_id, e.name, v.specialist, v.at, v.mode, \
     v.purpose, v.face_to_face, v.seekers, v.followed_preference, v.outcome";

impl Store {
    /// The caseload: everyone on this phone whose case is not closed, by name, with the
    /// figures the specialist works from. `as_of` is the day the "days since" count to and
    /// the consents are checked on.
    pub fn caseload(&self, as_of: NaiveDate) -> Result<Vec<CaseloadEntry>> {
        self.query(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT seeker_id, name, display_name, status, status_since, referral_date,
                        first_meeting, first_face_to_face, next_step_id, next_step,
                        next_step_due, open_steps, current_job
                 FROM caseload_index WHERE (status IS NULL OR status != 'closed')
                   AND seeker_id NOT IN (SELECT id FROM merged_records)
                 ORDER BY display_name COLLATE NOCASE, seeker_id",
            )?;
            let rows = stmt.query_map([], |r| {
                let first_meeting: Option<NaiveDate> = parse("first_meeting", r.get(6)?)?;
                Ok(CaseloadEntry {
                    seeker_id: required("seeker", r.get(0)?)?,
                    name: r.get(1)?,
                    display_name: r.get(2)?,
                    status: r
                        .get::<_, Option<String>>(3)?
                        .as_deref()
                        .and_then(SeekerStatus::parse),
                    status_since: parse("status_since", r.get(4)?)?,
                    referral_date: parse("referral_date", r.get(5)?)?,
                    first_meeting,
                    days_since_first_meeting: first_meeting.map(|d| (as_of - d).num_days()),
                    first_face_to_face: parse("first_face_to_face", r.get(7)?)?,
                    next_step_id: parse("next_step_id", r.get(8)?)?,
                    next_step: r.get(9)?,
                    next_step_due: parse("next_step_due", r.get(10)?)?,
                    open_steps: r.get(11)?,
                    current_job: r.get(12)?,
                    consent_alerts: Vec::new(),
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
        .and_then(|mut entries: Vec<CaseloadEntry>| {
            let mut consents = self.query(crate::store::consents_by_seeker)?;
            for e in &mut entries {
                if let Some(of) = consents.remove(&e.seeker_id) {
                    e.consent_alerts =
                        crate::consents_to_renew(e.seeker_id, &e.display_name, &of, as_of);
                }
            }
            Ok(entries)
        })
    }

    /// A specialist's employer contacts week by week, for the weeks touching `from..=to`.
    /// `specialist` is this phone's user when `None`. Weeks without contacts are listed too,
    /// with zero, so a gap shows.
    pub fn visits_by_week(
        &self,
        specialist: Option<UserId>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<WeekOfVisits>> {
        if to < from {
            return Err(Error::invalid("to", "is before from"));
        }
        let who = specialist
            .or(self.identity().user_id)
            .map(|u| u.to_string());
        let (first, last) = (week_start(from), week_start(to));
        let visits = self.query(|c| {
            let mut stmt = c.prepare_cached(&format!(
                "SELECT {VISIT_COLUMNS}, v.week_start FROM visit_index v
                 JOIN employer_index e ON e.employer_id = v.employer_id
                 WHERE v.specialist IS ?1 AND v.week_start BETWEEN ?2 AND ?3
                   AND v.employer_id NOT IN (SELECT id FROM merged_records)
                 ORDER BY v.at"
            ))?;
            let rows = stmt.query_map(params![who, first.to_string(), last.to_string()], |r| {
                Ok((
                    required::<NaiveDate>("week", r.get(11)?)?,
                    visit_from_row(r)?,
                ))
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })?;
        let mut weeks = Vec::new();
        let mut week = first;
        while week <= last {
            let in_week: Vec<VisitSummary> = visits
                .iter()
                .filter(|(w, _)| *w == week)
                .map(|(_, v)| v.clone())
                .collect();
            weeks.push(WeekOfVisits {
                week_start: week,
                face_to_face: in_week.iter().filter(|v| v.face_to_face).count() as u32,
                total: in_week.len() as u32,
                visits: in_week,
            });
            week += chrono::Duration::days(7);
        }
        Ok(weeks)
    }

    /// An employer's contacts, newest first.
    pub fn employer_visits(&self, employer: EmployerId) -> Result<Vec<VisitSummary>> {
        self.query(|c| {
            let mut stmt = c.prepare_cached(&format!(
                "SELECT {VISIT_COLUMNS} FROM visit_index v
                 JOIN employer_index e ON e.employer_id = v.employer_id
                 WHERE v.employer_id = ?1 ORDER BY v.at DESC"
            ))?;
            let rows = stmt.query_map([employer.to_string()], visit_from_row)?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Every employer the phone holds, by name.
    pub fn employers(&self) -> Result<Vec<EmployerSummary>> {
        self.query(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT employer_id, name, industry, visits, last_visit FROM employer_index
                 WHERE employer_id NOT IN (SELECT id FROM merged_records)
                 ORDER BY name COLLATE NOCASE, employer_id",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(EmployerSummary {
                    employer_id: required("employer", r.get(0)?)?,
                    name: r.get(1)?,
                    industry: r.get(2)?,
                    visits: r.get(3)?,
                    last_visit: r
                        .get::<_, Option<String>>(4)?
                        .and_then(|s| DateTime::parse_from_rfc3339(&s).ok()),
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// Open steps due on or before `until`, soonest first, across the caseload.
    pub fn steps_due(&self, until: NaiveDate) -> Result<Vec<DueStep>> {
        self.query(|c| {
            let mut stmt = c.prepare_cached(
                "SELECT s.seeker_id, c.display_name, s.step_id, s.what, s.who, s.due
                 FROM step_index s JOIN caseload_index c ON c.seeker_id = s.seeker_id
                 WHERE s.status = 'open' AND s.due IS NOT NULL AND s.due <= ?1
                   AND (c.status IS NULL OR c.status != 'closed')
                   AND s.seeker_id NOT IN (SELECT id FROM merged_records)
                 ORDER BY s.due, c.display_name, s.position",
            )?;
            let rows = stmt.query_map([until.to_string()], |r| {
                Ok(DueStep {
                    seeker_id: required("seeker", r.get(0)?)?,
                    seeker_name: r.get(1)?,
                    step_id: required("step", r.get(2)?)?,
                    what: r.get(3)?,
                    who: serde_name(r.get(4)?)?,
                    due: required("due", r.get(5)?)?,
                })
            })?;
            Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?)
        })
    }

    /// One job seeker's whole record: profile, status history, career profile, plan and
    /// steps, job-search activity, jobs, supports.
    pub fn seeker(&self, id: SeekerId) -> Result<SeekerDoc> {
        self.read_doc(id.doc(), DocKind::Seeker)
    }

    /// One employer with its contacts and visit log.
    pub fn employer(&self, id: EmployerId) -> Result<EmployerDoc> {
        self.read_doc(id.doc(), DocKind::Employer)
    }

    /// A job seeker's case notes, oldest first. Empty when none were written yet.
    pub fn notes(&self, seeker: SeekerId) -> Result<Vec<(NoteId, CaseNote)>> {
        match self.read_doc::<NotesDoc>(seeker.notes_doc(), DocKind::Notes) {
            Ok(doc) => {
                let mut notes: Vec<_> = doc.notes.into_iter().collect();
                notes.sort_by_key(|(id, n)| (n.at, *id));
                Ok(notes)
            }
            Err(Error::NotFound { .. }) => Ok(Vec::new()),
            Err(e) => Err(e),
        }
    }

    /// The team directory, once the server has sent it.
    pub fn directory(&self) -> Result<Option<Directory>> {
        let Some(team) = self.identity().team_id else {
            return Ok(None);
        };
        match self.read_doc(team.doc(), DocKind::Directory) {
            Ok(d) => Ok(Some(d)),
            Err(Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// The team's goals: from the directory when synced, the fidelity scale's otherwise.
    pub fn goals(&self) -> Result<Goals> {
        Ok(self
            .meta("goals")?
            .and_then(|g| serde_json::from_str(&g).ok())
            .unwrap_or_default())
    }
}
