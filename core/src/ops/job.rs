//! Job starts, job ends and follow-along supports.

use chrono::NaiveDate;

use super::read_seeker;
use super::void::void;
use crate::document::DocKind;
use crate::ids::{EmployerId, JobId, SeekerId, StatusChangeId, SupportId};
use crate::model::{
    non_empty, not_before, trimmed, EmployerDoc, Job, JobEnd, SeekerDoc, SeekerStatus,
    StatusChange, SupportContact,
};
use crate::store::{Edit, Store};
use crate::{Error, Reason, Result};

/// The reason a job start gives the "working" status it writes (how voiding a job finds
/// entries written before they named their job).
pub(super) const JOB_START: &str = "job start";

/// A job start to record.
#[derive(Debug, Clone, PartialEq)]
pub struct NewJob {
    pub id: Option<JobId>,
    /// The employer, when the team knows it; its name is taken from its record.
    pub employer_id: Option<EmployerId>,
    /// Needed when `employer_id` is not given.
    pub employer_name: Option<String>,
    pub title: String,
    pub job_type: Option<String>,
    pub soc_code: Option<String>,
    pub start: NaiveDate,
    pub hours_per_week: Option<f64>,
    pub hourly_wage_cents: Option<i64>,
    pub permanent: Option<bool>,
    pub competitive: bool,
    pub disclosed: Option<bool>,
}

/// What a specialist fills in about a job: a job start's fields without its id, and the
/// form [`Store::edit_job`] takes (its end and any void are kept as they are).
#[derive(Debug, Clone, PartialEq)]
pub struct JobEdit {
    /// The employer, when the team knows it; its name is taken from its record.
    pub employer_id: Option<EmployerId>,
    /// Needed when `employer_id` is not given.
    pub employer_name: Option<String>,
    pub title: String,
    pub job_type: Option<String>,
    pub soc_code: Option<String>,
    pub start: NaiveDate,
    pub hours_per_week: Option<f64>,
    pub hourly_wage_cents: Option<i64>,
    pub permanent: Option<bool>,
    pub competitive: bool,
    pub disclosed: Option<bool>,
}

impl From<&NewJob> for JobEdit {
    fn from(n: &NewJob) -> Self {
        JobEdit {
            employer_id: n.employer_id,
            employer_name: n.employer_name.clone(),
            title: n.title.clone(),
            job_type: n.job_type.clone(),
            soc_code: n.soc_code.clone(),
            start: n.start,
            hours_per_week: n.hours_per_week,
            hourly_wage_cents: n.hourly_wage_cents,
            permanent: n.permanent,
            competitive: n.competitive,
            disclosed: n.disclosed,
        }
    }
}

/// A job from its form, checked as a job start and an edit both check it: hours between 0
/// and 80, no negative wage, a title, and an employer known to the phone or named.
pub(super) fn checked_job(e: &mut Edit<'_>, f: &JobEdit) -> Result<Job> {
    if let Some(h) = f.hours_per_week {
        if !(h > 0.0 && h <= 80.0) {
            return Err(Error::invalid_because(
                "hours_per_week",
                Reason::OutOfRange {
                    value: h.to_string(),
                    min: "0".into(),
                    max: "80".into(),
                    min_excluded: true,
                },
            ));
        }
    }
    if let Some(w) = f.hourly_wage_cents.filter(|w| *w < 0) {
        return Err(Error::invalid_because(
            "hourly_wage_cents",
            Reason::Negative {
                value: w.to_string(),
            },
        ));
    }
    let title = non_empty("title", &f.title)?;
    let employer_name = match f.employer_id {
        Some(emp) => {
            let name = e
                .read::<EmployerDoc>(emp.doc(), DocKind::Employer)?
                .info
                .name;
            // A job at a merged employer names the employer kept.
            e.refuse_merged(emp.doc(), DocKind::Employer)?;
            name
        }
        None => non_empty("employer_name", f.employer_name.as_deref().unwrap_or(""))?,
    };
    Ok(Job {
        employer_id: f.employer_id,
        employer_name,
        title,
        job_type: trimmed("job_type", f.job_type.as_deref())?,
        soc_code: trimmed("soc_code", f.soc_code.as_deref())?,
        start: f.start,
        hours_per_week: f.hours_per_week,
        hourly_wage_cents: f.hourly_wage_cents,
        permanent: f.permanent,
        competitive: f.competitive,
        disclosed: f.disclosed,
        end: None,
        voided: None,
    })
}

/// A job of the record that stands, for changing it: unknown is "job not found", a void
/// job is refused naming it (a job entered in error is not corrected, it is entered again).
pub(super) fn standing_job(doc: &SeekerDoc, job: JobId) -> Result<&Job> {
    let found = doc
        .jobs
        .get(&job)
        .ok_or_else(|| Error::not_found("job", job))?;
    if found.voided.is_some() {
        return Err(void("job", job));
    }
    Ok(found)
}

/// Checks a support contact as logging and editing it both do: a kind, a note of sane
/// length, and a job (if named) that is this person's and stands.
pub(super) fn checked_support(doc: &SeekerDoc, support: SupportContact) -> Result<SupportContact> {
    let support = SupportContact {
        kind: non_empty("kind", &support.kind)?,
        note: trimmed("note", support.note.as_deref())?,
        voided: None,
        ..support
    };
    if let Some(j) = support.job_id {
        standing_job(doc, j).map_err(|e| match e {
            Error::Invalid { reason, code, .. } => Error::Invalid {
                field: "job_id".into(),
                reason,
                code,
            },
            other => other,
        })?;
    }
    Ok(support)
}

impl Store {
    /// Records a job start. A person engaging or searching who starts a competitive job
    /// becomes "working" from the start date — never from a day before their program entry
    /// or before the status in force, so a job found before entry does not make them served
    /// early. A non-competitive job (sheltered workshop, enclave) changes no status: it does
    /// not make a person working for the outcomes. Any other status is left as the team set it.
    pub fn start_job(&self, seeker: SeekerId, new: NewJob) -> Result<JobId> {
        let job_id = new.id.unwrap_or_else(JobId::new);
        self.write("job.start", |e| {
            let job = checked_job(e, &JobEdit::from(&new))?;
            let doc = read_seeker(e, seeker)?;
            if doc.jobs.contains_key(&job_id) {
                return Err(Error::AlreadyExists {
                    kind: "job",
                    id: job_id.to_string(),
                });
            }
            let current = doc.current_status().map(|(_, c)| c);
            let searching = current.is_none_or(|c| {
                matches!(c.status, SeekerStatus::Engaging | SeekerStatus::JobSearch)
            });
            let working_from = [doc.program_entry(), current.map(|c| c.date)]
                .into_iter()
                .flatten()
                .fold(new.start, NaiveDate::max);
            let recorded = Some(e.now);
            let w = e.doc(seeker.doc(), DocKind::Seeker)?;
            w.put(&["jobs"], &job_id.to_string(), &job)?;
            if searching && job.competitive {
                let working = StatusChange {
                    status: SeekerStatus::Working,
                    date: working_from,
                    reason: Some(JOB_START.into()),
                    recorded,
                    job_id: Some(job_id),
                    voided: None,
                };
                w.put(
                    &["status_history"],
                    &StatusChangeId::new().to_string(),
                    &working,
                )?;
            }
            Ok(job_id)
        })
    }

    /// Records how and when a job ended (or corrects a recorded end).
    pub fn end_job(&self, seeker: SeekerId, job: JobId, end: JobEnd) -> Result<()> {
        let end = JobEnd {
            reason: non_empty("reason", &end.reason)?,
            ..end
        };
        not_before("learned", end.learned, "end date", Some(end.date))?;
        self.write("job.end", |e| {
            let doc = read_seeker(e, seeker)?;
            let existing = standing_job(&doc, job)?;
            not_before(
                "date",
                Some(end.date),
                "the job's start",
                Some(existing.start),
            )?;
            e.doc(seeker.doc(), DocKind::Seeker)?
                .put(&["jobs", &job.to_string()], "end", &end)
        })
    }

    /// Logs a follow-along support contact.
    pub fn log_support(&self, seeker: SeekerId, support: SupportContact) -> Result<SupportId> {
        let support_id = SupportId::new();
        self.write("support.log", |e| {
            let doc = read_seeker(e, seeker)?;
            let support = checked_support(&doc, support.clone())?;
            e.doc(seeker.doc(), DocKind::Seeker)?.put(
                &["supports"],
                &support_id.to_string(),
                &support,
            )?;
            Ok(support_id)
        })
    }
}
