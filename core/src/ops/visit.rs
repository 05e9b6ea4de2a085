//! Logging an employer contact: the one thing a specialist does many times a week, often in a
//! parking lot with no signal.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, Utc};
use serde::de::IgnoredAny;

use crate::document::DocKind;
use crate::external::{self, Named};
use crate::ids::{ConsentId, ContactId, EmployerId, SeekerId, UserId, VisitId};
use crate::model::{
    may_disclose_to_employers, not_before, trimmed, CareerProfile, Consent, ContactMode,
    JobSearchActivity, Visit, VisitPurpose,
};
use crate::store::{Edit, Store};
use crate::{Error, Reason, Result};

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
    /// naming only the employer, into each job seeker's own record. One transaction. The
    /// job seekers are named, not disclosed: see [`Store::log_disclosing_visit`].
    pub fn log_visit(&self, new: NewVisit) -> Result<VisitId> {
        self.record_visit(new, Vec::new(), None)
    }

    /// Logs an employer contact at which the specialist disclosed `disclosed` (some of the
    /// job seekers discussed) to the employer. Each of them must have, on the visit's date,
    /// a consent releasing information to employers in force and a disclosure preference
    /// other than "do not disclose"; otherwise nothing is written and the error names the
    /// job seeker and what is missing ([`Error::DisclosureRefused`]).
    pub fn log_disclosing_visit(&self, new: NewVisit, disclosed: Vec<SeekerId>) -> Result<VisitId> {
        self.record_visit(new, disclosed, None)
    }

    /// Logs an employer contact that the log it comes from knows as `external_id` (a row of
    /// a county's contact log): the id is kept on the visit, so importing that log again
    /// finds the visit instead of logging it twice. An employer holds each external id once.
    pub fn log_visit_as(&self, new: NewVisit, external_id: Option<&str>) -> Result<VisitId> {
        self.record_visit(new, Vec::new(), external_id)
    }

    fn record_visit(
        &self,
        new: NewVisit,
        disclosed: Vec<SeekerId>,
        external_id: Option<&str>,
    ) -> Result<VisitId> {
        let external_id = trimmed("external_id", external_id)?;
        check_when(new.at, new.next_step_date)?;
        let seekers = distinct(new.seekers.iter().copied());
        let disclosed = distinct(disclosed);
        if let Some(stranger) = disclosed.iter().find(|s| !seekers.contains(s)) {
            return Err(Error::invalid_because(
                "disclosed",
                Reason::NotDiscussed {
                    seeker: stranger.to_string(),
                },
            ));
        }
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
            disclosed: disclosed.clone(),
            followed_preference: new.followed_preference,
            outcome: trimmed("outcome", new.outcome.as_deref())?,
            next_step: trimmed("next_step", new.next_step.as_deref())?,
            next_step_date: new.next_step_date,
            external_id,
            voided: None,
        };
        self.write("visit.log", |e| {
            for s in &disclosed {
                may_disclose(e, *s, visit.at.date_naive())?;
            }
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
            let mut activity = JobSearchActivity {
                at: visit.at,
                employer_id: new.employer_id,
                employer_name,
                mode: visit.mode,
                purpose: visit.purpose,
                disclosed: false,
                followed_preference: visit.followed_preference,
                outcome: visit.outcome.clone(),
                next_step: visit.next_step.clone(),
                voided: None,
            };
            for s in &seekers {
                activity.disclosed = disclosed.contains(s);
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

/// Refuses a visit time in the future (a day's slack for clocks and time zones) and a next
/// step dated before the visit: for logging and editing a visit alike, and for the visit
/// form to say so before saving (exported as `check_visit_time`).
pub fn check_when(at: DateTime<FixedOffset>, next_step_date: Option<NaiveDate>) -> Result<()> {
    if at.with_timezone(&Utc) > Utc::now() + Duration::hours(24) {
        return Err(Error::invalid_because(
            "at",
            Reason::InFuture {
                value: at.to_string(),
            },
        ));
    }
    not_before(
        "next_step_date",
        next_step_date,
        "the visit date",
        Some(at.date_naive()),
    )
}

/// Refuses disclosing `seeker` to an employer on `day` without their leave.
pub(super) fn may_disclose(e: &mut Edit<'_>, seeker: SeekerId, day: NaiveDate) -> Result<()> {
    let career: CareerProfile = e
        .read_at(seeker.doc(), DocKind::Seeker, &["career"])?
        .unwrap_or_default();
    let consents: BTreeMap<ConsentId, Consent> = e
        .read_at(seeker.doc(), DocKind::Seeker, &["consents"])?
        .unwrap_or_default();
    may_disclose_to_employers(&career, &consents, day)
        .map(|_| ())
        .map_err(|bar| Error::DisclosureRefused { seeker, bar })
}

/// The ids in their first order, each once.
fn distinct(ids: impl IntoIterator<Item = SeekerId>) -> Vec<SeekerId> {
    let mut seen = BTreeSet::new();
    ids.into_iter().filter(|s| seen.insert(*s)).collect()
}
