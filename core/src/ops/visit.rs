//! Logging an employer contact: the one thing a specialist does many times a week, often in a
//! parking lot with no signal.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use serde::de::IgnoredAny;

use crate::document::DocKind;
use crate::external::{self, Named};
use crate::ids::{ContactId, EmployerId, SeekerId, UserId, VisitId};
use crate::model::{not_before, trimmed, ContactMode, JobSearchActivity, Visit, VisitPurpose};
use crate::store::Store;
use crate::{Error, Result};

/// An employer contact to log.
#[derive(Debug, Clone, PartialEq)]
pub struct NewVisit {
    pub id: Option<VisitId>,
    pub employer_id: EmployerId,
    /// Local time of the contact with its UTC offset.
    pub at: DateTime<FixedOffset>,
    /// The specialist who made it; this phone's user when not given.
    pub specialist: Option<UserId>,
    pub contact_id: Option<ContactId>,
    pub location: Option<String>,
    pub mode: ContactMode,
    pub purpose: VisitPurpose,
    /// Job seekers discussed; empty for a general contact.
    pub seekers: Vec<SeekerId>,
    pub followed_preference: Option<bool>,
    pub outcome: Option<String>,
    pub next_step: Option<String>,
    pub next_step_date: Option<NaiveDate>,
}

impl Store {
    /// Logs an employer contact: into the employer's visit log and, as a job-search activity
    /// naming only the employer, into each job seeker's own record. One transaction.
    pub fn log_visit(&self, new: NewVisit) -> Result<VisitId> {
        self.log_visit_as(new, None)
    }

    /// Logs an employer contact that the log it comes from knows as `external_id` (a row of
    /// a county's contact log): the id is kept on the visit, so importing that log again
    /// finds the visit instead of logging it twice. An employer holds each external id once.
    pub fn log_visit_as(&self, new: NewVisit, external_id: Option<&str>) -> Result<VisitId> {
        let external_id = trimmed("external_id", external_id)?;
        if new.at.with_timezone(&Utc) > Utc::now() + Duration::hours(24) {
            return Err(Error::invalid("at", format!("{} is in the future", new.at)));
        }
        not_before(
            "next_step_date",
            new.next_step_date,
            "the visit date",
            Some(new.at.date_naive()),
        )?;
        let mut seen = BTreeSet::new();
        let seekers: Vec<SeekerId> = new
            .seekers
            .iter()
            .copied()
            .filter(|s| seen.insert(*s))
            .collect();
        let visit_id = new.id.unwrap_or_else(VisitId::new);
        let me = self.identity().user_id;
        let visit = Visit {
            at: new.at,
            specialist: new.specialist.or(me),
            contact_id: new.contact_id,
            location: trimmed("location", new.location.as_deref())?,
            mode: new.mode,
            purpose: new.purpose,
            seekers: seekers.clone(),
            followed_preference: new.followed_preference,
            outcome: trimmed("outcome", new.outcome.as_deref())?,
            next_step: trimmed("next_step", new.next_step.as_deref())?,
            next_step_date: new.next_step_date,
            external_id,
        };
        self.write("visit.log", |e| {
            let employer = new.employer_id.doc();
            let mut has = |map: &str, key: &str| -> Result<bool> {
                let found = e.read_at::<IgnoredAny>(employer, DocKind::Employer, &[map, key])?;
                Ok(found.is_some())
            };
            if has("visits", &visit_id.to_string())? {
                return Err(Error::AlreadyExists {
                    kind: "visit",
                    id: visit_id.to_string(),
                });
            }
            if let Some(c) = visit.contact_id {
                if !has("contacts", &c.to_string())? {
                    return Err(Error::not_found("contact", c));
                }
            }
            if let Some(name) = &visit.external_id {
                external::ensure_free(e.tx, Named::Visit(new.employer_id), name, None)?;
            }
            let employer_name: String = e
                .read_at(employer, DocKind::Employer, &["name"])?
                .unwrap_or_default();
            let activity = JobSearchActivity {
                at: visit.at,
                employer_id: new.employer_id,
                employer_name,
                mode: visit.mode,
                purpose: visit.purpose,
                followed_preference: visit.followed_preference,
                outcome: visit.outcome.clone(),
                next_step: visit.next_step.clone(),
            };
            for s in &seekers {
                e.doc(s.doc(), DocKind::Seeker)?.put(
                    &["activities"],
                    &visit_id.to_string(),
                    &activity,
                )?;
            }
            e.doc(new.employer_id.doc(), DocKind::Employer)?.put(
                &["visits"],
                &visit_id.to_string(),
                &visit,
            )?;
            Ok(visit_id)
        })
    }
}
