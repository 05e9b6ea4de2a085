//! The one error type an app catches (`FieldbookException` in Kotlin, `FieldbookError` in
//! Swift), with the cases a screen reacts to differently.

use fieldbook_core::model::{DisclosureBar, ReleaseMissing};
use fieldbook_presentation::errors::{
    failure_problem, server_failure, DisclosureWhy, Failure, Problem,
};
use fieldbook_presentation::reason_code::ReasonCode;
use fieldbook_presentation::sync_report::{LastSync, SyncFailure};

use crate::views::SyncReportView;
use fieldbook_presentation::{Language, Words};

/// What went wrong, in cases an app can act on.
#[derive(Debug, thiserror::Error, uniffi::Error)]
pub enum FieldbookError {
    /// The store's key is wrong (or the file is not a Fieldbook store).
    #[error("the store's key is wrong")]
    WrongKey,
    /// No such record on this phone.
    #[error("no {kind} {id}")]
    NotFound { kind: String, id: String },
    /// Bad input: which field and why, for the form to show. `reason` is the core's
    /// English; `code` says the same with its values, for [`error_problem`] to word in the
    /// phone's language.
    #[error("{field}: {reason}")]
    Invalid {
        field: String,
        reason: String,
        code: ReasonCode,
    },
    /// A visit would disclose a job seeker to an employer without their leave; nothing was
    /// written. `reason` says what is missing, `consent_id` and `date` name the expired (or
    /// not yet signed) consent to employers when there is one; `detail` is the sentence to show.
    #[error("{detail}")]
    DisclosureRefused {
        seeker_id: String,
        reason: DisclosureRefusal,
        consent_id: Option<String>,
        date: Option<String>,
        detail: String,
    },
    /// The record was merged into another (a duplicate): `into_id` is the record kept, which
    /// the screen should open instead. Nothing was written.
    #[error("{kind} {id} was merged into {into_id}")]
    Merged {
        kind: String,
        id: String,
        into_id: String,
    },
    /// A record with this id exists already.
    #[error("{kind} {id} already exists")]
    AlreadyExists { kind: String, id: String },
    /// This account may not do that (a job seeker's phone editing, a refused sign-in).
    #[error("not allowed: {detail}")]
    Unauthorised { detail: String },
    /// The phone was revoked and its data erased: enroll again.
    #[error("this phone was revoked and its data erased")]
    DeviceRevoked,
    /// Sync needs an enrolled phone.
    #[error("this phone is not enrolled")]
    NotEnrolled,
    /// No connection, or it broke off: try again later (nothing was lost).
    #[error("network: {detail}")]
    Network { detail: String },
    /// The sync was cancelled (`cancel_sync`). What it merged stays merged, unsent changes
    /// stay unsent; the next sync goes on from where it stopped.
    #[error("the sync was cancelled")]
    Cancelled,
    /// The server answered with an error.
    #[error("server ({status} {code}): {detail}")]
    Server {
        status: u16,
        code: String,
        detail: String,
    },
    /// A sync stopped before it was done (the server had more than the rounds allowed):
    /// nothing was lost, and syncing again continues where it stopped.
    #[error("{detail}")]
    Incomplete { detail: String },
    /// Data received or stored could not be read (a damaged or hostile answer, a record that
    /// breaks its schema): nothing of it was applied.
    #[error("{what} is malformed: {detail}")]
    Malformed { what: String, detail: String },
    /// The phone's database failed.
    #[error("storage: {detail}")]
    Storage { detail: String },
}

impl From<fieldbook_core::Error> for FieldbookError {
    fn from(e: fieldbook_core::Error) -> Self {
        use fieldbook_core::Error as E;
        match e {
            E::WrongKey => FieldbookError::WrongKey,
            E::NotFound { kind, id } => FieldbookError::NotFound {
                kind: kind.to_string(),
                id,
            },
            E::Invalid {
                field,
                reason,
                code,
            } => FieldbookError::Invalid {
                field: field.to_string(),
                reason,
                code: ReasonCode::from(code.as_ref()),
            },
            E::DisclosureRefused { seeker, bar } => {
                let detail = E::DisclosureRefused { seeker, bar }.to_string();
                let (reason, consent, date) = match bar {
                    DisclosureBar::DoNotDisclose => (DisclosureRefusal::DoNotDisclose, None, None),
                    DisclosureBar::NoRelease(ReleaseMissing::NoConsent) => {
                        (DisclosureRefusal::NoConsent, None, None)
                    }
                    DisclosureBar::NoRelease(ReleaseMissing::Expired { consent, expired }) => (
                        DisclosureRefusal::ConsentExpired,
                        Some(consent),
                        Some(expired),
                    ),
                    DisclosureBar::NoRelease(ReleaseMissing::NotYetSigned { consent, signed }) => (
                        DisclosureRefusal::ConsentNotYetSigned,
                        Some(consent),
                        Some(signed),
                    ),
                };
                FieldbookError::DisclosureRefused {
                    seeker_id: seeker.to_string(),
                    reason,
                    consent_id: consent.map(|c| c.to_string()),
                    date: date.map(|d| d.to_string()),
                    detail,
                }
            }
            E::Merged { kind, id, into } => FieldbookError::Merged {
                kind: kind.to_string(),
                id,
                into_id: into,
            },
            E::AlreadyExists { kind, id } => FieldbookError::AlreadyExists {
                kind: kind.to_string(),
                id,
            },
            E::Unauthorised(detail) => FieldbookError::Unauthorised { detail },
            E::DeviceRevoked => FieldbookError::DeviceRevoked,
            E::NotEnrolled => FieldbookError::NotEnrolled,
            E::Cancelled => FieldbookError::Cancelled,
            E::Incomplete(detail) => FieldbookError::Incomplete { detail },
            E::Malformed { what, reason } => FieldbookError::Malformed {
                what,
                detail: reason,
            },
            E::Network(detail) => FieldbookError::Network { detail },
            E::Server {
                status,
                code,
                message,
            } => FieldbookError::Server {
                status,
                code,
                detail: message,
            },
            other => FieldbookError::Storage {
                detail: other.to_string(),
            },
        }
    }
}

/// Why a disclosure was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum DisclosureRefusal {
    /// The career profile says "do not disclose".
    DoNotDisclose,
    /// No consent to release information to employers is recorded.
    NoConsent,
    /// The latest consent to employers was in force until `date`.
    ConsentExpired,
    /// The consent to employers is signed only on `date`, after the visit.
    ConsentNotYetSigned,
}

/// `error` in plain words in `language`: the sentence to show and the form field it belongs
/// to, from the shared catalogue (the same wording the shared forms use). A disclosure
/// refusal names the job seeker by `seeker_name` when the screen knows it, else by id.
#[uniffi::export]
pub fn error_problem(
    error: &FieldbookError,
    language: Language,
    seeker_name: Option<String>,
) -> Problem {
    let words = Words::new(language);
    let failure = match error {
        FieldbookError::Invalid { field, code, .. } => {
            let reason = fieldbook_core::Reason::from(code);
            return failure_problem(
                &words,
                Failure::Invalid {
                    field,
                    reason: &reason,
                },
            );
        }
        FieldbookError::DisclosureRefused {
            seeker_id,
            reason,
            date,
            ..
        } => Failure::Disclosure {
            name: seeker_name.as_deref().unwrap_or(seeker_id),
            why: match reason {
                DisclosureRefusal::DoNotDisclose => DisclosureWhy::DoNotDisclose,
                DisclosureRefusal::NoConsent => DisclosureWhy::NoConsent,
                DisclosureRefusal::ConsentExpired => DisclosureWhy::Expired,
                DisclosureRefusal::ConsentNotYetSigned => DisclosureWhy::NotYetSigned,
            },
            date: date.as_deref(),
        },
        FieldbookError::NotFound { kind, .. } => Failure::NotFound { kind },
        FieldbookError::Merged { kind, .. } => Failure::Merged { kind },
        FieldbookError::AlreadyExists { kind, .. } => Failure::AlreadyExists { kind },
        FieldbookError::WrongKey => Failure::WrongKey,
        FieldbookError::Unauthorised { .. } => Failure::Unauthorised,
        FieldbookError::DeviceRevoked => Failure::DeviceRevoked,
        FieldbookError::NotEnrolled => Failure::NotEnrolled,
        FieldbookError::Network { .. } => Failure::Network,
        FieldbookError::Cancelled => Failure::Cancelled,
        FieldbookError::Server { status, code, .. } => server_failure(*status, code),
        FieldbookError::Incomplete { .. } => Failure::Incomplete,
        FieldbookError::Malformed { what, .. } => Failure::Malformed { what },
        FieldbookError::Storage { .. } => Failure::Storage,
    };
    failure_problem(&words, failure)
}

/// Result of every exported call.
pub type FfiResult<T> = Result<T, FieldbookError>;

/// The last sync as the apps keep it, for a sync that ended at `at` (RFC 3339) with `error`:
/// the kind of failure (and the server's status), never its English detail, so the sync
/// screen words it later in the phone's language of the moment.
#[uniffi::export]
pub fn failed_sync(error: &FieldbookError, background: bool, at: String) -> LastSync {
    let (failure, server_status) = match error {
        FieldbookError::Network { .. } => (SyncFailure::Network, 0),
        FieldbookError::Incomplete { .. } => (SyncFailure::Incomplete, 0),
        FieldbookError::Cancelled => (SyncFailure::Cancelled, 0),
        FieldbookError::NotEnrolled => (SyncFailure::NotEnrolled, 0),
        FieldbookError::DeviceRevoked => (SyncFailure::DeviceRevoked, 0),
        FieldbookError::Unauthorised { .. } => (SyncFailure::Unauthorised, 0),
        FieldbookError::Server { status, code, .. } => SyncFailure::of_server(*status, code),
        FieldbookError::Storage { .. } | FieldbookError::WrongKey => (SyncFailure::Storage, 0),
        FieldbookError::Invalid { .. }
        | FieldbookError::DisclosureRefused { .. }
        | FieldbookError::NotFound { .. }
        | FieldbookError::Merged { .. }
        | FieldbookError::AlreadyExists { .. }
        | FieldbookError::Malformed { .. } => (SyncFailure::Malformed, 0),
    };
    LastSync::failed_with(failure, server_status, background, at)
}

/// The last sync as the apps keep it, for a sync that ran to the end at `at` (RFC 3339).
#[uniffi::export]
pub fn finished_sync(report: &SyncReportView, background: bool, at: String) -> LastSync {
    let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
    LastSync {
        at,
        background,
        sent: report.sent,
        received: report.received,
        removed: report.removed,
        refused: count(report.rejected.len()),
        failed: count(report.failed.len()),
        failure: None,
        server_status: 0,
    }
}
