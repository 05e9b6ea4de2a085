//! Corrections for the apps: voiding jobs, follow-along supports and plan steps entered in
//! error, editing jobs, supports and visits, and merging duplicate records. The rules are the core's (see
//! `Store::void_job`, `Store::edit_visit`); this file only turns the forms into its inputs.

use fieldbook_core::ids::{ContactId, DocId, EmployerId, JobId, StepId, SupportId, VisitId};
use fieldbook_core::{JobEdit, VisitEdit};

use crate::enums::{ContactMode, VisitPurpose};
use crate::error::FfiResult;
use crate::inputs::{JobStartInput, SupportInput};
use crate::parse::{id, opt_date, opt_id, time};
use crate::store::Fieldbook;

/// The corrected fields of a visit: the whole form, as the visit screen shows it. The
/// employer and the job seekers discussed are not in it: a visit at the wrong employer or
/// about the wrong people is voided (`void_visit`) and logged again.
#[derive(Debug, Clone, uniffi::Record)]
pub struct VisitEditInput {
    /// RFC 3339 with the phone's offset.
    pub at: String,
    pub mode: ContactMode,
    pub purpose: VisitPurpose,
    #[uniffi(default = None)]
    pub contact_id: Option<String>,
    #[uniffi(default = None)]
    pub location: Option<String>,
    #[uniffi(default = None)]
    pub followed_preference: Option<bool>,
    #[uniffi(default = None)]
    pub outcome: Option<String>,
    #[uniffi(default = None)]
    pub next_step: Option<String>,
    #[uniffi(default = None)]
    pub next_step_date: Option<String>,
}

impl VisitEditInput {
    fn edit(&self) -> FfiResult<VisitEdit> {
        Ok(VisitEdit {
            at: time("at", &self.at)?,
            contact_id: opt_id::<ContactId>("contact_id", &self.contact_id)?,
            location: self.location.clone(),
            mode: self.mode.into(),
            purpose: self.purpose.into(),
            followed_preference: self.followed_preference,
            outcome: self.outcome.clone(),
            next_step: self.next_step.clone(),
            next_step_date: opt_date("next_step_date", &self.next_step_date)?,
        })
    }
}

impl JobStartInput {
    /// The job form as an edit of a recorded job.
    fn job_edit(&self) -> FfiResult<JobEdit> {
        Ok(JobEdit::from(&self.new_job()?))
    }
}

#[uniffi::export]
impl Fieldbook {
    /// Takes back a job entered in error, with the reason: it stays in the record's
    /// history, marked void, and leaves every figure; the "working" status its start set is
    /// void too unless another job keeps the person working.
    pub fn void_job(&self, seeker_id: String, job_id: String, reason: String) -> FfiResult<()> {
        Ok(self.store.void_job(
            id("seeker_id", &seeker_id)?,
            id::<JobId>("job_id", &job_id)?,
            &reason,
        )?)
    }

    /// Takes back a follow-along support contact entered in error, with the reason.
    pub fn void_support(
        &self,
        seeker_id: String,
        support_id: String,
        reason: String,
    ) -> FfiResult<()> {
        Ok(self.store.void_support(
            id("seeker_id", &seeker_id)?,
            id::<SupportId>("support_id", &support_id)?,
            &reason,
        )?)
    }

    /// Takes back a plan step entered in error, with the reason.
    pub fn void_step(&self, seeker_id: String, step_id: String, reason: String) -> FfiResult<()> {
        Ok(self.store.void_step(
            id("seeker_id", &seeker_id)?,
            id::<StepId>("step_id", &step_id)?,
            &reason,
        )?)
    }

    /// Merges the job seeker `duplicate_id` into `kept_id` (two records of one person): the
    /// duplicate's entries and case notes are copied into the record kept, and its id
    /// resolves to the record kept from then on (`survivor`).
    pub fn merge_seekers(
        &self,
        kept_id: String,
        duplicate_id: String,
        reason: String,
    ) -> FfiResult<()> {
        Ok(self.store.merge_seekers(
            id("kept_id", &kept_id)?,
            id("duplicate_id", &duplicate_id)?,
            &reason,
        )?)
    }

    /// Merges the employer `duplicate_id` into `kept_id`: its visits and contact people are
    /// copied into the record kept.
    pub fn merge_employers(
        &self,
        kept_id: String,
        duplicate_id: String,
        reason: String,
    ) -> FfiResult<()> {
        Ok(self.store.merge_employers(
            id::<EmployerId>("kept_id", &kept_id)?,
            id::<EmployerId>("duplicate_id", &duplicate_id)?,
            &reason,
        )?)
    }

    /// The record a job seeker's or employer's id resolves to when it was merged into
    /// another (the screen opens that one instead); none when it stands.
    pub fn survivor(&self, record_id: String) -> FfiResult<Option<String>> {
        let record = id::<DocId>("record_id", &record_id)?.0;
        Ok(self.store.survivor(record)?.map(|s| s.to_string()))
    }

    /// Corrects a job with the whole job form (checked as a job start is).
    pub fn edit_job(
        &self,
        seeker_id: String,
        job_id: String,
        input: JobStartInput,
    ) -> FfiResult<()> {
        Ok(self.store.edit_job(
            id("seeker_id", &seeker_id)?,
            id::<JobId>("job_id", &job_id)?,
            input.job_edit()?,
        )?)
    }

    /// Corrects a follow-along support contact with the whole support form.
    pub fn edit_support(
        &self,
        seeker_id: String,
        support_id: String,
        input: SupportInput,
    ) -> FfiResult<()> {
        Ok(self.store.edit_support(
            id("seeker_id", &seeker_id)?,
            id::<SupportId>("support_id", &support_id)?,
            input.support()?,
        )?)
    }

    /// Corrects a visit, and the activity it copied into each job seeker's record.
    pub fn edit_visit(
        &self,
        employer_id: String,
        visit_id: String,
        input: VisitEditInput,
    ) -> FfiResult<()> {
        Ok(self.store.edit_visit(
            id::<EmployerId>("employer_id", &employer_id)?,
            id::<VisitId>("visit_id", &visit_id)?,
            input.edit()?,
        )?)
    }
}
