//! The specialist's week on the phone, offline: face-to-face employer contacts against the
//! goal, job seekers near or past day 30 without one (rapid job search), caseload size,
//! consents to renew, and a job seeker's timeline.

use chrono::{Duration, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::consents::{self, ConsentAlert};
use crate::ids::SeekerId;
use crate::model::{Goals, SeekerStatus};
use crate::store::{week_start, Store};
use crate::{CaseloadEntry, Result};

/// How many days before the first-contact deadline a job seeker is flagged as near it.
pub const NEAR_DEADLINE_DAYS: i64 = 10;

/// This week at a glance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WeekSummary {
    pub week_start: NaiveDate,
    pub week_end: NaiveDate,
    /// Face-to-face employer contacts this week by this phone's specialist.
    pub face_to_face: u32,
    /// The team's weekly goal (6 on the fidelity scale).
    pub face_to_face_goal: u32,
    /// All employer contacts this week, any mode.
    pub contacts: u32,
    /// Active job seekers on this phone.
    pub caseload: u32,
    pub caseload_goal: u32,
    /// Job seekers near or past the first-contact deadline.
    pub first_contact_alerts: Vec<FirstContactAlert>,
    /// Consents on the caseload that have expired or end within 30 days, most urgent first.
    #[serde(default)]
    pub consent_alerts: Vec<ConsentAlert>,
}

/// A job seeker with no face-to-face employer contact yet, near or past the deadline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FirstContactAlert {
    pub seeker_id: SeekerId,
    pub display_name: String,
    /// Program entry by the team's basis (the first meeting unless the settings say the
    /// referral), or the other date when that one is not recorded.
    pub entry: NaiveDate,
    pub days_since_entry: i64,
    pub deadline_days: u32,
    /// True when the deadline has passed.
    pub past: bool,
}

/// What a timeline entry marks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Milestone {
    Referral,
    FirstMeeting,
    FirstEmployerContact,
    JobStart,
    JobEnd,
    Status,
}

/// One dated milestone of a job seeker's path.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    pub date: NaiveDate,
    pub milestone: Milestone,
    /// Plain words: "Started as cashier at Hy-Vee".
    pub label: String,
}

impl Store {
    /// This week (Monday to Sunday holding `as_of`) for this phone's specialist.
    pub fn week_summary(&self, as_of: NaiveDate) -> Result<WeekSummary> {
        let goals = self.goals()?;
        let week = self.visits_by_week(None, as_of, as_of)?.into_iter().next();
        let caseload = self.caseload(as_of)?;
        Ok(WeekSummary {
            week_start: week_start(as_of),
            week_end: week_start(as_of) + Duration::days(6),
            face_to_face: week.as_ref().map_or(0, |w| w.face_to_face),
            face_to_face_goal: goals.weekly_face_to_face,
            contacts: week.as_ref().map_or(0, |w| w.total),
            caseload: caseload.len() as u32,
            caseload_goal: goals.caseload_max,
            consent_alerts: consents::across(&caseload),
            first_contact_alerts: first_contact_alerts(caseload, &goals, as_of),
        })
    }

    /// Active job seekers without a face-to-face employer contact whose program entry is
    /// within [`NEAR_DEADLINE_DAYS`] of the deadline or past it, most overdue first. A flag
    /// for the specialist, never a gate: nothing closes or changes by itself.
    pub fn first_contact_alerts(&self, as_of: NaiveDate) -> Result<Vec<FirstContactAlert>> {
        let goals = self.goals()?;
        Ok(first_contact_alerts(self.caseload(as_of)?, &goals, as_of))
    }

    /// A job seeker's path: referral, first meeting, first employer contact, status changes,
    /// job starts and ends, in date order.
    pub fn timeline(&self, seeker: SeekerId) -> Result<Vec<TimelineEntry>> {
        let doc = self.seeker(seeker)?;
        let mut out = Vec::new();
        let mut push = |date, milestone, label: String| {
            out.push(TimelineEntry {
                date,
                milestone,
                label,
            })
        };
        if let Some(d) = doc.profile.referral_date {
            push(d, Milestone::Referral, "Referred to IPS".into());
        }
        if let Some(d) = doc.profile.first_meeting {
            push(
                d,
                Milestone::FirstMeeting,
                "First meeting with the employment specialist".into(),
            );
        }
        if let Some(first) = doc
            .activities
            .values()
            .filter(|a| a.counts() && a.mode.is_face_to_face())
            .min_by_key(|a| a.at)
        {
            push(
                first.at.date_naive(),
                Milestone::FirstEmployerContact,
                format!("First employer visit: {}", first.employer_name),
            );
        }
        for (_, change) in doc.standing_statuses() {
            push(
                change.date,
                Milestone::Status,
                format!("Status: {}", change.status.as_str().replace('_', " ")),
            );
        }
        for (_, job) in doc.standing_jobs() {
            push(
                job.start,
                Milestone::JobStart,
                format!("Started as {} at {}", job.title, job.employer_name),
            );
            if let Some(end) = &job.end {
                push(
                    end.date,
                    Milestone::JobEnd,
                    format!(
                        "Left {} at {}: {}",
                        job.title, job.employer_name, end.reason
                    ),
                );
            }
        }
        out.sort_by_key(|e| (e.date, e.milestone as u8));
        Ok(out)
    }
}

/// The first-contact alerts of a caseload (see [`Store::first_contact_alerts`]).
fn first_contact_alerts(
    caseload: Vec<CaseloadEntry>,
    goals: &Goals,
    as_of: NaiveDate,
) -> Vec<FirstContactAlert> {
    let deadline = goals.first_contact_days;
    let mut alerts: Vec<FirstContactAlert> = caseload
        .into_iter()
        .filter(|c| c.first_face_to_face.is_none())
        .filter(|c| c.status != Some(SeekerStatus::Inactive))
        .filter_map(|c| {
            let entry = goals.entry_basis.entry(c.referral_date, c.first_meeting)?;
            let days = (as_of - entry).num_days();
            (days >= i64::from(deadline) - NEAR_DEADLINE_DAYS).then(|| FirstContactAlert {
                seeker_id: c.seeker_id,
                display_name: c.display_name,
                entry,
                days_since_entry: days,
                deadline_days: deadline,
                past: days > i64::from(deadline),
            })
        })
        .collect();
    alerts.sort_by_key(|a| std::cmp::Reverse(a.days_since_entry));
    alerts
}
