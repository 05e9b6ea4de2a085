//! What the visit screen shows: every control's label, value, options and error, in the
//! phone's language.

use fieldbook_core::ids::{EmployerId, SeekerId};
use fieldbook_core::NameKind;

use super::check::Checked;
use super::{VisitForm, MODES, PURPOSES};
use crate::form::{text_field, Choice, ChoiceField, TextInput};

/// What the visit screen shows: every control's label, value, options and error.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct VisitFormState {
    pub title: String,
    /// Correcting a logged visit: the employer and job seekers stay as logged, so the screen
    /// shows them without their searches.
    pub correcting: bool,
    /// The search box for the employer.
    pub employer_search: TextInput,
    /// The employer chosen, and the employers the search found (all of them).
    pub employer: ChoiceField,
    pub date: TextInput,
    pub time: TextInput,
    /// The employer's contacts (none until an employer is chosen).
    pub contact: ChoiceField,
    pub seeker_search: TextInput,
    /// The job seekers found by the search (the caseload when it is blank), to toggle.
    pub seeker: ChoiceField,
    /// The job seekers chosen, by name.
    pub seekers_chosen: Vec<Choice>,
    pub mode: ChoiceField,
    pub purpose: ChoiceField,
    /// Options `yes`, `no` and `unknown`.
    pub followed_preference: ChoiceField,
    pub outcome: TextInput,
    pub next_step: TextInput,
    pub next_step_date: TextInput,
    pub save_label: String,
    /// The error of the whole form (a refusal the core gave on saving), if any.
    pub message: Option<String>,
}

impl VisitForm {
    /// The options a name search finds. A blank search offers every employer, the most
    /// recently visited first, or the caseload.
    fn found(&self, kind: NameKind, text: &str) -> Vec<Choice> {
        let store = self.screens.store();
        if text.trim().is_empty() {
            return match kind {
                NameKind::Employer => {
                    let mut all = store.employers().unwrap_or_default();
                    all.sort_by_key(|e| std::cmp::Reverse(e.last_visit));
                    all.into_iter()
                        .map(|e| Choice {
                            id: e.employer_id.to_string(),
                            label: e.name,
                        })
                        .collect()
                }
                NameKind::Seeker => store
                    .caseload(fieldbook_core::today())
                    .unwrap_or_default()
                    .into_iter()
                    .map(|c| Choice {
                        id: c.seeker_id.to_string(),
                        label: c.display_name,
                    })
                    .collect(),
            };
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
        let correcting = !matches!(self.mode, super::Mode::Log);
        let (draft, refusal) = self.lock().clone();
        let checked = Checked::check(&words, &draft);
        let mut errors = checked.errors;
        let store = self.screens.store();
        let employer_doc = draft
            .employer_id
            .as_deref()
            .and_then(|id| id.parse::<EmployerId>().ok())
            .and_then(|id| store.employer(id).ok());
        let seekers_chosen = draft
            .seeker_ids
            .iter()
            .filter_map(|id| {
                let seeker = store.seeker(id.parse::<SeekerId>().ok()?).ok()?;
                Some(Choice {
                    id: id.clone(),
                    label: seeker.profile.display_name().to_owned(),
                })
            })
            .collect();
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
            title: words.get(
                if correcting {
                    "visit-correct-title"
                } else {
                    "visit-title"
                },
                &[],
            ),
            correcting,
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
            seeker: choice(
                "visit-seeker",
                None,
                self.found(NameKind::Seeker, &draft.seeker_search),
                seeker_error,
            ),
            seekers_chosen,
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
            outcome: text_field(&words, "visit-outcome", &draft.outcome, None),
            next_step: text_field(&words, "visit-next-step", &draft.next_step, None),
            next_step_date: text_field(
                &words,
                "visit-next-step-date",
                &draft.next_step_date,
                errors.next_step_date,
            ),
            save_label: words.get(
                if correcting {
                    "visit-correct-save"
                } else {
                    "visit-save"
                },
                &[],
            ),
            message,
        }
    }
}
