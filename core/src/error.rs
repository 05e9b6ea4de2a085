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
    /// Input was rejected before anything was written. `field` names the input field.
    #[error("{field}: {reason}")]
    Invalid { field: String, reason: String },

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
    /// A field-level validation error.
    pub fn invalid(field: impl Into<String>, reason: impl fmt::Display) -> Self {
        Error::Invalid {
            field: field.into(),
            reason: reason.to_string(),
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

impl From<automerge::AutomergeError> for Error {
    fn from(e: automerge::AutomergeError) -> Self {
        Error::malformed("document", e)
    }
}
