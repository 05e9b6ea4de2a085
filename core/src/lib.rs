//! # fieldbook-core
//!
//! The offline core of Fieldbook, the field app of IPS supported-employment teams. It holds
//! every job seeker's plan and every employer-visit log on the phone as Automerge documents
//! in SQLite, answers the screens' questions from index tables, and syncs with the server.
//!
//! The core knows nothing of FFI, HTTP servers or async runtimes: `bindings/` wraps it for
//! Kotlin and Swift, `cli/` for the terminal, and `sync-server/` shares its document schema
//! and protocol types.

mod consents;
pub mod document;
mod error;
mod external;
pub mod fidelity;
pub mod ids;
pub mod model;
mod ops;
pub mod protocol;
mod query;
mod store;
mod sync;
mod week;

pub use consents::{consents_to_renew, ConsentAlert, CONSENT_WARNING_DAYS};
pub use error::{Error, Reason, Result};
pub use external::Named;
pub use ops::{
    check_visit_time, today, EmployerRecord, JobEdit, NewConsent, NewEmployer, NewJob, NewSeeker,
    NewStep, NewVisit, Saved, SeekerRecord, StepEdit, VisitEdit,
};
pub use query::{CaseloadEntry, DueStep, EmployerSummary, VisitSummary, WeekOfVisits};
pub use store::{
    week_start, ChangeListener, Found, Identity, MergeOutcome, Merges, NameKind, Pending,
    RefusalCause, RefusedChange, RemoteData, RemoteDoc, Store, UnsentRecord, KEY_LEN,
};
pub use sync::{
    check_url as check_server_address, Enrollment, Refusal, RejectedDoc, SyncProgress, SyncReport,
};
pub use week::{FirstContactAlert, Milestone, TimelineEntry, WeekSummary, NEAR_DEADLINE_DAYS};

/// Makes ring the process's TLS cryptography (rustls's provider): the one built into
/// Fieldbook, for the phone's HTTPS client, the server's HTTPS listener and its PostgreSQL
/// connections. Call it before making a TLS client or server; a second call does nothing.
pub fn install_crypto() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // Err only when another provider was installed first, which then serves instead.
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}
