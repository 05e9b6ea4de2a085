//! Job starts, job ends and follow-along supports.

use chrono::NaiveDate;
use fieldbook_core::model::{JobEnd, SupportContact, SupportGiver};
use fieldbook_core::{today, NewJob};
use serde::Deserialize;

use super::{Action, Ctx, Outcome, Problem};
use crate::refs::{same, Entry, Ref};
use crate::values::{self, de};

/// Records a job start (and moves a job seeker in engagement or job search to working).
#[derive(Debug, Clone, clap::Args, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JobStart {
    #[arg(long)]
    pub seeker: Ref,
    /// A name later lines of the same import use for this job.
    #[arg(skip)]
    #[serde(default)]
    pub id: Option<Ref>,
    /// The employer, when it is on the team's list (id, external id or name).
    #[arg(long)]
    #[serde(default)]
    pub employer: Option<Ref>,
    /// The employer's name, when it is not.
    #[arg(long)]
    #[serde(default, deserialize_with = "de::text")]
    pub employer_name: Option<String>,
    #[arg(long)]
    #[serde(deserialize_with = "de::text_required")]
    pub title: String,
    #[arg(long)]
    #[serde(default, deserialize_with = "de::text")]
    pub job_type: Option<String>,
    #[arg(long, value_parser = values::date)]
    #[serde(deserialize_with = "de::date_required")]
    pub start: NaiveDate,
    #[arg(long, value_parser = values::number)]
    #[serde(default, deserialize_with = "de::number")]
    pub hours_per_week: Option<f64>,
    /// Hourly wage in dollars, e.g. 15.50.
    #[arg(long, value_parser = values::number)]
    #[serde(default, deserialize_with = "de::number")]
    pub wage: Option<f64>,
    #[arg(long, value_parser = values::boolean)]
    #[serde(default, deserialize_with = "de::boolean")]
    pub permanent: Option<bool>,
    /// Competitive: open to anyone, at least minimum wage (default: yes).
    #[arg(long, value_parser = values::boolean)]
    #[serde(default, deserialize_with = "de::boolean")]
    pub competitive: Option<bool>,
    /// The job seeker chose to disclose their condition to this employer (yes/no).
    #[arg(long, value_parser = values::boolean)]
    #[serde(default, deserialize_with = "de::boolean")]
    pub disclosed: Option<bool>,
}

impl JobStart {
    pub fn apply(self, ctx: &mut Ctx<'_>) -> Result<Outcome, Problem> {
        let seeker = ctx.seeker(&self.seeker)?;
        let employer = self
            .employer
            .as_ref()
            .map(|e| ctx.refs.employer(e))
            .transpose()
            .map_err(|e| Problem::new(Some("employer"), e))?;
        let wage = wage_cents(self.wage)?;
        let known = if ctx.import {
            let doc = ctx.store().seeker(seeker)?;
            doc.jobs
                .iter()
                .find(|(_, j)| {
                    same(&j.title, &self.title)
                        && j.start == self.start
                        && (j.employer_id == employer
                            || self
                                .employer_name
                                .as_deref()
                                .is_some_and(|n| same(n, &j.employer_name)))
                })
                .map(|(id, j)| (*id, j.clone()))
        } else {
            None
        };
        if let Some((_, stored)) = &known {
            let differ: Vec<&str> = [
                ("job_type", stored.job_type != self.job_type),
                (
                    "hours_per_week",
                    stored.hours_per_week != self.hours_per_week,
                ),
                ("wage", stored.hourly_wage_cents != wage),
                ("permanent", stored.permanent != self.permanent),
                (
                    "competitive",
                    stored.competitive != self.competitive.unwrap_or(true),
                ),
                ("disclosed", stored.disclosed != self.disclosed),
            ]
            .into_iter()
            .filter(|(_, differs)| *differs)
            .map(|(name, _)| name)
            .collect();
            if !differ.is_empty() {
                return Err(Problem::new(
                    Some(differ[0]),
                    format!(
                        "the job `{}` starting {} is already recorded with another {}: an \
                         import does not change a recorded job",
                        self.title,
                        self.start,
                        differ.join(", ")
                    ),
                ));
            }
        }
        let known = known.map(|(id, _)| id);
        let (job, action) = match known {
            Some(job) => (job, Action::Unchanged),
            None => {
                let job = ctx.store().start_job(
                    seeker,
                    NewJob {
                        id: self.id.as_ref().and_then(Ref::uuid).map(Into::into),
                        employer_id: employer,
                        employer_name: self.employer_name.clone(),
                        title: self.title.clone(),
                        job_type: self.job_type.clone(),
                        soc_code: None,
                        start: self.start,
                        hours_per_week: self.hours_per_week,
                        hourly_wage_cents: wage,
                        permanent: self.permanent,
                        competitive: self.competitive.unwrap_or(true),
                        disclosed: self.disclosed,
                    },
                )?;
                (job, Action::Created)
            }
        };
        if let Some(name) = &self.id {
            ctx.refs.name_entry(Entry::Job(seeker), name.text(), job.0);
        }
        Ok(Outcome::new("job.start", action)
            .with("seeker_id", seeker)
            .with("job_id", job))
    }
}

/// An hourly wage in dollars as cents, refusing what is not a wage (for starting and
/// editing a job alike).
pub fn wage_cents(wage: Option<f64>) -> Result<Option<i64>, Problem> {
    match wage {
        Some(w) if !(0.0..=10_000.0).contains(&w) => Err(Problem::new(
            Some("wage"),
            format!("`{w}` is not an hourly wage in dollars"),
        )),
        w => Ok(w.map(|w| (w * 100.0).round() as i64)),
    }
}

/// Records that a job ended.
#[derive(Debug, Clone, clap::Args, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JobEndArgs {
    #[arg(long)]
    pub seeker: Ref,
    /// The job: its id, title or employer.
    #[arg(long)]
    pub job: Ref,
    #[arg(long, value_parser = values::date)]
    #[serde(deserialize_with = "de::date_required")]
    pub date: NaiveDate,
    #[arg(long)]
    #[serde(deserialize_with = "de::text_required")]
    pub reason: String,
    /// When you learned of it (default: the end date).
    #[arg(long, value_parser = values::date)]
    #[serde(default, deserialize_with = "de::date")]
    pub learned: Option<NaiveDate>,
}

impl JobEndArgs {
    pub fn apply(self, ctx: &mut Ctx<'_>) -> Result<Outcome, Problem> {
        let seeker = ctx.seeker(&self.seeker)?;
        let job = ctx
            .refs
            .job(seeker, &self.job)
            .map_err(|e| Problem::new(Some("job"), e))?;
        let end = JobEnd {
            date: self.date,
            reason: self.reason.trim().to_string(),
            learned: self.learned,
        };
        let outcome = |action| {
            Outcome::new("job.end", action)
                .with("seeker_id", seeker)
                .with("job_id", job)
        };
        if ctx.import {
            let doc = ctx.store().seeker(seeker)?;
            if doc.jobs.get(&job).and_then(|j| j.end.as_ref()) == Some(&end) {
                return Ok(outcome(Action::Unchanged));
            }
        }
        ctx.store().end_job(seeker, job, end)?;
        Ok(outcome(Action::Updated))
    }
}

/// Logs a follow-along support contact.
#[derive(Debug, Clone, clap::Args, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupportLog {
    #[arg(long)]
    pub seeker: Ref,
    /// Default: today.
    #[arg(long, value_parser = values::date)]
    #[serde(default, deserialize_with = "de::date")]
    pub date: Option<NaiveDate>,
    /// Face to face (default: yes).
    #[arg(long, value_parser = values::boolean)]
    #[serde(default, deserialize_with = "de::boolean")]
    pub in_person: Option<bool>,
    /// specialist (default), team_member, family, employer or other.
    #[arg(long, value_parser = values::choice::<SupportGiver>)]
    #[serde(default, deserialize_with = "de::choice")]
    pub given_by: Option<SupportGiver>,
    /// What kind of support, e.g. "check-in at work".
    #[arg(long)]
    #[serde(deserialize_with = "de::text_required")]
    pub kind: String,
    /// The job it supports (id, title or employer).
    #[arg(long)]
    #[serde(default)]
    pub job: Option<Ref>,
    #[arg(long)]
    #[serde(default, deserialize_with = "de::text")]
    pub note: Option<String>,
}

impl SupportLog {
    pub fn apply(self, ctx: &mut Ctx<'_>) -> Result<Outcome, Problem> {
        let seeker = ctx.seeker(&self.seeker)?;
        let job = self
            .job
            .as_ref()
            .map(|j| ctx.refs.job(seeker, j))
            .transpose()
            .map_err(|e| Problem::new(Some("job"), e))?;
        let support = SupportContact {
            date: self.date.unwrap_or_else(today),
            in_person: self.in_person.unwrap_or(true),
            given_by: self.given_by.unwrap_or(SupportGiver::Specialist),
            kind: self.kind.clone(),
            job_id: job,
            note: self.note.clone(),
            voided: None,
        };
        if ctx.import {
            let doc = ctx.store().seeker(seeker)?;
            let known = doc.supports.iter().find(|(_, s)| {
                s.date == support.date
                    && s.given_by == support.given_by
                    && s.in_person == support.in_person
                    && same(&s.kind, &support.kind)
            });
            if let Some((id, _)) = known {
                return Ok(Outcome::new("support.log", Action::Unchanged)
                    .with("seeker_id", seeker)
                    .with("support_id", id));
            }
        }
        let id = ctx.store().log_support(seeker, support)?;
        Ok(Outcome::new("support.log", Action::Created)
            .with("seeker_id", seeker)
            .with("support_id", id))
    }
}
