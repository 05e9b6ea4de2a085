//! What supervisors and the state are shown: the team's documents turned into the IPS-25
//! data-scorable items, quarterly outcomes, weekly contacts and days to first employer
//! contact, and what needs action ([`super::actions`]); the CSV exports are in
//! [`super::exports`]. The measures themselves live in `fieldbook_core::fidelity`; this
//! module gathers a team's documents and shapes the answers.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, Mutex};

use chrono::{Duration, NaiveDate};
use fieldbook_core::document::{DocKind, Document};
use fieldbook_core::fidelity::{
    self, FidelityReport, FidelitySettings, Period, Quarter, QuarterOutcomes, Scope, TeamData,
};
use fieldbook_core::ids::{DocId, SeekerId, TeamId, UserId};
use fieldbook_core::model::{Directory, EmployerDoc, Role, SeekerDoc};
use serde::Serialize;

use super::actions::{actions, Actions};
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
        // A merged duplicate counts nowhere; what was recorded on it counts for the record
        // kept, whether or not a phone has copied it there yet.
        (out.seekers, out.employers) = fidelity::resolve_merges(out.seekers, out.employers);
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
    /// A team from its documents (reports read them through [`Service::team_report`]; tests
    /// build them by hand).
    pub fn new(
        id: TeamId,
        name: &str,
        seekers: Vec<SeekerDoc>,
        employers: Vec<EmployerDoc>,
        assignments: BTreeMap<SeekerId, Vec<UserId>>,
        specialists: Vec<(UserId, String)>,
    ) -> Team {
        let specialist_ids = specialists.iter().map(|(id, _)| *id).collect();
        let (seekers, employers) = fidelity::resolve_merges(seekers, employers);
        Team {
            id,
            name: name.into(),
            seekers,
            employers,
            assignments,
            specialists,
            specialist_ids,
        }
    }

    /// The view the measures take.
    pub fn data(&self) -> TeamData<'_> {
        TeamData {
            seekers: &self.seekers,
            employers: &self.employers,
            assignments: &self.assignments,
            specialists: &self.specialist_ids,
        }
    }

    /// The names of the specialists whose caseload `seeker` is on.
    pub fn specialists_of(&self, seeker: SeekerId) -> Vec<String> {
        self.assignments
            .get(&seeker)
            .into_iter()
            .flatten()
            .map(|u| self.specialist_name(*u))
            .collect()
    }

    /// A specialist's name (their id when they left the team).
    pub fn specialist_name(&self, id: UserId) -> String {
        self.specialists
            .iter()
            .find(|(u, _)| *u == id)
            .map_or_else(|| id.to_string(), |(_, n)| n.clone())
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

/// Whose figures a page shows: a specialist's own page names them.
#[derive(Debug, Clone, Serialize)]
pub struct SpecialistRef {
    pub id: UserId,
    pub name: String,
}

/// The state's per-person export of a quarter, as counts: who would be listed today, and
/// how many served people are left out for want of a current release to the state agency.
#[derive(Debug, Clone, Serialize)]
pub struct ExportCounts {
    pub quarter: Quarter,
    pub as_of: NaiveDate,
    pub served: u32,
    pub listed: u32,
    pub not_listed: u32,
}

/// Everything the dashboard shows, also served as JSON.
#[derive(Debug, Clone, Serialize)]
pub struct Overview {
    pub team_id: TeamId,
    pub team_name: String,
    /// Set on a specialist's own page: every figure is of their caseload and contacts.
    pub specialist: Option<SpecialistRef>,
    pub period: Period,
    pub weekly_goal: u32,
    pub first_contact_goal_days: u32,
    pub active_seekers: usize,
    pub specialists: Vec<SpecialistWeeks>,
    pub first_contact: Vec<FirstContact>,
    pub quarters: Vec<QuarterOutcomes>,
    pub fidelity: FidelityReport,
    /// What needs action on the period's last day.
    pub actions: Actions,
    /// The state export of the period's last quarter (the team's page only).
    pub state_export: Option<ExportCounts>,
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
            self.actions = self.actions.counts_only();
            self.names_hidden = true;
        }
        self
    }
}

/// The dashboard's figures for `scope` over `period`, with outcomes for the four quarters
/// ending with the period's last day and what needs action on that day.
pub fn overview(
    team: &Team,
    scope: Scope,
    period: Period,
    settings: &FidelitySettings,
) -> Overview {
    let data = team.data();
    let weekly = fidelity::weekly_face_to_face(&data, period);
    let active_on =
        |s: &SeekerDoc| fidelity::status_on(s, period.to).is_some_and(|st| st.is_active());
    let specialists = team
        .specialists
        .iter()
        .filter(|(id, _)| scope == Scope::Team || scope == Scope::Specialist(*id))
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
        fidelity::first_contact_days(&data, scope, settings.entry_basis)
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
    let state_export = (scope == Scope::Team).then(|| {
        let export = fidelity::state_export(&data, last, settings.entry_basis, period.to, &|_| {
            String::new()
        });
        ExportCounts {
            quarter: last,
            as_of: period.to,
            served: export.served,
            listed: export.rows.len() as u32,
            not_listed: export.not_listed,
        }
    });
    Overview {
        team_id: team.id,
        team_name: team.name.clone(),
        specialist: match scope {
            Scope::Team => None,
            Scope::Specialist(id) => Some(SpecialistRef {
                id,
                name: team.specialist_name(id),
            }),
        },
        period,
        weekly_goal: settings.weekly_contact_goal,
        first_contact_goal_days: settings.first_contact_days,
        active_seekers: data
            .seekers_in(scope)
            .into_iter()
            .filter(|s| active_on(s))
            .count(),
        specialists,
        first_contact,
        quarters: quarters
            .into_iter()
            .map(|q| fidelity::quarter_outcomes(&data, scope, q))
            .collect(),
        fidelity: fidelity::fidelity(&data, scope, period, settings),
        actions: actions(team, scope, settings, period.to),
        state_export,
        names_hidden: false,
    }
}

/// The default period: the last twelve full weeks and this one, to `today`.
pub fn default_period(today: NaiveDate) -> Period {
    let from = fieldbook_core::week_start(today) - Duration::weeks(12);
    Period { from, to: today }
}
