//! What the last sync did, in words: the sync screen's summary line and the background
//! sync's notification. The apps keep a [`LastSync`] between launches (counts and the kind
//! of failure only, never a name or a sentence) and word it when they show it, so the line
//! follows the phone's language of the moment.

use chrono::{DateTime, FixedOffset, Utc};
use fieldbook_core::{Error, SyncReport};

use crate::errors::{failure_problem, server_failure, Failure};
use crate::format::{offset_from_minutes, relative_instant, time};
use crate::screens::Screens;
use crate::words::{Arg, Words};

/// What the last sync did: kept by the apps (a small file) so the sync screen can say it
/// after the app was closed. Counts of records only: whose records were refused stays in
/// the encrypted store (the pending screen names them).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct LastSync {
    /// When it ended (RFC 3339).
    pub at: String,
    /// Whether the background sync ran it rather than the person.
    pub background: bool,
    /// Records whose changes the server accepted.
    pub sent: u32,
    /// Records that changed here because of the server.
    pub received: u32,
    /// Records that left this phone (reassigned, no longer shared).
    pub removed: u32,
    /// Records whose changes the server refused.
    pub refused: u32,
    /// Records that arrived but could not be merged; asked for again next time.
    pub failed: u32,
    /// Why the sync failed, when it did not run to the end.
    pub failure: Option<SyncFailure>,
    /// The server's HTTP status when `failure` is [`SyncFailure::Server`], else 0.
    pub server_status: u16,
}

/// Why a sync failed, as the apps keep it (by name) and the summary words it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum SyncFailure {
    /// No connection, or it broke off.
    Network,
    /// The sync stopped before it was done.
    Incomplete,
    /// The sync was cancelled.
    Cancelled,
    /// The phone is not enrolled.
    NotEnrolled,
    /// The phone was revoked and erased.
    DeviceRevoked,
    /// The server refused this account.
    Unauthorised,
    /// The server refused more tries for now (429).
    TooManyTries,
    /// The server had a problem (status in [`LastSync::server_status`]).
    Server,
    /// An answer or a record could not be read.
    Malformed,
    /// The phone's database failed.
    Storage,
}

impl SyncFailure {
    /// The kind of failure `error` is, and the server's status when it is the server's.
    pub fn of(error: &Error) -> (SyncFailure, u16) {
        match error {
            Error::Network(_) => (SyncFailure::Network, 0),
            Error::Incomplete(_) => (SyncFailure::Incomplete, 0),
            Error::Cancelled => (SyncFailure::Cancelled, 0),
            Error::NotEnrolled => (SyncFailure::NotEnrolled, 0),
            Error::DeviceRevoked => (SyncFailure::DeviceRevoked, 0),
            Error::Unauthorised(_) => (SyncFailure::Unauthorised, 0),
            Error::Server { status, code, .. } => SyncFailure::of_server(*status, code),
            Error::Storage(_) | Error::WrongKey => (SyncFailure::Storage, 0),
            _ => (SyncFailure::Malformed, 0),
        }
    }

    /// The kind of failure a server's answer `status` with error `code` is.
    pub fn of_server(status: u16, code: &str) -> (SyncFailure, u16) {
        match server_failure(status, code) {
            Failure::TooManyTries => (SyncFailure::TooManyTries, status),
            _ => (SyncFailure::Server, status),
        }
    }

    /// Whether it passes by itself (no connection, a busy or broken server), so the
    /// background sync tries again later.
    pub fn passes(self, server_status: u16) -> bool {
        match self {
            SyncFailure::Network | SyncFailure::Incomplete | SyncFailure::TooManyTries => true,
            SyncFailure::Server => server_status >= 500,
            _ => false,
        }
    }

    /// Whether the person must enroll the phone again (it was revoked, or never enrolled).
    pub fn must_enroll(self) -> bool {
        matches!(self, SyncFailure::DeviceRevoked | SyncFailure::NotEnrolled)
    }

    /// The failure in plain words: the shared error sentences, and one of its own for a
    /// damaged answer (the core's name of what was damaged is not for the person).
    fn message(self, words: &Words, server_status: u16) -> String {
        let failure = match self {
            SyncFailure::Malformed => return words.get("sync-report-malformed", &[]),
            SyncFailure::Network => Failure::Network,
            SyncFailure::Incomplete => Failure::Incomplete,
            SyncFailure::Cancelled => Failure::Cancelled,
            SyncFailure::NotEnrolled => Failure::NotEnrolled,
            SyncFailure::DeviceRevoked => Failure::DeviceRevoked,
            SyncFailure::Unauthorised => Failure::Unauthorised,
            SyncFailure::TooManyTries => Failure::TooManyTries,
            SyncFailure::Server => Failure::Server {
                status: server_status,
            },
            SyncFailure::Storage => Failure::Storage,
        };
        failure_problem(words, failure).message
    }
}

impl LastSync {
    /// A sync that ran to the end at `at` with `report`.
    pub fn done(report: &SyncReport, background: bool, at: DateTime<FixedOffset>) -> LastSync {
        let count = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        LastSync {
            at: at.to_rfc3339(),
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

    /// A sync that failed at `at` with `error`.
    pub fn failed(error: &Error, background: bool, at: DateTime<FixedOffset>) -> LastSync {
        let (failure, server_status) = SyncFailure::of(error);
        LastSync::failed_with(failure, server_status, background, at.to_rfc3339())
    }

    /// A sync that failed at `at` (RFC 3339) with `failure` (and the server's status, or 0).
    pub fn failed_with(
        failure: SyncFailure,
        server_status: u16,
        background: bool,
        at: String,
    ) -> LastSync {
        LastSync {
            at,
            background,
            sent: 0,
            received: 0,
            removed: 0,
            refused: 0,
            failed: 0,
            failure: Some(failure),
            server_status,
        }
    }
}

/// A notification's title and text. Never a name: it can show on a locked screen.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SyncNotice {
    pub title: String,
    pub text: String,
}

/// The last sync, worded for the sync screen and the background sync.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SyncReportWords {
    /// "Synced today, 2:05 PM. 2 records sent. 1 record received."
    pub summary: String,
    /// What the background sync tells the person outside the app: none when nothing needs
    /// them (a clean sync, or a failure that passes by itself).
    pub notice: Option<SyncNotice>,
    /// The failure passes by itself: the background sync tries again later.
    pub retry: bool,
    /// The phone was revoked (or is not enrolled): the app goes back to enrollment.
    pub must_enroll: bool,
    /// It ran to the end and nothing was refused.
    pub clean: bool,
}

/// `last` worded at `now` (the phone's clock).
pub fn sync_report_words(
    words: &Words,
    last: &LastSync,
    now: DateTime<FixedOffset>,
) -> SyncReportWords {
    let at = DateTime::parse_from_rfc3339(&last.at).unwrap_or(now);
    let when = [
        ("day", Arg::Text(relative_instant(words, at, now))),
        (
            "time",
            Arg::Text(time(words, at.with_timezone(now.offset()).time())),
        ),
    ];
    let count = |n: u32| Arg::Count(i64::from(n));
    let mut sentences = Vec::new();
    let mut notice = None;
    let (mut retry, mut must_enroll) = (false, false);
    match last.failure {
        Some(failure) => {
            let id = if last.background {
                "sync-report-failed-background"
            } else {
                "sync-report-failed"
            };
            sentences.push(words.get(id, &when));
            let problem = failure.message(words, last.server_status);
            sentences.push(problem.clone());
            retry = failure.passes(last.server_status);
            must_enroll = failure.must_enroll();
            if must_enroll {
                notice = Some(SyncNotice {
                    title: words.get("sync-notice-enroll-title", &[]),
                    text: problem,
                });
            }
        }
        None => {
            let id = if last.background {
                "sync-report-done-background"
            } else {
                "sync-report-done"
            };
            sentences.push(words.get(id, &when));
            if last.sent == 0 && last.received == 0 {
                sentences.push(words.get("sync-report-nothing", &[]));
            }
            for (n, id) in [
                (last.sent, "sync-report-sent"),
                (last.received, "sync-report-received"),
                (last.removed, "sync-report-removed"),
                (last.refused, "sync-report-refused"),
                (last.failed, "sync-report-unreadable"),
            ] {
                if n > 0 {
                    sentences.push(words.get(id, &[("count", count(n))]));
                }
            }
        }
    }
    if notice.is_none() && last.refused > 0 {
        notice = Some(SyncNotice {
            title: words.get("sync-notice-refused-title", &[]),
            text: words.get(
                "sync-notice-refused-text",
                &[("count", count(last.refused))],
            ),
        });
    }
    SyncReportWords {
        summary: sentences.join(" "),
        notice,
        retry,
        must_enroll,
        clean: last.failure.is_none() && last.refused == 0,
    }
}

/// The sync page's own labels, in the phone's language.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SyncPageWords {
    pub title: String,
    /// The button that syncs now.
    pub sync_now: String,
    /// The same button while a sync runs.
    pub syncing: String,
    /// The button asking leave to notify (Android 13 and later).
    pub ask_to_notify: String,
}

#[uniffi::export]
impl Screens {
    /// The sync page's own labels.
    pub fn sync_page_words(&self) -> SyncPageWords {
        let words = self.words();
        SyncPageWords {
            title: words.get("sync-title", &[]),
            sync_now: words.get("sync-now", &[]),
            syncing: words.get("sync-running", &[]),
            ask_to_notify: words.get("sync-ask-notify", &[]),
        }
    }

    /// The last sync worded now, on the phone's clock (`utc_offset_minutes`), in the
    /// screens' language.
    pub fn sync_report(&self, last: LastSync, utc_offset_minutes: i32) -> SyncReportWords {
        let now = Utc::now().with_timezone(&offset_from_minutes(utc_offset_minutes));
        sync_report_words(&self.words(), &last, now)
    }
}
