//! Correcting a logged visit with the same form: it starts from the visit as logged, in the
//! offset it was logged in, and saves through the core's visit correction. The employer and
//! the job seekers stay as logged (a visit at the wrong employer or about the wrong people is
//! voided and logged again, as the core requires), so the form does not offer them.

use std::sync::{Arc, Mutex};

use fieldbook_core::ids::{EmployerId, VisitId};
use fieldbook_core::{Error, NewVisit, Store, VisitEdit};

use super::{Mode, VisitDraft, VisitForm};
use crate::errors::problem;
use crate::screens::Screens;

/// The visit a form corrects, and what the form does not show but the correction keeps.
#[derive(Debug, Clone)]
pub(super) struct Correcting {
    pub employer: EmployerId,
    pub visit: VisitId,
    location: Option<String>,
}

#[uniffi::export]
impl Screens {
    /// A form correcting the visit `visit_id` logged at employer `employer_id`: the `draft`
    /// kept from before the screen was rebuilt, or the visit as logged. When the visit cannot
    /// be read the form says so, and saving does too.
    pub fn visit_correction(
        self: Arc<Self>,
        employer_id: String,
        visit_id: String,
        draft: Option<VisitDraft>,
    ) -> Arc<VisitForm> {
        let (mode, logged) = match load(self.store(), &employer_id, &visit_id) {
            Ok((correcting, logged)) => (Mode::Correct(correcting), logged),
            Err(e) => (
                Mode::Missing(problem(&self.words(), &e, &|_| None)),
                VisitDraft::new(chrono::Utc::now(), 0),
            ),
        };
        let refusal = match &mode {
            Mode::Missing(p) => Some(p.clone()),
            _ => None,
        };
        Arc::new(VisitForm {
            screens: self,
            mode,
            state: Mutex::new((draft.unwrap_or(logged), refusal)),
        })
    }
}

/// The visit as logged, as a draft.
fn load(
    store: &Store,
    employer_id: &str,
    visit_id: &str,
) -> Result<(Correcting, VisitDraft), Error> {
    let employer: EmployerId = employer_id
        .parse()
        .map_err(|_| Error::not_found("employer", employer_id))?;
    let visit: VisitId = visit_id
        .parse()
        .map_err(|_| Error::not_found("visit", visit_id))?;
    let v = store
        .employer(employer)?
        .visits
        .remove(&visit)
        .ok_or_else(|| Error::not_found("visit", visit))?;
    let offset_minutes = v.at.offset().local_minus_utc() / 60;
    let mut draft = VisitDraft::new(v.at.to_utc(), offset_minutes);
    draft.employer_id = Some(employer.to_string());
    draft.contact_id = v.contact_id.map(|c| c.to_string());
    draft.seeker_ids = v.seekers.iter().map(|s| s.to_string()).collect();
    draft.mode = v.mode.as_str().to_owned();
    draft.purpose = v.purpose.as_str().to_owned();
    draft.followed_preference = v.followed_preference;
    draft.outcome = v.outcome.unwrap_or_default();
    draft.next_step = v.next_step.unwrap_or_default();
    draft.next_step_date = v.next_step_date.map(|d| d.to_string()).unwrap_or_default();
    let correcting = Correcting {
        employer,
        visit,
        location: v.location,
    };
    Ok((correcting, draft))
}

/// Saves the checked form as the correction of the visit.
pub(super) fn save(store: &Store, c: &Correcting, checked: NewVisit) -> Result<(), Error> {
    let edit = VisitEdit {
        at: checked.at,
        contact_id: checked.contact_id,
        location: c.location.clone(),
        mode: checked.mode,
        purpose: checked.purpose,
        followed_preference: checked.followed_preference,
        outcome: checked.outcome,
        next_step: checked.next_step,
        next_step_date: checked.next_step_date,
    };
    store.edit_visit(c.employer, c.visit, edit)
}

/// The visit as saved, to show after a correction.
pub(super) fn reload(store: &Store, c: &Correcting) -> Option<VisitDraft> {
    load(store, &c.employer.to_string(), &c.visit.to_string())
        .ok()
        .map(|(_, draft)| draft)
}
