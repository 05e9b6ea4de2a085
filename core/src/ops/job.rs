//! Job starts, job ends and follow-along supports.

use chrono::NaiveDate;

use super::read_seeker;
use crate::document::DocKind;
use crate::ids::{EmployerId, JobId, SeekerId, StatusChangeId, SupportId};
use crate::model::{
    non_empty, not_before, trimmed, EmployerDoc, Job, JobEnd, SeekerStatus, StatusChange,
    SupportContact,
};
use crate::store::Store;
use crate::{Error, Result};

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

impl Store {
    /// Records a job start. A person engaging or searching who starts a competitive job
    /// becomes "working" from the start date — never from a day before their program entry
    /// or before the status in force, so a job found before entry does not make them served
    /// early. A non-competitive job (sheltered workshop, enclave) changes no status: it does
    /// not make a person working for the outcomes. Any other status is left as the team set it.
    pub fn start_job(&self, seeker: SeekerId, new: NewJob) -> Result<JobId> {
        if let Some(h) = new.hours_per_week {
            if !(h > 0.0 && h <= 80.0) {
                return Err(Error::invalid(
                    "hours_per_week",
                    format!("{h} is not more than 0 and at most 80"),
                ));
            }
        }
        if new.hourly_wage_cents.is_some_and(|w| w < 0) {
            return Err(Error::invalid("hourly_wage_cents", "must not be negative"));
        }
        let title = non_empty("title", &new.title)?;
        let job_id = new.id.unwrap_or_else(JobId::new);
        self.write("job.start", |e| {
            let employer_name = match new.employer_id {
                Some(emp) => {
                    e.read::<EmployerDoc>(emp.doc(), DocKind::Employer)?
                        .info
                        .name
                }
                None => non_empty("employer_name", new.employer_name.as_deref().unwrap_or(""))?,
            };
            let doc = read_seeker(e, seeker)?;
            if doc.jobs.contains_key(&job_id) {
                return Err(Error::AlreadyExists {
                    kind: "job",
                    id: job_id.to_string(),
                });
            }
            let job = Job {
                employer_id: new.employer_id,
                employer_name,
                title,
                job_type: trimmed("job_type", new.job_type.as_deref())?,
                soc_code: trimmed("soc_code", new.soc_code.as_deref())?,
                start: new.start,
                hours_per_week: new.hours_per_week,
                hourly_wage_cents: new.hourly_wage_cents,
                permanent: new.permanent,
                competitive: new.competitive,
                disclosed: new.disclosed,
                end: None,
            };
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
                    reason: Some("job start".into()),
                    recorded,
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
            let existing = doc
                .jobs
                .get(&job)
                .ok_or_else(|| Error::not_found("job", job))?;
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
        let support = SupportContact {
            kind: non_empty("kind", &support.kind)?,
            note: trimmed("note", support.note.as_deref())?,
            ..support
        };
        let support_id = SupportId::new();
        self.write("support.log", |e| {
            let doc = read_seeker(e, seeker)?;
            if let Some(j) = support.job_id {
                if !doc.jobs.contains_key(&j) {
                    return Err(Error::not_found("job", j));
                }
            }
            e.doc(seeker.doc(), DocKind::Seeker)?.put(
                &["supports"],
                &support_id.to_string(),
                &support,
            )?;
            Ok(support_id)
        })
    }
}
