//! What a specialist can do to one row of the job seeker screen: end a current job, correct
//! or void a visit, void a case note. Each action carries the ids its form needs; the apps
//! open the shared form for it (`FormKind::JobEnd`, `FormKind::VoidVisit`,
//! `FormKind::VoidNote`, `Screens::visit_correction`). A job seeker's own phone gets none.

use chrono::FixedOffset;
use fieldbook_core::ids::SeekerId;
use fieldbook_core::model::SeekerDoc;

use crate::format::date_time;
use crate::record_form::FormKind;
use crate::words::Words;

/// An action on one row, with the ids of the records it acts on.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum RowAction {
    /// Record the end of a job still held.
    EndJob { seeker_id: String, job_id: String },
    /// Correct a visit as logged (the visit form, started from the visit).
    CorrectVisit {
        employer_id: String,
        visit_id: String,
    },
    /// Mark a visit as entered in error.
    VoidVisit {
        employer_id: String,
        visit_id: String,
    },
    /// Mark a case note as entered in error.
    VoidNote { seeker_id: String, note_id: String },
}

impl RowAction {
    /// The shared record form this action opens; `None` for a visit correction, which is
    /// the visit form (`Screens::visit_correction` with the action's ids).
    pub fn form(&self) -> Option<FormKind> {
        match self.clone() {
            RowAction::EndJob { seeker_id, job_id } => Some(FormKind::JobEnd { seeker_id, job_id }),
            RowAction::CorrectVisit { .. } => None,
            RowAction::VoidVisit {
                employer_id,
                visit_id,
            } => Some(FormKind::VoidVisit {
                employer_id,
                visit_id,
            }),
            RowAction::VoidNote { seeker_id, note_id } => {
                Some(FormKind::VoidNote { seeker_id, note_id })
            }
        }
    }

    fn label_id(&self) -> &'static str {
        match self {
            RowAction::EndJob { .. } => "row-end-job",
            RowAction::CorrectVisit { .. } => "row-correct-visit",
            RowAction::VoidVisit { .. } => "row-void-visit",
            RowAction::VoidNote { .. } => "row-void-note",
        }
    }
}

/// The record form a row action opens (`None`: open `visit_correction` instead), so the
/// apps do not map actions to forms themselves.
#[uniffi::export]
pub fn row_action_form(action: RowAction) -> Option<FormKind> {
    action.form()
}

/// A row action with its button's words.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct RowActionItem {
    pub action: RowAction,
    /// The button's text: "End this job".
    pub label: String,
    /// What TalkBack and VoiceOver read for the button, naming its row (several rows carry
    /// the same button): "End the job Cashier at Hy-Vee".
    pub accessibility_label: String,
}

/// A contact with an employer about this job seeker.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct VisitRow {
    pub visit_id: String,
    pub employer_id: String,
    /// When it was, on the phone's clock.
    pub when: String,
    /// "In person at Hy-Vee: Present a job seeker".
    pub what: String,
    pub outcome: Option<String>,
    /// Correct and void; empty on the job seeker's own phone.
    pub actions: Vec<RowActionItem>,
}

/// `actions` of the row that `row` names, worded; none when the phone's person is the job
/// seeker. `row` is the job's title, the visit's line and time, or the note's time: the
/// accessibility labels' `$row`.
pub(crate) fn worded(
    words: &Words,
    is_seeker: bool,
    row: &str,
    actions: Vec<RowAction>,
) -> Vec<RowActionItem> {
    if is_seeker {
        return Vec::new();
    }
    actions
        .into_iter()
        .map(|action| RowActionItem {
            label: words.get(action.label_id(), &[]),
            accessibility_label: words.get(
                &format!("{}-spoken", action.label_id()),
                &[("row", row.into())],
            ),
            action,
        })
        .collect()
}

/// The standing (not voided) visits of the job seeker, newest first by instant.
pub(crate) fn visit_rows(
    words: &Words,
    doc: &SeekerDoc,
    is_seeker: bool,
    phone: FixedOffset,
) -> Vec<VisitRow> {
    doc.visits_newest_first()
        .into_iter()
        .map(|(id, a)| {
            let (employer_id, visit_id) = (a.employer_id.to_string(), id.to_string());
            let what = words.get(
                "visit-row",
                &[
                    (
                        "mode",
                        words
                            .get(&format!("visit-mode-{}", a.mode.as_str()), &[])
                            .into(),
                    ),
                    ("employer", a.employer_name.clone().into()),
                    (
                        "purpose",
                        words
                            .get(&format!("visit-purpose-{}", a.purpose.as_str()), &[])
                            .into(),
                    ),
                ],
            );
            let actions = vec![
                RowAction::CorrectVisit {
                    employer_id: employer_id.clone(),
                    visit_id: visit_id.clone(),
                },
                RowAction::VoidVisit {
                    employer_id: employer_id.clone(),
                    visit_id: visit_id.clone(),
                },
            ];
            let when = date_time(words, a.at, phone);
            let row = words.get(
                "visit-row-spoken",
                &[
                    ("what", what.as_str().into()),
                    ("when", when.as_str().into()),
                ],
            );
            VisitRow {
                actions: worded(words, is_seeker, &row, actions),
                when,
                what,
                outcome: a.outcome.clone(),
                visit_id,
                employer_id,
            }
        })
        .collect()
}

/// The end-a-job action of a job still held.
pub(crate) fn end_job(seeker: SeekerId, job_id: &str) -> RowAction {
    RowAction::EndJob {
        seeker_id: seeker.to_string(),
        job_id: job_id.to_owned(),
    }
}

/// The void action of a case note.
pub(crate) fn void_note(seeker: SeekerId, note_id: &str) -> RowAction {
    RowAction::VoidNote {
        seeker_id: seeker.to_string(),
        note_id: note_id.to_owned(),
    }
}
