//! The visit form, the screen a specialist uses most: the employer found by search, the
//! date and time (now by default, in the phone's UTC offset), the contact met, the job
//! seeker it was for, how and why, whether it followed their preference, and the next step.
//! Its draft is a plain record the app keeps across screen rebuilds (rotation, dark mode).

use std::sync::{Arc, Mutex, MutexGuard};

use chrono::{DateTime, FixedOffset, NaiveDateTime, Utc};
use fieldbook_core::ids::{ContactId, EmployerId, SeekerId};
use fieldbook_core::model::{ContactMode, VisitPurpose};
use fieldbook_core::{check_visit_time, NameKind, NewVisit};

use crate::errors::{problem, Problem};
use crate::form::{
    non_blank, parse_date, parse_time, text_field, Choice, ChoiceField, SaveOutcome, TextField,
};
use crate::screens::Screens;
use crate::words::Words;

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
    pub seeker_id: Option<String>,
    /// The core's name of the contact mode (`in_person`, `phone`, `email`, `video`).
    pub mode: String,
    /// The core's name of the purpose (`follow_up`, `present_candidate`, ...).
    pub purpose: String,
    pub followed_preference: Option<bool>,
    pub next_step: String,
    /// `2026-11-24`, or blank.
    pub next_step_date: String,
    /// Set by the first save: from then on a missing employer shows as an error.
    pub tried_to_save: bool,
}

/// What the visit screen shows: every control's label, value, options and error.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct VisitFormState {
    pub title: String,
    /// The search box for the employer.
    pub employer_search: TextField,
    /// The employer chosen, and the employers the search found (all of them).
    pub employer: ChoiceField,
    pub date: TextField,
    pub time: TextField,
    /// The employer's contacts (none until an employer is chosen).
    pub contact: ChoiceField,
    pub seeker_search: TextField,
    pub seeker: ChoiceField,
    pub mode: ChoiceField,
    pub purpose: ChoiceField,
    /// Options `yes`, `no` and `unknown`.
    pub followed_preference: ChoiceField,
    pub next_step: TextField,
    pub next_step_date: TextField,
    pub save_label: String,
    /// The error of the whole form (a refusal the core gave on saving), if any.
    pub message: Option<String>,
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
            seeker_id: None,
            mode: ContactMode::InPerson.as_str().to_owned(),
            purpose: VisitPurpose::FollowUp.as_str().to_owned(),
            followed_preference: None,
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

/// One visit being logged: its draft and the refusal of its last save.
#[derive(Debug, uniffi::Object)]
pub struct VisitForm {
    screens: Arc<Screens>,
    state: Mutex<(VisitDraft, Option<Problem>)>,
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
            state: Mutex::new((draft, None)),
        })
    }
}

/// The visit checked and ready for the core, or each field's error.
struct Checked {
    visit: Option<NewVisit>,
    errors: Errors,
}

#[derive(Default)]
struct Errors {
    employer: Option<String>,
    date: Option<String>,
    time: Option<String>,
    next_step_date: Option<String>,
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

    /// The draft checked as the core would check it, errors worded.
    fn check(&self, words: &Words, draft: &VisitDraft) -> Checked {
        let mut errors = Errors::default();
        let employer = draft
            .employer_id
            .as_deref()
            .and_then(|id| id.parse::<EmployerId>().ok());
        if employer.is_none() && draft.tried_to_save {
            errors.employer = Some(words.get("visit-employer-missing", &[]));
        }
        let date = parse_date(words, "visit-date", &draft.date).unwrap_or_else(|e| {
            errors.date = Some(e);
            None
        });
        let time = parse_time(words, "visit-time", &draft.time).unwrap_or_else(|e| {
            errors.time = Some(e);
            None
        });
        if errors.date.is_none() && date.is_none() {
            errors.date = Some(crate::errors::reason_message(
                words,
                "date",
                &fieldbook_core::Reason::Required,
            ));
        }
        if errors.time.is_none() && time.is_none() {
            errors.time = Some(crate::errors::reason_message(
                words,
                "time",
                &fieldbook_core::Reason::Required,
            ));
        }
        let next_step_date = parse_date(words, "visit-next-step-date", &draft.next_step_date)
            .unwrap_or_else(|e| {
                errors.next_step_date = Some(e);
                None
            });
        let at = date.zip(time).and_then(|(d, t)| {
            NaiveDateTime::new(d, t)
                .and_local_timezone(offset_of(draft.offset_minutes))
                .single()
        });
        if let Some(at) = at {
            if let Err(e) = check_visit_time(at, next_step_date) {
                let p = problem(words, &e, &|_| None);
                match p.field.as_deref() {
                    Some("next_step_date") => errors.next_step_date = Some(p.message),
                    _ => errors.date = Some(p.message),
                }
            }
        }
        let clean = errors.employer.is_none()
            && errors.date.is_none()
            && errors.time.is_none()
            && errors.next_step_date.is_none();
        let visit = match (employer, at) {
            (Some(employer_id), Some(at)) if clean => Some(NewVisit {
                id: None,
                employer_id,
                at,
                specialist: None,
                contact_id: draft
                    .contact_id
                    .as_deref()
                    .and_then(|c| c.parse::<ContactId>().ok()),
                location: None,
                mode: MODES
                    .into_iter()
                    .find(|m| m.as_str() == draft.mode)
                    .unwrap_or(ContactMode::InPerson),
                purpose: PURPOSES
                    .into_iter()
                    .find(|p| p.as_str() == draft.purpose)
                    .unwrap_or(VisitPurpose::FollowUp),
                seekers: draft
                    .seeker_id
                    .as_deref()
                    .and_then(|s| s.parse::<SeekerId>().ok())
                    .into_iter()
                    .collect(),
                followed_preference: draft.followed_preference,
                outcome: None,
                next_step: non_blank(&draft.next_step),
                next_step_date,
            }),
            _ => None,
        };
        Checked { visit, errors }
    }

    /// The options a name search finds (none for a blank search).
    fn found(&self, kind: NameKind, text: &str) -> Vec<Choice> {
        if text.trim().is_empty() {
            return Vec::new();
        }
        self.screens
            .store()
            .find_by_name_prefix(kind, text)
            .unwrap_or_default()
            .into_iter()
            .map(|f| Choice {
                id: f.id.to_string(),
                label: f.name,
            })
            .collect()
    }
}

#[uniffi::export]
impl VisitForm {
    /// Everything the screen shows now.
    pub fn state(&self) -> VisitFormState {
        let words = self.screens.words();
        let (draft, refusal) = self.lock().clone();
        let checked = self.check(&words, &draft);
        let mut errors = checked.errors;
        let store = self.screens.store();
        let employer_doc = draft
            .employer_id
            .as_deref()
            .and_then(|id| id.parse::<EmployerId>().ok())
            .and_then(|id| store.employer(id).ok());
        let seeker_name = draft
            .seeker_id
            .as_deref()
            .and_then(|id| id.parse::<SeekerId>().ok())
            .and_then(|id| store.seeker(id).ok())
            .map(|s| s.profile.display_name().to_owned());
        let mut message = None;
        let mut contact_error = None;
        let mut seeker_error = None;
        if let Some(p) = refusal {
            match p.field.as_deref() {
                Some("at") => errors.date = Some(p.message),
                Some("next_step_date") => errors.next_step_date = Some(p.message),
                Some("contact" | "contact_id") => contact_error = Some(p.message),
                Some("seeker_ids" | "disclosed" | "job seeker") => seeker_error = Some(p.message),
                Some("employer_id") => errors.employer = Some(p.message),
                _ => message = Some(p.message),
            }
        }
        let choice = |label: &str, chosen: Option<&str>, options: Vec<Choice>, error| {
            let chosen_label =
                chosen.and_then(|c| options.iter().find(|o| o.id == c).map(|o| o.label.clone()));
            ChoiceField {
                label: words.get(label, &[]),
                chosen: chosen.map(str::to_owned),
                chosen_label,
                options,
                error,
            }
        };
        let employer_options = self.found(NameKind::Employer, &draft.employer_search);
        let contacts = employer_doc
            .as_ref()
            .map(|e| {
                e.contacts
                    .iter()
                    .map(|(id, c)| Choice {
                        id: id.to_string(),
                        label: c.name.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let option = |id: &str, message: &str| Choice {
            id: id.to_owned(),
            label: words.get(message, &[]),
        };
        let followed = match draft.followed_preference {
            Some(true) => "yes",
            Some(false) => "no",
            None => "unknown",
        };
        VisitFormState {
            title: words.get("visit-title", &[]),
            employer_search: text_field(
                &words,
                "visit-employer-search",
                &draft.employer_search,
                None,
            ),
            employer: ChoiceField {
                chosen_label: employer_doc.as_ref().map(|e| e.info.name.clone()),
                ..choice(
                    "visit-employer",
                    draft.employer_id.as_deref(),
                    employer_options,
                    errors.employer,
                )
            },
            date: text_field(&words, "visit-date", &draft.date, errors.date),
            time: text_field(&words, "visit-time", &draft.time, errors.time),
            contact: choice(
                "visit-contact",
                draft.contact_id.as_deref(),
                contacts,
                contact_error,
            ),
            seeker_search: text_field(&words, "visit-seeker-search", &draft.seeker_search, None),
            seeker: ChoiceField {
                chosen_label: seeker_name,
                ..choice(
                    "visit-seeker",
                    draft.seeker_id.as_deref(),
                    self.found(NameKind::Seeker, &draft.seeker_search),
                    seeker_error,
                )
            },
            mode: choice(
                "visit-mode",
                Some(&draft.mode),
                MODES
                    .iter()
                    .map(|m| option(m.as_str(), &format!("visit-mode-{}", m.as_str())))
                    .collect(),
                None,
            ),
            purpose: choice(
                "visit-purpose",
                Some(&draft.purpose),
                PURPOSES
                    .iter()
                    .map(|p| option(p.as_str(), &format!("visit-purpose-{}", p.as_str())))
                    .collect(),
                None,
            ),
            followed_preference: choice(
                "visit-followed-preference",
                Some(followed),
                vec![
                    option("yes", "visit-followed-yes"),
                    option("no", "visit-followed-no"),
                    option("unknown", "visit-followed-unknown"),
                ],
                None,
            ),
            next_step: text_field(&words, "visit-next-step", &draft.next_step, None),
            next_step_date: text_field(
                &words,
                "visit-next-step-date",
                &draft.next_step_date,
                errors.next_step_date,
            ),
            save_label: words.get("visit-save", &[]),
            message,
        }
    }

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

    /// The job seeker the visit was for, or none (a general contact).
    pub fn choose_seeker(&self, seeker_id: Option<String>) {
        self.edit(|d| d.seeker_id = seeker_id);
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
        state.0.tried_to_save = true;
        let Some(visit) = self.check(&words, &state.0).visit else {
            state.1 = None;
            return SaveOutcome::NotSaved {
                message: words.get("form-not-saved", &[]),
            };
        };
        let store = self.screens.store();
        match store.log_visit(visit) {
            Ok(id) => {
                let offset = state.0.offset_minutes;
                *state = (VisitDraft::new(Utc::now(), offset), None);
                SaveOutcome::Saved {
                    id: id.to_string(),
                    message: words.get("visit-saved", &[]),
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
