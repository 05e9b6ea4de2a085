//! The one object an app holds: a phone's store. Safe to share between threads — the UI
//! reads while a background worker syncs.

use std::sync::Arc;

use fieldbook_core::ids::{ContactId, DocId, EmployerId, JobId, SeekerId, StepId};
use fieldbook_core::{Enrollment, Store};

use crate::enums::{SeekerStatus, StepStatus};
use crate::error::FfiResult;
use crate::inputs::*;
use crate::parse::{date, id, opt_date};
use crate::views::*;

/// Told when records change, here or through sync, so screens can refresh.
#[uniffi::export(callback_interface)]
pub trait ChangeListener: Send + Sync {
    /// The ids of the documents that changed.
    fn documents_changed(&self, document_ids: Vec<String>);
}

/// Told after each round trip of a long sync.
#[uniffi::export(callback_interface)]
pub trait SyncProgressListener: Send + Sync {
    fn progress(&self, progress: SyncProgressView);
}

/// A phone's Fieldbook: its records, its queries, its sync.
#[derive(uniffi::Object)]
pub struct Fieldbook {
    pub(crate) store: Arc<Store>,
}

impl std::fmt::Debug for Fieldbook {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fieldbook")
            .field("path", &self.store.path())
            .finish()
    }
}

fn today_or(field: &str, day: &Option<String>) -> FfiResult<chrono::NaiveDate> {
    Ok(opt_date(field, day)?.unwrap_or_else(fieldbook_core::today))
}

#[uniffi::export]
impl Fieldbook {
    /// Opens (or creates) the store at `path`. `key` is the 32-byte key the app keeps in the
    /// Android Keystore or iOS Keychain; a wrong key is `WrongKey`, never an empty store.
    #[uniffi::constructor]
    pub fn open(path: String, key: Option<Vec<u8>>) -> FfiResult<Arc<Fieldbook>> {
        let store = Store::open(path, key.as_deref())?;
        Ok(Arc::new(Fieldbook {
            store: Arc::new(store),
        }))
    }

    /// Every screen's state and wording, in `language` (see `language_for_phone`).
    pub fn screens(
        &self,
        language: fieldbook_presentation::Language,
    ) -> Arc<fieldbook_presentation::Screens> {
        fieldbook_presentation::Screens::new(Arc::clone(&self.store), language)
    }

    /// Who this phone is (and whether it is enrolled).
    pub fn identity(&self) -> IdentityView {
        self.store.identity().into()
    }

    /// Enrolls with a server using a one-time code. `ca_certificate_pem` trusts a server with
    /// a self-signed certificate.
    pub fn enroll(
        &self,
        server_url: String,
        code: String,
        device_name: String,
        ca_certificate_pem: Option<String>,
    ) -> FfiResult<IdentityView> {
        let enrollment = Enrollment {
            server_url,
            code,
            device_name,
            ca_certificate_pem: ca_certificate_pem.map(String::into_bytes),
        };
        Ok(self.store.enroll(&enrollment)?.into())
    }

    /// Sends this phone's changes and receives the team's. Call it from a background worker;
    /// the screens' reads go on meanwhile (they never wait for a sync), and `cancel_sync`
    /// from any thread stops it with `Cancelled`.
    pub fn sync(
        &self,
        progress: Option<Box<dyn SyncProgressListener>>,
    ) -> FfiResult<SyncReportView> {
        let report = match progress {
            Some(listener) => self.store.sync(Some(&|p: &fieldbook_core::SyncProgress| {
                listener.progress(p.into())
            }))?,
            None => self.store.sync(None)?,
        };
        Ok(report.into())
    }

    /// Stops the sync running now (the specialist tapped "stop", or the OS ends background
    /// work): it fails with `Cancelled` at its next check — between requests and pages, or
    /// while an answer arrives. What was merged stays merged, unsent changes stay unsent,
    /// and the next sync goes on from there. Returns whether a sync was running.
    pub fn cancel_sync(&self) -> bool {
        self.store.cancel_sync()
    }

    /// When this phone last synced (RFC 3339), if ever.
    pub fn last_sync(&self) -> FfiResult<Option<String>> {
        Ok(self.store.last_sync()?)
    }

    /// Changes made here that the server has not accepted yet.
    pub fn pending_changes(&self) -> FfiResult<u64> {
        Ok(self.store.pending_changes()?)
    }

    /// Job seekers whose name (or preferred name) has words starting with the words of
    /// `text`, case and accents ignored: the search box of the caseload.
    pub fn find_seekers(&self, text: String) -> FfiResult<Vec<FoundView>> {
        let found = self
            .store
            .find_by_name_prefix(fieldbook_core::NameKind::Seeker, &text)?;
        Ok(found.into_iter().map(Into::into).collect())
    }

    /// Employers whose name has words starting with the words of `text`, case and accents
    /// ignored.
    pub fn find_employers(&self, text: String) -> FfiResult<Vec<FoundView>> {
        let found = self
            .store
            .find_by_name_prefix(fieldbook_core::NameKind::Employer, &text)?;
        Ok(found.into_iter().map(Into::into).collect())
    }

    /// Work not in the team's record yet, named: changes waiting to be sent, by record, and
    /// refused changes kept on this phone (whose record, what, why), with a JSON export.
    pub fn pending(&self) -> FfiResult<PendingView> {
        Ok(self.store.pending()?.into())
    }

    /// Registers a listener; returns a handle for `remove_listener`.
    pub fn add_listener(&self, listener: Box<dyn ChangeListener>) -> u64 {
        let listener: Arc<dyn ChangeListener> = Arc::from(listener);
        self.store.subscribe(Arc::new(move |ids: &[DocId]| {
            listener.documents_changed(ids.iter().map(|i| i.to_string()).collect())
        }))
    }

    pub fn remove_listener(&self, handle: u64) {
        self.store.unsubscribe(handle);
    }

    /// Erases everything on this phone.
    pub fn wipe(&self) -> FfiResult<()> {
        Ok(self.store.wipe()?)
    }

    // Job seekers.

    pub fn create_seeker(
        &self,
        input: SeekerInput,
        status: Option<SeekerStatus>,
    ) -> FfiResult<String> {
        Ok(self
            .store
            .create_seeker(input.new_seeker(status)?)?
            .to_string())
    }

    pub fn update_profile(&self, seeker_id: String, input: SeekerInput) -> FfiResult<()> {
        Ok(self
            .store
            .update_profile(id("seeker_id", &seeker_id)?, input.profile()?)?)
    }

    pub fn set_status(
        &self,
        seeker_id: String,
        status: SeekerStatus,
        date_of_change: String,
        reason: Option<String>,
    ) -> FfiResult<()> {
        self.store.set_status(
            id("seeker_id", &seeker_id)?,
            status.into(),
            date("date", &date_of_change)?,
            reason,
        )?;
        Ok(())
    }

    pub fn update_benefits(&self, seeker_id: String, input: BenefitsInput) -> FfiResult<()> {
        Ok(self
            .store
            .update_benefits(id("seeker_id", &seeker_id)?, input.benefits()?)?)
    }

    pub fn add_consent(&self, seeker_id: String, input: ConsentInput) -> FfiResult<String> {
        Ok(self
            .store
            .add_consent(id("seeker_id", &seeker_id)?, input.consent()?)?
            .to_string())
    }

    /// Records whether (and how) the job seeker wants their mental illness disclosed to
    /// employers; the rest of the career profile stays as it is.
    pub fn set_disclosure_preference(
        &self,
        seeker_id: String,
        input: DisclosureInput,
    ) -> FfiResult<()> {
        Ok(self
            .store
            .set_disclosure(id("seeker_id", &seeker_id)?, input.into())?)
    }

    pub fn seeker(&self, seeker_id: String) -> FfiResult<SeekerView> {
        Ok(self
            .store
            .seeker(id::<SeekerId>("seeker_id", &seeker_id)?)?
            .into())
    }

    pub fn timeline(&self, seeker_id: String) -> FfiResult<Vec<TimelineRow>> {
        Ok(self
            .store
            .timeline(id("seeker_id", &seeker_id)?)?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    // Plans.

    pub fn update_plan(&self, seeker_id: String, input: PlanInput) -> FfiResult<()> {
        Ok(self
            .store
            .update_plan(id("seeker_id", &seeker_id)?, input.into())?)
    }

    pub fn add_step(&self, seeker_id: String, input: StepInput) -> FfiResult<String> {
        Ok(self
            .store
            .add_step(id("seeker_id", &seeker_id)?, input.new_step()?)?
            .to_string())
    }

    pub fn edit_step(&self, seeker_id: String, step_id: String, input: StepInput) -> FfiResult<()> {
        Ok(self.store.edit_step(
            id("seeker_id", &seeker_id)?,
            id::<StepId>("step_id", &step_id)?,
            input.edit()?,
        )?)
    }

    /// Marks a step done on `on` (today when `None`).
    pub fn complete_step(
        &self,
        seeker_id: String,
        step_id: String,
        on: Option<String>,
    ) -> FfiResult<()> {
        Ok(self.store.complete_step(
            id("seeker_id", &seeker_id)?,
            id::<StepId>("step_id", &step_id)?,
            today_or("on", &on)?,
        )?)
    }

    pub fn set_step_status(
        &self,
        seeker_id: String,
        step_id: String,
        status: StepStatus,
    ) -> FfiResult<()> {
        Ok(self.store.set_step_status(
            id("seeker_id", &seeker_id)?,
            id::<StepId>("step_id", &step_id)?,
            status.into(),
        )?)
    }

    /// Moves a step to just after `after_step_id` (to the top when `None`).
    pub fn move_step(
        &self,
        seeker_id: String,
        step_id: String,
        after_step_id: Option<String>,
    ) -> FfiResult<()> {
        let after = after_step_id
            .map(|a| id::<StepId>("after_step_id", &a))
            .transpose()?;
        Ok(self.store.move_step(
            id("seeker_id", &seeker_id)?,
            id::<StepId>("step_id", &step_id)?,
            after,
        )?)
    }

    pub fn steps_due(&self, until: String) -> FfiResult<Vec<DueStepRow>> {
        Ok(self
            .store
            .steps_due(date("until", &until)?)?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    // Employers and visits.

    pub fn create_employer(&self, input: EmployerInput) -> FfiResult<String> {
        Ok(self
            .store
            .create_employer(input.new_employer())?
            .to_string())
    }

    pub fn update_employer(&self, employer_id: String, input: EmployerInput) -> FfiResult<()> {
        Ok(self
            .store
            .update_employer(id("employer_id", &employer_id)?, input.info())?)
    }

    pub fn add_contact(&self, employer_id: String, input: ContactInput) -> FfiResult<String> {
        Ok(self
            .store
            .add_contact(id("employer_id", &employer_id)?, input.into())?
            .to_string())
    }

    pub fn update_contact(
        &self,
        employer_id: String,
        contact_id: String,
        input: ContactInput,
    ) -> FfiResult<()> {
        Ok(self.store.update_contact(
            id("employer_id", &employer_id)?,
            id::<ContactId>("contact_id", &contact_id)?,
            input.into(),
        )?)
    }

    /// Logs an employer visit: in the employer's log and in each job seeker's plan. A visit
    /// that discloses a job seeker without their leave is refused (`DisclosureRefused`).
    pub fn log_visit(&self, input: VisitInput) -> FfiResult<String> {
        Ok(self
            .store
            .log_disclosing_visit(input.new_visit()?, input.disclosed()?)?
            .to_string())
    }

    pub fn employers(&self) -> FfiResult<Vec<EmployerRow>> {
        Ok(self
            .store
            .employers()?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    pub fn employer(&self, employer_id: String) -> FfiResult<EmployerView> {
        let employer: EmployerId = id("employer_id", &employer_id)?;
        Ok(EmployerView::new(
            self.store.employer(employer)?,
            self.store.employer_visits(employer)?,
        ))
    }

    /// This phone's specialist's visits, week by week (`from`..=`to`).
    pub fn visits_by_week(&self, from: String, to: String) -> FfiResult<Vec<WeekOfVisitsView>> {
        Ok(self
            .store
            .visits_by_week(None, date("from", &from)?, date("to", &to)?)?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    // Jobs, supports, notes.

    pub fn start_job(&self, seeker_id: String, input: JobStartInput) -> FfiResult<String> {
        Ok(self
            .store
            .start_job(id("seeker_id", &seeker_id)?, input.new_job()?)?
            .to_string())
    }

    pub fn end_job(&self, seeker_id: String, job_id: String, input: JobEndInput) -> FfiResult<()> {
        Ok(self.store.end_job(
            id("seeker_id", &seeker_id)?,
            id::<JobId>("job_id", &job_id)?,
            input.end()?,
        )?)
    }

    pub fn log_support(&self, seeker_id: String, input: SupportInput) -> FfiResult<String> {
        Ok(self
            .store
            .log_support(id("seeker_id", &seeker_id)?, input.support()?)?
            .to_string())
    }

    pub fn add_note(&self, seeker_id: String, text: String) -> FfiResult<String> {
        Ok(self
            .store
            .add_note(id("seeker_id", &seeker_id)?, &text, None)?
            .to_string())
    }

    /// Takes back a visit entered in error, with the reason: it stays in the log's history,
    /// marked void, and counts nowhere (nor does the activity it copied to job seekers).
    pub fn void_visit(
        &self,
        employer_id: String,
        visit_id: String,
        reason: String,
    ) -> FfiResult<()> {
        Ok(self.store.void_visit(
            id("employer_id", &employer_id)?,
            id("visit_id", &visit_id)?,
            &reason,
        )?)
    }

    /// Takes back a case note entered in error, with the reason.
    pub fn void_note(&self, seeker_id: String, note_id: String, reason: String) -> FfiResult<()> {
        Ok(self.store.void_note(
            id("seeker_id", &seeker_id)?,
            id("note_id", &note_id)?,
            &reason,
        )?)
    }

    // The screens' questions.

    /// The caseload, days counted to `as_of` (today when `None`).
    pub fn caseload(&self, as_of: Option<String>) -> FfiResult<Vec<CaseloadRow>> {
        Ok(self
            .store
            .caseload(today_or("as_of", &as_of)?)?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// This week: face-to-face contacts against the goal, caseload, day-30 warnings.
    pub fn week(&self, as_of: Option<String>) -> FfiResult<WeekView> {
        Ok(self.store.week_summary(today_or("as_of", &as_of)?)?.into())
    }

    /// Every edit of a document (a job seeker's or an employer's id).
    pub fn history(&self, document_id: String) -> FfiResult<Vec<HistoryRow>> {
        Ok(self
            .store
            .history(id::<DocId>("document_id", &document_id)?)?
            .into_iter()
            .map(Into::into)
            .collect())
    }

    /// Settles a conflicting field on one of its values (`value_json`, as `conflicts` gives it).
    pub fn settle(&self, document_id: String, field: String, value_json: String) -> FfiResult<()> {
        let value: serde_json::Value = serde_json::from_str(&value_json)
            .map_err(|e| fieldbook_core::Error::invalid("value_json", e))?;
        Ok(self
            .store
            .settle(id::<DocId>("document_id", &document_id)?, &field, &value)?)
    }

    /// Fields of a record two devices changed at once, every value with who wrote it; the
    /// first value is the one shown now. Editing the field settles it.
    pub fn conflicts(&self, document_id: String) -> FfiResult<Vec<ConflictRow>> {
        Ok(self
            .store
            .conflicts(id::<DocId>("document_id", &document_id)?)?
            .into_iter()
            .map(Into::into)
            .collect())
    }
}
