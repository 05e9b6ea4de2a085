//! What the app's forms send: records of text and numbers, turned into the core's inputs
//! (every date and id checked, naming the field when it is wrong).

use fieldbook_core::ids::{ContactId, EmployerId, JobId, SeekerId};
use fieldbook_core::model::{
    BenefitsPlanning, DisclosurePreference, EmployerContact, EmployerInfo, JobEnd, PlanInfo,
    SeekerProfile, SupportContact,
};
use fieldbook_core::{NewConsent, NewEmployer, NewJob, NewSeeker, NewStep, NewVisit};

use crate::enums::{
    ContactMode, Disclosure, ReleaseTo, SeekerStatus, StepOwner, SupportGiver, VisitPurpose,
};
use crate::error::FfiResult;
use crate::parse::{date, id, opt_date, opt_id, time};

/// A job seeker's profile, for a new record or an edit.
#[derive(Debug, Clone, uniffi::Record)]
pub struct SeekerInput {
    pub name: String,
    #[uniffi(default = None)]
    pub preferred_name: Option<String>,
    #[uniffi(default = None)]
    pub phone: Option<String>,
    #[uniffi(default = None)]
    pub county: Option<String>,
    #[uniffi(default = None)]
    pub referral_date: Option<String>,
    #[uniffi(default = None)]
    pub first_meeting: Option<String>,
    #[uniffi(default = None)]
    pub unemployed_at_entry: Option<bool>,
}

impl SeekerInput {
    pub(crate) fn profile(&self) -> FfiResult<SeekerProfile> {
        Ok(SeekerProfile {
            name: self.name.clone(),
            preferred_name: self.preferred_name.clone(),
            phone: self.phone.clone(),
            county: self.county.clone(),
            referral_date: opt_date("referral_date", &self.referral_date)?,
            first_meeting: opt_date("first_meeting", &self.first_meeting)?,
            unemployed_at_entry: self.unemployed_at_entry,
            benefits_held: Vec::new(),
            // The form does not show it; left out, it is never erased.
            external_id: None,
        })
    }

    pub(crate) fn new_seeker(&self, status: Option<SeekerStatus>) -> FfiResult<NewSeeker> {
        Ok(NewSeeker {
            id: None,
            profile: self.profile()?,
            status: status.map(Into::into),
            status_date: None,
        })
    }
}

/// An employer's details.
#[derive(Debug, Clone, uniffi::Record)]
pub struct EmployerInput {
    pub name: String,
    #[uniffi(default = None)]
    pub industry: Option<String>,
    #[uniffi(default = None)]
    pub address: Option<String>,
    #[uniffi(default = None)]
    pub phone: Option<String>,
    #[uniffi(default = None)]
    pub website: Option<String>,
    #[uniffi(default = None)]
    pub business_needs: Option<String>,
    #[uniffi(default = None)]
    pub hiring_notes: Option<String>,
}

impl EmployerInput {
    pub(crate) fn info(&self) -> EmployerInfo {
        EmployerInfo {
            name: self.name.clone(),
            industry: self.industry.clone(),
            address: self.address.clone(),
            phone: self.phone.clone(),
            website: self.website.clone(),
            business_needs: self.business_needs.clone(),
            hiring_notes: self.hiring_notes.clone(),
            // The form does not show it; left out, it is never erased.
            external_id: None,
        }
    }

    pub(crate) fn new_employer(&self) -> NewEmployer {
        NewEmployer {
            id: None,
            info: self.info(),
        }
    }
}

/// A contact person at an employer.
#[derive(Debug, Clone, uniffi::Record)]
pub struct ContactInput {
    pub name: String,
    #[uniffi(default = None)]
    pub role: Option<String>,
    #[uniffi(default = None)]
    pub phone: Option<String>,
    #[uniffi(default = None)]
    pub email: Option<String>,
}

impl From<ContactInput> for EmployerContact {
    fn from(c: ContactInput) -> Self {
        EmployerContact {
            name: c.name,
            role: c.role,
            phone: c.phone,
            email: c.email,
        }
    }
}

/// The one-screen employer visit form.
#[derive(Debug, Clone, uniffi::Record)]
pub struct VisitInput {
    pub employer_id: String,
    /// RFC 3339 with the phone's offset; `None` means now.
    #[uniffi(default = None)]
    pub at: Option<String>,
    pub mode: ContactMode,
    pub purpose: VisitPurpose,
    /// Job seekers discussed.
    pub seeker_ids: Vec<String>,
    #[uniffi(default = None)]
    pub contact_id: Option<String>,
    #[uniffi(default = None)]
    pub location: Option<String>,
    /// Job seekers, among `seeker_ids`, disclosed to the employer at this visit. Refused
    /// (`DisclosureRefused`) without a current release to employers or against a "do not
    /// disclose" preference.
    #[uniffi(default = [])]
    pub disclosed_seeker_ids: Vec<String>,
    #[uniffi(default = None)]
    pub followed_preference: Option<bool>,
    #[uniffi(default = None)]
    pub outcome: Option<String>,
    #[uniffi(default = None)]
    pub next_step: Option<String>,
    #[uniffi(default = None)]
    pub next_step_date: Option<String>,
}

impl VisitInput {
    pub(crate) fn new_visit(&self) -> FfiResult<NewVisit> {
        let at = match &self.at {
            Some(t) if !t.trim().is_empty() => time("at", t)?,
            _ => chrono::Local::now().fixed_offset(),
        };
        Ok(NewVisit {
            id: None,
            employer_id: id::<EmployerId>("employer_id", &self.employer_id)?,
            at,
            specialist: None,
            contact_id: opt_id::<ContactId>("contact_id", &self.contact_id)?,
            location: self.location.clone(),
            mode: self.mode.into(),
            purpose: self.purpose.into(),
            seekers: self
                .seeker_ids
                .iter()
                .map(|s| id::<SeekerId>("seeker_ids", s))
                .collect::<FfiResult<_>>()?,
            followed_preference: self.followed_preference,
            outcome: self.outcome.clone(),
            next_step: self.next_step.clone(),
            next_step_date: opt_date("next_step_date", &self.next_step_date)?,
        })
    }

    pub(crate) fn disclosed(&self) -> FfiResult<Vec<SeekerId>> {
        self.disclosed_seeker_ids
            .iter()
            .map(|s| id::<SeekerId>("disclosed_seeker_ids", s))
            .collect()
    }
}

/// A plan step.
#[derive(Debug, Clone, uniffi::Record)]
pub struct StepInput {
    pub what: String,
    pub who: StepOwner,
    #[uniffi(default = None)]
    pub due: Option<String>,
}

impl StepInput {
    pub(crate) fn new_step(&self) -> FfiResult<NewStep> {
        Ok(NewStep {
            id: None,
            what: self.what.clone(),
            who: self.who.into(),
            due: opt_date("due", &self.due)?,
        })
    }

    pub(crate) fn edit(&self) -> FfiResult<fieldbook_core::StepEdit> {
        Ok(fieldbook_core::StepEdit {
            what: self.what.clone(),
            who: self.who.into(),
            due: opt_date("due", &self.due)?,
        })
    }
}

/// The plan's goal and targets.
#[derive(Debug, Clone, uniffi::Record)]
pub struct PlanInput {
    #[uniffi(default = None)]
    pub goal: Option<String>,
    #[uniffi(default = [])]
    pub target_job_types: Vec<String>,
    #[uniffi(default = [])]
    pub target_employers: Vec<String>,
    #[uniffi(default = None)]
    pub disclosure_plan: Option<String>,
    #[uniffi(default = None)]
    pub benefits_planning_step: Option<String>,
}

impl From<PlanInput> for PlanInfo {
    fn from(p: PlanInput) -> Self {
        PlanInfo {
            goal: p.goal,
            target_job_types: p.target_job_types,
            target_employers: p.target_employers,
            disclosure_plan: p.disclosure_plan,
            benefits_planning_step: p.benefits_planning_step,
        }
    }
}

/// A job start.
#[derive(Debug, Clone, uniffi::Record)]
pub struct JobStartInput {
    pub title: String,
    pub start: String,
    pub competitive: bool,
    #[uniffi(default = None)]
    pub employer_id: Option<String>,
    #[uniffi(default = None)]
    pub employer_name: Option<String>,
    #[uniffi(default = None)]
    pub job_type: Option<String>,
    #[uniffi(default = None)]
    pub hours_per_week: Option<f64>,
    #[uniffi(default = None)]
    pub hourly_wage_cents: Option<i64>,
    #[uniffi(default = None)]
    pub permanent: Option<bool>,
    #[uniffi(default = None)]
    pub disclosed: Option<bool>,
}

impl JobStartInput {
    pub(crate) fn new_job(&self) -> FfiResult<NewJob> {
        Ok(NewJob {
            id: None,
            employer_id: opt_id::<EmployerId>("employer_id", &self.employer_id)?,
            employer_name: self.employer_name.clone(),
            title: self.title.clone(),
            job_type: self.job_type.clone(),
            soc_code: None,
            start: date("start", &self.start)?,
            hours_per_week: self.hours_per_week,
            hourly_wage_cents: self.hourly_wage_cents,
            permanent: self.permanent,
            competitive: self.competitive,
            disclosed: self.disclosed,
        })
    }
}

/// A job end.
#[derive(Debug, Clone, uniffi::Record)]
pub struct JobEndInput {
    pub date: String,
    pub reason: String,
    #[uniffi(default = None)]
    pub learned: Option<String>,
}

impl JobEndInput {
    pub(crate) fn end(&self) -> FfiResult<JobEnd> {
        Ok(JobEnd {
            date: date("date", &self.date)?,
            reason: self.reason.clone(),
            learned: opt_date("learned", &self.learned)?,
        })
    }
}

/// A follow-along support contact.
#[derive(Debug, Clone, uniffi::Record)]
pub struct SupportInput {
    pub date: String,
    pub in_person: bool,
    pub given_by: SupportGiver,
    pub kind: String,
    #[uniffi(default = None)]
    pub job_id: Option<String>,
    #[uniffi(default = None)]
    pub note: Option<String>,
}

impl SupportInput {
    pub(crate) fn support(&self) -> FfiResult<SupportContact> {
        Ok(SupportContact {
            date: date("date", &self.date)?,
            in_person: self.in_person,
            given_by: self.given_by.into(),
            kind: self.kind.clone(),
            job_id: opt_id::<JobId>("job_id", &self.job_id)?,
            note: self.note.clone(),
            voided: None,
        })
    }
}

/// A signed consent to release information.
#[derive(Debug, Clone, uniffi::Record)]
pub struct ConsentInput {
    /// What may be released.
    pub scope: String,
    /// To whom, in the consent's words.
    pub recipient: String,
    /// The kind of recipient, which decides what the consent allows.
    pub release_to: ReleaseTo,
    pub signed: String,
    /// The last day in force; one year after signing when `None` (Minnesota's default).
    #[uniffi(default = None)]
    pub expires: Option<String>,
}

impl ConsentInput {
    pub(crate) fn consent(&self) -> FfiResult<NewConsent> {
        Ok(NewConsent {
            scope: self.scope.clone(),
            recipient: self.recipient.clone(),
            release_to: self.release_to.into(),
            signed: date("signed", &self.signed)?,
            expires: opt_date("expires", &self.expires)?,
        })
    }
}

/// Benefits-planning dates.
#[derive(Debug, Clone, uniffi::Record)]
pub struct BenefitsInput {
    #[uniffi(default = None)]
    pub referred: Option<String>,
    #[uniffi(default = None)]
    pub offered: Option<String>,
    #[uniffi(default = None)]
    pub completed: Option<String>,
    #[uniffi(default = None)]
    pub planner: Option<String>,
}

impl BenefitsInput {
    pub(crate) fn benefits(&self) -> FfiResult<BenefitsPlanning> {
        Ok(BenefitsPlanning {
            referred: opt_date("referred", &self.referred)?,
            offered: opt_date("offered", &self.offered)?,
            completed: opt_date("completed", &self.completed)?,
            planner: self.planner.clone(),
        })
    }
}

/// The job seeker's disclosure preference (career profile).
#[derive(Debug, Clone, uniffi::Record)]
pub struct DisclosureInput {
    pub choice: Option<Disclosure>,
    /// In the person's words: what may be said, by whom, when.
    #[uniffi(default = None)]
    pub how: Option<String>,
}

impl From<DisclosureInput> for DisclosurePreference {
    fn from(d: DisclosureInput) -> Self {
        DisclosurePreference {
            choice: d.choice.map(Into::into),
            how: d.how,
        }
    }
}
