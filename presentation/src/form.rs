//! The small toolkit every form is built from: a text field, a choice among options, the
//! outcome of saving, and the parsing of typed dates and times with errors in words.

use chrono::{NaiveDate, NaiveTime};

use crate::errors::capitalized;
use crate::words::{Arg, Words};

/// A text input as the screen shows it: its label (also what TalkBack and VoiceOver read),
/// the text as typed, and the error to show under it, if any.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct TextInput {
    pub label: String,
    pub value: String,
    pub error: Option<String>,
}

/// One option of a choice: the id the app passes back when it is picked, and its words.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Choice {
    pub id: String,
    pub label: String,
}

/// A choice among options (a list, radio buttons or a search's results): its label, the id
/// chosen and its words, the options offered, and the error to show, if any.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ChoiceField {
    pub label: String,
    pub chosen: Option<String>,
    pub chosen_label: Option<String>,
    pub options: Vec<Choice>,
    pub error: Option<String>,
}

/// What saving a form did.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum SaveOutcome {
    /// Saved as `id`; `message` confirms it (for a snackbar or an announcement).
    Saved { id: String, message: String },
    /// Nothing was written: `message` says why in general, and the form's state now shows
    /// each field's error.
    NotSaved { message: String },
}

/// A text field labelled by message `label`.
pub(crate) fn text_field(
    words: &Words,
    label: &str,
    value: &str,
    error: Option<String>,
) -> TextInput {
    TextInput {
        label: words.get(label, &[]),
        value: value.to_owned(),
        error,
    }
}

/// A typed date (`2026-11-24`); blank is `Ok(None)`, anything else unreadable an error
/// naming the field (message `label`) and the text.
pub(crate) fn parse_date(
    words: &Words,
    label: &str,
    text: &str,
) -> Result<Option<NaiveDate>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| not_like(words, "form-not-a-date", label, text))
}

/// A typed time of day (`14:30`); blank is `Ok(None)`.
pub(crate) fn parse_time(
    words: &Words,
    label: &str,
    text: &str,
) -> Result<Option<NaiveTime>, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    NaiveTime::parse_from_str(text, "%H:%M")
        .map(Some)
        .map_err(|_| not_like(words, "form-not-a-time", label, text))
}

fn not_like(words: &Words, message: &str, label: &str, text: &str) -> String {
    not_like_named(words, message, words.get(label, &[]), text)
}

/// Message `message` saying the field named `name` holds `text`, which is not what it takes;
/// starting with a capital.
pub(crate) fn not_like_named(words: &Words, message: &str, name: String, text: &str) -> String {
    capitalized(words.get(
        message,
        &[
            ("field", Arg::Text(name)),
            ("value", Arg::Text(text.to_owned())),
        ],
    ))
}

/// Text with its surrounding blanks removed, or none when blank.
pub(crate) fn non_blank(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}
