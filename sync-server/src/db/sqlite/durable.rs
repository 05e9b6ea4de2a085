//! Group commit: writers commit without syncing (`synchronous = NORMAL`), then wait for one
//! fsync of the write-ahead log that covers their commit. While one writer waits for the disk
//! the next already runs its transaction, and one flush makes every commit before it durable,
//! so concurrent pushes share the disk's flush latency instead of paying it one after another.
//! A commit is reported done only once it is on disk, as with `synchronous = FULL`.

use std::fs::File;
use std::path::PathBuf;
use std::sync::{Condvar, Mutex};

use super::lock;
use crate::db::{DbError, DbResult};

/// The log's commits and how far they are on disk.
#[derive(Debug)]
pub(super) struct GroupSync {
    wal: PathBuf,
    state: Mutex<State>,
    flushed: Condvar,
    /// The open log file, kept between flushes.
    file: Mutex<Option<File>>,
}

#[derive(Debug, Default)]
struct State {
    /// Commits made, numbered from 1.
    committed: u64,
    /// Commits known to be on disk.
    synced: u64,
    /// A writer is flushing the log now.
    flushing: bool,
}

impl GroupSync {
    /// For the database file `db` (its log is `db` + `-wal`).
    pub(super) fn new(db: &std::path::Path) -> GroupSync {
        let mut wal = db.as_os_str().to_owned();
        wal.push("-wal");
        GroupSync {
            wal: PathBuf::from(wal),
            state: Mutex::new(State::default()),
            flushed: Condvar::new(),
            file: Mutex::new(None),
        }
    }

    /// Counts a commit just made (called while still holding the writer) and returns its number.
    pub(super) fn committed(&self) -> u64 {
        let mut state = lock(&self.state);
        state.committed += 1;
        state.committed
    }

    /// Returns once commit `n` is on disk: flushes the log itself when no one else is, or
    /// waits for the flush under way (which may cover it, or else it flushes next).
    pub(super) fn wait_durable(&self, n: u64) -> DbResult<()> {
        let mut state = lock(&self.state);
        loop {
            if state.synced >= n {
                return Ok(());
            }
            if state.flushing {
                state = self.flushed.wait(state).unwrap_or_else(|p| p.into_inner());
                continue;
            }
            state.flushing = true;
            let upto = state.committed;
            drop(state);
            let flushed = self.flush();
            state = lock(&self.state);
            state.flushing = false;
            if flushed.is_ok() {
                state.synced = state.synced.max(upto);
            }
            self.flushed.notify_all();
            flushed?;
        }
    }

    fn flush(&self) -> DbResult<()> {
        let mut file = lock(&self.file);
        if file.is_none() {
            *file = Some(File::open(&self.wal).map_err(|e| self.failed(e))?);
        }
        let synced = file.as_ref().map(File::sync_data).unwrap_or(Ok(()));
        if let Err(e) = synced {
            // Opened again next time, in case the log was replaced.
            *file = None;
            return Err(self.failed(e));
        }
        Ok(())
    }

    fn failed(&self, e: std::io::Error) -> DbError {
        DbError::Other(format!(
            "a commit is not known to be on disk: {}: {e}",
            self.wal.display()
        ))
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;

    #[test]
    fn every_waiter_returns_once_its_commit_is_flushed() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("x.db");
        std::fs::write(dir.path().join("x.db-wal"), b"log").unwrap();
        let sync = Arc::new(GroupSync::new(&db));
        let waiters: Vec<_> = (0..8)
            .map(|_| {
                let sync = sync.clone();
                std::thread::spawn(move || {
                    let n = sync.committed();
                    sync.wait_durable(n)
                })
            })
            .collect();
        for w in waiters {
            w.join().unwrap().unwrap();
        }
        let state = lock(&sync.state);
        assert_eq!((state.committed, state.synced), (8, 8));
    }

    #[test]
    fn a_log_that_cannot_be_flushed_is_an_error_not_a_success() {
        let dir = tempfile::tempdir().unwrap();
        let sync = GroupSync::new(&dir.path().join("missing.db"));
        let n = sync.committed();
        let err = sync.wait_durable(n).unwrap_err();
        assert!(err.to_string().contains("not known to be on disk"), "{err}");
        assert_eq!(lock(&sync.state).synced, 0);
    }
}
