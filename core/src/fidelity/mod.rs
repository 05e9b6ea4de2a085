//! What IPS programs are judged by: the data-scorable items of the IPS-25 fidelity scale and
//! the quarterly outcomes, computed from the documents alone. Pure functions over typed
//! documents: the server feeds them a team's documents; tests feed them hand-built ones.

mod items;
mod merged;
mod outcomes;
mod people;
mod period;
mod settings;
mod supports;

use std::collections::BTreeMap;

pub use items::{entry_date, fidelity, Aside, FidelityItem, FidelityReport, ItemKey};
pub use merged::resolve_merges;
pub use outcomes::{quarter_outcomes, QuarterOutcomes};
pub use people::{may_list_for_state, person_rows, state_export, PersonQuarterRow, StateExport};
pub use period::{Period, Quarter};
pub use settings::{Bands, Direction, EntryBasis, FidelitySettings};
pub use supports::{support_windows, SupportWindow, SupportWindowKind};

use crate::ids::{SeekerId, UserId};
use crate::model::{EmployerDoc, SeekerDoc, SeekerStatus, Visit};

/// One team's documents, as the server holds them.
#[derive(Debug, Clone, Copy)]
pub struct TeamData<'a> {
    pub seekers: &'a [SeekerDoc],
    pub employers: &'a [EmployerDoc],
    /// Caseload assignment: job seeker → specialists.
    pub assignments: &'a BTreeMap<SeekerId, Vec<UserId>>,
    /// The team's specialists (full time).
    pub specialists: &'a [UserId],
}

/// Whose figures: the whole team, or one specialist's caseload and contacts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Team,
    Specialist(UserId),
}

impl<'a> TeamData<'a> {
    /// Job seekers in scope: all, or those assigned to the specialist.
    pub fn seekers_in(&self, scope: Scope) -> Vec<&'a SeekerDoc> {
        self.seekers
            .iter()
            .filter(|s| match scope {
                Scope::Team => true,
                Scope::Specialist(u) => self
                    .assignments
                    .get(&s.id)
                    .is_some_and(|sp| sp.contains(&u)),
            })
            .collect()
    }

    /// Employer contacts in scope made during `period`: the team's, or the specialist's own.
    pub fn visits_in(&self, scope: Scope, period: Period) -> Vec<&'a Visit> {
        self.employers
            .iter()
            .flat_map(|e| e.visits.values())
            .filter(|v| v.counts())
            .filter(|v| period.contains(v.at.date_naive()))
            .filter(|v| match scope {
                Scope::Team => true,
                Scope::Specialist(u) => v.specialist == Some(u),
            })
            .collect()
    }

    /// How many specialists the figures are per.
    pub fn specialist_count(&self, scope: Scope) -> usize {
        match scope {
            Scope::Team => self.specialists.len(),
            Scope::Specialist(_) => 1,
        }
    }
}

/// The status in force on `day`, if the person had one by then.
pub fn status_on(seeker: &SeekerDoc, day: chrono::NaiveDate) -> Option<SeekerStatus> {
    seeker
        .standing_statuses()
        .filter(|(_, c)| c.date <= day)
        .max_by_key(|(id, c)| c.rank(id))
        .map(|(_, c)| c.status)
}

/// The days of `period` from the person's program entry on: "served" and "worked" start at
/// program entry (a status or a job dated before it counts for nothing). `None` when the
/// person entered after the period. Without a recorded entry, the whole period.
pub fn from_entry(seeker: &SeekerDoc, period: Period) -> Option<Period> {
    let from = seeker
        .program_entry()
        .map_or(period.from, |e| e.max(period.from));
    (from <= period.to).then_some(Period {
        from,
        to: period.to,
    })
}

/// Whether the person was on the caseload (had a status other than closed) on any day of
/// `period` from their program entry on.
pub fn served_during(seeker: &SeekerDoc, period: Period) -> bool {
    let Some(period) = from_entry(seeker, period) else {
        return false;
    };
    let at_start = status_on(seeker, period.from).is_some_and(|s| s.is_active());
    at_start
        || seeker
            .standing_statuses()
            .any(|(_, c)| period.contains(c.date) && c.status.is_active())
}

/// Whether the person held a competitive job on any day of `period` from their program entry
/// on. A non-competitive job, or the days of a job before entry, never count.
pub fn worked_competitive(seeker: &SeekerDoc, period: Period) -> bool {
    from_entry(seeker, period).is_some_and(|p| {
        seeker
            .standing_jobs()
            .any(|(_, j)| j.competitive && j.overlaps(p.from, p.to))
    })
}

/// Whether a job is an IPS job start: begun on or after the person's program entry (a job
/// found before entry is not one the program helped start).
pub fn started_in_program(seeker: &SeekerDoc, job: &crate::model::Job) -> bool {
    seeker.program_entry().is_none_or(|e| job.start >= e)
}

/// One specialist's face-to-face employer contacts, week by week.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct WeeklyContacts {
    pub specialist: UserId,
    /// (Monday of the week, face-to-face contacts that week), every week of the period.
    pub weeks: Vec<(chrono::NaiveDate, u32)>,
}

/// Face-to-face employer contacts per specialist per week, weeks without contacts included.
pub fn weekly_face_to_face(data: &TeamData<'_>, period: Period) -> Vec<WeeklyContacts> {
    let first = crate::week_start(period.from);
    let last = crate::week_start(period.to);
    data.specialists
        .iter()
        .map(|sp| {
            let visits = data.visits_in(Scope::Specialist(*sp), period);
            let mut weeks = Vec::new();
            let mut week = first;
            while week <= last {
                let n = visits
                    .iter()
                    .filter(|v| {
                        v.mode.is_face_to_face() && crate::week_start(v.at.date_naive()) == week
                    })
                    .count() as u32;
                weeks.push((week, n));
                week += chrono::Duration::days(7);
            }
            WeeklyContacts {
                specialist: *sp,
                weeks,
            }
        })
        .collect()
}

/// Days from program entry to the first face-to-face employer contact, per job seeker in
/// scope; `None` when there is no entry date by the basis or no contact yet.
pub fn first_contact_days(
    data: &TeamData<'_>,
    scope: Scope,
    basis: EntryBasis,
) -> Vec<(SeekerId, String, Option<i64>)> {
    data.seekers_in(scope)
        .into_iter()
        .map(|s| {
            let days = items::entry_date(s, basis)
                .zip(s.first_face_to_face_contact())
                .map(|(e, f)| (f - e).num_days().max(0));
            (s.id, s.profile.display_name().to_string(), days)
        })
        .collect()
}

/// "1 specialist", "3 specialists": a count with its noun in the right number.
pub(crate) fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}
