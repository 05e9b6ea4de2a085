//! The core's errors in plain words: each [`fieldbook_core::Error`] (and each refusal
//! [`Reason`]) is a catalogue message (`errors.ftl`) worded with the field's name and the
//! value refused, in the phone's language.

use fieldbook_core::model::{DisclosureBar, ReleaseMissing};
use fieldbook_core::{Error, Reason};

use crate::words::{Arg, Words};

/// An error worded for a person: the form field it belongs to (the core's field name, when
/// it belongs to one) and the sentence to show there.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Problem {
    /// The core's name of the field refused (`at`, `next_step_date`, ...), or none when the
    /// problem is the whole form's or the phone's.
    pub field: Option<String>,
    /// The sentence to show, in the phone's language.
    pub message: String,
}

/// The field named `field` (a core field name such as `next_step_date`, or a phrase such
/// as "the visit date"), worded: the catalogue's `field-<name>` label, or the name itself
/// with underscores as spaces when the catalogue has no label for it.
pub fn field_label(words: &Words, field: &str) -> String {
    let id: String = field
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    let id = format!("field-{id}");
    if words.has(&id) {
        words.get(&id, &[])
    } else {
        field.replace('_', " ")
    }
}

/// The sentence for `field` refused for `reason`, starting with a capital.
pub fn reason_message(words: &Words, field: &str, reason: &Reason) -> String {
    capitalized(reason_sentence(words, field, reason))
}

/// `text` with its first letter a capital (field labels are lower case mid-sentence).
pub(crate) fn capitalized(text: String) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

fn reason_sentence(words: &Words, field: &str, reason: &Reason) -> String {
    let label = || Arg::Text(field_label(words, field));
    let text = |s: &str| Arg::Text(s.to_owned());
    match reason {
        Reason::Required => words.get("error-required", &[("field", label())]),
        Reason::TooLong { max } => words.get(
            "error-too-long",
            &[("field", label()), ("max", Arg::from(*max))],
        ),
        Reason::Before {
            value,
            earlier_field,
            earlier,
        } => words.get(
            "error-before",
            &[
                ("field", label()),
                ("value", text(value)),
                ("other", Arg::Text(field_label(words, earlier_field))),
                ("date", text(earlier)),
            ],
        ),
        Reason::After {
            value,
            later_field,
            later,
        } => words.get(
            "error-after",
            &[
                ("field", label()),
                ("value", text(value)),
                ("other", Arg::Text(field_label(words, later_field))),
                ("date", text(later)),
            ],
        ),
        Reason::InFuture { value } => words.get(
            "error-in-future",
            &[("field", label()), ("value", text(value))],
        ),
        Reason::OutOfRange {
            value,
            min,
            max,
            min_excluded,
        } => words.get(
            if *min_excluded {
                "error-out-of-range-above"
            } else {
                "error-out-of-range"
            },
            &[
                ("field", label()),
                ("value", text(value)),
                ("min", text(min)),
                ("max", text(max)),
            ],
        ),
        Reason::Negative { value } => words.get(
            "error-negative",
            &[("field", label()), ("value", text(value))],
        ),
        Reason::Void { kind, .. } => words.get("error-void", &[("what", kind_label(words, kind))]),
        Reason::VoidAlready { .. } => words.get("error-void-already", &[("field", label())]),
        Reason::FollowsItself => words.get("error-follows-itself", &[]),
        Reason::NotDiscussed { .. } => words.get("error-not-discussed", &[]),
        Reason::Other(detail) => words.get(
            "error-invalid-other",
            &[("field", label()), ("detail", text(detail))],
        ),
    }
}

/// The kind of record (`visit`, `job`, `employer`, ...) worded.
fn kind_label(words: &Words, kind: &str) -> Arg {
    Arg::Text(field_label(words, kind))
}

/// `error` in plain words. `seeker_name` finds a job seeker's name by id (for "Ana may not
/// be disclosed ..."); the id is shown when it finds none.
pub fn problem(
    words: &Words,
    error: &Error,
    seeker_name: &dyn Fn(fieldbook_core::ids::SeekerId) -> Option<String>,
) -> Problem {
    let general = |message: String| Problem {
        field: None,
        message,
    };
    let text = |s: &str| Arg::Text(s.to_owned());
    match error {
        Error::Invalid { field, code, .. } => Problem {
            field: Some(field.clone()),
            message: reason_message(words, field, code),
        },
        Error::DisclosureRefused { seeker, bar } => {
            let name = Arg::Text(seeker_name(*seeker).unwrap_or_else(|| seeker.to_string()));
            let message = match bar {
                DisclosureBar::DoNotDisclose => {
                    words.get("error-disclosure-do-not-disclose", &[("name", name)])
                }
                DisclosureBar::NoRelease(ReleaseMissing::NoConsent) => {
                    words.get("error-disclosure-no-consent", &[("name", name)])
                }
                DisclosureBar::NoRelease(ReleaseMissing::Expired { expired, .. }) => words.get(
                    "error-disclosure-expired",
                    &[("name", name), ("date", Arg::Text(expired.to_string()))],
                ),
                DisclosureBar::NoRelease(ReleaseMissing::NotYetSigned { signed, .. }) => words.get(
                    "error-disclosure-not-yet-signed",
                    &[("name", name), ("date", Arg::Text(signed.to_string()))],
                ),
            };
            Problem {
                field: Some("disclosed".into()),
                message,
            }
        }
        Error::NotFound { kind, .. } => Problem {
            field: Some((*kind).to_owned()),
            message: words.get("error-not-found", &[("what", kind_label(words, kind))]),
        },
        Error::Merged { kind, .. } => {
            general(words.get("error-merged", &[("what", kind_label(words, kind))]))
        }
        Error::AlreadyExists { kind, .. } => {
            general(words.get("error-already-exists", &[("what", kind_label(words, kind))]))
        }
        Error::WrongKey => general(words.get("error-wrong-key", &[])),
        Error::Unauthorised(_) => general(words.get("error-unauthorised", &[])),
        Error::NotEnrolled => general(words.get("error-not-enrolled", &[])),
        Error::DeviceRevoked => general(words.get("error-device-revoked", &[])),
        Error::Network(_) => general(words.get("error-network", &[])),
        Error::Incomplete(_) => general(words.get("error-incomplete", &[])),
        Error::Cancelled => general(words.get("error-cancelled", &[])),
        Error::Server { status, .. } => {
            general(words.get("error-server", &[("status", text(&status.to_string()))]))
        }
        Error::Malformed { what, .. } => {
            general(words.get("error-malformed", &[("what", text(what))]))
        }
        Error::Storage(_) => general(words.get("error-storage", &[])),
    }
}
