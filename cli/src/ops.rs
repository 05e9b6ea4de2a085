//! The writing operations, each one struct used twice: as a command's flags (clap) and as an
//! import line's fields (serde, snake_case). `apply` performs it on the store and returns
//! the JSON a script chains on (always with the ids).

use chrono::{DateTime, FixedOffset, Local, NaiveDate, NaiveDateTime, TimeZone};
use fieldbook_core::ids::{ContactId, EmployerId, JobId, SeekerId, StepId};
use fieldbook_core::model::{
    ContactMode, EmployerContact, EmployerInfo, JobEnd, SeekerProfile, SeekerStatus, StepOwner,
    SupportContact, SupportGiver, VisitPurpose,
};
use fieldbook_core::{today, NewEmployer, NewJob, NewSeeker, NewStep, NewVisit, Store};
use serde::Deserialize;
use serde_json::{json, Value};

use crate::refs::{enum_arg, Ref};

/// A local date and time: RFC 3339 (`2026-11-24T10:30:00-06:00`) or `YYYY-MM-DD HH:MM` in
/// this computer's time zone.
pub fn parse_time(s: &str) -> Result<DateTime<FixedOffset>, String> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s.trim()) {
        return Ok(t);
    }
    NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%d %H:%M")
        .ok()
        .and_then(|t| Local.from_local_datetime(&t).single())
        .map(|t| t.fixed_offset())
        .ok_or_else(|| format!("`{s}` is not a time like 2026-11-24 10:30"))
}

fn de_time<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<DateTime<FixedOffset>>, D::Error> {
    let s: Option<String> = Option::deserialize(d)?;
    s.map(|s| parse_time(&s).map_err(serde::de::Error::custom))
        .transpose()
}

/// Adds a job seeker to this phone's caseload.
#[derive(Debug, Clone, clap::Args, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeekerAdd {
    /// An id for the new record (UUID or any text), so later commands can name it.
    #[arg(long)]
    pub id: Option<Ref>,
    /// Full name.
    #[arg(long)]
    pub name: String,
    #[arg(long)]
    pub preferred_name: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub county: Option<String>,
    /// Date of referral (program entry when there is no first meeting yet).
    #[arg(long)]
    pub referral_date: Option<NaiveDate>,
    /// Date of the first meeting with the specialist.
    #[arg(long)]
    pub first_meeting: Option<NaiveDate>,
    /// engaging, job_search, working, follow_along, inactive or closed.
    #[arg(long, value_parser = enum_arg::<SeekerStatus>)]
    pub status: Option<SeekerStatus>,
    /// When the status began (default: today).
    #[arg(long)]
    pub status_date: Option<NaiveDate>,
}

/// Changes a job seeker's profile or status; only the given fields change.
#[derive(Debug, Clone, clap::Args, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeekerEdit {
    /// The job seeker (id or import name).
    #[arg(long)]
    pub seeker: Ref,
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub preferred_name: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub county: Option<String>,
    #[arg(long)]
    pub referral_date: Option<NaiveDate>,
    #[arg(long)]
    pub first_meeting: Option<NaiveDate>,
    #[arg(long, value_parser = enum_arg::<SeekerStatus>)]
    pub status: Option<SeekerStatus>,
    #[arg(long)]
    pub status_date: Option<NaiveDate>,
}

/// Adds an employer to the team's list.
#[derive(Debug, Clone, clap::Args, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmployerAdd {
    #[arg(long)]
    pub id: Option<Ref>,
    #[arg(long)]
    pub name: String,
    #[arg(long)]
    pub industry: Option<String>,
    #[arg(long)]
    pub address: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub website: Option<String>,
    /// What the business needs, learned on visits.
    #[arg(long)]
    pub business_needs: Option<String>,
    #[arg(long)]
    pub hiring_notes: Option<String>,
}

/// Adds a contact person at an employer.
#[derive(Debug, Clone, clap::Args, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ContactAdd {
    #[arg(long)]
    pub employer: Ref,
    #[arg(long)]
    pub name: String,
    #[arg(long)]
    pub role: Option<String>,
    #[arg(long)]
    pub phone: Option<String>,
    #[arg(long)]
    pub email: Option<String>,
}

/// Logs an employer contact: who, where, why, which job seekers, what came of it.
#[derive(Debug, Clone, clap::Args, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VisitLog {
    #[arg(long)]
    pub id: Option<Ref>,
    #[arg(long)]
    pub employer: Ref,
    /// When (default: now), e.g. "2026-11-24 10:30".
    #[arg(long, value_parser = parse_time)]
    #[serde(default, deserialize_with = "de_time")]
    pub at: Option<DateTime<FixedOffset>>,
    /// The contact person's id.
    #[arg(long)]
    pub contact: Option<Ref>,
    #[arg(long)]
    pub location: Option<String>,
    /// in_person (default), phone, email or video.
    #[arg(long, value_parser = enum_arg::<ContactMode>)]
    pub mode: Option<ContactMode>,
    /// introduce_ips, learn_business_needs (default), follow_up, present_candidate,
    /// interview or on_the_job_support.
    #[arg(long, value_parser = enum_arg::<VisitPurpose>)]
    pub purpose: Option<VisitPurpose>,
    /// A job seeker discussed (repeat for several).
    #[arg(long = "seeker")]
    #[serde(default)]
    pub seekers: Vec<Ref>,
    /// The contact followed the job seekers' preferences.
    #[arg(long)]
    pub followed_preference: Option<bool>,
    #[arg(long)]
    pub outcome: Option<String>,
    #[arg(long)]
    pub next_step: Option<String>,
    #[arg(long)]
    pub next_step_date: Option<NaiveDate>,
}

/// Adds a step to a job seeker's employment plan.
#[derive(Debug, Clone, clap::Args, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepAdd {
    #[arg(long)]
    pub seeker: Ref,
    #[arg(long)]
    pub id: Option<Ref>,
    #[arg(long)]
    pub what: String,
    /// seeker (default) or specialist.
    #[arg(long, value_parser = enum_arg::<StepOwner>)]
    pub who: Option<StepOwner>,
    #[arg(long)]
    pub due: Option<NaiveDate>,
}

/// Marks a plan step done.
#[derive(Debug, Clone, clap::Args, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepDone {
    #[arg(long)]
    pub seeker: Ref,
    #[arg(long)]
    pub step: Ref,
    /// Day it was done (default: today).
    #[arg(long)]
    pub on: Option<NaiveDate>,
}

/// Records a job start (and moves a job seeker in engagement or job search to working).
#[derive(Debug, Clone, clap::Args, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JobStart {
    #[arg(long)]
    pub seeker: Ref,
    #[arg(long)]
    pub id: Option<Ref>,
    /// The employer's id, when it is on the team's list.
    #[arg(long)]
    pub employer: Option<Ref>,
    /// The employer's name, when it is not.
    #[arg(long)]
    pub employer_name: Option<String>,
    #[arg(long)]
    pub title: String,
    #[arg(long)]
    pub job_type: Option<String>,
    #[arg(long)]
    pub start: NaiveDate,
    #[arg(long)]
    pub hours_per_week: Option<f64>,
    /// Hourly wage in dollars, e.g. 15.50.
    #[arg(long)]
    pub wage: Option<f64>,
    #[arg(long)]
    pub permanent: Option<bool>,
    /// Competitive: open to anyone, at least minimum wage (default: true).
    #[arg(long)]
    pub competitive: Option<bool>,
    /// The job seeker chose to disclose their condition to this employer.
    #[arg(long)]
    pub disclosed: Option<bool>,
}

/// Records that a job ended.
#[derive(Debug, Clone, clap::Args, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JobEndArgs {
    #[arg(long)]
    pub seeker: Ref,
    #[arg(long)]
    pub job: Ref,
    #[arg(long)]
    pub date: NaiveDate,
    #[arg(long)]
    pub reason: String,
    /// When you learned of it (default: the end date).
    #[arg(long)]
    pub learned: Option<NaiveDate>,
}

/// Logs a follow-along support contact.
#[derive(Debug, Clone, clap::Args, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SupportLog {
    #[arg(long)]
    pub seeker: Ref,
    /// Default: today.
    #[arg(long)]
    pub date: Option<NaiveDate>,
    /// Face to face (default: true).
    #[arg(long)]
    pub in_person: Option<bool>,
    /// specialist (default), team_member, family, employer or other.
    #[arg(long, value_parser = enum_arg::<SupportGiver>)]
    pub given_by: Option<SupportGiver>,
    /// What kind of support, e.g. "check-in at work".
    #[arg(long)]
    pub kind: String,
    #[arg(long)]
    pub job: Option<Ref>,
    #[arg(long)]
    pub note: Option<String>,
}

/// Adds a case note (team-private; never on the job seeker's phone).
#[derive(Debug, Clone, clap::Args, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteAdd {
    #[arg(long)]
    pub seeker: Ref,
    #[arg(long)]
    pub text: String,
}

/// One writing operation, as named in import files.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "op")]
pub enum Op {
    #[serde(rename = "seeker.add")]
    SeekerAdd(SeekerAdd),
    #[serde(rename = "seeker.edit")]
    SeekerEdit(SeekerEdit),
    #[serde(rename = "employer.add")]
    EmployerAdd(EmployerAdd),
    #[serde(rename = "contact.add")]
    ContactAdd(ContactAdd),
    #[serde(rename = "visit.log")]
    VisitLog(VisitLog),
    #[serde(rename = "step.add")]
    StepAdd(StepAdd),
    #[serde(rename = "step.done")]
    StepDone(StepDone),
    #[serde(rename = "job.start")]
    JobStart(JobStart),
    #[serde(rename = "job.end")]
    JobEnd(JobEndArgs),
    #[serde(rename = "support.log")]
    SupportLog(SupportLog),
    #[serde(rename = "note.add")]
    NoteAdd(NoteAdd),
}

type Out = fieldbook_core::Result<Value>;

impl Op {
    /// Performs the operation: one durable write, or nothing on error.
    pub fn apply(self, store: &Store) -> Out {
        match self {
            Op::SeekerAdd(a) => seeker_add(store, a),
            Op::SeekerEdit(a) => seeker_edit(store, a),
            Op::EmployerAdd(a) => employer_add(store, a),
            Op::ContactAdd(a) => {
                let employer: EmployerId = a.employer.id();
                let id = store.add_contact(
                    employer,
                    EmployerContact {
                        name: a.name,
                        role: a.role,
                        phone: a.phone,
                        email: a.email,
                    },
                )?;
                Ok(json!({"op": "contact.add", "employer_id": employer, "contact_id": id}))
            }
            Op::VisitLog(a) => visit_log(store, a),
            Op::StepAdd(a) => {
                let seeker: SeekerId = a.seeker.id();
                let id = store.add_step(
                    seeker,
                    NewStep {
                        id: a.id.map(|r| r.id()),
                        what: a.what,
                        who: a.who.unwrap_or(StepOwner::Seeker),
                        due: a.due,
                    },
                )?;
                Ok(json!({"op": "step.add", "seeker_id": seeker, "step_id": id}))
            }
            Op::StepDone(a) => {
                let (seeker, step): (SeekerId, StepId) = (a.seeker.id(), a.step.id());
                store.complete_step(seeker, step, a.on.unwrap_or_else(today))?;
                Ok(json!({"op": "step.done", "seeker_id": seeker, "step_id": step}))
            }
            Op::JobStart(a) => job_start(store, a),
            Op::JobEnd(a) => {
                let (seeker, job): (SeekerId, JobId) = (a.seeker.id(), a.job.id());
                store.end_job(
                    seeker,
                    job,
                    JobEnd {
                        date: a.date,
                        reason: a.reason,
                        learned: a.learned,
                    },
                )?;
                Ok(json!({"op": "job.end", "seeker_id": seeker, "job_id": job}))
            }
            Op::SupportLog(a) => {
                let seeker: SeekerId = a.seeker.id();
                let id = store.log_support(
                    seeker,
                    SupportContact {
                        date: a.date.unwrap_or_else(today),
                        in_person: a.in_person.unwrap_or(true),
                        given_by: a.given_by.unwrap_or(SupportGiver::Specialist),
                        kind: a.kind,
                        job_id: a.job.map(|j| j.id()),
                        note: a.note,
                    },
                )?;
                Ok(json!({"op": "support.log", "seeker_id": seeker, "support_id": id}))
            }
            Op::NoteAdd(a) => {
                let seeker: SeekerId = a.seeker.id();
                let id = store.add_note(seeker, &a.text, None)?;
                Ok(json!({"op": "note.add", "seeker_id": seeker, "note_id": id}))
            }
        }
    }
}

fn seeker_add(store: &Store, a: SeekerAdd) -> Out {
    let id = store.create_seeker(NewSeeker {
        id: a.id.map(|r| r.id()),
        profile: SeekerProfile {
            name: a.name,
            preferred_name: a.preferred_name,
            phone: a.phone,
            county: a.county,
            referral_date: a.referral_date,
            first_meeting: a.first_meeting,
            ..Default::default()
        },
        status: a.status,
        status_date: a.status_date,
    })?;
    Ok(json!({"op": "seeker.add", "seeker_id": id}))
}

fn seeker_edit(store: &Store, a: SeekerEdit) -> Out {
    let id: SeekerId = a.seeker.id();
    let mut profile = store.seeker(id)?.profile;
    let before = profile.clone();
    let set = |field: &mut Option<String>, value: Option<String>| {
        if value.is_some() {
            *field = value;
        }
    };
    if let Some(name) = a.name {
        profile.name = name;
    }
    set(&mut profile.preferred_name, a.preferred_name);
    set(&mut profile.phone, a.phone);
    set(&mut profile.county, a.county);
    profile.referral_date = a.referral_date.or(profile.referral_date);
    profile.first_meeting = a.first_meeting.or(profile.first_meeting);
    if profile != before {
        store.update_profile(id, profile)?;
    }
    if let Some(status) = a.status {
        store.set_status(id, status, a.status_date.unwrap_or_else(today), None)?;
    }
    Ok(json!({"op": "seeker.edit", "seeker_id": id}))
}

fn employer_add(store: &Store, a: EmployerAdd) -> Out {
    let id = store.create_employer(NewEmployer {
        id: a.id.map(|r| r.id()),
        info: EmployerInfo {
            name: a.name,
            industry: a.industry,
            address: a.address,
            phone: a.phone,
            website: a.website,
            business_needs: a.business_needs,
            hiring_notes: a.hiring_notes,
        },
    })?;
    Ok(json!({"op": "employer.add", "employer_id": id}))
}

fn visit_log(store: &Store, a: VisitLog) -> Out {
    let employer: EmployerId = a.employer.id();
    let id = store.log_visit(NewVisit {
        id: a.id.map(|r| r.id()),
        employer_id: employer,
        at: a.at.unwrap_or_else(|| Local::now().fixed_offset()),
        specialist: store.identity().user_id,
        contact_id: a.contact.map(|c| c.id::<ContactId>()),
        location: a.location,
        mode: a.mode.unwrap_or(ContactMode::InPerson),
        purpose: a.purpose.unwrap_or(VisitPurpose::LearnBusinessNeeds),
        seekers: a.seekers.iter().map(|s| s.id()).collect(),
        followed_preference: a.followed_preference,
        outcome: a.outcome,
        next_step: a.next_step,
        next_step_date: a.next_step_date,
    })?;
    Ok(json!({"op": "visit.log", "employer_id": employer, "visit_id": id}))
}

fn job_start(store: &Store, a: JobStart) -> Out {
    let seeker: SeekerId = a.seeker.id();
    let wage = match a.wage {
        Some(w) if !(0.0..=10_000.0).contains(&w) => {
            return Err(fieldbook_core::Error::invalid(
                "wage",
                "must be an hourly wage in dollars",
            ))
        }
        w => w.map(|w| (w * 100.0).round() as i64),
    };
    let id = store.start_job(
        seeker,
        NewJob {
            id: a.id.map(|r| r.id()),
            employer_id: a.employer.map(|e| e.id()),
            employer_name: a.employer_name,
            title: a.title,
            job_type: a.job_type,
            soc_code: None,
            start: a.start,
            hours_per_week: a.hours_per_week,
            hourly_wage_cents: wage,
            permanent: a.permanent,
            competitive: a.competitive.unwrap_or(true),
            disclosed: a.disclosed,
        },
    )?;
    Ok(json!({"op": "job.start", "seeker_id": seeker, "job_id": id}))
}
