//! Cancelling a running sync: the app's "stop" (the specialist leaves the signal, the OS ends
//! the background work). A sync looks at its token before each request, while it reads an
//! answer, and before it applies one; it stops there, having applied whole pages only, and
//! fails with [`Error::Cancelled`](crate::Error::Cancelled).

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use crate::store::Store;

/// Asks one sync to stop. Cheap to clone; every clone cancels the same sync.
#[derive(Debug, Clone, Default)]
pub struct SyncCancel(Arc<AtomicBool>);

impl SyncCancel {
    /// A token not cancelled yet.
    pub fn new() -> SyncCancel {
        SyncCancel::default()
    }

    /// Asks the sync to stop at its next check.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }

    /// Whether [`SyncCancel::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// The syncs running on a store, so the app can cancel them without holding a token.
#[derive(Debug, Default)]
pub(crate) struct Running(Mutex<Vec<SyncCancel>>);

impl Running {
    fn tokens(&self) -> std::sync::MutexGuard<'_, Vec<SyncCancel>> {
        self.0.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Registers a sync starting now; it is forgotten when the guard drops.
    pub(crate) fn start(&self) -> RunningSync<'_> {
        let token = SyncCancel::new();
        self.tokens().push(token.clone());
        RunningSync {
            running: self,
            token,
        }
    }
}

/// A sync in progress, registered with its store.
#[derive(Debug)]
pub(crate) struct RunningSync<'a> {
    running: &'a Running,
    pub(crate) token: SyncCancel,
}

impl Drop for RunningSync<'_> {
    fn drop(&mut self) {
        self.running
            .tokens()
            .retain(|t| !Arc::ptr_eq(&t.0, &self.token.0));
    }
}

impl Store {
    /// Cancels every sync running on this store now. Returns whether one was running; a sync
    /// started later is not affected. The cancelled sync fails with
    /// [`Error::Cancelled`](crate::Error::Cancelled) at its next check (between requests and
    /// pages, or while an answer is arriving), leaving the store consistent.
    pub fn cancel_sync(&self) -> bool {
        let running = {
            let tokens = self.syncs.tokens();
            for t in tokens.iter() {
                t.cancel();
            }
            tokens.len()
        };
        // Logged after the lock is let go: the app's log sink may call back into the store.
        if running > 0 {
            tracing::info!(syncs = running, "sync cancel requested");
        }
        running > 0
    }
}
