//! The pending-changes screen: what waits for the server, by record; every refused change
//! by the name of its record, what it was and why, with what to do about it; and the
//! conflicts two devices made, with both values, who and when, to settle.

use chrono::{DateTime, FixedOffset};
use fieldbook_core::document::DocKind;
use fieldbook_core::protocol::RejectCode;
use fieldbook_core::{RefusalCause, RefusedChange, UnsentRecord};

use crate::conflicts::{conflict_rows, ConflictItem};
use crate::errors::said;
use crate::format::{date_time, offset_from_minutes};
use crate::screens::Screens;
use crate::words::{Arg, Words};

/// The pending-changes screen, worded.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct ChangesScreen {
    pub title: String,
    /// "Nothing is waiting: everything made here is on the server", when both lists are empty.
    pub empty_line: Option<String>,
    pub waiting: Vec<WaitingRow>,
    pub refused: Vec<RefusedRow>,
    /// Fields two devices changed at once, to settle.
    pub conflicts: Vec<ConflictItem>,
    /// The refused changes as JSON, to share with a supervisor (the export action's file).
    pub export_json: String,
}

/// A record with changes waiting for the next sync.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct WaitingRow {
    pub doc_id: String,
    /// "Job seeker Erik Lund: a plan step added, a note added".
    pub text: String,
}

/// One change the server refused, named.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct RefusedRow {
    pub doc_id: String,
    /// The record's name in words: "Job seeker Erik Lund", "Case notes of Erik Lund".
    pub record: String,
    /// What was refused: "A case note added".
    pub what: String,
    /// Why, in words.
    pub why: String,
    /// When it was refused, on the phone's clock.
    pub when: String,
    /// What the person can do about it.
    pub action: RefusedAction,
    /// The action's words, for its button.
    pub action_label: String,
    /// The row as one sentence for TalkBack and VoiceOver.
    pub accessibility_label: String,
}

/// What a person can do about a refused change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum RefusedAction {
    /// The record left this phone; the change was kept for the supervisor, who can accept
    /// it into the record. Sharing the export tells them.
    TellSupervisor,
    /// The phone holds the team's record again: make the change again on it.
    MakeAgain,
}

/// The record in words, from its kind and the name the core kept ("Job seeker Erik Lund");
/// the core's English label when it kept no name (a change refused by an older app).
fn record_words(words: &Words, kind: Option<DocKind>, name: Option<&str>, label: &str) -> String {
    let (id, name) = match (kind, name) {
        (Some(DocKind::Seeker), Some(name)) => ("record-seeker", name),
        (Some(DocKind::Notes), Some(name)) => ("record-notes", name),
        (Some(DocKind::Notes), None) => ("record-notes-unnamed", ""),
        (Some(DocKind::Employer), Some(name)) => ("record-employer", name),
        (Some(DocKind::Directory), _) => ("record-directory", ""),
        _ => ("record-other", label),
    };
    words.get(id, &[("name", Arg::Text(name.to_owned()))])
}

/// An operation of the core's change log in words: "plan.step.add" → "A plan step added".
pub(crate) fn operation_words(words: &Words, op: Option<&str>) -> String {
    match op {
        Some(op) => {
            let id = format!("op-{}", op.replace(['.', '_'], "-"));
            words
                .try_get(&id, &[])
                .unwrap_or_else(|| words.get("op-other", &[]))
        }
        None => words.get("op-create", &[]),
    }
}

/// Why a change was refused, in words, and what to do about it.
fn reason_words(words: &Words, refused: &RefusedChange) -> (String, RefusedAction) {
    use RefusedAction::{MakeAgain, TellSupervisor};
    let (id, action) = match refused.cause {
        Some(RefusalCause::LeftThePhone) => ("refused-left-phone", TellSupervisor),
        Some(RefusalCause::KeptForSupervisor) => ("refused-kept-for-supervisor", TellSupervisor),
        Some(RefusalCause::NoLongerApplies) => ("refused-no-longer-applies", MakeAgain),
        Some(RefusalCause::Server(code)) => match code {
            RejectCode::Forbidden => ("refused-forbidden", TellSupervisor),
            RejectCode::ForeignActor | RejectCode::Misattributed | RejectCode::OutOfSequence => {
                ("refused-out-of-sequence", MakeAgain)
            }
            RejectCode::Malformed => ("refused-unreadable", MakeAgain),
            RejectCode::Invalid | RejectCode::KindMismatch => ("refused-invalid", MakeAgain),
        },
        // Refused before the phone kept the server's code: the server's own words.
        None => {
            let reason = Arg::Text(refused.reason.clone());
            return (
                words.get("refused-by-server", &[("reason", reason)]),
                MakeAgain,
            );
        }
    };
    (words.get(id, &[]), action)
}

fn refused_row(words: &Words, refused: &RefusedChange, phone: FixedOffset) -> RefusedRow {
    let record = record_words(
        words,
        refused.kind,
        refused.name.as_deref(),
        &refused.record,
    );
    let what = operation_words(words, refused.what.as_deref());
    let (why, action) = reason_words(words, refused);
    let when = DateTime::parse_from_rfc3339(&refused.refused_at)
        .map(|at| date_time(words, at, phone))
        .unwrap_or_else(|_| refused.refused_at.clone());
    let action_label = words.get(
        match action {
            RefusedAction::TellSupervisor => "refused-action-tell-supervisor",
            RefusedAction::MakeAgain => "refused-action-make-again",
        },
        &[],
    );
    let accessibility_label = words.get(
        "refused-spoken",
        &[
            ("record", Arg::Text(record.clone())),
            ("what", Arg::Text(what.clone())),
            ("why", Arg::Text(why.clone())),
            ("when", Arg::Text(when.clone())),
        ],
    );
    RefusedRow {
        doc_id: refused.doc_id.to_string(),
        record,
        what,
        why,
        when,
        action,
        action_label,
        accessibility_label,
    }
}

fn waiting_row(words: &Words, unsent: &UnsentRecord) -> WaitingRow {
    let what: Vec<String> = unsent
        .what
        .iter()
        .map(|op| operation_words(words, Some(op)))
        .collect();
    let what = if what.is_empty() {
        operation_words(words, None)
    } else {
        what.join(", ")
    };
    WaitingRow {
        doc_id: unsent.doc_id.to_string(),
        text: words.get(
            "waiting-record",
            &[
                (
                    "record",
                    Arg::Text(record_words(
                        words,
                        Some(unsent.kind),
                        unsent.name.as_deref(),
                        &unsent.record,
                    )),
                ),
                ("what", Arg::Text(what)),
            ],
        ),
    }
}

impl Screens {
    /// The pending-changes screen, times on the phone's clock `phone`.
    pub fn changes_at(&self, phone: FixedOffset) -> fieldbook_core::Result<ChangesScreen> {
        let words = self.words();
        let pending = self.store().pending()?;
        let export_json = serde_json::to_string_pretty(&pending)
            .map_err(|e| fieldbook_core::Error::malformed("refused changes", e))?;
        let waiting: Vec<WaitingRow> = pending
            .unsent
            .iter()
            .map(|u| waiting_row(&words, u))
            .collect();
        let refused: Vec<RefusedRow> = pending
            .refused
            .iter()
            .map(|r| refused_row(&words, r, phone))
            .collect();
        let conflicts = conflict_rows(&words, self.store(), phone)?;
        let empty_line = (waiting.is_empty() && refused.is_empty() && conflicts.is_empty())
            .then(|| words.get("changes-none", &[]));
        Ok(ChangesScreen {
            title: words.get("changes-title", &[]),
            empty_line,
            waiting,
            refused,
            conflicts,
            export_json,
        })
    }
}

#[uniffi::export]
impl Screens {
    /// The pending-changes screen, times on the phone's clock (`utc_offset_minutes`).
    pub fn changes(&self, utc_offset_minutes: i32) -> ChangesScreen {
        let phone = offset_from_minutes(utc_offset_minutes);
        self.changes_at(phone).unwrap_or_else(|error| {
            let words = self.words();
            ChangesScreen {
                title: words.get("changes-title", &[]),
                empty_line: Some(words.get(
                    "changes-unreadable",
                    &[("reason", Arg::Text(said(&words, &error)))],
                )),
                waiting: Vec::new(),
                refused: Vec::new(),
                conflicts: Vec::new(),
                export_json: String::new(),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Language;

    #[test]
    fn every_operation_of_the_core_is_worded() {
        let ops = [
            "career.disclosure",
            "career.edit",
            "career.work_history",
            "conflict.settle",
            "employer.add",
            "employer.contact.add",
            "employer.contact.edit",
            "employer.edit",
            "employer.merge",
            "job.edit",
            "job.end",
            "job.start",
            "job.void",
            "merge.follow",
            "note.add",
            "note.void",
            "plan.edit",
            "plan.step.add",
            "plan.step.done",
            "plan.step.edit",
            "plan.step.move",
            "plan.step.status",
            "plan.step.void",
            "seeker.add",
            "seeker.benefits",
            "seeker.consent",
            "seeker.edit",
            "seeker.education",
            "seeker.merge",
            "seeker.status",
            "support.edit",
            "support.log",
            "support.void",
            "visit.edit",
            "visit.log",
            "visit.void",
        ];
        for language in Language::ALL {
            let words = Words::new(language);
            let other = words.get("op-other", &[]);
            for op in ops {
                let text = operation_words(&words, Some(op));
                assert!(
                    !text.contains('⟦') && text != other,
                    "{language:?} {op}: {text}"
                );
            }
        }
    }

    #[test]
    fn a_record_is_worded_from_the_name_the_core_kept() {
        let en = Words::new(Language::English);
        let es = Words::new(Language::Spanish);
        let label = "case notes of Erik Lund";
        assert_eq!(
            record_words(&en, Some(DocKind::Notes), Some("Erik Lund"), label),
            "Case notes of Erik Lund"
        );
        assert_eq!(
            record_words(
                &es,
                Some(DocKind::Seeker),
                Some("Erik Lund"),
                "job seeker Erik Lund"
            ),
            "Persona Erik Lund"
        );
        // A name that starts like an English label is a name, not a label to strip.
        assert_eq!(
            record_words(&en, Some(DocKind::Employer), Some("employer Co-op"), "x"),
            "Employer employer Co-op"
        );
        assert_eq!(
            record_words(
                &es,
                Some(DocKind::Notes),
                None,
                "case notes of a job seeker"
            ),
            es.get("record-notes-unnamed", &[])
        );
    }

    #[test]
    fn every_refusal_cause_is_worded_in_every_language() {
        for language in Language::ALL {
            let words = Words::new(language);
            for cause in RefusalCause::ALL {
                let refused = RefusedChange {
                    seq: 1,
                    doc_id: fieldbook_core::ids::DocId::new(),
                    kind: Some(DocKind::Seeker),
                    record: "job seeker Erik Lund".into(),
                    name: Some("Erik Lund".into()),
                    what: None,
                    reason: "the server's English".into(),
                    cause: Some(cause),
                    refused_at: "2026-11-30T10:00:00Z".into(),
                    hash: String::new(),
                    change: String::new(),
                };
                let (why, _) = reason_words(&words, &refused);
                assert!(
                    !why.contains('⟦') && !why.contains("the server's English"),
                    "{language:?} {cause:?}: {why}"
                );
            }
        }
    }
}
