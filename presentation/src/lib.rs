//! # fieldbook-presentation
//!
//! What the Android and iOS apps show, decided once and tested here: each screen's state,
//! its wording in the phone's language, dates and numbers formatted, errors in plain words,
//! and the validation of every form. The apps only render this state and forward taps;
//! `fieldbook-ffi` exports it next to the core.

uniffi::setup_scaffolding!();

pub mod caseload;
pub mod changes;
pub mod conflicts;
pub mod contact_edits;
pub mod employers;
pub mod enrollment;
pub mod errors;
pub mod form;
pub mod format;
pub mod indicator;
pub mod plan_actions;
pub mod reason_code;
pub mod record_form;
pub mod reminders;
pub mod screens;
pub mod seeker;
pub mod seeker_row_actions;
mod seeker_rows;
pub mod shell;
pub mod sign_out;
pub mod sync_report;
pub mod visit_form;
pub mod week;
pub mod words;

pub use screens::Screens;
pub use words::{Arg, Language, Words};

/// The language the apps speak on a phone whose preferred languages are `preferred` (BCP 47
/// tags, most preferred first).
#[uniffi::export]
pub fn language_for_phone(preferred: Vec<String>) -> Language {
    Language::from_phone(&preferred)
}
