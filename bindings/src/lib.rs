//! # fieldbook-ffi
//!
//! The core for Kotlin and Swift, through uniffi. A thin facade: records and enums mirror
//! the core's types (dates as ISO 8601 text, ids as UUID text), one error enum an app can act
//! on, one thread-safe object. No domain decision is made here.
//!
//! Apps call [`Fieldbook::sync`] from a background worker (WorkManager, BGTaskScheduler):
//! nothing is `async`, so the apps need no coroutine library.

// uniffi's generated scaffolding is FFI glue and needs `unsafe`; this crate writes none.
#![allow(unsafe_code)]
// `FieldbookError` carries its refusal code by value (uniffi lowers error fields whole, so
// no `Box`); its size is paid only on the way out to the app, never in a hot loop.
#![allow(clippy::result_large_err)]

mod corrections;
mod enums;
mod error;
mod inputs;
mod log;
mod parse;
mod store;
mod views;

pub use corrections::VisitEditInput;
pub use enums::*;
pub use error::{error_problem, failed_sync, finished_sync, DisclosureRefusal, FieldbookError};
pub use inputs::*;
pub use log::{set_log_sink, LogLevel, LogLine, LogSink};
pub use store::{ChangeListener, Fieldbook, SyncProgressListener};
pub use views::*;

/// The screens' state and wording, exported from this library beside the core.
pub use fieldbook_presentation as presentation;

uniffi::setup_scaffolding!();
