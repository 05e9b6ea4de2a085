//! What supervisors and the state are shown: the team's documents turned into the IPS-25
//! data-scorable items, quarterly outcomes, weekly contacts and days to first employer
//! contact, plus the CSV exports. The measures themselves live in `fieldbook_core::fidelity`;
//! this module gathers a team's documents and shapes the answers.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use chrono::{Duration, NaiveDate};
use fieldbook_core::document::{DocKind, Document};
use fieldbook_core::fidelity::{
    self, EntryBasis, FidelityReport, FidelitySettings, Period, PersonQuarterRow, Quarter,
    QuarterOutcomes, Scope, TeamData,
};
use fieldbook_core::ids::{DocId, SeekerId, TeamId, UserId};
use fieldbook_core::model::{Directory, EmployerDoc, Role, SeekerDoc};
use serde::Serialize;
use sha2::{Digest, Sha256};

use super::Service;
use crate::{ServerError, ServerResult};

/// A team's documents, typed, as the measures need them.
#[derive(Debug, Clone)]
pub struct Team {
    pub id: TeamId,
    pub name: String,
    pub seekers: Vec<SeekerDoc>,
    pub employers: Vec<EmployerDoc>,
    pub assignments: BTreeMap<SeekerId, Vec<UserId>>,
    /// Specialists, by name.
    pub specialists: Vec<(UserId, String)>,
    specialist_ids: Vec<UserId>,
}

/// A document as the reports read it.
#[derive(Debug, Clone)]
enum Decoded {
    Seeker(Box<SeekerDoc>),
    Employer(Box<EmployerDoc>),
    Directory(BTreeMap<SeekerId, Vec<UserId>>),
    Notes,
}

/// Reports are computed from typed documents; decoding a document is the expensive part, so
/// each decoded document is kept with the version it reflects and decoded again only when it
/// changed, and a whole team's set is kept with the team's feed position.
#[derive(Debug, Default)]
pub struct ReportCache {
    docs: Mutex<HashMap<DocId, (u64, Decoded)>>,
    teams: Mutex<HashMap<TeamId, (u64, Arc<Team>)>>,
}

impl Service {
    /// The typed documents of `team`, read through the report cache: only documents changed
    /// since the last report are decoded again.
    pub fn team_report(&self, team: TeamId) -> ServerResult<Arc<Team>> {
        let view = self.read()?;
        let row = view.team(team)?.ok_or(ServerError::NotFound {
            kind: "team",
            id: team.to_string(),
        })?;
        let position = view.feed_position(team)?;
        if let Some((at, cached)) = lock(&self.reports.teams).get(&team) {
            if *at == position {
                return Ok(cached.clone());
            }
        }
        let metas = view.team_docs(team)?;
        let mut out = Team {
            id: team,
            name: row.name,
            seekers: Vec::new(),
            employers: Vec::new(),
            assignments: BTreeMap::new(),
            specialists: Vec::new(),
            specialist_ids: Vec::new(),
        };
        for meta in metas {
            let cached = lock(&self.reports.docs)
                .get(&meta.id)
                .filter(|(v, _)| *v == meta.updated_seq)
                .map(|(_, d)| d.clone());
            let decoded = match cached {
                Some(d) => d,
                None => {
                    let Some(stored) = view.stored_doc(meta.id)? else {
                        continue;
                    };
                    let doc = Document::load(meta.kind, meta.id, &stored.bytes(), &[])?;
                    let d = match meta.kind {
                        DocKind::Seeker => Decoded::Seeker(Box::new(doc.read()?)),
                        DocKind::Employer => Decoded::Employer(Box::new(doc.read()?)),
                        DocKind::Directory => {
                            Decoded::Directory(doc.read::<Directory>()?.assignments)
                        }
                        DocKind::Notes => Decoded::Notes,
                    };
                    lock(&self.reports.docs).insert(meta.id, (meta.updated_seq, d.clone()));
                    d
                }
            };
            match decoded {
                Decoded::Seeker(s) => out.seekers.push(*s),
                Decoded::Employer(e) => out.employers.push(*e),
                Decoded::Directory(a) => out.assignments = a,
                Decoded::Notes => {}
            }
        }
        out.specialists = view
            .team_users(team)?
            .into_iter()
            .filter(|u| u.role == Role::Specialist)
            .map(|u| (u.id, u.name))
            .collect();
        out.specialists.sort_by(|a, b| a.1.cmp(&b.1));
        out.specialist_ids = out.specialists.iter().map(|(id, _)| *id).collect();
        let out = Arc::new(out);
        lock(&self.reports.teams).insert(team, (position, out.clone()));
        Ok(out)
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Team {
    /// The view the measures take.
    pub fn data(&self) -> TeamData<'_> {
        TeamData {
            seekers: &self.seekers,
            employers: &self.employers,
            assignments: &self.assignments,
            specialists: &self.specialist_ids,
        }
    }

    /// `Scope::Specialist` for a specialist of this team, else an error naming the field.
    pub fn scope(&self, specialist: Option<UserId>) -> ServerResult<Scope> {
        match specialist {
            None => Ok(Scope::Team),
            Some(s) if self.specialist_ids.contains(&s) => Ok(Scope::Specialist(s)),
            Some(_) => Err(ServerError::invalid(
                "specialist",
                "is not a specialist of this team",
            )),
        }
    }
}

/// A specialist's face-to-face employer contacts, week by week.
#[derive(Debug, Clone, Serialize)]
pub struct SpecialistWeeks {
    pub specialist_id: UserId,
    pub name: String,
    /// Active job seekers on the caseload at the period's end.
    pub caseload: usize,
    pub weeks: Vec<WeekCount>,
    /// Mean contacts per week over the period.
    pub average: f64,
}

/// Contacts in one week (Monday).
#[derive(Debug, Clone, Serialize)]
pub struct WeekCount {
    pub week_start: NaiveDate,
    pub face_to_face: u32,
}

/// Days from entry to first face-to-face employer contact, per job seeker.
#[derive(Debug, Clone, Serialize)]
pub struct FirstContact {
    pub seeker_id: SeekerId,
    pub name: String,
    /// `None`: no contact yet (or no entry date).
    pub days: Option<i64>,
}

/// Everything the dashboard shows, also served as JSON.
#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    pub team_id: TeamId,
    pub team_name: String,
    pub period: Period,
    pub weekly_goal: u32,
    pub first_contact_goal_days: u32,
    pub active_seekers: usize,
    pub specialists: Vec<SpecialistWeeks>,
    pub first_contact: Vec<FirstContact>,
    pub quarters: Vec<QuarterOutcomes>,
    pub fidelity: FidelityReport,
    /// Job seekers' names were left out: the viewer is not one of the team's supervisors
    /// (ADR 0003: admins see counts, never a job seeker's record).
    pub names_hidden: bool,
}

impl Overview {
    /// The overview as `role` may see it: the team's supervisors see job seekers by name;
    /// anyone else sees the counts only.
    pub fn for_viewer(mut self, role: Role) -> Overview {
        if role != Role::Supervisor {
            self.first_contact.clear();
            self.names_hidden = true;
        }
        self
    }
}

/// The dashboard's figures for `period`, with outcomes for the four quarters ending with the
/// period's last day.
pub fn overview(team: &Team, period: Period, settings: &FidelitySettings) -> Overview {
    let data = team.data();
    let weekly = fidelity::weekly_face_to_face(&data, period);
    let active_on =
        |s: &SeekerDoc| fidelity::status_on(s, period.to).is_some_and(|st| st.is_active());
    let specialists = team
        .specialists
        .iter()
        .map(|(id, name)| {
            let weeks: Vec<WeekCount> = weekly
                .iter()
                .find(|w| w.specialist == *id)
                .map(|w| {
                    w.weeks
                        .iter()
                        .map(|(d, n)| WeekCount {
                            week_start: *d,
                            face_to_face: *n,
                        })
                        .collect()
                })
                .unwrap_or_default();
            let total: u32 = weeks.iter().map(|w| w.face_to_face).sum();
            let average = if weeks.is_empty() {
                0.0
            } else {
                (f64::from(total) / weeks.len() as f64 * 10.0).round() / 10.0
            };
            let caseload = data
                .seekers_in(Scope::Specialist(*id))
                .into_iter()
                .filter(|s| active_on(s))
                .count();
            SpecialistWeeks {
                specialist_id: *id,
                name: name.clone(),
                caseload,
                weeks,
                average,
            }
        })
        .collect();
    let mut first_contact: Vec<FirstContact> =
        fidelity::first_contact_days(&data, Scope::Team, settings.entry_basis)
            .into_iter()
            .map(|(seeker_id, name, days)| FirstContact {
                seeker_id,
                name,
                days,
            })
            .collect();
    first_contact.sort_by(|a, b| a.name.cmp(&b.name));
    let last = Quarter::of(period.to);
    let mut quarters = vec![last];
    for _ in 0..3 {
        let before = quarters[quarters.len() - 1].previous();
        quarters.push(before);
    }
    quarters.reverse();
    Overview {
        team_id: team.id,
        team_name: team.name.clone(),
        period,
        weekly_goal: settings.weekly_contact_goal,
        first_contact_goal_days: settings.first_contact_days,
        active_seekers: team.seekers.iter().filter(|s| active_on(s)).count(),
        specialists,
        first_contact,
        quarters: quarters
            .into_iter()
            .map(|q| fidelity::quarter_outcomes(&data, Scope::Team, q))
            .collect(),
        fidelity: fidelity::fidelity(&data, Scope::Team, period, settings),
        names_hidden: false,
    }
}

/// The default period: the last twelve full weeks and this one, to `today`.
pub fn default_period(today: NaiveDate) -> Period {
    let from = fieldbook_core::week_start(today) - Duration::weeks(12);
    Period { from, to: today }
}

/// Quarterly outcomes as CSV, one row per quarter; rates in percent, blank when nobody was
/// served.
pub fn outcomes_csv(rows: &[QuarterOutcomes]) -> ServerResult<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "quarter",
        "served",
        "worked_competitive",
        "employment_rate",
        "served_unemployed_at_entry",
        "worked_unemployed_at_entry",
        "employment_rate_unemployed_at_entry",
        "new_job_starts",
        "job_ends",
        "in_education",
        "left_program",
        "employer_contacts",
        "face_to_face_contacts",
    ];
    let rate = |r: Option<f64>| r.map(|v| v.to_string()).unwrap_or_default();
    let mut write = |record: Vec<String>| {
        w.write_record(&record)
            .map_err(|e| ServerError::Internal(e.to_string()))
    };
    write(header.iter().map(|h| h.to_string()).collect())?;
    for r in rows {
        write(vec![
            r.quarter.to_string(),
            r.served.to_string(),
            r.worked_competitive.to_string(),
            rate(r.employment_rate),
            r.served_unemployed_at_entry.to_string(),
            r.worked_unemployed_at_entry.to_string(),
            rate(r.employment_rate_unemployed_at_entry),
            r.new_job_starts.to_string(),
            r.job_ends.to_string(),
            r.in_education.to_string(),
            r.left_program.to_string(),
            r.employer_contacts.to_string(),
            r.face_to_face_contacts.to_string(),
        ])?;
    }
    finish(w)
}

/// The de-identified per-person table of a quarter for the state database: a pseudonym per
/// person (keyed with a server secret, stable across exports), no names, no ids.
pub fn people_csv(
    team: &Team,
    quarter: Quarter,
    basis: EntryBasis,
    secret: &[u8],
) -> ServerResult<String> {
    let key = |id: SeekerId| -> String {
        let mut h = Sha256::new();
        h.update(secret);
        h.update(id.uuid().as_bytes());
        hex::encode(&h.finalize()[..8])
    };
    let rows: Vec<PersonQuarterRow> = fidelity::person_rows(&team.data(), quarter, basis, &key);
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in &rows {
        w.serialize(r)
            .map_err(|e| ServerError::Internal(e.to_string()))?;
    }
    if rows.is_empty() {
        w.write_record(["person_key", "quarter"])
            .map_err(|e| ServerError::Internal(e.to_string()))?;
    }
    finish(w)
}

fn finish(w: csv::Writer<Vec<u8>>) -> ServerResult<String> {
    let bytes = w
        .into_inner()
        .map_err(|e| ServerError::Internal(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| ServerError::Internal(e.to_string()))
}
