//! The job seeker screen: profile, plan goal and steps, jobs (an ended job reads as ended,
//! with its end date), supports, case notes and the path so far, worded; and what the
//! person looking at it may do. A job seeker reading their own record has no actions.

use chrono::{DateTime, FixedOffset, Utc};
use fieldbook_core::ids::SeekerId;
use fieldbook_core::model::{Job, Role};

use crate::caseload::status_words;
use crate::errors::said;
use crate::format::{date, date_time, offset_from_minutes};
use crate::record_form::FormKind;
use crate::screens::Screens;
use crate::seeker_row_actions::{end_job, visit_rows, void_note, worded, RowActionItem, VisitRow};
use crate::seeker_rows::{fact, job_row, step_row, support_line, timeline};

/// One job seeker's screen.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SeekerScreen {
    pub seeker_id: String,
    pub name: String,
    /// "Job search since Mon 2 Nov 2026".
    pub status: String,
    /// Labelled facts of the profile: ("Phone", "612-555-0101").
    pub profile: Vec<Fact>,
    /// "Goal: Work in a warehouse", or that no goal is written yet.
    pub goal: String,
    pub steps: Vec<StepRow>,
    /// Current jobs first, then ended ones, newest first.
    pub jobs: Vec<JobRow>,
    /// Follow-along supports, newest first.
    pub supports: Vec<String>,
    /// Case notes, newest first; none on a job seeker's own phone.
    pub notes: Vec<NoteRow>,
    /// Contacts with employers about the job seeker, newest first, each with its actions.
    pub visits: Vec<VisitRow>,
    /// The path so far, oldest first: referral, first meeting, first employer contact,
    /// statuses, jobs started and ended.
    pub timeline: Vec<String>,
    /// What the person looking may do here; empty for the job seeker themself.
    pub actions: Vec<ActionItem>,
    /// Said instead of actions on a job seeker's own phone.
    pub read_only_line: Option<String>,
    /// The section headings, in this order: profile, plan, jobs, supports, notes, timeline,
    /// visits.
    pub headings: Vec<String>,
}

/// A labelled value.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Fact {
    pub label: String,
    pub value: String,
}

/// A plan step.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct StepRow {
    pub step_id: String,
    pub what: String,
    /// "Job seeker's step, due tomorrow" / "Done on Mon 2 Nov 2026".
    pub detail: String,
    pub done: bool,
    /// The step as one sentence for TalkBack and VoiceOver (done or not in words).
    pub accessibility_label: String,
}

/// A job, current or ended.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct JobRow {
    pub job_id: String,
    /// "Cashier at Hy-Vee".
    pub title: String,
    /// "Started Mon 2 Nov 2026" or "Ended Mon 30 Nov 2026 (started Mon 2 Nov 2026): moved".
    pub period: String,
    pub ended: bool,
    pub accessibility_label: String,
    /// Ending it, while it is held; empty on the job seeker's own phone.
    pub actions: Vec<RowActionItem>,
}

/// A case note.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct NoteRow {
    pub note_id: String,
    /// When it was written, on the phone's clock.
    pub when: String,
    pub text: String,
    /// Voiding it (entered in error).
    pub actions: Vec<RowActionItem>,
}

/// Something a specialist can do from the job seeker screen; the apps open the matching form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum SeekerAction {
    EditProfile,
    SetStatus,
    EditBenefits,
    AddConsent,
    EditCareerProfile,
    EditPlan,
    AddStep,
    LogVisit,
    StartJob,
    LogSupport,
    AddNote,
}

/// An action with its button's words.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ActionItem {
    pub action: SeekerAction,
    pub label: String,
}

/// The shared form an action of the job seeker screen opens, for job seeker `seeker_id`;
/// `None` for logging a visit, which is the visit form of its own (its tab or page). A job
/// is ended from its own row (`RowAction::EndJob`), which knows which job.
#[uniffi::export]
pub fn seeker_action_form(action: SeekerAction, seeker_id: String) -> Option<FormKind> {
    Some(match action {
        SeekerAction::LogVisit => return None,
        SeekerAction::EditProfile => FormKind::EditSeeker { seeker_id },
        SeekerAction::SetStatus => FormKind::Status { seeker_id },
        SeekerAction::EditBenefits => FormKind::Benefits { seeker_id },
        SeekerAction::AddConsent => FormKind::Consent { seeker_id },
        SeekerAction::EditCareerProfile => FormKind::Career { seeker_id },
        SeekerAction::EditPlan => FormKind::Plan { seeker_id },
        SeekerAction::AddStep => FormKind::Step { seeker_id },
        SeekerAction::StartJob => FormKind::JobStart { seeker_id },
        SeekerAction::LogSupport => FormKind::Support { seeker_id },
        SeekerAction::AddNote => FormKind::Note { seeker_id },
    })
}

const ACTIONS: [(SeekerAction, &str); 11] = [
    (SeekerAction::LogVisit, "action-log-visit"),
    (SeekerAction::AddStep, "action-add-step"),
    (SeekerAction::AddNote, "action-add-note"),
    (SeekerAction::SetStatus, "action-set-status"),
    (SeekerAction::EditProfile, "action-edit-profile"),
    (SeekerAction::EditPlan, "action-edit-plan"),
    (SeekerAction::EditCareerProfile, "action-edit-career"),
    (SeekerAction::EditBenefits, "action-edit-benefits"),
    (SeekerAction::AddConsent, "action-add-consent"),
    (SeekerAction::StartJob, "action-start-job"),
    (SeekerAction::LogSupport, "action-log-support"),
];

impl Screens {
    /// The screen of job seeker `seeker` at `now` (the phone's clock).
    pub fn seeker_at(
        &self,
        seeker: SeekerId,
        now: DateTime<FixedOffset>,
    ) -> fieldbook_core::Result<SeekerScreen> {
        let words = self.words();
        let store = self.store();
        let today = now.date_naive();
        let doc = store.seeker(seeker)?;
        let is_seeker = store.identity().role == Some(Role::Seeker);
        let status = match doc.current_status() {
            Some((_, change)) => words.get(
                "seeker-status-since",
                &[
                    ("status", status_words(&words, Some(change.status)).into()),
                    ("date", date(&words, change.date).into()),
                ],
            ),
            None => status_words(&words, None),
        };
        let p = &doc.profile;
        let profile = [
            fact(&words, "profile-preferred-name", p.preferred_name.clone()),
            fact(&words, "profile-phone", p.phone.clone()),
            fact(&words, "profile-county", p.county.clone()),
            fact(
                &words,
                "profile-referral",
                p.referral_date.map(|d| date(&words, d)),
            ),
            fact(
                &words,
                "profile-first-meeting",
                p.first_meeting.map(|d| date(&words, d)),
            ),
        ]
        .into_iter()
        .flatten()
        .collect();
        let goal = match &doc.plan.info.goal {
            Some(goal) => words.get("plan-goal", &[("goal", goal.clone().into())]),
            None => words.get("plan-no-goal", &[]),
        };
        let steps = doc
            .plan
            .ordered_steps()
            .into_iter()
            .map(|(id, s)| step_row(&words, id.to_string(), s, today))
            .collect();
        let mut jobs: Vec<(&fieldbook_core::ids::JobId, &Job)> = doc.standing_jobs().collect();
        jobs.sort_by_key(|(_, j)| (j.end.is_some(), std::cmp::Reverse(j.start)));
        let jobs = jobs
            .into_iter()
            .map(|(id, j)| {
                let mut row = job_row(&words, id.to_string(), j);
                if j.end.is_none() {
                    let end = vec![end_job(seeker, &row.job_id)];
                    row.actions = worded(&words, is_seeker, &row.title, end);
                }
                row
            })
            .collect();
        let mut supports: Vec<_> = doc.standing_supports().map(|(_, s)| s).collect();
        supports.sort_by_key(|s| std::cmp::Reverse(s.date));
        let supports = supports
            .into_iter()
            .map(|s| support_line(&words, s))
            .collect();
        let mut notes: Vec<NoteRow> = Vec::new();
        if !is_seeker {
            let mut all = store.notes(seeker)?;
            all.retain(|(_, n)| n.voided.is_none());
            // Instants, newest first: notes written in other offsets sort by when they were.
            all.sort_by_key(|(id, n)| std::cmp::Reverse((n.at, *id)));
            notes = all
                .into_iter()
                .map(|(id, n)| {
                    let when = date_time(&words, n.at, *now.offset());
                    let void = vec![void_note(seeker, &id.to_string())];
                    NoteRow {
                        actions: worded(&words, is_seeker, &when, void),
                        note_id: id.to_string(),
                        when,
                        text: n.text,
                    }
                })
                .collect();
        }
        let actions = if is_seeker {
            Vec::new()
        } else {
            ACTIONS
                .iter()
                .map(|(action, id)| ActionItem {
                    action: *action,
                    label: words.get(id, &[]),
                })
                .collect()
        };
        let headings = [
            "heading-profile",
            "heading-plan",
            "heading-jobs",
            "heading-supports",
            "heading-notes",
            "heading-timeline",
            "heading-visits",
        ]
        .iter()
        .map(|id| words.get(id, &[]))
        .collect();
        Ok(SeekerScreen {
            seeker_id: seeker.to_string(),
            name: p.display_name().to_owned(),
            status,
            profile,
            goal,
            steps,
            jobs,
            supports,
            notes,
            visits: visit_rows(&words, &doc, is_seeker, *now.offset()),
            timeline: timeline(&words, &doc),
            actions,
            read_only_line: is_seeker.then(|| words.get("seeker-read-only", &[])),
            headings,
        })
    }
}

/// Why the job seeker screen cannot be shown, in words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum ScreenError {
    #[error("{words}")]
    Unavailable { words: String },
}

#[uniffi::export]
impl Screens {
    /// The screen of job seeker `seeker_id` now, on the phone's clock (`utc_offset_minutes`).
    pub fn seeker(
        &self,
        seeker_id: String,
        utc_offset_minutes: i32,
    ) -> Result<SeekerScreen, ScreenError> {
        let now = Utc::now().with_timezone(&offset_from_minutes(utc_offset_minutes));
        let words = self.words();
        let unavailable = |reason: String| ScreenError::Unavailable {
            words: words.get("seeker-unavailable", &[("reason", reason.into())]),
        };
        let id: SeekerId = seeker_id.parse().map_err(|_| {
            unavailable(words.get("seeker-no-such", &[("id", seeker_id.clone().into())]))
        })?;
        self.seeker_at(id, now)
            .map_err(|e| unavailable(said(&words, &e)))
    }
}
