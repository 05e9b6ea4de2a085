//! Corrections from the terminal: voiding jobs, supports and plan steps entered in error, and
//! editing jobs, supports and visits. An edit changes only the flags given (an empty text
//! clears a field) and is checked as the entry's creation is; a void keeps the entry in the
//! record's history, marked with the reason, and takes it out of every count.

use chrono::{DateTime, FixedOffset, NaiveDate};
use fieldbook_core::model::{ContactMode, SupportContact, SupportGiver, VisitPurpose};
use fieldbook_core::{JobEdit, Store, VisitEdit};
use serde_json::json;

use crate::ops::wage_cents;
use crate::output::emit;
use crate::refs::{Ref, Resolver};
use crate::values;

fn err(e: fieldbook_core::Error) -> String {
    e.to_string()
}

/// Text given to clear a field (`--note ""`) becomes none; absent keeps the stored value.
fn text_or(given: &Option<String>, stored: Option<String>) -> Option<String> {
    match given {
        Some(t) => Some(t.clone()).filter(|t| !t.trim().is_empty()),
        None => stored,
    }
}

/// Which entry to take back, and why.
#[derive(Debug, clap::Args)]
pub struct VoidArgs {
    /// The job seeker (id, external id or name).
    #[arg(long)]
    pub seeker: Ref,
    /// Why it was entered in error, in a few words.
    #[arg(long)]
    pub reason: String,
}

/// Corrects a job: only the fields given change.
#[derive(Debug, clap::Args)]
pub struct JobEditArgs {
    #[arg(long)]
    pub seeker: Ref,
    /// The job: its id, title or employer.
    #[arg(long)]
    pub job: Ref,
    /// The employer, when it is on the team's list (id, external id or name).
    #[arg(long, conflicts_with = "employer_name")]
    pub employer: Option<Ref>,
    /// The employer's name, when it is not.
    #[arg(long)]
    pub employer_name: Option<String>,
    #[arg(long)]
    pub title: Option<String>,
    #[arg(long)]
    pub job_type: Option<String>,
    #[arg(long, value_parser = values::date)]
    pub start: Option<NaiveDate>,
    #[arg(long, value_parser = values::number)]
    pub hours_per_week: Option<f64>,
    /// Hourly wage in dollars, e.g. 15.50.
    #[arg(long, value_parser = values::number)]
    pub wage: Option<f64>,
    #[arg(long, value_parser = values::boolean)]
    pub permanent: Option<bool>,
    #[arg(long, value_parser = values::boolean)]
    pub competitive: Option<bool>,
    #[arg(long, value_parser = values::boolean)]
    pub disclosed: Option<bool>,
}

/// Corrects a follow-along support contact: only the fields given change.
#[derive(Debug, clap::Args)]
pub struct SupportEditArgs {
    #[arg(long)]
    pub seeker: Ref,
    /// The support: its id, or its kind when one support of that kind is recorded.
    #[arg(long)]
    pub support: Ref,
    #[arg(long, value_parser = values::date)]
    pub date: Option<NaiveDate>,
    #[arg(long, value_parser = values::boolean)]
    pub in_person: Option<bool>,
    /// specialist, team_member, family, employer or other.
    #[arg(long, value_parser = values::choice::<SupportGiver>)]
    pub given_by: Option<SupportGiver>,
    #[arg(long)]
    pub kind: Option<String>,
    /// The job it supports (id, title or employer).
    #[arg(long)]
    pub job: Option<Ref>,
    #[arg(long)]
    pub note: Option<String>,
}

/// Corrects a visit: only the fields given change. Not its employer nor the job seekers
/// discussed: a visit logged at the wrong employer or about the wrong people is voided
/// (`visit void`) and logged again.
#[derive(Debug, clap::Args)]
pub struct VisitEditArgs {
    /// The employer (id, external id or name).
    #[arg(long)]
    pub employer: Ref,
    /// The visit's id (as `employer show --json` lists it) or the id it was imported with.
    #[arg(long)]
    pub visit: Ref,
    /// When, e.g. "2026-11-24 10:30".
    #[arg(long, value_parser = values::time)]
    pub at: Option<DateTime<FixedOffset>>,
    /// The contact person (id or name).
    #[arg(long)]
    pub contact: Option<Ref>,
    #[arg(long)]
    pub location: Option<String>,
    /// in_person, phone, email or video.
    #[arg(long, value_parser = values::choice::<ContactMode>)]
    pub mode: Option<ContactMode>,
    /// introduce_ips, learn_business_needs, follow_up, present_candidate, interview or
    /// on_the_job_support.
    #[arg(long, value_parser = values::choice::<VisitPurpose>)]
    pub purpose: Option<VisitPurpose>,
    /// The contact followed the job seekers' preferences (yes/no).
    #[arg(long, value_parser = values::boolean)]
    pub followed_preference: Option<bool>,
    #[arg(long)]
    pub outcome: Option<String>,
    #[arg(long)]
    pub next_step: Option<String>,
    #[arg(long, value_parser = values::date)]
    pub next_step_date: Option<NaiveDate>,
}

/// `job void`: the job, and the "working" status its start wrote, leave every figure.
pub fn void_job(store: &Store, json: bool, args: VoidArgs, job: Ref) -> Result<(), String> {
    let mut refs = Resolver::new(store);
    let seeker = refs.seeker(&args.seeker)?;
    let job = refs.job(seeker, &job)?;
    store.void_job(seeker, job, &args.reason).map_err(err)?;
    let value =
        json!({"op": "job.void", "seeker_id": seeker, "job_id": job, "reason": args.reason});
    emit(json, &value, |_| {
        format!("job {job} is void: {}", args.reason)
    })
}

/// `support void`.
pub fn void_support(store: &Store, json: bool, args: VoidArgs, support: Ref) -> Result<(), String> {
    let mut refs = Resolver::new(store);
    let seeker = refs.seeker(&args.seeker)?;
    let support = refs.support(seeker, &support)?;
    store
        .void_support(seeker, support, &args.reason)
        .map_err(err)?;
    let value = json!({"op": "support.void", "seeker_id": seeker, "support_id": support, "reason": args.reason});
    emit(json, &value, |_| {
        format!("support {support} is void: {}", args.reason)
    })
}

/// `plan step void`.
pub fn void_step(store: &Store, json: bool, args: VoidArgs, step: Ref) -> Result<(), String> {
    let mut refs = Resolver::new(store);
    let seeker = refs.seeker(&args.seeker)?;
    let step = refs.step(seeker, &step)?;
    store.void_step(seeker, step, &args.reason).map_err(err)?;
    let value = json!({"op": "plan.step.void", "seeker_id": seeker, "step_id": step, "reason": args.reason});
    emit(json, &value, |_| {
        format!("plan step {step} is void: {}", args.reason)
    })
}

/// `job edit`.
pub fn edit_job(store: &Store, json: bool, a: JobEditArgs) -> Result<(), String> {
    let mut refs = Resolver::new(store);
    let seeker = refs.seeker(&a.seeker)?;
    let job = refs.job(seeker, &a.job)?;
    let stored = store
        .seeker(seeker)
        .map_err(err)?
        .jobs
        .remove(&job)
        .ok_or_else(|| format!("job {job} not found"))?;
    let (employer_id, employer_name) = match (&a.employer, &a.employer_name) {
        (Some(e), _) => (Some(refs.employer(e)?), None),
        (None, Some(name)) => (None, Some(name.clone())),
        (None, None) => (stored.employer_id, Some(stored.employer_name)),
    };
    let wage = match a.wage {
        Some(_) => wage_cents(a.wage).map_err(|p| p.to_string())?,
        None => stored.hourly_wage_cents,
    };
    let edit = JobEdit {
        employer_id,
        employer_name,
        title: a.title.unwrap_or(stored.title),
        job_type: text_or(&a.job_type, stored.job_type),
        soc_code: stored.soc_code,
        start: a.start.unwrap_or(stored.start),
        hours_per_week: a.hours_per_week.or(stored.hours_per_week),
        hourly_wage_cents: wage,
        permanent: a.permanent.or(stored.permanent),
        competitive: a.competitive.unwrap_or(stored.competitive),
        disclosed: a.disclosed.or(stored.disclosed),
    };
    store.edit_job(seeker, job, edit).map_err(err)?;
    let value = json!({"op": "job.edit", "seeker_id": seeker, "job_id": job});
    emit(json, &value, |_| format!("job {job} corrected"))
}

/// `support edit`.
pub fn edit_support(store: &Store, json: bool, a: SupportEditArgs) -> Result<(), String> {
    let mut refs = Resolver::new(store);
    let seeker = refs.seeker(&a.seeker)?;
    let support = refs.support(seeker, &a.support)?;
    let stored = store
        .seeker(seeker)
        .map_err(err)?
        .supports
        .remove(&support)
        .ok_or_else(|| format!("support {support} not found"))?;
    let job_id = match &a.job {
        Some(j) => Some(refs.job(seeker, j)?),
        None => stored.job_id,
    };
    let contact = SupportContact {
        date: a.date.unwrap_or(stored.date),
        in_person: a.in_person.unwrap_or(stored.in_person),
        given_by: a.given_by.unwrap_or(stored.given_by),
        kind: a.kind.unwrap_or(stored.kind),
        job_id,
        note: text_or(&a.note, stored.note),
        voided: None,
    };
    store.edit_support(seeker, support, contact).map_err(err)?;
    let value = json!({"op": "support.edit", "seeker_id": seeker, "support_id": support});
    emit(json, &value, |_| format!("support {support} corrected"))
}

/// `visit edit`.
pub fn edit_visit(store: &Store, json: bool, a: VisitEditArgs) -> Result<(), String> {
    let mut refs = Resolver::new(store);
    let employer = refs.employer(&a.employer)?;
    let visit = refs.visit(employer, &a.visit)?;
    let stored = store
        .employer(employer)
        .map_err(err)?
        .visits
        .remove(&visit)
        .ok_or_else(|| format!("visit {visit} not found"))?;
    let contact_id = match &a.contact {
        Some(c) => Some(refs.contact(employer, c)?),
        None => stored.contact_id,
    };
    let edit = VisitEdit {
        at: a.at.unwrap_or(stored.at),
        contact_id,
        location: text_or(&a.location, stored.location),
        mode: a.mode.unwrap_or(stored.mode),
        purpose: a.purpose.unwrap_or(stored.purpose),
        followed_preference: a.followed_preference.or(stored.followed_preference),
        outcome: text_or(&a.outcome, stored.outcome),
        next_step: text_or(&a.next_step, stored.next_step),
        next_step_date: a.next_step_date.or(stored.next_step_date),
    };
    store.edit_visit(employer, visit, edit).map_err(err)?;
    let value = json!({"op": "visit.edit", "employer_id": employer, "visit_id": visit});
    emit(json, &value, |_| format!("visit {visit} corrected"))
}
