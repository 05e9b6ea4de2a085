//! Quarterly outcomes, as programs report them to the IPS Employment Center and their state:
//! people served, people who worked in a competitive job, the employment rate with both
//! denominators, and the figures supervisors track.
//!
//! "Served" and "worked" start at program entry: a job held before entry, or a
//! non-competitive job (sheltered workshop, enclave), never makes a person served or working.

use chrono::Duration;
use serde::{Deserialize, Serialize};

use super::{
    served_during, started_in_program, worked_competitive, Period, Quarter, Scope, TeamData,
};
use crate::model::{SeekerDoc, SeekerStatus};

/// One quarter's outcomes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuarterOutcomes {
    pub quarter: Quarter,
    /// On the caseload at any time in the quarter, from program entry on.
    pub served: u32,
    /// Served and held a competitive job at any time in the quarter after program entry.
    pub worked_competitive: u32,
    /// worked ÷ served, as a percentage (benchmarks: 31 minimum, 41 average, 50 excellent).
    pub employment_rate: Option<f64>,
    /// Served who were out of work at entry (the other denominator).
    pub served_unemployed_at_entry: u32,
    pub worked_unemployed_at_entry: u32,
    pub employment_rate_unemployed_at_entry: Option<f64>,
    /// Served with no answer recorded to "out of work at entry": left out of both parts of
    /// the second rate.
    #[serde(default)]
    pub unemployed_at_entry_unrecorded: u32,
    /// Competitive jobs started in the quarter, on or after the person's program entry.
    pub new_job_starts: u32,
    /// Other jobs started in the quarter (not competitive: sheltered work, enclaves…), shown
    /// apart: they are not IPS outcomes.
    #[serde(default)]
    pub other_job_starts: u32,
    pub job_ends: u32,
    /// Served and in school or training at any time in the quarter (where recorded).
    pub in_education: u32,
    /// People whose competitive job, started in the program, reached 90 days in the quarter
    /// while they still held it. Each person counts once, however many jobs they kept.
    pub kept_job_90_days: u32,
    /// Cases closed in the quarter.
    pub left_program: u32,
    pub employer_contacts: u32,
    pub face_to_face_contacts: u32,
    /// Why a rate or a count is empty or partial, in plain words ("no one served has 'out of
    /// work at entry' recorded"), so an empty figure is never mistaken for zero.
    #[serde(default)]
    pub notes: Vec<String>,
}

fn rate(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| (f64::from(part) * 1000.0 / f64::from(whole)).round() / 10.0)
}

/// Whether one of the person's competitive jobs begun in the program reached 90 days within
/// `p` while still held.
fn kept_a_job_90_days(s: &SeekerDoc, p: Period) -> bool {
    s.standing_jobs().any(|(_, j)| {
        let day90 = j.start + Duration::days(90);
        j.competitive && started_in_program(s, j) && p.contains(day90) && j.held_on(day90)
    })
}

/// The outcomes of `quarter` for `scope`.
pub fn quarter_outcomes(data: &TeamData<'_>, scope: Scope, quarter: Quarter) -> QuarterOutcomes {
    let p = quarter.period();
    let served: Vec<&SeekerDoc> = data
        .seekers_in(scope)
        .into_iter()
        .filter(|s| served_during(s, p))
        .collect();
    let count = |f: &dyn Fn(&SeekerDoc) -> bool| served.iter().filter(|s| f(s)).count() as u32;
    let worked = count(&|s| worked_competitive(s, p));
    let unemployed = count(&|s| s.profile.unemployed_at_entry == Some(true));
    let worked_unemployed =
        count(&|s| s.profile.unemployed_at_entry == Some(true) && worked_competitive(s, p));
    let unrecorded = count(&|s| s.profile.unemployed_at_entry.is_none());
    let in_education = count(&|s| s.education.values().any(|e| e.overlaps(p.from, p.to)));
    let starts = |competitive: bool| {
        served
            .iter()
            .flat_map(|s| s.standing_jobs().map(move |(_, j)| (s, j)))
            .filter(|(s, j)| {
                j.competitive == competitive && p.contains(j.start) && started_in_program(s, j)
            })
            .count() as u32
    };
    let visits = data.visits_in(scope, p);
    let mut out = QuarterOutcomes {
        quarter,
        served: served.len() as u32,
        worked_competitive: worked,
        employment_rate: rate(worked, served.len() as u32),
        served_unemployed_at_entry: unemployed,
        worked_unemployed_at_entry: worked_unemployed,
        employment_rate_unemployed_at_entry: rate(worked_unemployed, unemployed),
        unemployed_at_entry_unrecorded: unrecorded,
        new_job_starts: starts(true),
        other_job_starts: starts(false),
        job_ends: served
            .iter()
            .flat_map(|s| s.standing_jobs())
            .filter(|(_, j)| j.end.as_ref().is_some_and(|e| p.contains(e.date)))
            .count() as u32,
        in_education,
        kept_job_90_days: count(&|s| kept_a_job_90_days(s, p)),
        left_program: count(&|s| {
            s.standing_statuses()
                .any(|(_, c)| c.status == SeekerStatus::Closed && p.contains(c.date))
        }),
        employer_contacts: visits.len() as u32,
        face_to_face_contacts: visits.iter().filter(|v| v.mode.is_face_to_face()).count() as u32,
        notes: Vec::new(),
    };
    out.notes = notes(&out);
    out
}

/// Plain words for the figures that are empty or partial, and why.
fn notes(o: &QuarterOutcomes) -> Vec<String> {
    let mut notes = Vec::new();
    if o.served == 0 {
        notes.push("No one was on the caseload in this quarter, so there is no rate.".into());
        return notes;
    }
    let recorded = o.served - o.unemployed_at_entry_unrecorded;
    if recorded == 0 {
        notes.push(format!(
            "No one served has \"out of work at entry\" recorded (0 of {}), so the rate \
             among people out of work at entry is empty.",
            o.served
        ));
    } else if o.served_unemployed_at_entry == 0 {
        notes.push(format!(
            "Everyone served with an answer ({recorded}) had work at entry, so the rate \
             among people out of work at entry is empty."
        ));
    }
    if recorded > 0 && o.unemployed_at_entry_unrecorded > 0 {
        notes.push(format!(
            "{} of {} served have no answer to \"out of work at entry\" and are left out of \
             that rate.",
            o.unemployed_at_entry_unrecorded, o.served
        ));
    }
    if o.in_education == 0 {
        notes.push(
            "No school or training is recorded for anyone served; \"in education\" counts \
             recorded spells only."
                .into(),
        );
    }
    if o.other_job_starts > 0 {
        notes.push(match o.other_job_starts {
            1 => "1 job start that is not competitive is shown apart and counts for no outcome."
                .to_string(),
            n => format!(
                "{n} job starts that are not competitive are shown apart and count for no outcome."
            ),
        });
    }
    notes
}
