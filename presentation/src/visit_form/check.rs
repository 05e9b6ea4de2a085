//! The visit draft checked as the core checks a visit, each field's error worded: what the
//! form shows under its fields and what keeps it from saving.

use chrono::NaiveDateTime;
use fieldbook_core::ids::{ContactId, EmployerId, SeekerId};
use fieldbook_core::model::{ContactMode, VisitPurpose};
use fieldbook_core::{check_visit_time, NewVisit, Reason};

use super::{offset_of, VisitDraft, MODES, PURPOSES};
use crate::errors::{problem, reason_message};
use crate::form::{non_blank, parse_date, parse_time};
use crate::words::Words;

/// The visit checked and ready for the core, or each field's error.
pub(super) struct Checked {
    pub visit: Option<NewVisit>,
    pub errors: Errors,
}

#[derive(Default)]
pub(super) struct Errors {
    pub employer: Option<String>,
    pub date: Option<String>,
    pub time: Option<String>,
    pub next_step_date: Option<String>,
}

impl Checked {
    /// The draft checked as the core would check it, errors worded.
    pub(super) fn check(words: &Words, draft: &VisitDraft) -> Checked {
        let mut errors = Errors::default();
        let employer = draft
            .employer_id
            .as_deref()
            .and_then(|id| id.parse::<EmployerId>().ok());
        if employer.is_none() && draft.tried_to_save {
            errors.employer = Some(words.get("visit-employer-missing", &[]));
        }
        let date = parse_date(words, "visit-date", &draft.date).unwrap_or_else(|e| {
            errors.date = Some(e);
            None
        });
        let time = parse_time(words, "visit-time", &draft.time).unwrap_or_else(|e| {
            errors.time = Some(e);
            None
        });
        if errors.date.is_none() && date.is_none() {
            errors.date = Some(reason_message(words, "date", &Reason::Required));
        }
        if errors.time.is_none() && time.is_none() {
            errors.time = Some(reason_message(words, "time", &Reason::Required));
        }
        let next_step_date = parse_date(words, "visit-next-step-date", &draft.next_step_date)
            .unwrap_or_else(|e| {
                errors.next_step_date = Some(e);
                None
            });
        let at = date.zip(time).and_then(|(d, t)| {
            NaiveDateTime::new(d, t)
                .and_local_timezone(offset_of(draft.offset_minutes))
                .single()
        });
        if let Some(at) = at {
            if let Err(e) = check_visit_time(at, next_step_date) {
                let p = problem(words, &e, &|_| None);
                match p.field.as_deref() {
                    Some("next_step_date") => errors.next_step_date = Some(p.message),
                    _ => errors.date = Some(p.message),
                }
            }
        }
        let clean = errors.employer.is_none()
            && errors.date.is_none()
            && errors.time.is_none()
            && errors.next_step_date.is_none();
        let visit = match (employer, at) {
            (Some(employer_id), Some(at)) if clean => Some(NewVisit {
                id: None,
                employer_id,
                at,
                specialist: None,
                contact_id: draft
                    .contact_id
                    .as_deref()
                    .and_then(|c| c.parse::<ContactId>().ok()),
                location: None,
                mode: MODES
                    .into_iter()
                    .find(|m| m.as_str() == draft.mode)
                    .unwrap_or(ContactMode::InPerson),
                purpose: PURPOSES
                    .into_iter()
                    .find(|p| p.as_str() == draft.purpose)
                    .unwrap_or(VisitPurpose::FollowUp),
                seekers: draft
                    .seeker_ids
                    .iter()
                    .filter_map(|s| s.parse::<SeekerId>().ok())
                    .collect(),
                followed_preference: draft.followed_preference,
                outcome: non_blank(&draft.outcome),
                next_step: non_blank(&draft.next_step),
                next_step_date,
            }),
            _ => None,
        };
        Checked { visit, errors }
    }
}
