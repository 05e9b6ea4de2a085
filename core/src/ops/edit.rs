//! Correcting entries: a job's wage typed wrong, a support contact's date, a visit's outcome
//! written after the fact. Each edit goes through the checks its creation does, writes only
//! the fields that differ (so two phones correcting different fields both keep theirs), and
//! is refused on an entry that is void: an entry entered in error is entered again, not
//! edited back to life.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::de::IgnoredAny;

use super::job::{checked_job, checked_support, standing_job};
use super::read_seeker;
use super::visit::{check_when, may_disclose};
use super::void::void;
use crate::document::DocKind;
use crate::ids::{ContactId, EmployerId, JobId, SeekerId, SupportId, VisitId};
use crate::model::{trimmed, ContactMode, JobSearchActivity, SupportContact, Visit, VisitPurpose};
use crate::store::Store;
use crate::{Error, Reason, Result};

use super::JobEdit;

/// The fields of a logged visit a specialist may correct. Not the employer, nor the job
/// seekers discussed or disclosed: a visit logged at the wrong employer or about the wrong
/// people is voided ([`Store::void_visit`]) and logged again, so each employer's log and
/// each job seeker's activity stay whole.
#[derive(Debug, Clone, PartialEq)]
pub struct VisitEdit {
    /// Local time of the contact with its UTC offset.
    pub at: DateTime<FixedOffset>,
    pub contact_id: Option<ContactId>,
    pub location: Option<String>,
    pub mode: ContactMode,
    pub purpose: VisitPurpose,
    pub followed_preference: Option<bool>,
    pub outcome: Option<String>,
    pub next_step: Option<String>,
    pub next_step_date: Option<NaiveDate>,
}

impl Store {
    /// Corrects a job: every field a job start takes, checked the same way. Its end (if
    /// recorded) stays, and the new start may not come after it. The status history is
    /// left as it is (ADR 0001, "Corrections").
    pub fn edit_job(&self, seeker: SeekerId, job: JobId, edit: JobEdit) -> Result<()> {
        self.write("job.edit", |e| {
            let mut new = checked_job(e, &edit)?;
            let doc = read_seeker(e, seeker)?;
            let old = standing_job(&doc, job)?;
            if let Some(end) = old.end.as_ref().filter(|end| end.date < new.start) {
                return Err(Error::invalid_because(
                    "start",
                    Reason::After {
                        value: new.start.to_string(),
                        later_field: "the job's end".into(),
                        later: end.date.to_string(),
                    },
                ));
            }
            new.end = old.end.clone();
            e.doc(seeker.doc(), DocKind::Seeker)?
                .put(&["jobs"], &job.to_string(), &new)
        })
    }

    /// Corrects a follow-along support contact (date, face to face, given by, kind, job,
    /// note), checked as logging it is.
    pub fn edit_support(
        &self,
        seeker: SeekerId,
        support: SupportId,
        contact: SupportContact,
    ) -> Result<()> {
        self.write("support.edit", |e| {
            let doc = read_seeker(e, seeker)?;
            let old = doc
                .supports
                .get(&support)
                .ok_or_else(|| Error::not_found("support", support))?;
            if old.voided.is_some() {
                return Err(void("support", support));
            }
            let new = checked_support(&doc, contact)?;
            e.doc(seeker.doc(), DocKind::Seeker)?
                .put(&["supports"], &support.to_string(), &new)
        })
    }

    /// Corrects a visit (time, contact person, place, mode, purpose, whether it followed
    /// the job seekers' preferences, outcome, next step), checked as logging it is, and the
    /// job-search activity it copied into each job seeker's record held on this phone. A
    /// visit that disclosed job seekers keeps needing their leave on its (new) date.
    pub fn edit_visit(&self, employer: EmployerId, visit: VisitId, edit: VisitEdit) -> Result<()> {
        check_when(edit.at, edit.next_step_date)?;
        let location = trimmed("location", edit.location.as_deref())?;
        let outcome = trimmed("outcome", edit.outcome.as_deref())?;
        let next_step = trimmed("next_step", edit.next_step.as_deref())?;
        self.write("visit.edit", |e| {
            let key = visit.to_string();
            let mut v: Visit = e
                .read_at(employer.doc(), DocKind::Employer, &["visits", &key])?
                .ok_or_else(|| Error::not_found("visit", visit))?;
            if v.voided.is_some() {
                return Err(void("visit", visit));
            }
            if let Some(c) = edit.contact_id {
                let at = ["contacts", &c.to_string()];
                if e.read_at::<IgnoredAny>(employer.doc(), DocKind::Employer, &at)?
                    .is_none()
                {
                    return Err(Error::not_found("contact", c));
                }
            }
            if edit.at.date_naive() != v.at.date_naive() {
                for s in v.disclosed.clone() {
                    if !e.exists(s.doc())? {
                        return Err(Error::invalid(
                            "at",
                            format!(
                                "the visit disclosed job seeker {s}, whose record is not on this \
                                 phone: their release cannot be checked for {}",
                                edit.at.date_naive()
                            ),
                        ));
                    }
                    may_disclose(e, s, edit.at.date_naive())?;
                }
            }
            v.at = edit.at;
            v.contact_id = edit.contact_id;
            v.location = location.clone();
            v.mode = edit.mode;
            v.purpose = edit.purpose;
            v.followed_preference = edit.followed_preference;
            v.outcome = outcome.clone();
            v.next_step = next_step.clone();
            v.next_step_date = edit.next_step_date;
            for s in e.survivors(v.seekers.clone())? {
                let at = ["activities", &key];
                if !e.exists(s.doc())? {
                    continue;
                }
                let Some(mut a) = e.read_at::<JobSearchActivity>(s.doc(), DocKind::Seeker, &at)?
                else {
                    continue;
                };
                a.at = v.at;
                a.mode = v.mode;
                a.purpose = v.purpose;
                a.followed_preference = v.followed_preference;
                a.outcome = v.outcome.clone();
                a.next_step = v.next_step.clone();
                e.doc(s.doc(), DocKind::Seeker)?
                    .put(&["activities"], &key, &a)?;
            }
            e.doc(employer.doc(), DocKind::Employer)?
                .put(&["visits"], &key, &v)
        })
    }
}
