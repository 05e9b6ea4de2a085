//! The core's error type. Each variant is something the caller can act on: show a field error,
//! ask for the key again, re-enroll, retry later.

use std::fmt;

use crate::ids::SeekerId;
use crate::model::DisclosureBar;

/// Result with the core's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Everything that can go wrong in the core.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// Input was rejected before anything was written. `field` names the input field,
    /// `reason` says why in English and `code` says the same as a [`Reason`] the apps word
    /// in the phone's language.
    #[error("{field}: {reason}")]
    Invalid {
        field: String,
        reason: String,
        /// Boxed: keeps every `Result` of the core small.
        code: Box<Reason>,
    },

    /// A visit would disclose a job seeker to an employer without their leave: no current
    /// consent releasing information to employers, or a "do not disclose" preference.
    /// Nothing was written; logging the visit without the disclosure is allowed.
    #[error("job seeker {seeker} may not be disclosed to an employer: {bar}")]
    DisclosureRefused {
        seeker: SeekerId,
        bar: DisclosureBar,
    },

    /// The id names nothing this store holds.
    #[error("{kind} {id} not found")]
    NotFound { kind: &'static str, id: String },

    /// The record was merged into another (a duplicate): it takes no more writes, and
    /// `into` names the record kept, which the caller should use instead. Nothing was
    /// written.
    #[error("{kind} {id} was merged into {into}: use that record")]
    Merged {
        kind: &'static str,
        id: String,
        into: String,
    },

    /// Something with this id exists already.
    #[error("{kind} {id} already exists")]
    AlreadyExists { kind: &'static str, id: String },

    /// The store is encrypted and the key given does not open it (or no key was given).
    #[error("the store could not be opened with this key")]
    WrongKey,

    /// The signed-in person may not do this (for example, a job seeker editing their plan).
    #[error("not allowed: {0}")]
    Unauthorised(String),

    /// The store is not enrolled with a sync server yet.
    #[error("this phone is not enrolled with a server yet")]
    NotEnrolled,

    /// The server revoked this device; its local data has been erased.
    #[error("this device was revoked and its data erased")]
    DeviceRevoked,

    /// The network failed; trying again later is safe.
    #[error("network: {0}")]
    Network(String),

    /// A sync stopped before it was done (too many rounds): running it again continues.
    #[error("{0}")]
    Incomplete(String),

    /// The sync was cancelled ([`crate::Store::cancel_sync`]). What it merged stays merged,
    /// unsent changes stay unsent, and the next sync goes on from where this one stopped.
    #[error("the sync was cancelled; the next sync goes on from where it stopped")]
    Cancelled,

    /// The server answered with an error.
    #[error("server error {status} ({code}): {message}")]
    Server {
        status: u16,
        code: String,
        message: String,
    },

    /// A document or message could not be decoded, or breaks its kind's schema.
    #[error("{what} is malformed: {reason}")]
    Malformed { what: String, reason: String },

    /// The database failed.
    #[error("storage: {0}")]
    Storage(#[from] rusqlite::Error),
}

impl Error {
    /// A field-level validation error whose reason is only free text ([`Reason::Other`]).
    pub fn invalid(field: impl Into<String>, reason: impl fmt::Display) -> Self {
        let reason = reason.to_string();
        Error::Invalid {
            field: field.into(),
            code: Box::new(Reason::Other(reason.clone())),
            reason,
        }
    }

    /// A field-level validation error for a reason the apps word themselves.
    pub fn invalid_because(field: impl Into<String>, code: Reason) -> Self {
        Error::Invalid {
            field: field.into(),
            reason: code.to_string(),
            code: Box::new(code),
        }
    }

    /// An unknown id of the given kind.
    pub fn not_found(kind: &'static str, id: impl fmt::Display) -> Self {
        Error::NotFound {
            kind,
            id: id.to_string(),
        }
    }

    /// Data that could not be decoded.
    pub fn malformed(what: impl Into<String>, reason: impl fmt::Display) -> Self {
        Error::Malformed {
            what: what.into(),
            reason: reason.to_string(),
        }
    }

    /// Whether repeating the same call later may succeed (network trouble, server restarts).
    pub fn is_retryable(&self) -> bool {
        match self {
            Error::Network(_) | Error::Incomplete(_) => true,
            Error::Server { status, .. } => *status >= 500 || *status == 429,
            _ => false,
        }
    }
}

/// Why an input was refused, with the values the sentence names: what [`Error::Invalid`]
/// says as a code the apps word in the phone's language. Its `Display` is the English
/// `reason` of the error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reason {
    /// Empty or blank where a value is needed.
    Required,
    /// Longer than `max` characters.
    TooLong { max: usize },
    /// The date `value` comes before `earlier` (the date in `earlier_field`, or a phrase
    /// naming it such as "the visit date").
    Before {
        value: String,
        earlier_field: String,
        earlier: String,
    },
    /// The date `value` comes after `later` (named by `later_field`).
    After {
        value: String,
        later_field: String,
        later: String,
    },
    /// A time later than now (beyond the slack allowed for clocks and time zones).
    InFuture { value: String },
    /// A number outside `min..=max`; with `min_excluded`, `min` itself is refused too.
    OutOfRange {
        value: String,
        min: String,
        max: String,
        min_excluded: bool,
    },
    /// A number below zero.
    Negative { value: String },
    /// The `kind` entry `id` was voided (entered in error) and takes no more changes.
    Void { kind: String, id: String },
    /// The entry `id` was voided already.
    VoidAlready { id: String },
    /// A plan step moved after itself.
    FollowsItself,
    /// A job seeker disclosed at a visit who is not among those discussed.
    NotDiscussed { seeker: String },
    /// A `kind` record `id` merged into itself.
    MergeIntoItself { kind: String, id: String },
    /// Record `id` is a `kind`, not the `expected` kind being merged.
    MergeOtherKind {
        id: String,
        kind: String,
        expected: String,
    },
    /// The phone is enrolled already (wipe it first).
    AlreadyEnrolled,
    /// Plain http to a server other than this machine.
    PlainHttp,
    /// A server address with a scheme other than https (or http to this machine).
    UnsupportedScheme { scheme: String },
    /// Another `kind` record already has the external id `id`.
    IdTaken { kind: String, id: String },
    /// `value` is not a quarter written like 2026Q3.
    NotAQuarter { value: String },
    /// Only free text (rarer refusals: imports, keys).
    Other(String),
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Required => f.write_str("is required"),
            Reason::TooLong { max } => write!(f, "is longer than {max} characters"),
            Reason::Before {
                value,
                earlier_field,
                earlier,
            } => write!(f, "{value} is before {earlier_field} {earlier}"),
            Reason::After {
                value,
                later_field,
                later,
            } => write!(f, "{value} is after {later_field} {later}"),
            Reason::InFuture { value } => write!(f, "{value} is in the future"),
            Reason::OutOfRange {
                value,
                min,
                max,
                min_excluded: false,
            } => write!(f, "{value} is not between {min} and {max}"),
            Reason::OutOfRange {
                value,
                min,
                max,
                min_excluded: true,
            } => write!(f, "{value} is not more than {min} and at most {max}"),
            Reason::Negative { value } => write!(f, "{value} must not be negative"),
            Reason::Void { kind, id } => {
                write!(
                    f,
                    "{id} is void: a {kind} entered in error cannot be changed"
                )?;
                if kind == "visit" {
                    f.write_str("; log it again")?;
                }
                Ok(())
            }
            Reason::VoidAlready { id } => write!(f, "{id} is void already"),
            Reason::FollowsItself => f.write_str("a step cannot follow itself"),
            Reason::NotDiscussed { seeker } => {
                write!(f, "{seeker} is not among the job seekers discussed")
            }
            Reason::MergeIntoItself { kind, id } => write!(
                f,
                "{id} is the {kind} kept: a record cannot be merged into itself"
            ),
            Reason::MergeOtherKind { id, kind, expected } => write!(
                f,
                "{id} is a {kind}, not a {expected}: only records of one kind merge"
            ),
            Reason::AlreadyEnrolled => {
                f.write_str("this phone is already enrolled; wipe it before enrolling again")
            }
            Reason::PlainHttp => {
                f.write_str("plain http is only allowed to this machine; use https")
            }
            Reason::UnsupportedScheme { scheme } => write!(f, "unsupported scheme {scheme}"),
            Reason::IdTaken { kind, id } => write!(f, "another {kind} already has the id `{id}`"),
            Reason::NotAQuarter { value } => write!(f, "{value:?} is not like 2026Q3"),
            Reason::Other(text) => f.write_str(text),
        }
    }
}

impl From<automerge::AutomergeError> for Error {
    fn from(e: automerge::AutomergeError) -> Self {
        Error::malformed("document", e)
    }
}
