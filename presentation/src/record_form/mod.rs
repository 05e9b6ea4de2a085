//! Every form other than the visit's, built from one toolkit: a form is a list of fields
//! (text, long text, date, number, yes/no, choice) named as the core names them, so that a
//! refusal by the core lands on its field. Required fields, dates and numbers are checked
//! here, in words; the rest the core checks on saving. The draft is a plain record the app
//! keeps across screen rebuilds.

use std::sync::{Arc, Mutex, MutexGuard};

use chrono::NaiveDate;
use fieldbook_core::{Error, Reason, Store};

use crate::errors::{field_label, problem, reason_message, Problem};
use crate::form::{not_like_named, parse_date, Choice, SaveOutcome};
use crate::screens::Screens;
use crate::words::{Arg, Words};

mod employer_forms;
mod kinds;
mod seeker_forms;
mod work_forms;

pub use kinds::FormKind;
use kinds::{spec, Spec};

/// How a field is entered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum FieldKind {
    Text,
    /// Several lines (a note, hiring notes).
    LongText,
    /// `2026-11-24`.
    Date,
    /// A number such as `32` or `17.50`.
    Number,
    /// Options `yes`, `no` and blank (not recorded).
    YesNo,
    /// One of `options`.
    Choice,
}

/// One field as the screen shows it. `label` is also what TalkBack and VoiceOver read.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FieldState {
    /// The name the app passes back to `RecordForm.set`.
    pub name: String,
    pub kind: FieldKind,
    pub label: String,
    pub value: String,
    pub required: bool,
    /// For choices and yes/no: the options, worded.
    pub options: Vec<Choice>,
    pub error: Option<String>,
}

/// What a form's screen shows.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FormState {
    pub title: String,
    pub fields: Vec<FieldState>,
    pub save_label: String,
    /// The error of the whole form (a refusal by the core that names no field), if any.
    pub message: Option<String>,
}

/// One field's text as typed.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FieldValue {
    pub name: String,
    pub value: String,
}

/// Everything typed in a form so far; the app keeps it across screen rebuilds and passes
/// it back to `Screens.record_form`.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct FormDraft {
    pub kind: FormKind,
    pub values: Vec<FieldValue>,
    /// Set by the first save: from then on a blank required field shows as an error.
    pub tried_to_save: bool,
}

/// One form being filled in.
#[derive(Debug, uniffi::Object)]
pub struct RecordForm {
    screens: Arc<Screens>,
    state: Mutex<(FormDraft, Option<Problem>)>,
}

#[uniffi::export]
impl Screens {
    /// A form of `kind` (adding an employer, a contact, a case note, a plan step, a job start
    /// or end, a support, voiding a visit or note, adding a job seeker), empty but for its
    /// defaults (today for dates a form starts on).
    /// A form editing a record starts with the record's values; when the record cannot be
    /// read, the form says so (and saving will too).
    pub fn record_form(self: Arc<Self>, kind: FormKind) -> Arc<RecordForm> {
        let spec = spec(&kind);
        let (values, refusal) = match initial_values(&spec, self.store(), &kind) {
            Ok(values) => (values, None),
            Err(e) => (defaults(&spec), Some(problem(&self.words(), &e, &|_| None))),
        };
        let draft = FormDraft {
            kind,
            values,
            tried_to_save: false,
        };
        Arc::new(RecordForm {
            screens: self,
            state: Mutex::new((draft, refusal)),
        })
    }

    /// The title of the form of `kind`, for the button or menu item that opens it.
    pub fn form_title(&self, kind: FormKind) -> String {
        self.words()
            .get(&format!("form-{}-title", spec(&kind).id), &[])
    }

    /// A form rebuilt from the draft the app kept (after a rotation, say).
    pub fn record_form_from(self: Arc<Self>, draft: FormDraft) -> Arc<RecordForm> {
        Arc::new(RecordForm {
            screens: self,
            state: Mutex::new((draft, None)),
        })
    }
}

/// A form's values by field name, read as the types the core takes.
pub(crate) struct Values<'a>(&'a [FieldValue]);

impl Values<'_> {
    fn raw(&self, name: &str) -> &str {
        self.0
            .iter()
            .find(|v| v.name == name)
            .map(|v| v.value.trim())
            .unwrap_or("")
    }

    /// The text, or none when blank.
    pub fn text(&self, name: &str) -> Option<String> {
        let text = self.raw(name);
        (!text.is_empty()).then(|| text.to_owned())
    }

    /// The text, blank as empty (the core refuses it where it is required).
    pub fn required(&self, name: &str) -> String {
        self.raw(name).to_owned()
    }

    /// A date (checked before saving, so unreadable text here reads as none).
    pub fn date(&self, name: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(self.raw(name), "%Y-%m-%d").ok()
    }

    /// A number (checked before saving: "NaN" and "inf" are no numbers here).
    pub fn number(&self, name: &str) -> Option<f64> {
        finite(self.raw(name))
    }

    pub fn yes_no(&self, name: &str) -> Option<bool> {
        match self.raw(name) {
            "yes" => Some(true),
            "no" => Some(false),
            _ => None,
        }
    }
}

/// `text` as a number a person means: finite ("NaN" and "inf" parse as floats in Rust).
fn finite(text: &str) -> Option<f64> {
    text.parse::<f64>().ok().filter(|n| n.is_finite())
}

/// Each field's error found before saving: blank required fields (once a save was
/// tried), unreadable dates and numbers, choices not among the options.
fn field_errors(words: &Words, spec: &Spec, draft: &FormDraft) -> Vec<Option<String>> {
    let values = Values(&draft.values);
    spec.fields
        .iter()
        .map(|f| {
            let text = values.raw(f.name);
            let label = format!("field-{}", f.name);
            if text.is_empty() {
                return (f.required && draft.tried_to_save)
                    .then(|| reason_message(words, f.name, &Reason::Required));
            }
            match f.kind {
                FieldKind::Date => parse_date(words, &label, text).err(),
                FieldKind::Number => finite(text).is_none().then(|| {
                    not_like_named(words, "form-not-a-number", field_label(words, f.name), text)
                }),
                FieldKind::YesNo | FieldKind::Choice => {
                    let options = if f.kind == FieldKind::YesNo {
                        &["yes", "no"][..]
                    } else {
                        f.options
                    };
                    (!options.contains(&text)).then(|| {
                        words.get(
                            "form-not-an-option",
                            &[("field", Arg::Text(field_label(words, f.name)))],
                        )
                    })
                }
                FieldKind::Text | FieldKind::LongText => None,
            }
        })
        .collect()
}

impl RecordForm {
    fn lock(&self) -> MutexGuard<'_, (FormDraft, Option<Problem>)> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[uniffi::export]
impl RecordForm {
    /// Everything the screen shows now.
    pub fn state(&self) -> FormState {
        let words = self.screens.words();
        let (draft, refusal) = self.lock().clone();
        let spec = spec(&draft.kind);
        let mut errors = field_errors(&words, &spec, &draft);
        let mut message = None;
        if let Some(p) = refusal {
            let field = p.field.as_deref().map(|f| spec.field_of(f));
            match spec.fields.iter().position(|f| Some(f.name) == field) {
                Some(i) => errors[i] = Some(p.message),
                None => message = Some(p.message),
            }
        }
        let values = Values(&draft.values);
        let fields = spec
            .fields
            .iter()
            .zip(errors)
            .map(|(f, error)| {
                let ids: &[&str] = match f.kind {
                    FieldKind::YesNo => &["yes", "no"],
                    _ => f.options,
                };
                FieldState {
                    name: f.name.to_owned(),
                    kind: f.kind,
                    label: words.get(&format!("label-{}", f.name), &[]),
                    value: values.raw(f.name).to_owned(),
                    required: f.required,
                    options: ids
                        .iter()
                        .map(|id| Choice {
                            id: (*id).to_owned(),
                            label: if f.kind == FieldKind::YesNo {
                                words.get(&format!("option-{id}"), &[])
                            } else {
                                words.get(&format!("option-{}-{id}", f.name), &[])
                            },
                        })
                        .collect(),
                    error,
                }
            })
            .collect();
        FormState {
            title: words.get(&format!("form-{}-title", spec.id), &[]),
            fields,
            save_label: words.get(&format!("form-{}-save", spec.id), &[]),
            message,
        }
    }

    /// The draft to keep across a screen rebuild.
    pub fn draft(&self) -> FormDraft {
        self.lock().0.clone()
    }

    /// Field `name` now holds `value` (for yes/no and choices, an option's id; blank for
    /// none). Any earlier refusal no longer applies.
    pub fn set(&self, name: String, value: String) {
        let mut state = self.lock();
        let draft = &mut state.0;
        match draft.values.iter_mut().find(|v| v.name == name) {
            Some(v) => v.value = value,
            None => draft.values.push(FieldValue { name, value }),
        }
        state.1 = None;
    }

    /// Saves through the store. With a field in error, or refused by the core, nothing is
    /// written and the state shows why. Once saved, a form adding a record is empty again and
    /// a form editing one shows it as saved.
    pub fn save(&self) -> SaveOutcome {
        let words = self.screens.words();
        let mut state = self.lock();
        state.0.tried_to_save = true;
        let spec = spec(&state.0.kind);
        if field_errors(&words, &spec, &state.0)
            .iter()
            .any(Option::is_some)
        {
            state.1 = None;
            return SaveOutcome::NotSaved {
                message: words.get("form-not-saved", &[]),
            };
        }
        let store = self.screens.store();
        match (spec.save)(store, &state.0.kind, &Values(&state.0.values)) {
            Ok(id) => {
                let kind = state.0.kind.clone();
                let values =
                    initial_values(&spec, store, &kind).unwrap_or_else(|_| defaults(&spec));
                state.0 = FormDraft {
                    kind,
                    values,
                    tried_to_save: false,
                };
                state.1 = None;
                SaveOutcome::Saved {
                    id,
                    message: words.get(&format!("form-{}-saved", spec.id), &[]),
                }
            }
            Err(e) => {
                let names = |s| {
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

/// The values a form starts with: the record it edits, or each field's default.
fn initial_values(spec: &Spec, store: &Store, kind: &FormKind) -> Result<Vec<FieldValue>, Error> {
    let mut values = defaults(spec);
    if let Some(load) = spec.load {
        for (name, value) in load(store, kind)? {
            if let Some(v) = values.iter_mut().find(|v| v.name == name) {
                v.value = value;
            }
        }
    }
    Ok(values)
}

/// Each field of `spec` at its default.
fn defaults(spec: &Spec) -> Vec<FieldValue> {
    spec.fields
        .iter()
        .map(|f| FieldValue {
            name: f.name.to_owned(),
            value: (f.default)(),
        })
        .collect()
}

/// A form's save given a kind of form it does not save (a mistake in the spec table, not
/// in anything typed).
pub(crate) fn wrong_form() -> Error {
    Error::invalid("form", "this form saves another kind of record")
}

/// An id typed by the app (never by a person) that does not parse: the record is not on
/// this phone.
pub(crate) fn bad_id(kind: &'static str, id: &str) -> Error {
    Error::not_found(kind, id)
}
