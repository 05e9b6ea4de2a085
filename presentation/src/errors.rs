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
        Reason::MergeIntoItself { kind, .. } => words.get(
            "error-merge-into-itself",
            &[("what", kind_label(words, kind))],
        ),
        Reason::MergeOtherKind { kind, expected, .. } => words.get(
            "error-merge-other-kind",
            &[
                ("what", kind_label(words, kind)),
                ("expected", kind_label(words, expected)),
            ],
        ),
        Reason::AlreadyEnrolled => words.get("error-already-enrolled", &[]),
        Reason::PlainHttp => words.get("error-plain-http", &[]),
        Reason::UnsupportedScheme { scheme } => {
            words.get("error-unsupported-scheme", &[("value", text(scheme))])
        }
        Reason::IdTaken { kind, id } => words.get(
            "error-id-taken",
            &[("what", kind_label(words, kind)), ("value", text(id))],
        ),
        Reason::NotAQuarter { value } => {
            words.get("error-not-a-quarter", &[("value", text(value))])
        }
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

/// Why a disclosure to an employer was refused, for [`Failure::Disclosure`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisclosureWhy {
    /// The career profile says "do not disclose".
    DoNotDisclose,
    /// No consent to release information to employers is recorded.
    NoConsent,
    /// The consent to employers ended on the date given.
    Expired,
    /// The consent to employers is signed only on the date given.
    NotYetSigned,
}

/// An error as the sentence needs it: built from the core's [`Error`] (by [`problem`]) or
/// from the bindings' error an app caught, so both are worded by the one match below.
#[derive(Debug, Clone, Copy)]
pub enum Failure<'a> {
    /// `field` refused for `reason`.
    Invalid { field: &'a str, reason: &'a Reason },
    /// Job seeker `name` may not be disclosed; `date` is the consent's, when there is one.
    Disclosure {
        name: &'a str,
        why: DisclosureWhy,
        date: Option<&'a str>,
    },
    /// No record of `kind`.
    NotFound { kind: &'a str },
    /// The `kind` record was merged into another.
    Merged { kind: &'a str },
    /// A `kind` record with this id exists already.
    AlreadyExists { kind: &'a str },
    /// The store's key is wrong.
    WrongKey,
    /// Not allowed for this account.
    Unauthorised,
    /// The phone is not enrolled.
    NotEnrolled,
    /// The phone was revoked and erased.
    DeviceRevoked,
    /// No connection.
    Network,
    /// The sync stopped before it was done.
    Incomplete,
    /// The sync was cancelled.
    Cancelled,
    /// The server answered `status`.
    Server { status: u16 },
    /// The server refused more tries for now (429): wait a few minutes.
    TooManyTries,
    /// The enrollment code was used already or expired (the server's `bad_code`).
    BadCode,
    /// `what` could not be read.
    Malformed { what: &'a str },
    /// The phone's database failed.
    Storage,
}

/// `error` as one sentence in plain words, for a screen that could not be built (no job
/// seeker names at hand: an id is shown instead).
pub(crate) fn said(words: &Words, error: &Error) -> String {
    problem(words, error, &|_| None).message
}

/// `error` in plain words. `seeker_name` finds a job seeker's name by id (for "Ana may not
/// be disclosed ..."); the id is shown when it finds none.
pub fn problem(
    words: &Words,
    error: &Error,
    seeker_name: &dyn Fn(fieldbook_core::ids::SeekerId) -> Option<String>,
) -> Problem {
    let disclosure = |seeker: fieldbook_core::ids::SeekerId, bar: &DisclosureBar| {
        let name = seeker_name(seeker).unwrap_or_else(|| seeker.to_string());
        let (why, date) = match bar {
            DisclosureBar::DoNotDisclose => (DisclosureWhy::DoNotDisclose, None),
            DisclosureBar::NoRelease(ReleaseMissing::NoConsent) => (DisclosureWhy::NoConsent, None),
            DisclosureBar::NoRelease(ReleaseMissing::Expired { expired, .. }) => {
                (DisclosureWhy::Expired, Some(expired.to_string()))
            }
            DisclosureBar::NoRelease(ReleaseMissing::NotYetSigned { signed, .. }) => {
                (DisclosureWhy::NotYetSigned, Some(signed.to_string()))
            }
        };
        failure_problem(
            words,
            Failure::Disclosure {
                name: &name,
                why,
                date: date.as_deref(),
            },
        )
    };
    let failure = match error {
        Error::Invalid { field, code, .. } => Failure::Invalid {
            field,
            reason: code,
        },
        Error::DisclosureRefused { seeker, bar } => return disclosure(*seeker, bar),
        Error::NotFound { kind, .. } => Failure::NotFound { kind },
        Error::Merged { kind, .. } => Failure::Merged { kind },
        Error::AlreadyExists { kind, .. } => Failure::AlreadyExists { kind },
        Error::WrongKey => Failure::WrongKey,
        Error::Unauthorised(_) => Failure::Unauthorised,
        Error::NotEnrolled => Failure::NotEnrolled,
        Error::DeviceRevoked => Failure::DeviceRevoked,
        Error::Network(_) => Failure::Network,
        Error::Incomplete(_) => Failure::Incomplete,
        Error::Cancelled => Failure::Cancelled,
        Error::Server { status, code, .. } => server_failure(*status, code),
        Error::Malformed { what, .. } => Failure::Malformed { what },
        Error::Storage(_) => Failure::Storage,
    };
    failure_problem(words, failure)
}

/// The failure a server's answer `status` with error `code` means: too many tries (429), an
/// enrollment code used or expired (`bad_code`), or a server problem.
pub fn server_failure(status: u16, code: &str) -> Failure<'static> {
    if status == 429 {
        Failure::TooManyTries
    } else if code == "bad_code" {
        Failure::BadCode
    } else {
        Failure::Server { status }
    }
}

/// `failure` in plain words, with the form field it belongs to when it belongs to one.
pub fn failure_problem(words: &Words, failure: Failure<'_>) -> Problem {
    let general = |message: String| Problem {
        field: None,
        message,
    };
    let text = |s: &str| Arg::Text(s.to_owned());
    match failure {
        Failure::Invalid { field, reason } => Problem {
            field: Some(field.to_owned()),
            message: reason_message(words, field, reason),
        },
        Failure::Disclosure { name, why, date } => {
            let date = text(date.unwrap_or(""));
            let message = match why {
                DisclosureWhy::DoNotDisclose => {
                    words.get("error-disclosure-do-not-disclose", &[("name", text(name))])
                }
                DisclosureWhy::NoConsent => {
                    words.get("error-disclosure-no-consent", &[("name", text(name))])
                }
                DisclosureWhy::Expired => words.get(
                    "error-disclosure-expired",
                    &[("name", text(name)), ("date", date)],
                ),
                DisclosureWhy::NotYetSigned => words.get(
                    "error-disclosure-not-yet-signed",
                    &[("name", text(name)), ("date", date)],
                ),
            };
            Problem {
                field: Some("disclosed".into()),
                message,
            }
        }
        Failure::NotFound { kind } => Problem {
            field: Some(kind.to_owned()),
            message: words.get("error-not-found", &[("what", kind_label(words, kind))]),
        },
        Failure::Merged { kind } => {
            general(words.get("error-merged", &[("what", kind_label(words, kind))]))
        }
        Failure::AlreadyExists { kind } => {
            general(words.get("error-already-exists", &[("what", kind_label(words, kind))]))
        }
        Failure::WrongKey => general(words.get("error-wrong-key", &[])),
        Failure::Unauthorised => general(words.get("error-unauthorised", &[])),
        Failure::NotEnrolled => general(words.get("error-not-enrolled", &[])),
        Failure::DeviceRevoked => general(words.get("error-device-revoked", &[])),
        Failure::Network => general(words.get("error-network", &[])),
        Failure::Incomplete => general(words.get("error-incomplete", &[])),
        Failure::Cancelled => general(words.get("error-cancelled", &[])),
        Failure::Server { status } => {
            general(words.get("error-server", &[("status", text(&status.to_string()))]))
        }
        Failure::TooManyTries => general(words.get("error-too-many-tries", &[])),
        Failure::BadCode => Problem {
            field: Some("code".into()),
            message: words.get("error-bad-code", &[]),
        },
        Failure::Malformed { what } => {
            general(words.get("error-malformed", &[("what", text(what))]))
        }
        Failure::Storage => general(words.get("error-storage", &[])),
    }
}
