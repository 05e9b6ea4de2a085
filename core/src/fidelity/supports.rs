//! Time-unlimited follow-along supports (IPS principle 8), as checkable requirements: a
//! face-to-face contact by the employment specialist in the week before a job starts and
//! within 3 days after, weekly in the first month and monthly for a year (for the weeks and
//! months the job lasted), and a contact by the specialist within 3 days of learning that a
//! job ended. Supports given by family, employers or other team members are recorded but do
//! not meet a requirement: the scale counts the specialist's contacts.
//!
//! The scale describes these supports in words; the share of requirements met is Fieldbook's
//! own measure (a proxy, labelled so wherever it is shown). *(check)*
//!
//! The windows are public so the supervisor's page lists the contacts due from the same
//! definition the fidelity item scores.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use super::Period;
use crate::ids::JobId;
use crate::model::{SeekerDoc, SupportGiver};

/// Which requirement a window is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "n")]
pub enum SupportWindowKind {
    /// The week before the job starts.
    BeforeStart,
    /// The start day and the 3 days after it.
    AfterStart,
    /// Week `n` (1–4) of the first month.
    Week(u8),
    /// Month `n` (1–11) after the first month.
    Month(u8),
    /// The 3 days after the specialist learned the job ended (not necessarily face to face).
    AfterEnd,
}

impl SupportWindowKind {
    /// Plain words for a list: "week 2 of the job".
    pub fn words(&self) -> String {
        match self {
            SupportWindowKind::BeforeStart => "the week before the start".into(),
            SupportWindowKind::AfterStart => "within 3 days of the start".into(),
            SupportWindowKind::Week(n) => format!("week {n} of the job"),
            SupportWindowKind::Month(n) => format!("month {} of the job", n + 1),
            SupportWindowKind::AfterEnd => "within 3 days of learning the job ended".into(),
        }
    }
}

/// One requirement: a window in which the specialist must make a contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportWindow {
    pub job_id: JobId,
    pub kind: SupportWindowKind,
    pub from: NaiveDate,
    /// The last day of the window: the requirement is due on this day.
    pub to: NaiveDate,
    /// Whether only a face-to-face contact meets it.
    pub in_person: bool,
}

impl SupportWindow {
    /// Whether a support contact by the employment specialist meets this window.
    pub fn met_by(&self, seeker: &SeekerDoc) -> bool {
        seeker.standing_supports().any(|(_, su)| {
            su.given_by == SupportGiver::Specialist
                && su.date >= self.from
                && su.date <= self.to
                && (su.in_person || !self.in_person)
        })
    }
}

/// Every support window of a person's jobs, in job and date order.
pub fn support_windows(seeker: &SeekerDoc) -> Vec<SupportWindow> {
    let mut windows = Vec::new();
    for (id, job) in seeker.standing_jobs() {
        let s = job.start;
        let held_until = job.end.as_ref().map(|e| e.date);
        let mut push = |kind, from, to, in_person| {
            windows.push(SupportWindow {
                job_id: *id,
                kind,
                from,
                to,
                in_person,
            })
        };
        push(
            SupportWindowKind::BeforeStart,
            s - Duration::days(7),
            s - Duration::days(1),
            true,
        );
        push(
            SupportWindowKind::AfterStart,
            s,
            s + Duration::days(3),
            true,
        );
        // Ongoing supports are due for the weeks and months the person worked through.
        let worked_through = |to: NaiveDate| held_until.is_none_or(|end| end >= to);
        for week in 0..4u8 {
            let from = s + Duration::days(7 * i64::from(week));
            let to = from + Duration::days(6);
            if worked_through(to) {
                push(SupportWindowKind::Week(week + 1), from, to, true);
            }
        }
        for month in 1..12u8 {
            let from = s + Duration::days(30 * i64::from(month));
            let to = from + Duration::days(29);
            if worked_through(to) {
                push(SupportWindowKind::Month(month), from, to, true);
            }
        }
        if let Some(end) = &job.end {
            let learned = end.learned.unwrap_or(end.date);
            push(
                SupportWindowKind::AfterEnd,
                learned,
                learned + Duration::days(3),
                false,
            );
        }
    }
    windows
}

/// (met, due) for the requirements of one person whose window ends within `period`.
pub(crate) fn support_requirements(seeker: &SeekerDoc, period: Period) -> (usize, usize) {
    let due: Vec<SupportWindow> = support_windows(seeker)
        .into_iter()
        .filter(|w| period.contains(w.to))
        .collect();
    let met = due.iter().filter(|w| w.met_by(seeker)).count();
    (met, due.len())
}
