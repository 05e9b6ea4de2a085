//! Taking back entries of a job seeker's own record entered in error: a job entered twice or
//! on the wrong person, a follow-along support logged by mistake, a plan step added twice.
//! As with visits and case notes ([`super::void`]), the entry is marked void with the reason,
//! stays in the record and its history, syncs like any change, and leaves every figure: a
//! void job is in no fidelity item, outcome, support window, caseload line or timeline.
//!
//! A job's start may have written a "working" status. Voiding the job voids that entry too,
//! so the status before it is in force again (ADR 0001, "Corrections"); nothing new is
//! written to the status history, because the person never was working by that job.

use chrono::NaiveDate;

use crate::document::DocKind;
use crate::ids::{JobId, SeekerId, StatusChangeId, StepId, SupportId};
use crate::model::{SeekerDoc, SeekerStatus, StatusChange};
use crate::store::Store;
use crate::{Error, Result};

use super::job::JOB_START;
use super::read_seeker;
use super::void::void_already;

impl Store {
    /// Voids a job entered in error, and the "working" status its start wrote (unless
    /// another job the person held that day keeps them working; when a later job then
    /// makes them working, that is written from its start). Unknown is "job not found"; a
    /// job already void is refused, naming it. Supports logged against the job stay: they
    /// were given.
    pub fn void_job(&self, seeker: SeekerId, job: JobId, reason: &str) -> Result<()> {
        let voided = self.voided(reason)?;
        self.write("job.void", |e| {
            let doc = read_seeker(e, seeker)?;
            let found = doc
                .jobs
                .get(&job)
                .ok_or_else(|| Error::not_found("job", job))?;
            if found.voided.is_some() {
                return Err(void_already("job", job));
            }
            let statuses = statuses_written_by(&doc, job);
            let again = working_again(&doc, job, &statuses);
            let recorded = Some(e.now);
            let w = e.doc(seeker.doc(), DocKind::Seeker)?;
            w.put(&["jobs", &job.to_string()], "voided", &voided)?;
            for id in &statuses {
                w.put(&["status_history", &id.to_string()], "voided", &voided)?;
            }
            if let Some((other, date)) = again {
                let working = StatusChange {
                    status: SeekerStatus::Working,
                    date,
                    reason: Some(JOB_START.into()),
                    recorded,
                    job_id: Some(other),
                    voided: None,
                };
                let id = StatusChangeId::new().to_string();
                w.put(&["status_history"], &id, &working)?;
            }
            Ok(())
        })
    }

    /// Voids a follow-along support contact entered in error: it then meets no support
    /// requirement and is in no count.
    pub fn void_support(&self, seeker: SeekerId, support: SupportId, reason: &str) -> Result<()> {
        let voided = self.voided(reason)?;
        self.write("support.void", |e| {
            let doc = read_seeker(e, seeker)?;
            let found = doc
                .supports
                .get(&support)
                .ok_or_else(|| Error::not_found("support", support))?;
            if found.voided.is_some() {
                return Err(void_already("support", support));
            }
            e.doc(seeker.doc(), DocKind::Seeker)?.put(
                &["supports", &support.to_string()],
                "voided",
                &voided,
            )
        })
    }

    /// Voids a plan step entered in error: it leaves the plan, the caseload's next step and
    /// the steps due.
    pub fn void_step(&self, seeker: SeekerId, step: StepId, reason: &str) -> Result<()> {
        let voided = self.voided(reason)?;
        self.write("plan.step.void", |e| {
            let doc = read_seeker(e, seeker)?;
            let found = doc
                .plan
                .steps
                .get(&step)
                .ok_or_else(|| Error::not_found("step", step))?;
            if found.voided.is_some() {
                return Err(void_already("step", step));
            }
            e.doc(seeker.doc(), DocKind::Seeker)?.put(
                &["plan", "steps", &step.to_string()],
                "voided",
                &voided,
            )
        })
    }
}

/// The standing "working" entries the start of `job` wrote: those linked to it (or to a job
/// voided earlier, whose entry `job` kept standing) and, written before the link was kept,
/// unlinked entries with the reason "job start" dated on or after a competitive job's
/// start. An entry stays when another standing competitive job was held on its date: the
/// person was working anyway (the same job entered twice, say).
fn statuses_written_by(doc: &SeekerDoc, job: JobId) -> Vec<StatusChangeId> {
    let Some(this) = doc.jobs.get(&job) else {
        return Vec::new();
    };
    doc.standing_statuses()
        .filter(|(_, c)| c.status == SeekerStatus::Working)
        .filter(|(_, c)| match c.job_id {
            Some(j) => j == job || doc.jobs.get(&j).is_some_and(|o| !o.counts()),
            None => {
                this.competitive && c.reason.as_deref() == Some(JOB_START) && c.date >= this.start
            }
        })
        .filter(|(_, c)| {
            !doc.standing_jobs()
                .any(|(other, j)| *other != job && j.competitive && j.held_on(c.date))
        })
        .map(|(id, _)| *id)
        .collect()
}

/// Once the entries `gone` are void: the first standing competitive job (not `job`), by
/// start, whose start finds the person engaging, searching or without a status, with the
/// day it makes them working. Its own start wrote no "working" (the void job had), so the
/// void writes the entry that start would have written had the void job never been entered.
fn working_again(
    doc: &SeekerDoc,
    job: JobId,
    gone: &[StatusChangeId],
) -> Option<(JobId, NaiveDate)> {
    if gone.is_empty() {
        return None;
    }
    let mut others: Vec<_> = doc
        .standing_jobs()
        .filter(|(id, j)| **id != job && j.competitive)
        .collect();
    others.sort_by_key(|(id, j)| (j.start, **id));
    others.into_iter().find_map(|(id, j)| {
        let from = doc
            .program_entry()
            .map_or(j.start, |entry| entry.max(j.start));
        let then = doc
            .standing_statuses()
            .filter(|(sid, c)| !gone.contains(sid) && c.date <= from)
            .max_by_key(|(sid, c)| c.rank(sid))
            .map(|(_, c)| c.status);
        then.is_none_or(|s| matches!(s, SeekerStatus::Engaging | SeekerStatus::JobSearch))
            .then_some((*id, from))
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// A record written before status entries named their job: searching from 09-01, then
    /// "working" from 10-05 (by a job start or, with `reason` none, by hand), with the jobs
    /// given as (start, competitive).
    fn older_record(reason: Option<&str>, jobs: &[(&str, bool)]) -> (SeekerDoc, Vec<JobId>) {
        let ids: Vec<JobId> = jobs.iter().map(|_| JobId::new()).collect();
        let jobs: serde_json::Map<String, serde_json::Value> = ids
            .iter()
            .zip(jobs)
            .map(|(id, (start, competitive))| {
                let job = json!({"employer_name": "Maple Street Bakery", "title": "Counter clerk",
                    "start": start, "competitive": competitive});
                (id.to_string(), job)
            })
            .collect();
        let doc = serde_json::from_value(json!({
            "id": SeekerId::new(),
            "status_history": {
                StatusChangeId::new().to_string(): {"status": "job_search", "date": "2026-09-01"},
                StatusChangeId::new().to_string(): {"status": "working", "date": "2026-10-05", "reason": reason},
            },
            "jobs": jobs,
        }))
        .unwrap();
        (doc, ids)
    }

    fn working_entries(doc: &SeekerDoc) -> Vec<StatusChangeId> {
        doc.status_history
            .iter()
            .filter(|(_, c)| c.status == SeekerStatus::Working)
            .map(|(id, _)| *id)
            .collect()
    }

    #[test]
    fn an_older_job_start_entry_is_found_by_its_reason_and_date() {
        let (doc, jobs) = older_record(Some(JOB_START), &[("2026-10-05", true)]);
        assert_eq!(statuses_written_by(&doc, jobs[0]), working_entries(&doc));
        // Set by hand: never the job's to take back.
        let (doc, jobs) = older_record(None, &[("2026-10-05", true)]);
        assert!(statuses_written_by(&doc, jobs[0]).is_empty());
        // A job starting after the entry, or not competitive, did not write it.
        let (doc, jobs) = older_record(Some(JOB_START), &[("2026-10-06", true)]);
        assert!(statuses_written_by(&doc, jobs[0]).is_empty());
        let (doc, jobs) = older_record(Some(JOB_START), &[("2026-10-05", false)]);
        assert!(statuses_written_by(&doc, jobs[0]).is_empty());
        // The same job entered twice: the other copy keeps the person working.
        let (doc, jobs) = older_record(
            Some(JOB_START),
            &[("2026-10-05", true), ("2026-10-05", true)],
        );
        assert!(statuses_written_by(&doc, jobs[0]).is_empty());
        assert!(statuses_written_by(&doc, jobs[1]).is_empty());
    }
}
