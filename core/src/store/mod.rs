//! The phone's store: one SQLite file (SQLCipher-encrypted when the app passes a key) holding
//! every document this phone may hold, the outbox of changes for the server, and the index
//! tables the screens read. Every write is one transaction, durable when the call returns.

mod conflict_index;
mod consent_index;
mod docs;
mod edit;
mod encrypt;
mod identity;
pub(crate) mod index;
pub(crate) mod merges;
mod names;
mod pending;
mod reader;
mod remote;
mod rows;
mod schema;
#[cfg(test)]
pub(crate) mod tests;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use automerge::ActorId;
use chrono::Utc;
use rusqlite::config::DbConfig;
use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};
use serde::de::DeserializeOwned;

pub(crate) use consent_index::by_seeker as consents_by_seeker;
pub(crate) use edit::Edit;
pub use identity::Identity;
pub use index::week_start;
pub use merges::Merges;
pub use names::{Found, NameKind};
pub(crate) use pending::LEFT_THE_PHONE;
pub use pending::{Pending, RefusalCause, RefusedChange, UnsentRecord};
pub(crate) use remote::Outgoing;
pub use remote::{MergeOutcome, RemoteData, RemoteDoc};

use crate::document::{history, ChangeMeta, Conflict, DocKind, HistoryEntry};
use crate::ids::{DocId, UserId};
use crate::{Error, Result};

/// A document with this many changes appended since its snapshot is rewritten by
/// [`Store::compact`].
const COMPACT_WHEN_IDLE: i64 = 4;

/// How long a long merge steps back for writers waiting for the store.
const HAND_OVER: std::time::Duration = std::time::Duration::from_millis(100);

/// Length of the encryption key the app keeps in the Android Keystore or iOS Keychain.
pub const KEY_LEN: usize = 32;

/// Called after documents change, locally or through sync, so screens can refresh.
pub type ChangeListener = Arc<dyn Fn(&[DocId]) + Send + Sync>;

/// The phone's store. Safe to share between threads: the UI reads while a worker syncs.
///
/// Two connections to one file: the writer (every write, and a sync's merges, one
/// transaction at a time) and a reader for the screens' questions. In WAL mode a reader sees
/// the last committed state and never waits for the writer, so the caseload opens while a
/// sync merges a page of several megabytes.
pub struct Store {
    inner: Mutex<Inner>,
    /// Threads waiting for the writer: a long merge lets them go first (see
    /// [`Store::merge_remote`]).
    waiting: AtomicUsize,
    reader: Mutex<reader::Reader>,
    /// Who this phone is, apart from the connections so asking never waits for a write.
    identity: RwLock<Identity>,
    listeners: Mutex<Vec<(u64, ChangeListener)>>,
    /// The syncs running now, each with its cancel token.
    pub(crate) syncs: crate::sync::Running,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// The writer: its connection, its cache of documents, and the actor its changes carry.
#[derive(Debug)]
pub(crate) struct Inner {
    pub(crate) conn: Connection,
    pub(crate) cache: docs::DocCache,
    actor: ActorId,
}

impl Store {
    /// Opens the store at `path`, creating it if it does not exist. With `key` the file is
    /// encrypted (SQLCipher); a wrong or missing key fails with [`Error::WrongKey`] and leaves
    /// the file untouched.
    pub fn open(path: impl AsRef<Path>, key: Option<&[u8]>) -> Result<Store> {
        let path = path.as_ref().to_path_buf();
        if key.is_some_and(|k| k.len() != KEY_LEN) {
            return Err(Error::invalid("key", format!("must be {KEY_LEN} bytes")));
        }
        let (mut conn, seal) = match connect(&path, key, PAGE_SEAL) {
            // A store made before PAGE_SEAL has SQLCipher's default seal.
            Err(Error::WrongKey) if key.is_some() => (connect(&path, key, "")?, ""),
            other => (other?, PAGE_SEAL),
        };
        conn.busy_timeout(std::time::Duration::from_secs(10))?;
        // Room for every statement a write runs, so none is parsed again on the next write.
        conn.set_prepared_statement_cache_capacity(64);
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // Deleted rows are overwritten, not left in free pages: a record taken off this
        // phone (reassignment, revocation) cannot be read back from the file.
        conn.pragma_update(None, "secure_delete", "ON")?;
        schema::migrate(&mut conn)?;
        let identity = identity::load_or_create(&conn)?;
        let actor = identity.actor_id()?;
        // Opened after the migrations, so it reads the current schema.
        let reader = reader::Reader::open(connect(&path, key, seal)?)?;
        tracing::debug!(encrypted = key.is_some(), "store opened");
        Ok(Store {
            inner: Mutex::new(Inner {
                conn,
                cache: docs::DocCache::default(),
                actor,
            }),
            waiting: AtomicUsize::new(0),
            reader: Mutex::new(reader),
            identity: RwLock::new(identity),
            listeners: Mutex::new(Vec::new()),
            syncs: Default::default(),
            path,
        })
    }

    /// Where the store lives.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Who this phone is.
    pub fn identity(&self) -> Identity {
        self.identity
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    /// Replaces who this phone is (enrollment, wipe). The caller holds the writer's lock, so
    /// no write runs between the stored identity and this copy.
    fn set_identity_copy(&self, identity: Identity) {
        *self.identity.write().unwrap_or_else(|p| p.into_inner()) = identity;
    }

    /// The writer. Held for one transaction at a time: a local write, or (part of) one page
    /// of a sync.
    pub(crate) fn lock(&self) -> MutexGuard<'_, Inner> {
        self.waiting.fetch_add(1, Ordering::SeqCst);
        // A panic while holding the lock cannot leave SQLite half-written (transactions roll
        // back), so a poisoned lock is safe to reuse.
        let guard = self.inner.lock().unwrap_or_else(|p| p.into_inner());
        self.waiting.fetch_sub(1, Ordering::SeqCst);
        guard
    }

    /// Whether another thread waits for the writer.
    pub(crate) fn writers_waiting(&self) -> bool {
        self.waiting.load(Ordering::SeqCst) > 0
    }

    /// The writer, for a long job done in parts (a sync's page): threads already waiting
    /// for it go first. A mutex does not queue, so the job steps back briefly (at most
    /// [`HAND_OVER`]) until they have taken it.
    pub(crate) fn lock_after_waiting_writers(&self) -> MutexGuard<'_, Inner> {
        let until = std::time::Instant::now() + HAND_OVER;
        while self.writers_waiting() && std::time::Instant::now() < until {
            std::thread::sleep(std::time::Duration::from_micros(200));
        }
        self.lock()
    }

    /// Runs `f` as one write named `op`: every document it changes gets one change, stored,
    /// queued for sync and re-indexed in the same transaction.
    pub(crate) fn write<R>(
        &self,
        op: &str,
        f: impl FnOnce(&mut Edit<'_>) -> Result<R>,
    ) -> Result<R> {
        self.write_telling(op, f).map(|(r, _)| r)
    }

    /// Like [`Store::write`], and also says which documents changed: none when every value
    /// written was already there (an import row applied twice).
    pub(crate) fn write_telling<R>(
        &self,
        op: &str,
        f: impl FnOnce(&mut Edit<'_>) -> Result<R>,
    ) -> Result<(R, Vec<DocId>)> {
        let changed;
        let identity = self.identity();
        let result = {
            let mut guard = self.lock();
            let inner = &mut *guard;
            if identity.role.is_some_and(|r| !r.may_edit_records()) {
                return Err(Error::Unauthorised(
                    "this phone belongs to a job seeker: plans can be read here, not changed"
                        .into(),
                ));
            }
            let meta = ChangeMeta {
                op: Some(op.to_string()),
                user: identity.user_id,
                device: identity.device_id,
            };
            let tx = inner
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let mut edit = Edit::new(&tx, &mut inner.cache, &inner.actor, Utc::now());
            let outcome = f(&mut edit).and_then(|r| edit.finish(&meta).map(|c| (r, c)));
            match outcome {
                Ok((r, c)) => {
                    if let Err(e) = tx.commit() {
                        inner.cache.clear();
                        return Err(e.into());
                    }
                    changed = c;
                    r
                }
                Err(e) => {
                    edit.abandon();
                    return Err(e);
                }
            }
        };
        self.notify(&changed);
        Ok((result, changed))
    }

    /// Rewrites documents that have gathered several changes since their last snapshot as
    /// single snapshots, so they open quickly. Writes leave this for later to stay quick;
    /// every sync runs it. Returns how many were rewritten.
    pub fn compact(&self) -> Result<usize> {
        let mut guard = self.lock();
        let inner = &mut *guard;
        let tx = inner
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let compacted = docs::compact_all(&tx, &mut inner.cache, COMPACT_WHEN_IDLE).and_then(|n| {
            tx.commit()?;
            Ok(n)
        });
        if compacted.is_err() {
            // Cached copies may carry revisions the rollback undid.
            inner.cache.clear();
        }
        drop(guard);
        if let Ok(n) = compacted {
            tracing::debug!(compacted = n, "documents rewritten as snapshots");
        }
        compacted
    }

    /// Runs a read-only query on the read connection, in one read transaction: it sees the
    /// last committed state and never waits for a write or a sync.
    pub(crate) fn query<R>(&self, f: impl FnOnce(&Connection) -> Result<R>) -> Result<R> {
        self.read(|conn, _| f(conn))
    }

    /// Like [`Store::query`], with the read connection's own cache of documents.
    pub(crate) fn read<R>(
        &self,
        f: impl FnOnce(&Connection, &mut docs::DocCache) -> Result<R>,
    ) -> Result<R> {
        let mut reader = self.reader.lock().unwrap_or_else(|p| p.into_inner());
        reader.read(f)
    }

    /// Drops the read connection's copies of documents that left the phone (all with `None`).
    pub(crate) fn forget_read_copies(&self, ids: Option<&[DocId]>) {
        self.reader
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .forget(ids);
    }

    /// Runs a small write (a sync setting) on the writer connection, outside any document.
    pub(crate) fn exec<R>(&self, f: impl FnOnce(&Connection) -> Result<R>) -> Result<R> {
        let guard = self.lock();
        f(&guard.conn)
    }

    /// Reads one document as its typed schema.
    pub(crate) fn read_doc<T: DeserializeOwned>(&self, id: DocId, kind: DocKind) -> Result<T> {
        self.read(|conn, cache| cache.get(conn, id, kind)?.read())
    }

    /// One value of a document (a visit in an employer's log), read from the document's JSON
    /// copy without deserializing the rest.
    pub(crate) fn read_doc_at<T: DeserializeOwned>(
        &self,
        id: DocId,
        kind: DocKind,
        path: &[&str],
    ) -> Result<Option<T>> {
        self.read(|conn, cache| cache.get(conn, id, kind)?.read_at(path))
    }

    /// The edit history of a document: what changed, on which device, by whom, when.
    pub fn history(&self, id: DocId) -> Result<Vec<HistoryEntry>> {
        self.read(|conn, cache| {
            let (kind, _) =
                docs::stored_kind(conn, id)?.ok_or_else(|| Error::not_found("document", id))?;
            Ok(history(cache.get(conn, id, kind)?))
        })
    }

    /// Fields of a record that two devices changed at once, with every value kept: what a
    /// person should look at and settle by editing the field again.
    pub fn conflicts(&self, id: DocId) -> Result<Vec<Conflict>> {
        let (mut conflicts, users) = self.read(|conn, cache| {
            let (kind, _) =
                docs::stored_kind(conn, id)?.ok_or_else(|| Error::not_found("document", id))?;
            let doc = cache.get(conn, id, kind)?;
            let conflicts = doc.conflicts();
            if conflicts.is_empty() {
                return Ok((conflicts, Default::default()));
            }
            // Who each device is: the user its changes to this record name.
            let users: std::collections::HashMap<String, UserId> = history(doc)
                .into_iter()
                .filter_map(|h| Some((h.actor, h.user?)))
                .collect();
            Ok((conflicts, users))
        })?;
        if conflicts.is_empty() {
            return Ok(conflicts);
        }
        let directory = self.directory()?;
        for value in conflicts.iter_mut().flat_map(|c| c.values.iter_mut()) {
            value.user = users.get(&value.actor).copied();
            value.user_name = value
                .user
                .and_then(|u| directory.as_ref()?.members.get(&u).map(|m| m.name.clone()));
        }
        Ok(conflicts)
    }

    /// Settles a conflicting `field` (a dotted path, as [`Store::conflicts`] names it) on one of
    /// the values it holds: written again, it is the one value on every device after their
    /// next sync. To set another value, edit the field as usual.
    pub fn settle(&self, id: DocId, field: &str, value: &serde_json::Value) -> Result<()> {
        let conflict = self
            .conflicts(id)?
            .into_iter()
            .find(|c| c.field == field)
            .ok_or_else(|| {
                Error::invalid("field", format!("`{field}` holds no conflicting values"))
            })?;
        if !conflict
            .values
            .iter()
            .any(|v| v.value.as_ref() == Some(value))
        {
            let held: Vec<String> = conflict
                .values
                .iter()
                .filter_map(|v| v.value.as_ref().map(|j| j.to_string()))
                .collect();
            return Err(Error::invalid(
                "value",
                format!(
                    "{value} is not one of the values `{field}` holds: {}",
                    held.join(", ")
                ),
            ));
        }
        let path: Vec<&str> = field.split('.').collect();
        let (key, parent) = path.split_last().expect("a field has a name");
        let kind = self
            .query(|c| docs::stored_kind(c, id))?
            .ok_or_else(|| Error::not_found("document", id))?
            .0;
        self.write("conflict.settle", |e| {
            e.doc(id, kind)?.settle(parent, key, value)
        })
    }

    /// The job seekers' and employers' records that hold conflicting fields (what
    /// [`Store::conflicts`] lists), read from an index rather than from every record.
    pub fn conflicted_records(&self) -> Result<Vec<(DocId, DocKind)>> {
        self.query(conflict_index::listed)
    }

    /// The kinds and ids of every document held, for diagnostics and tests.
    pub fn documents(&self) -> Result<Vec<(DocId, DocKind)>> {
        self.query(|c| {
            let mut stmt = c.prepare("SELECT id, kind FROM documents ORDER BY kind, id")?;
            let rows =
                stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
            let mut out = Vec::new();
            for row in rows {
                let (id, kind) = row?;
                if let (Ok(id), Some(kind)) = (id.parse(), DocKind::parse(&kind)) {
                    out.push((id, kind));
                }
            }
            Ok(out)
        })
    }

    /// A compact snapshot of one document (for another store to merge, or for support).
    pub fn export(&self, id: DocId) -> Result<RemoteDoc> {
        let (kind, bytes) = self.read(|conn, cache| {
            let (kind, _) =
                docs::stored_kind(conn, id)?.ok_or_else(|| Error::not_found("document", id))?;
            Ok((kind, cache.get(conn, id, kind)?.save()))
        })?;
        Ok(RemoteDoc {
            id,
            kind,
            data: RemoteData::Snapshot(bytes),
        })
    }

    /// Registers a listener fired (outside any lock) after documents change. Returns a
    /// handle for [`Store::unsubscribe`].
    pub fn subscribe(&self, listener: ChangeListener) -> u64 {
        let mut l = self.listeners.lock().unwrap_or_else(|p| p.into_inner());
        let id = l.iter().map(|(i, _)| *i).max().unwrap_or(0) + 1;
        l.push((id, listener));
        id
    }

    /// Removes a listener.
    pub fn unsubscribe(&self, handle: u64) {
        self.listeners
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .retain(|(i, _)| *i != handle);
    }

    pub(crate) fn notify(&self, changed: &[DocId]) {
        if changed.is_empty() {
            return;
        }
        let listeners: Vec<ChangeListener> = self
            .listeners
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .iter()
            .map(|(_, l)| l.clone())
            .collect();
        for l in listeners {
            l(changed);
        }
    }
}

/// How an encrypted store's pages are sealed: MACed with HMAC-SHA256 (SQLCipher's default is
/// HMAC-SHA512). Every page a write touches is MACed, and phones (ARMv8 crypto extensions) and
/// most servers compute SHA-256 in hardware: on the development machine this took a third off
/// the cost of committing a visit's pages.
const PAGE_SEAL: &str = "PRAGMA cipher_hmac_algorithm = HMAC_SHA256;";

/// A connection to the file at `path`, keyed when `key` is given (then `seal` sets how its
/// pages are sealed), after one read proves the key fits. Nothing is written before that
/// read, so a wrong key changes nothing.
fn connect(path: &Path, key: Option<&[u8]>, seal: &str) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    if let Some(key) = key {
        // SQLCipher logs a failed page check to stderr (a wrong key logs six lines): the
        // caller gets `Error::WrongKey` instead, so its log stays off.
        conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
        conn.execute_batch(&format!("PRAGMA key = \"x'{}'\"; {seal}", hex::encode(key)))?;
    }
    // One plan per statement whatever its bound values: otherwise SQLite (built with STAT4)
    // parses and plans a cached join again at every bind, which cost the server a third of
    // its CPU per sync (docs/benchmarks.md, "Statements planned once").
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    match conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    }) {
        Ok(_) => Ok(conn),
        Err(e) if e.sqlite_error_code() == Some(ErrorCode::NotADatabase) => Err(Error::WrongKey),
        Err(e) => Err(Error::Storage(e)),
    }
}
