//! Logging an employer contact (a visit, a call, an e-mail) from a command, an import line or
//! a row of a county's contact log.

use chrono::{DateTime, FixedOffset, Local, NaiveDate, NaiveTime};
use fieldbook_core::ids::{EmployerId, SeekerId, VisitId};
use fieldbook_core::model::{ContactMode, Visit, VisitPurpose};
use fieldbook_core::{Named, NewVisit};
use serde::Deserialize;

use super::{Action, Ctx, Outcome, Problem};
use crate::refs::Ref;
use crate::values::{self, de};

/// Logs an employer contact: who, where, why, which job seekers, what came of it.
#[derive(Debug, Clone, clap::Args, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VisitLog {
    /// The visit's id in the log it comes from (a contact log's row id): importing that log
    /// again finds the visit instead of logging it twice.
    #[arg(long)]
    #[serde(default)]
    pub id: Option<Ref>,
    /// The employer (id, external id or name).
    #[arg(long)]
    pub employer: Ref,
    /// When (default: now), e.g. "2026-11-24 10:30" or "11/24/2026 2:15 PM".
    #[arg(long, value_parser = values::time)]
    #[serde(default, deserialize_with = "de::time")]
    pub at: Option<DateTime<FixedOffset>>,
    /// The day, when the time is in another column (then noon unless `time` is given).
    #[arg(skip)]
    #[serde(default, deserialize_with = "de::date")]
    pub date: Option<NaiveDate>,
    #[arg(skip)]
    #[serde(default, deserialize_with = "de::clock")]
    pub time: Option<NaiveTime>,
    /// The contact person (id or name).
    #[arg(long)]
    #[serde(default)]
    pub contact: Option<Ref>,
    #[arg(long)]
    #[serde(default, deserialize_with = "de::text")]
    pub location: Option<String>,
    /// in_person (default), phone, email or video.
    #[arg(long, value_parser = values::choice::<ContactMode>)]
    #[serde(default, deserialize_with = "de::choice")]
    pub mode: Option<ContactMode>,
    /// introduce_ips, learn_business_needs (default), follow_up, present_candidate,
    /// interview or on_the_job_support.
    #[arg(long, value_parser = values::choice::<VisitPurpose>)]
    #[serde(default, deserialize_with = "de::choice")]
    pub purpose: Option<VisitPurpose>,
    /// A job seeker discussed (repeat for several; id, external id or name).
    #[arg(long = "seeker")]
    #[serde(default, deserialize_with = "crate::refs::de_list")]
    pub seekers: Vec<Ref>,
    /// The contact followed the job seekers' preferences (yes/no).
    #[arg(long, value_parser = values::boolean)]
    #[serde(default, deserialize_with = "de::boolean")]
    pub followed_preference: Option<bool>,
    #[arg(long)]
    #[serde(default, deserialize_with = "de::text")]
    pub outcome: Option<String>,
    #[arg(long)]
    #[serde(default, deserialize_with = "de::text")]
    pub next_step: Option<String>,
    #[arg(long, value_parser = values::date)]
    #[serde(default, deserialize_with = "de::date")]
    pub next_step_date: Option<NaiveDate>,
}

impl VisitLog {
    fn when(&self) -> Result<DateTime<FixedOffset>, Problem> {
        match (self.at, self.date) {
            (Some(at), _) => Ok(at),
            (None, Some(day)) => {
                values::date_and_time(day, self.time).map_err(|e| Problem::new(Some("date"), e))
            }
            (None, None) if self.time.is_some() => {
                Err(Problem::new(Some("date"), "is required with a time"))
            }
            (None, None) => Ok(Local::now().fixed_offset()),
        }
    }

    pub fn apply(self, ctx: &mut Ctx<'_>) -> Result<Outcome, Problem> {
        let employer = ctx.employer(&self.employer)?;
        let seekers = self
            .seekers
            .iter()
            .map(|s| ctx.refs.seeker(s))
            .collect::<Result<Vec<SeekerId>, String>>()
            .map_err(|e| Problem::new(Some("seekers"), e))?;
        let contact_id = self
            .contact
            .as_ref()
            .map(|c| ctx.refs.contact(employer, c))
            .transpose()
            .map_err(|e| Problem::new(Some("contact"), e))?;
        let new = NewVisit {
            id: self.id.as_ref().and_then(Ref::uuid).map(VisitId),
            employer_id: employer,
            at: self.when()?,
            specialist: None,
            contact_id,
            location: self.location.clone(),
            mode: self.mode.unwrap_or(ContactMode::InPerson),
            purpose: self.purpose.unwrap_or(VisitPurpose::LearnBusinessNeeds),
            seekers,
            followed_preference: self.followed_preference,
            outcome: self.outcome.clone(),
            next_step: self.next_step.clone(),
            next_step_date: self.next_step_date,
        };
        let external = self.id.as_ref().filter(|r| r.uuid().is_none());
        let outcome = |action, visit| {
            Outcome::new("visit.log", action)
                .with("employer_id", employer)
                .with("visit_id", visit)
        };
        if let Some(known) = self.already_logged(ctx, employer, &new)? {
            let (visit, stored) = known;
            let differ = differences(&stored, &new);
            if differ.is_empty() {
                return Ok(outcome(Action::Unchanged, visit));
            }
            return Err(Problem::new(
                Some("id"),
                format!(
                    "visit `{}` is already logged at this employer with another {}: an import \
                     does not change a logged visit",
                    self.id.as_ref().map(Ref::text).unwrap_or_default(),
                    differ.join(", ")
                ),
            ));
        }
        let at = new.at.timestamp();
        let id = ctx.store().log_visit_as(new, external.map(Ref::text))?;
        ctx.refs.logged(employer, at, id);
        Ok(outcome(Action::Created, id))
    }

    /// In an import, the visit this line describes when it is already logged: the one its
    /// id names, or (a line without an id) one at the same moment with the same fields.
    fn already_logged(
        &self,
        ctx: &mut Ctx<'_>,
        employer: EmployerId,
        new: &NewVisit,
    ) -> Result<Option<(VisitId, Visit)>, Problem> {
        if !ctx.import {
            return Ok(None);
        }
        let store = ctx.store();
        let Some(r) = self.id.as_ref() else {
            for id in ctx.refs.visits_at(employer, new.at.timestamp())? {
                if let Some(visit) = store.employer_visit(employer, id)? {
                    if differences(&visit, new).is_empty() {
                        return Ok(Some((id, visit)));
                    }
                }
            }
            return Ok(None);
        };
        let found = match new.id {
            Some(id) => vec![id],
            None => store
                .find_external_id(Named::Visit(employer), r.text())?
                .into_iter()
                .map(VisitId)
                .collect(),
        };
        for id in found {
            if let Some(visit) = store.employer_visit(employer, id)? {
                return Ok(Some((id, visit)));
            }
        }
        Ok(None)
    }
}

/// The fields in which a logged visit differs from the one a line describes.
fn differences(stored: &Visit, new: &NewVisit) -> Vec<&'static str> {
    let mut seekers = new.seekers.clone();
    seekers.sort();
    seekers.dedup();
    let mut had = stored.seekers.clone();
    had.sort();
    let trim = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    [
        ("time", stored.at != new.at),
        ("mode", stored.mode != new.mode),
        ("purpose", stored.purpose != new.purpose),
        ("job seekers", had != seekers),
        ("contact", stored.contact_id != new.contact_id),
        ("location", stored.location != trim(&new.location)),
        (
            "followed preference",
            stored.followed_preference != new.followed_preference,
        ),
        ("outcome", stored.outcome != trim(&new.outcome)),
        ("next step", stored.next_step != trim(&new.next_step)),
        (
            "next step date",
            stored.next_step_date != new.next_step_date,
        ),
    ]
    .into_iter()
    .filter(|(_, differs)| *differs)
    .map(|(name, _)| name)
    .collect()
}
