//! The per-person table for the state IPS database, and who may be listed in it: only people
//! with a current release to the state agency. The others are counted, never listed.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::items::entry_date;
use super::{
    served_during, started_in_program, status_on, worked_competitive, EntryBasis, Quarter, Scope,
    TeamData,
};
use crate::ids::SeekerId;
use crate::model::{release_in_force, ReleaseTo, SeekerDoc, SeekerStatus};

/// One de-identified line per person served in a quarter, for the state IPS database. No
/// names, phone numbers or exact dates: a pseudonymous key the caller makes (a keyed hash of
/// the id), the county, and day counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonQuarterRow {
    pub person_key: String,
    pub quarter: String,
    pub county: Option<String>,
    pub status_at_quarter_end: Option<String>,
    pub unemployed_at_entry: Option<bool>,
    pub days_entry_to_first_employer_contact: Option<i64>,
    /// Held a competitive job in the quarter after program entry.
    pub worked_competitive: bool,
    /// Competitive jobs started in the quarter, in the program.
    pub job_starts: u32,
    /// Other (non-competitive) jobs started in the quarter, in the program.
    #[serde(default)]
    pub other_job_starts: u32,
    pub jobs_held: u32,
    pub hours_per_week: Option<f64>,
    pub hourly_wage: Option<f64>,
    pub in_education: bool,
    pub benefits_planning_completed: bool,
    pub left_program: bool,
}

/// The per-person table of `quarter` for everyone served; `key` turns an id into the
/// pseudonymous key. Use [`state_export`] for what may be sent to the state.
pub fn person_rows(
    data: &TeamData<'_>,
    quarter: Quarter,
    basis: EntryBasis,
    key: &dyn Fn(SeekerId) -> String,
) -> Vec<PersonQuarterRow> {
    rows_for(data, quarter, basis, key, &|_| true)
}

/// What the state may receive for a quarter: rows only for people with a current release to
/// the state agency, and how many served people are left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StateExport {
    pub quarter: Quarter,
    /// The day releases were checked on (the day of the export).
    pub as_of: NaiveDate,
    pub rows: Vec<PersonQuarterRow>,
    /// People served in the quarter.
    pub served: u32,
    /// Served people not listed because no release to the state agency is in force on
    /// `as_of`; they are still counted in the quarter's totals.
    pub not_listed: u32,
}

/// Whether a person may be listed in the state's per-person export on `as_of`: a consent
/// releasing information to the state agency is in force that day.
pub fn may_list_for_state(seeker: &SeekerDoc, as_of: NaiveDate) -> bool {
    release_in_force(&seeker.consents, ReleaseTo::StateAgency, as_of).is_ok()
}

/// The per-person export of `quarter` as sent to the state on `as_of`: the server calls this
/// and only this, so no one without a current release is ever listed.
pub fn state_export(
    data: &TeamData<'_>,
    quarter: Quarter,
    basis: EntryBasis,
    as_of: NaiveDate,
    key: &dyn Fn(SeekerId) -> String,
) -> StateExport {
    let served = data
        .seekers_in(Scope::Team)
        .into_iter()
        .filter(|s| served_during(s, quarter.period()))
        .count() as u32;
    let rows = rows_for(data, quarter, basis, key, &|s| may_list_for_state(s, as_of));
    StateExport {
        quarter,
        as_of,
        not_listed: served - rows.len() as u32,
        served,
        rows,
    }
}

fn rows_for(
    data: &TeamData<'_>,
    quarter: Quarter,
    basis: EntryBasis,
    key: &dyn Fn(SeekerId) -> String,
    listed: &dyn Fn(&SeekerDoc) -> bool,
) -> Vec<PersonQuarterRow> {
    let p = quarter.period();
    let mut rows: Vec<PersonQuarterRow> = data
        .seekers_in(Scope::Team)
        .into_iter()
        .filter(|s| served_during(s, p) && listed(s))
        .map(|s| {
            let held: Vec<_> = s
                .standing_jobs()
                .map(|(_, j)| j)
                .filter(|j| j.overlaps(p.from, p.to))
                .collect();
            let latest = held.iter().max_by_key(|j| j.start);
            let starts = |competitive: bool| {
                s.standing_jobs()
                    .filter(|(_, j)| {
                        j.competitive == competitive
                            && p.contains(j.start)
                            && started_in_program(s, j)
                    })
                    .count() as u32
            };
            PersonQuarterRow {
                person_key: key(s.id),
                quarter: quarter.to_string(),
                county: s.profile.county.clone(),
                status_at_quarter_end: status_on(s, p.to).map(|st| st.as_str().to_string()),
                unemployed_at_entry: s.profile.unemployed_at_entry,
                days_entry_to_first_employer_contact: match (
                    entry_date(s, basis),
                    s.first_face_to_face_contact(),
                ) {
                    (Some(e), Some(f)) if f <= p.to => Some((f - e).num_days().max(0)),
                    _ => None,
                },
                worked_competitive: worked_competitive(s, p),
                job_starts: starts(true),
                other_job_starts: starts(false),
                jobs_held: held.len() as u32,
                hours_per_week: latest.and_then(|j| j.hours_per_week),
                hourly_wage: latest
                    .and_then(|j| j.hourly_wage_cents)
                    .map(|c| c as f64 / 100.0),
                in_education: s.education.values().any(|e| e.overlaps(p.from, p.to)),
                benefits_planning_completed: s.benefits.completed.is_some_and(|d| d <= p.to),
                left_program: s
                    .standing_statuses()
                    .any(|(_, c)| c.status == SeekerStatus::Closed && p.contains(c.date)),
            }
        })
        .collect();
    rows.sort_by(|a, b| a.person_key.cmp(&b.person_key));
    rows
}
