//! A job seeker's own record: the `seeker` document.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use super::{
    CareerProfile, Consent, ContactMode, EmploymentPlan, Job, JobSearchActivity, SupportContact,
    WorkHistoryEntry,
};
use crate::ids::{
    ConsentId, EducationId, JobId, SeekerId, StatusChangeId, SupportId, VisitId, WorkHistoryId,
};

/// Everything about one job seeker that they may read: the unit of sync and access control
/// for their record. Case notes live apart, in [`super::NotesDoc`], because the job seeker's
/// phone must never receive them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SeekerDoc {
    pub id: SeekerId,
    #[serde(default)]
    pub profile: SeekerProfile,
    /// Every status the person has had. Kept as a history (not one field) so that two phones
    /// changing the status offline both keep their entry; the latest date is the current one.
    #[serde(default)]
    pub status_history: BTreeMap<StatusChangeId, StatusChange>,
    #[serde(default)]
    pub benefits: BenefitsPlanning,
    #[serde(default)]
    pub consents: BTreeMap<ConsentId, Consent>,
    #[serde(default)]
    pub career: CareerProfile,
    #[serde(default)]
    pub work_history: BTreeMap<WorkHistoryId, WorkHistoryEntry>,
    #[serde(default)]
    pub plan: EmploymentPlan,
    /// Job-search activity made on the person's behalf: one entry per employer contact that
    /// named them, keyed by the visit, holding no other job seeker's name.
    #[serde(default)]
    pub activities: BTreeMap<VisitId, JobSearchActivity>,
    #[serde(default)]
    pub jobs: BTreeMap<JobId, Job>,
    #[serde(default)]
    pub supports: BTreeMap<SupportId, SupportContact>,
    #[serde(default)]
    pub education: BTreeMap<EducationId, EducationSpell>,
    /// Set when this record was found to be a duplicate and merged into another: every
    /// entry was copied there, and this record counts nowhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<super::Merged>,
}

/// The status in force in a status history: its latest standing entry by
/// [`StatusChange::rank`] (a void entry never is). (The index reads the history without the
/// rest of the record.)
pub(crate) fn status_in_force(
    history: &BTreeMap<StatusChangeId, StatusChange>,
) -> Option<(&StatusChangeId, &StatusChange)> {
    history
        .iter()
        .filter(|(_, c)| c.counts())
        .max_by_key(|(id, c)| c.rank(id))
}

/// The local date of the first face-to-face contact among employer contacts (mode, time).
pub(crate) fn first_face_to_face(
    contacts: impl Iterator<Item = (ContactMode, DateTime<FixedOffset>)>,
) -> Option<NaiveDate> {
    contacts
        .filter(|(mode, _)| mode.is_face_to_face())
        .map(|(_, at)| at.date_naive())
        .min()
}

impl SeekerDoc {
    /// The status in force: the latest entry of the history (see [`StatusChange::rank`]).
    pub fn current_status(&self) -> Option<(&StatusChangeId, &StatusChange)> {
        status_in_force(&self.status_history)
    }

    /// The date of the first face-to-face employer contact made on this person's behalf.
    pub fn first_face_to_face_contact(&self) -> Option<NaiveDate> {
        first_face_to_face(
            self.activities
                .values()
                .filter(|a| a.counts())
                .map(|a| (a.mode, a.at)),
        )
    }

    /// The employer contacts made on this person's behalf that count (not entered in error),
    /// newest first by the instant, not by the written time: 09:00-05:00 (14:00 UTC) is later
    /// than 12:00+00:00. Equal instants go by visit id, so every phone lists them alike.
    pub fn visits_newest_first(&self) -> Vec<(&VisitId, &JobSearchActivity)> {
        let mut visits: Vec<_> = self.activities.iter().filter(|(_, a)| a.counts()).collect();
        visits.sort_by_key(|(id, a)| std::cmp::Reverse((a.at, **id)));
        visits
    }

    /// Program entry: the earliest of the referral and the first meeting with the
    /// specialist, when either is recorded. "Served" starts here; nothing the person did
    /// before (a job held, a status set) counts for the program's outcomes.
    pub fn program_entry(&self) -> Option<NaiveDate> {
        self.profile.program_entry()
    }

    /// Jobs that have started and not ended on `day` (jobs entered in error never held).
    pub fn jobs_held_on(&self, day: NaiveDate) -> impl Iterator<Item = (&JobId, &Job)> {
        self.standing_jobs().filter(move |(_, j)| j.held_on(day))
    }

    /// The jobs that count: every job but those entered in error. Every figure reads jobs
    /// through this.
    pub fn standing_jobs(&self) -> impl Iterator<Item = (&JobId, &Job)> {
        self.jobs.iter().filter(|(_, j)| j.counts())
    }

    /// The follow-along support contacts that count (not entered in error).
    pub fn standing_supports(&self) -> impl Iterator<Item = (&SupportId, &SupportContact)> {
        self.supports.iter().filter(|(_, s)| s.counts())
    }

    /// The status history without its void entries (a "working" written by a job start
    /// that was entered in error).
    pub fn standing_statuses(&self) -> impl Iterator<Item = (&StatusChangeId, &StatusChange)> {
        self.status_history.iter().filter(|(_, c)| c.counts())
    }
}

/// Who the person is and when they came to IPS.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct SeekerProfile {
    pub name: String,
    pub preferred_name: Option<String>,
    pub phone: Option<String>,
    pub county: Option<String>,
    /// Date of referral to the IPS program (one choice of program entry for fidelity).
    pub referral_date: Option<NaiveDate>,
    /// First meeting with the employment specialist (the other choice of program entry).
    pub first_meeting: Option<NaiveDate>,
    /// Out of work when they entered IPS: some programs count only these people in outcomes.
    pub unemployed_at_entry: Option<bool>,
    /// Benefits held: SSI, SSDI, Medicaid, housing, SNAP…
    pub benefits_held: Vec<String>,
    /// The person's id in the system the team moved from (a county case number, a
    /// spreadsheet's key, a name typed with `--id`): what imports and the terminal find the
    /// record by. Never part of the document's id. Left out when absent, so a form that does
    /// not show it never erases it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
}

impl SeekerProfile {
    /// Program entry: the earlier of the referral date and the first meeting, if any.
    pub fn program_entry(&self) -> Option<NaiveDate> {
        self.referral_date
            .into_iter()
            .chain(self.first_meeting)
            .min()
    }

    /// The name to show: the preferred name when there is one.
    pub fn display_name(&self) -> &str {
        self.preferred_name
            .as_deref()
            .filter(|p| !p.is_empty())
            .unwrap_or(&self.name)
    }
}

/// Where a job seeker is in IPS. The app never closes a case by itself (zero exclusion,
/// time-unlimited supports): every status is set by a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeekerStatus {
    Engaging,
    JobSearch,
    Working,
    FollowAlong,
    Inactive,
    Closed,
}

impl SeekerStatus {
    /// Every status, in the order of a typical path through IPS.
    pub const ALL: [SeekerStatus; 6] = [
        SeekerStatus::Engaging,
        SeekerStatus::JobSearch,
        SeekerStatus::Working,
        SeekerStatus::FollowAlong,
        SeekerStatus::Inactive,
        SeekerStatus::Closed,
    ];

    /// The stable name used in storage, JSON and the CLI.
    pub fn as_str(&self) -> &'static str {
        match self {
            SeekerStatus::Engaging => "engaging",
            SeekerStatus::JobSearch => "job_search",
            SeekerStatus::Working => "working",
            SeekerStatus::FollowAlong => "follow_along",
            SeekerStatus::Inactive => "inactive",
            SeekerStatus::Closed => "closed",
        }
    }

    /// Parses the stable name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// On the caseload: everyone whose case is not closed.
    pub fn is_active(&self) -> bool {
        !matches!(self, SeekerStatus::Closed)
    }
}

/// One entry of the status history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusChange {
    pub status: SeekerStatus,
    pub date: NaiveDate,
    #[serde(default)]
    pub reason: Option<String>,
    /// When the entry was recorded: of two entries dated the same day, the one recorded
    /// later is in force (set "job search" the day a person joined, and it shows). Entries
    /// written before this was kept have none and give way to those that have it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded: Option<DateTime<Utc>>,
    /// The job whose start wrote this entry ("working" from a job start), so voiding the job
    /// voids the entry too. Entries written by a person, or before this was kept, have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_id: Option<JobId>,
    /// Set when the entry is void: the job start that wrote it was entered in error. It
    /// stays in the history and is never the status in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voided: Option<super::Voided>,
}

impl StatusChange {
    /// Whether the entry counts (not void).
    pub fn counts(&self) -> bool {
        self.voided.is_none()
    }

    /// The order of a status history: by date, within a day by when recorded, then by id,
    /// so every phone agrees which entry is in force.
    pub fn rank<'a>(
        &'a self,
        id: &'a StatusChangeId,
    ) -> (NaiveDate, Option<DateTime<Utc>>, &'a StatusChangeId) {
        (self.date, self.recorded, id)
    }
}

/// Benefits counseling (IPS principle 5): offered before a job starts and when pay or hours
/// change.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct BenefitsPlanning {
    pub referred: Option<NaiveDate>,
    pub offered: Option<NaiveDate>,
    pub completed: Option<NaiveDate>,
    pub planner: Option<String>,
}

/// School or training, for the "in education" outcome.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EducationSpell {
    pub program: String,
    pub start: NaiveDate,
    #[serde(default)]
    pub end: Option<NaiveDate>,
}

impl EducationSpell {
    /// Whether any day of `from..=to` falls in this spell.
    pub fn overlaps(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.start <= to && self.end.is_none_or(|e| e >= from)
    }
}
