//! The visit form, the screen a specialist uses most: the employer found by search, the
//! date and time (now by default, in the phone's UTC offset), the contact met, the job
//! seeker it was for, how and why, whether it followed their preference, and the next step.
//! Its draft is a plain record the app keeps across screen rebuilds (rotation, dark mode).

use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, FixedOffset, Utc};
use fieldbook_core::ids::SeekerId;
use fieldbook_core::model::{ContactMode, VisitPurpose};

use crate::errors::{problem, Problem};
use crate::form::SaveOutcome;
use crate::screens::Screens;

mod check;
mod correct;
mod kept;
mod state;

use check::Checked;
pub use kept::{visit_draft_from_text, visit_draft_text, DraftError};
pub use state::VisitFormState;

/// Everything typed or chosen in a visit form so far. The app keeps it (a ViewModel, scene
/// storage) and passes it back when the screen is rebuilt, so nothing half-typed is lost.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct VisitDraft {
    pub employer_search: String,
    pub employer_id: Option<String>,
    /// `2026-11-24`.
    pub date: String,
    /// `14:30`, on the phone's clock.
    pub time: String,
    /// The phone's UTC offset in minutes when the form was opened (`-360` in Minnesota's
    /// winter).
    pub offset_minutes: i32,
    pub contact_id: Option<String>,
    pub seeker_search: String,
    /// The job seekers the visit was for (discussed with the employer), in the order chosen.
    pub seeker_ids: Vec<String>,
    /// The core's name of the contact mode (`in_person`, `phone`, `email`, `video`).
    pub mode: String,
    /// The core's name of the purpose (`follow_up`, `present_candidate`, ...).
    pub purpose: String,
    pub followed_preference: Option<bool>,
    /// What came of it.
    pub outcome: String,
    pub next_step: String,
    /// `2026-11-24`, or blank.
    pub next_step_date: String,
    /// Set by the first save: from then on a missing employer shows as an error.
    pub tried_to_save: bool,
}

const MODES: [ContactMode; 4] = [
    ContactMode::InPerson,
    ContactMode::Phone,
    ContactMode::Email,
    ContactMode::Video,
];

const PURPOSES: [VisitPurpose; 6] = [
    VisitPurpose::IntroduceIps,
    VisitPurpose::LearnBusinessNeeds,
    VisitPurpose::FollowUp,
    VisitPurpose::PresentCandidate,
    VisitPurpose::Interview,
    VisitPurpose::OnTheJobSupport,
];

impl VisitDraft {
    /// An empty visit at `now` on a phone `offset_minutes` from UTC: in person, to follow up.
    pub fn new(now: DateTime<Utc>, offset_minutes: i32) -> VisitDraft {
        let offset = offset_of(offset_minutes);
        let local = now.with_timezone(&offset);
        VisitDraft {
            employer_search: String::new(),
            employer_id: None,
            date: local.format("%Y-%m-%d").to_string(),
            time: local.format("%H:%M").to_string(),
            offset_minutes,
            contact_id: None,
            seeker_search: String::new(),
            seeker_ids: Vec::new(),
            mode: ContactMode::InPerson.as_str().to_owned(),
            purpose: VisitPurpose::FollowUp.as_str().to_owned(),
            followed_preference: None,
            outcome: String::new(),
            next_step: String::new(),
            next_step_date: String::new(),
            tried_to_save: false,
        }
    }
}

/// The offset `minutes` from UTC, or UTC when out of range.
fn offset_of(minutes: i32) -> FixedOffset {
    FixedOffset::east_opt(minutes.saturating_mul(60))
        .unwrap_or(FixedOffset::east_opt(0).expect("0 is an offset"))
}

/// One visit being logged or corrected: its draft and the refusal of its last save.
#[derive(Debug, uniffi::Object)]
pub struct VisitForm {
    screens: Arc<Screens>,
    mode: Mode,
    state: Mutex<(VisitDraft, Option<Problem>)>,
}

/// What saving the form does.
#[derive(Debug)]
enum Mode {
    /// Logs a new visit.
    Log,
    /// Corrects a logged visit.
    Correct(correct::Correcting),
    /// Would correct a visit this phone cannot read: saving refuses, saying why.
    Missing(Problem),
}

#[uniffi::export]
impl Screens {
    /// A visit form: the `draft` kept from before the screen was rebuilt, or a new visit now
    /// on a phone `offset_minutes` from UTC.
    pub fn visit_form(
        self: Arc<Self>,
        draft: Option<VisitDraft>,
        offset_minutes: i32,
    ) -> Arc<VisitForm> {
        let draft = draft.unwrap_or_else(|| VisitDraft::new(Utc::now(), offset_minutes));
        Arc::new(VisitForm {
            screens: self,
            mode: Mode::Log,
            state: Mutex::new((draft, None)),
        })
    }
}

impl VisitForm {
    fn lock(&self) -> MutexGuard<'_, (VisitDraft, Option<Problem>)> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Changes the draft; any earlier refusal no longer applies.
    fn edit(&self, change: impl FnOnce(&mut VisitDraft)) {
        let mut state = self.lock();
        change(&mut state.0);
        state.1 = None;
    }
}

#[uniffi::export]
impl VisitForm {
    /// The draft to keep across a screen rebuild (pass it back to `Screens.visit_form`).
    pub fn draft(&self) -> VisitDraft {
        self.lock().0.clone()
    }

    /// The employer search box changed.
    pub fn search_employer(&self, text: String) {
        self.edit(|d| d.employer_search = text);
    }

    /// An employer was picked from the search's results. Its contacts replace the last
    /// employer's: a contact chosen before is dropped.
    pub fn choose_employer(&self, employer_id: String) {
        if !matches!(self.mode, Mode::Log) {
            return;
        }
        self.edit(|d| {
            if d.employer_id.as_deref() != Some(employer_id.as_str()) {
                d.contact_id = None;
            }
            d.employer_id = Some(employer_id);
        });
    }

    pub fn set_date(&self, text: String) {
        self.edit(|d| d.date = text);
    }

    pub fn set_time(&self, text: String) {
        self.edit(|d| d.time = text);
    }

    /// A contact of the chosen employer, or none.
    pub fn choose_contact(&self, contact_id: Option<String>) {
        self.edit(|d| d.contact_id = contact_id);
    }

    pub fn search_seeker(&self, text: String) {
        self.edit(|d| d.seeker_search = text);
    }

    /// Adds a job seeker the visit was for, or takes them off when already chosen (none
    /// chosen is a general contact).
    pub fn toggle_seeker(&self, seeker_id: String) {
        if !matches!(self.mode, Mode::Log) {
            return;
        }
        self.edit(
            |d| match d.seeker_ids.iter().position(|s| *s == seeker_id) {
                Some(i) => {
                    d.seeker_ids.remove(i);
                }
                None => d.seeker_ids.push(seeker_id),
            },
        );
    }

    /// What came of the visit.
    pub fn set_outcome(&self, text: String) {
        self.edit(|d| d.outcome = text);
    }

    /// One of the `mode` options' ids.
    pub fn choose_mode(&self, mode: String) {
        self.edit(|d| {
            if MODES.iter().any(|m| m.as_str() == mode) {
                d.mode = mode;
            }
        });
    }

    /// One of the `purpose` options' ids.
    pub fn choose_purpose(&self, purpose: String) {
        self.edit(|d| {
            if PURPOSES.iter().any(|p| p.as_str() == purpose) {
                d.purpose = purpose;
            }
        });
    }

    /// One of the `followed_preference` options' ids: `yes`, `no`, `unknown`.
    pub fn choose_followed_preference(&self, choice: String) {
        self.edit(|d| {
            d.followed_preference = match choice.as_str() {
                "yes" => Some(true),
                "no" => Some(false),
                _ => None,
            }
        });
    }

    pub fn set_next_step(&self, text: String) {
        self.edit(|d| d.next_step = text);
    }

    pub fn set_next_step_date(&self, text: String) {
        self.edit(|d| d.next_step_date = text);
    }

    /// Saves the visit through the store. Without a chosen employer, with a date the core
    /// refuses, or refused by the core, nothing is written and the state shows why; once
    /// saved, the form starts a new visit now.
    pub fn save(&self) -> SaveOutcome {
        let words = self.screens.words();
        let mut state = self.lock();
        if let Mode::Missing(p) = &self.mode {
            state.1 = Some(p.clone());
            return SaveOutcome::NotSaved {
                message: p.message.clone(),
            };
        }
        state.0.tried_to_save = true;
        let Some(visit) = Checked::check(&words, &state.0).visit else {
            state.1 = None;
            return SaveOutcome::NotSaved {
                message: words.get("form-not-saved", &[]),
            };
        };
        let store = self.screens.store();
        let saved = match &self.mode {
            Mode::Correct(c) => {
                correct::save(store, c, visit).map(|()| (c.visit, "visit-corrected"))
            }
            _ => store.log_visit(visit).map(|id| (id, "visit-saved")),
        };
        match saved {
            Ok((id, message)) => {
                let next = match &self.mode {
                    // A correction shows the visit as saved; a new visit starts now.
                    Mode::Correct(c) => correct::reload(store, c),
                    _ => None,
                };
                let offset = state.0.offset_minutes;
                *state = (
                    next.unwrap_or_else(|| VisitDraft::new(Utc::now(), offset)),
                    None,
                );
                SaveOutcome::Saved {
                    id: id.to_string(),
                    message: words.get(message, &[]),
                }
            }
            Err(e) => {
                let names = |s: SeekerId| {
                    store
                        .seeker(s)
                        .ok()
                        .map(|d| d.profile.display_name().to_owned())
                };
                let p = problem(&words, &e, &names);
                let message = p.message.clone();
                state.1 = Some(p);
                SaveOutcome::NotSaved { message }
            }
        }
    }
}
