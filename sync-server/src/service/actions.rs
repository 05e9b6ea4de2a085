//! What needs the supervisor's action, as of one day: the lists a supervisor works from
//! before any chart. People past or near the first-contact deadline, specialists under the
//! weekly goal last week, jobs that ended without a contact within 3 days, follow-along
//! contacts due, consents to renew, and refused work waiting. Every rule is the one the
//! fidelity items and the phone's week use (core's support windows, consent warnings,
//! first-contact deadline), so the page and the scores never disagree.

use chrono::{Duration, NaiveDate};
use fieldbook_core::fidelity::{
    self, support_windows, FidelitySettings, Period, Scope, SupportWindowKind,
};
use fieldbook_core::ids::{JobId, SeekerId, UserId};
use fieldbook_core::model::{Job, SeekerDoc, SeekerStatus};
use fieldbook_core::{consents_to_renew, ConsentAlert, NEAR_DEADLINE_DAYS};
use serde::Serialize;

use super::reports::Team;

/// How far back the list of ended jobs looks.
pub const JOB_END_LOOKBACK_DAYS: i64 = 30;

/// A job seeker on a list, with the specialists whose caseload they are on.
#[derive(Debug, Clone, Serialize)]
pub struct Person {
    pub seeker_id: SeekerId,
    pub name: String,
    pub specialists: Vec<String>,
}

/// No face-to-face employer contact yet, near or past the deadline.
#[derive(Debug, Clone, Serialize)]
pub struct FirstContactDue {
    #[serde(flatten)]
    pub person: Person,
    pub status: Option<SeekerStatus>,
    /// Program entry: by the settings' basis, or the other date when that one is missing.
    pub entry: NaiveDate,
    pub days_since_entry: i64,
    pub deadline_days: u32,
    pub past: bool,
}

/// A specialist whose face-to-face employer contacts last week were under the goal.
#[derive(Debug, Clone, Serialize)]
pub struct UnderGoal {
    pub specialist_id: UserId,
    pub name: String,
    pub week_start: NaiveDate,
    pub face_to_face: u32,
    pub goal: u32,
}

/// A job, in words.
#[derive(Debug, Clone, Serialize)]
pub struct JobWords {
    pub job_id: JobId,
    pub title: String,
    pub employer: String,
}

impl JobWords {
    fn of(id: JobId, job: &Job) -> JobWords {
        JobWords {
            job_id: id,
            title: job.title.clone(),
            employer: job.employer_name.clone(),
        }
    }
}

/// A job that ended lately with no contact by the specialist within 3 days of learning of it.
#[derive(Debug, Clone, Serialize)]
pub struct JobEndDue {
    #[serde(flatten)]
    pub person: Person,
    pub job: JobWords,
    pub ended: NaiveDate,
    /// The last day of the 3 days after the specialist learned of the end.
    pub due_by: NaiveDate,
    /// The 3 days have passed.
    pub overdue: bool,
}

/// A follow-along support contact due now (its window is open and not yet met).
#[derive(Debug, Clone, Serialize)]
pub struct SupportDue {
    #[serde(flatten)]
    pub person: Person,
    pub job: JobWords,
    /// Which requirement, in words ("week 2 of the job").
    pub what: String,
    pub from: NaiveDate,
    pub due_by: NaiveDate,
}

/// A consent to renew, with whose caseload the person is on.
#[derive(Debug, Clone, Serialize)]
pub struct ConsentDue {
    #[serde(flatten)]
    pub alert: ConsentAlert,
    pub specialists: Vec<String>,
}

/// How many of each: what an admin sees instead of the lists (ADR 0003).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ActionCounts {
    pub first_contact_past: usize,
    pub first_contact_near: usize,
    pub under_goal: usize,
    pub job_ends: usize,
    pub supports_due: usize,
    pub consents_expiring: usize,
    pub consents_expired: usize,
    pub refused_waiting: usize,
}

/// Everything that needs action on `as_of`.
#[derive(Debug, Clone, Serialize)]
pub struct Actions {
    pub as_of: NaiveDate,
    pub first_contact: Vec<FirstContactDue>,
    pub under_goal: Vec<UnderGoal>,
    pub job_ends: Vec<JobEndDue>,
    pub supports_due: Vec<SupportDue>,
    pub consents: Vec<ConsentDue>,
    /// Refused pushes not yet accepted or dismissed (on `/refused`); set by the caller,
    /// which reads them from storage.
    pub refused_waiting: usize,
    pub counts: ActionCounts,
}

impl Actions {
    /// Recounts after a change to the lists or `refused_waiting`.
    pub fn recount(&mut self) {
        self.counts = ActionCounts {
            first_contact_past: self.first_contact.iter().filter(|f| f.past).count(),
            first_contact_near: self.first_contact.iter().filter(|f| !f.past).count(),
            under_goal: self.under_goal.len(),
            job_ends: self.job_ends.len(),
            supports_due: self.supports_due.len(),
            consents_expiring: self.consents.iter().filter(|c| !c.alert.expired).count(),
            consents_expired: self.consents.iter().filter(|c| c.alert.expired).count(),
            refused_waiting: self.refused_waiting,
        };
    }

    /// Leaves the counts only: for viewers who may not see job seekers by name.
    pub fn counts_only(mut self) -> Actions {
        self.recount();
        self.first_contact.clear();
        self.job_ends.clear();
        self.supports_due.clear();
        self.consents.clear();
        self
    }

    /// Whether nothing at all needs action.
    pub fn is_empty(&self) -> bool {
        let c = &self.counts;
        c.first_contact_past
            + c.first_contact_near
            + c.under_goal
            + c.job_ends
            + c.supports_due
            + c.consents_expiring
            + c.consents_expired
            + c.refused_waiting
            == 0
    }
}

/// What needs action on `as_of` for `scope` (the team, or one specialist's caseload).
pub fn actions(
    team: &Team,
    scope: Scope,
    settings: &FidelitySettings,
    as_of: NaiveDate,
) -> Actions {
    let data = team.data();
    let person = |s: &SeekerDoc| Person {
        seeker_id: s.id,
        name: s.profile.display_name().to_string(),
        specialists: team.specialists_of(s.id),
    };
    // On the caseload: a status other than closed on the day (or none recorded yet).
    let on_caseload: Vec<&SeekerDoc> = data
        .seekers_in(scope)
        .into_iter()
        .filter(|s| fidelity::status_on(s, as_of).is_none_or(|st| st.is_active()))
        .collect();

    let deadline = settings.first_contact_days;
    let mut first_contact: Vec<FirstContactDue> = on_caseload
        .iter()
        .filter(|s| s.first_face_to_face_contact().is_none_or(|f| f > as_of))
        .filter_map(|s| {
            let entry = fidelity::entry_date(s, settings.entry_basis).filter(|e| *e <= as_of)?;
            let days = (as_of - entry).num_days();
            (days >= i64::from(deadline) - NEAR_DEADLINE_DAYS).then(|| FirstContactDue {
                person: person(s),
                status: fidelity::status_on(s, as_of),
                entry,
                days_since_entry: days,
                deadline_days: deadline,
                past: days > i64::from(deadline),
            })
        })
        .collect();
    first_contact.sort_by(|a, b| {
        (b.days_since_entry, &a.person.name).cmp(&(a.days_since_entry, &b.person.name))
    });

    let last_week = fieldbook_core::week_start(as_of) - Duration::days(7);
    let week = Period {
        from: last_week,
        to: last_week + Duration::days(6),
    };
    let under_goal = fidelity::weekly_face_to_face(&data, week)
        .into_iter()
        .filter(|w| match scope {
            Scope::Team => true,
            Scope::Specialist(u) => w.specialist == u,
        })
        .map(|w| UnderGoal {
            specialist_id: w.specialist,
            name: team.specialist_name(w.specialist),
            week_start: last_week,
            face_to_face: w.weeks.iter().map(|(_, n)| n).sum(),
            goal: settings.weekly_contact_goal,
        })
        .filter(|u| u.face_to_face < u.goal)
        .collect();

    let mut job_ends = Vec::new();
    let mut supports_due = Vec::new();
    for s in &on_caseload {
        for w in support_windows(s) {
            let Some(job) = s.jobs.get(&w.job_id) else {
                continue;
            };
            if w.met_by(s) {
                continue;
            }
            if w.kind == SupportWindowKind::AfterEnd {
                if w.from > as_of || (as_of - w.from).num_days() > JOB_END_LOOKBACK_DAYS {
                    continue;
                }
                job_ends.push(JobEndDue {
                    person: person(s),
                    job: JobWords::of(w.job_id, job),
                    ended: job.end.as_ref().map_or(w.from, |e| e.date),
                    due_by: w.to,
                    overdue: w.to < as_of,
                });
            } else if w.from <= as_of && as_of <= w.to {
                supports_due.push(SupportDue {
                    person: person(s),
                    job: JobWords::of(w.job_id, job),
                    what: w.kind.words(),
                    from: w.from,
                    due_by: w.to,
                });
            }
        }
    }
    job_ends.sort_by(|a, b| (a.due_by, &a.person.name).cmp(&(b.due_by, &b.person.name)));
    supports_due.sort_by(|a, b| (a.due_by, &a.person.name).cmp(&(b.due_by, &b.person.name)));

    let mut consents: Vec<ConsentDue> = on_caseload
        .iter()
        .flat_map(|s| {
            consents_to_renew(s.id, s.profile.display_name(), &s.consents, as_of)
                .into_iter()
                .map(|alert| ConsentDue {
                    alert,
                    specialists: team.specialists_of(s.id),
                })
        })
        .collect();
    consents.sort_by(|a, b| {
        (a.alert.days_left, &a.alert.display_name).cmp(&(b.alert.days_left, &b.alert.display_name))
    });

    let mut out = Actions {
        as_of,
        first_contact,
        under_goal,
        job_ends,
        supports_due,
        consents,
        refused_waiting: 0,
        counts: ActionCounts::default(),
    };
    out.recount();
    out
}
