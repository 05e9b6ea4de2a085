//! Quarterly outcomes, as programs report them to the IPS Employment Center and their state:
//! people served, people who worked in a competitive job, the employment rate with both
//! denominators, and the figures supervisors track.

use chrono::Duration;
use serde::{Deserialize, Serialize};

use super::items::entry_date;
use super::{served_during, status_on, EntryBasis, Quarter, Scope, TeamData};
use crate::ids::SeekerId;
use crate::model::{SeekerDoc, SeekerStatus};

/// One quarter's outcomes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuarterOutcomes {
    pub quarter: Quarter,
    /// On the caseload at any time in the quarter.
    pub served: u32,
    /// Served and held a competitive job at any time in the quarter.
    pub worked_competitive: u32,
    /// worked ÷ served, as a percentage (benchmarks: 31 minimum, 41 average, 50 excellent).
    pub employment_rate: Option<f64>,
    /// Served who were out of work at entry (the other denominator).
    pub served_unemployed_at_entry: u32,
    pub worked_unemployed_at_entry: u32,
    pub employment_rate_unemployed_at_entry: Option<f64>,
    pub new_job_starts: u32,
    pub job_ends: u32,
    /// Served and in school or training at any time in the quarter (where recorded).
    pub in_education: u32,
    /// Jobs that reached 90 days in the quarter.
    pub kept_job_90_days: u32,
    /// Cases closed in the quarter.
    pub left_program: u32,
    pub employer_contacts: u32,
    pub face_to_face_contacts: u32,
}

fn rate(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| (f64::from(part) * 1000.0 / f64::from(whole)).round() / 10.0)
}

fn worked_competitive(s: &SeekerDoc, q: Quarter) -> bool {
    let p = q.period();
    s.jobs
        .values()
        .any(|j| j.competitive && j.overlaps(p.from, p.to))
}

/// The outcomes of `quarter` for `scope`.
pub fn quarter_outcomes(data: &TeamData<'_>, scope: Scope, quarter: Quarter) -> QuarterOutcomes {
    let p = quarter.period();
    let served: Vec<&SeekerDoc> = data
        .seekers_in(scope)
        .into_iter()
        .filter(|s| served_during(s, p))
        .collect();
    let worked = served
        .iter()
        .filter(|s| worked_competitive(s, quarter))
        .count() as u32;
    let unemployed: Vec<&&SeekerDoc> = served
        .iter()
        .filter(|s| s.profile.unemployed_at_entry == Some(true))
        .collect();
    let worked_unemployed = unemployed
        .iter()
        .filter(|s| worked_competitive(s, quarter))
        .count() as u32;
    let jobs = || served.iter().flat_map(|s| s.jobs.values());
    let visits = data.visits_in(scope, p);
    QuarterOutcomes {
        quarter,
        served: served.len() as u32,
        worked_competitive: worked,
        employment_rate: rate(worked, served.len() as u32),
        served_unemployed_at_entry: unemployed.len() as u32,
        worked_unemployed_at_entry: worked_unemployed,
        employment_rate_unemployed_at_entry: rate(worked_unemployed, unemployed.len() as u32),
        new_job_starts: jobs().filter(|j| p.contains(j.start)).count() as u32,
        job_ends: jobs()
            .filter(|j| j.end.as_ref().is_some_and(|e| p.contains(e.date)))
            .count() as u32,
        in_education: served
            .iter()
            .filter(|s| s.education.values().any(|e| e.overlaps(p.from, p.to)))
            .count() as u32,
        kept_job_90_days: jobs()
            .filter(|j| {
                let day90 = j.start + Duration::days(90);
                p.contains(day90) && j.held_on(day90)
            })
            .count() as u32,
        left_program: served
            .iter()
            .filter(|s| {
                s.status_history
                    .values()
                    .any(|c| c.status == SeekerStatus::Closed && p.contains(c.date))
            })
            .count() as u32,
        employer_contacts: visits.len() as u32,
        face_to_face_contacts: visits.iter().filter(|v| v.mode.is_face_to_face()).count() as u32,
    }
}

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
    pub worked_competitive: bool,
    pub job_starts: u32,
    pub jobs_held: u32,
    pub hours_per_week: Option<f64>,
    pub hourly_wage: Option<f64>,
    pub in_education: bool,
    pub benefits_planning_completed: bool,
    pub left_program: bool,
}

/// The per-person table of `quarter`; `key` turns an id into the pseudonymous key.
pub fn person_rows(
    data: &TeamData<'_>,
    quarter: Quarter,
    basis: EntryBasis,
    key: &dyn Fn(SeekerId) -> String,
) -> Vec<PersonQuarterRow> {
    let p = quarter.period();
    let mut rows: Vec<PersonQuarterRow> = data
        .seekers_in(Scope::Team)
        .into_iter()
        .filter(|s| served_during(s, p))
        .map(|s| {
            let held: Vec<_> = s
                .jobs
                .values()
                .filter(|j| j.overlaps(p.from, p.to))
                .collect();
            let latest = held.iter().max_by_key(|j| j.start);
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
                worked_competitive: worked_competitive(s, quarter),
                job_starts: s.jobs.values().filter(|j| p.contains(j.start)).count() as u32,
                jobs_held: held.len() as u32,
                hours_per_week: latest.and_then(|j| j.hours_per_week),
                hourly_wage: latest
                    .and_then(|j| j.hourly_wage_cents)
                    .map(|c| c as f64 / 100.0),
                in_education: s.education.values().any(|e| e.overlaps(p.from, p.to)),
                benefits_planning_completed: s.benefits.completed.is_some_and(|d| d <= p.to),
                left_program: s
                    .status_history
                    .values()
                    .any(|c| c.status == SeekerStatus::Closed && p.contains(c.date)),
            }
        })
        .collect();
    rows.sort_by(|a, b| a.person_key.cmp(&b.person_key));
    rows
}
