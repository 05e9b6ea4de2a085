//! The read connection: what the screens ask (caseload, week, a job seeker's record, search,
//! pending work) is answered here, beside the writer. In WAL mode a reader sees the last
//! committed state and never waits for a write, so a sync merging a large page does not hold
//! up the caseload.
//!
//! It keeps its own cache of documents. The cache's rules (`docs::DocCache`, ADR 0004) already
//! cover a second connection: every commit of the writer moves this connection's
//! `PRAGMA data_version`, so a cached copy is checked against its stored revision before it
//! is used again, and a stale copy is never shown.

use std::time::Duration;

use rusqlite::Connection;

use super::docs::DocCache;
use crate::Result;

/// The read connection and its documents.
#[derive(Debug)]
pub(crate) struct Reader {
    conn: Connection,
    cache: DocCache,
}

impl Reader {
    /// Takes a connection already keyed (and checked) for the store's file, and makes it
    /// read-only: a write through it is an error, never a second writer.
    pub(crate) fn open(conn: Connection) -> Result<Reader> {
        // A reader waits only while SQLite recovers or restarts the write-ahead log.
        conn.busy_timeout(Duration::from_secs(10))?;
        conn.set_prepared_statement_cache_capacity(64);
        conn.pragma_update(None, "query_only", "ON")?;
        Ok(Reader {
            conn,
            cache: DocCache::default(),
        })
    }

    /// Runs `f` in one read transaction: every statement of it sees the same committed state
    /// (a screen's rows agree with each other, a document's revision with its bytes).
    pub(crate) fn read<R>(
        &mut self,
        f: impl FnOnce(&Connection, &mut DocCache) -> Result<R>,
    ) -> Result<R> {
        if !self.conn.is_autocommit() {
            // A read that panicked left its transaction open: end it first.
            self.conn.execute_batch("ROLLBACK")?;
        }
        // Cached statements, not parsed again for every read.
        self.conn.prepare_cached("BEGIN")?.execute([])?;
        let result = f(&self.conn, &mut self.cache);
        // Nothing was written: ending the transaction only lets the log move on.
        self.conn.prepare_cached("COMMIT")?.execute([])?;
        result
    }

    /// Drops cached copies of documents that left the phone (or all, for a wipe): they could
    /// no longer be read through the store, and a revoked phone keeps no record in memory.
    pub(crate) fn forget(&mut self, ids: Option<&[crate::ids::DocId]>) {
        match ids {
            Some(ids) => ids.iter().for_each(|id| self.cache.evict(*id)),
            None => self.cache.clear(),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::Duration;

    use crate::model::EmployerInfo;
    use crate::{NewEmployer, Store};

    /// While the writer is in the middle of a transaction (a sync merging a page), the
    /// screens' reads go on and see the last committed state; after the commit they see the
    /// new one, also for a document the reader had cached.
    #[test]
    fn reads_go_on_while_the_writer_is_busy_and_see_the_last_commit() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("phone.db"), Some(&[7; 32])).unwrap();
        let id = store
            .create_employer(NewEmployer {
                id: None,
                info: EmployerInfo {
                    name: "Corner Bakery".into(),
                    ..Default::default()
                },
            })
            .unwrap();
        assert_eq!(store.employer(id).unwrap().info.name, "Corner Bakery");

        let guard = store.lock();
        guard
            .conn
            .execute_batch("BEGIN IMMEDIATE; DELETE FROM employer_index; DELETE FROM documents;")
            .unwrap();
        let (tx, rx) = mpsc::channel();
        let read = std::thread::scope(|s| {
            s.spawn(|| {
                let read = (store.employers(), store.employer(id));
                tx.send(read).unwrap();
            });
            let read = rx.recv_timeout(Duration::from_secs(5));
            // Let the writer go before the scope waits for the reader, pass or fail.
            guard.conn.execute_batch("ROLLBACK").unwrap();
            drop(guard);
            read
        })
        .expect("the read did not wait for the writer");
        let (list, employer) = read;
        assert_eq!(list.unwrap().len(), 1, "the last committed state");
        assert_eq!(employer.unwrap().info.name, "Corner Bakery");

        store
            .update_employer(
                id,
                EmployerInfo {
                    name: "Corner Bakery & Café".into(),
                    ..Default::default()
                },
            )
            .unwrap();
        assert_eq!(
            store.employer(id).unwrap().info.name,
            "Corner Bakery & Café"
        );
        assert_eq!(store.employers().unwrap()[0].name, "Corner Bakery & Café");
    }

    /// The read connection cannot write: a write through it is an error, never a second
    /// writer racing the first.
    #[test]
    fn the_read_connection_refuses_writes() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("phone.db");
        let store = Store::open(&path, None).unwrap();
        let actor = store.identity().actor;
        let wrote = store.query(|c| Ok(c.execute_batch("DELETE FROM meta")?));
        assert!(wrote.is_err(), "{wrote:?}");
        drop(store);
        let store = Store::open(&path, None).unwrap();
        assert_eq!(
            store.identity().actor,
            actor,
            "the phone's identity is still stored"
        );
    }
}
