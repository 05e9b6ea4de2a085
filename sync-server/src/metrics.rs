//! Counters for `/metrics` (Prometheus text format): what an IT person watches to know
//! phones are syncing.

use std::fmt::Write;
use std::sync::atomic::{AtomicU64, Ordering};

use crate::db::Stats;

/// Process-wide counters since start.
#[derive(Debug, Default)]
pub struct Metrics {
    pub sync_requests: AtomicU64,
    pub sync_failures: AtomicU64,
    pub enroll_requests: AtomicU64,
    pub enroll_failures: AtomicU64,
    pub bytes_received: AtomicU64,
    pub bytes_sent: AtomicU64,
    pub documents_rejected: AtomicU64,
    pub documents_served: AtomicU64,
}

impl Metrics {
    /// Adds `n` to a counter.
    pub fn add(counter: &AtomicU64, n: u64) {
        counter.fetch_add(n, Ordering::Relaxed);
    }

    /// The Prometheus text exposition of the counters and the stored totals.
    pub fn render(&self, stats: &Stats) -> String {
        let mut out = String::new();
        let counters: [(&str, &str, &AtomicU64); 8] = [
            (
                "fieldbook_sync_requests_total",
                "Sync requests received.",
                &self.sync_requests,
            ),
            (
                "fieldbook_sync_failures_total",
                "Sync requests answered with an error.",
                &self.sync_failures,
            ),
            (
                "fieldbook_enroll_requests_total",
                "Enrollment requests received.",
                &self.enroll_requests,
            ),
            (
                "fieldbook_enroll_failures_total",
                "Enrollment requests refused.",
                &self.enroll_failures,
            ),
            (
                "fieldbook_bytes_received_total",
                "Request body bytes received on sync.",
                &self.bytes_received,
            ),
            (
                "fieldbook_bytes_sent_total",
                "Response body bytes sent on sync.",
                &self.bytes_sent,
            ),
            (
                "fieldbook_documents_rejected_total",
                "Pushed documents refused.",
                &self.documents_rejected,
            ),
            (
                "fieldbook_documents_served_total",
                "Documents sent to phones.",
                &self.documents_served,
            ),
        ];
        for (name, help, value) in counters {
            let _ = writeln!(
                out,
                "# HELP {name} {help}\n# TYPE {name} counter\n{name} {}",
                value.load(Ordering::Relaxed)
            );
        }
        let gauges = [
            ("fieldbook_teams", "Teams.", stats.teams),
            ("fieldbook_users", "Accounts.", stats.users),
            (
                "fieldbook_devices",
                "Enrolled devices, revoked included.",
                stats.devices,
            ),
            ("fieldbook_documents", "Stored documents.", stats.documents),
            ("fieldbook_changes", "Stored changes.", stats.changes),
            (
                "fieldbook_quarantined_changes",
                "Changes set aside by `admin check --repair`.",
                stats.quarantined,
            ),
        ];
        for (name, help, value) in gauges {
            let _ = writeln!(
                out,
                "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}"
            );
        }
        out
    }
}
