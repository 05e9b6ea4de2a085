//! What a sync tells the log (`tracing`): its rounds, pages, refusals and failures, for the
//! app's log sink and the CLI's `-v`. Job seekers' records are mental-health data: these
//! lines carry ids, codes, counts and sizes, never a name, a note or any other content.

use std::time::Duration;

use super::SyncReport;
use crate::protocol::SyncRequest;
use crate::{Error, Result};

/// A request about to go out.
pub(super) fn request(round: u32, request: &SyncRequest, bytes: usize) {
    tracing::debug!(
        round,
        cursor = request.cursor,
        resuming = request.resume.is_some(),
        pushed_docs = request.push.len(),
        pushed_changes = request.push.iter().map(|p| p.changes.len()).sum::<usize>(),
        wanted = request.want.len(),
        bytes,
        "sync request"
    );
}

/// An answer page applied; `merge` is how long applying it took.
pub(super) fn page(round: u32, docs: usize, bytes: usize, more: bool, merge: Duration) {
    tracing::debug!(
        round,
        docs,
        bytes,
        more,
        merge_ms = merge.as_millis() as u64,
        "sync page applied"
    );
}

/// A sync that finished.
pub(super) fn finished(report: &SyncReport) {
    tracing::info!(
        round_trips = report.round_trips,
        sent = report.sent,
        received = report.received,
        removed = report.removed,
        refused = report.rejected.len(),
        failed = report.failed.len(),
        bytes_up = report.bytes_up,
        bytes_down = report.bytes_down,
        ms = report.duration_ms,
        "sync finished"
    );
}

/// The error a cancelled sync ends with, logged with what it did.
pub(super) fn cancelled(report: &SyncReport) -> Error {
    tracing::info!(
        round_trips = report.round_trips,
        received = report.received,
        sent = report.sent,
        "sync cancelled"
    );
    Error::Cancelled
}

/// Logs a failed sync: the kind of failure, and the detail only where it cannot hold a
/// record's content (network and server messages).
pub(super) fn failure(result: Result<SyncReport>) -> Result<SyncReport> {
    match &result {
        Ok(_) | Err(Error::Cancelled) => {}
        Err(e @ (Error::Network(_) | Error::Server { .. } | Error::Incomplete(_))) => {
            tracing::warn!(error = %e, "sync failed");
        }
        Err(Error::DeviceRevoked) => tracing::warn!("sync failed: device revoked"),
        Err(Error::Malformed { .. }) => tracing::warn!("sync failed: a malformed answer"),
        Err(Error::Storage(e)) => {
            tracing::error!(code = ?e.sqlite_error_code(), "sync failed: storage")
        }
        Err(_) => tracing::warn!("sync failed"),
    }
    result
}
