//! The embedded SQLite backend (`--data DIR`). WAL, `synchronous=FULL`: an accepted change
//! is on disk before the phone hears so, and a server killed mid-sync loses nothing.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Mutex;

use automerge::ActorId;
use chrono::{DateTime, Utc};
use fieldbook_core::document::{DocKind, Document};
use fieldbook_core::ids::{DeviceId, DocId, SeekerId, TeamId, UserId};
use fieldbook_core::model::{NotesDoc, Role};
use fieldbook_core::protocol::{
    DocData, DocUpdate, EnrollRequest, EnrollResponse, PushDoc, RejectCode, Rejection, SyncRequest,
    SyncResponse, PROTOCOL_VERSION,
};
use rand::Rng;
use rusqlite::{params, Connection, OptionalExtension, Row, Transaction, TransactionBehavior};
use serde_bytes::ByteBuf;

use super::feed::{self, Need, Prepared};
use super::{
    AuditRow, DeviceRow, EnrollCode, NewUser, Stats, Storage, StoredDoc, TeamRow, UserRow,
};
use crate::access::{may_create, may_write, read_grant, Caller, Caseload, DocMeta};
use crate::merge::{self, NewChange, Refused};
use crate::{directory, secrets, ServerError, ServerResult};

/// Failed enrollment attempts allowed per address within [`FAILURE_WINDOW_MINUTES`].
pub const MAX_ENROLL_FAILURES: i64 = 10;
const FAILURE_WINDOW_MINUTES: i64 = 15;
/// What a refused document is told when the caller may not read it: the same words whether
/// or not it exists.
const NO_SUCH_DOCUMENT: &str = "no such document or no permission";

const MIGRATIONS: &[&str] = &[
    r#"
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
INSERT INTO counters (name, value) VALUES ('feed', 0);
CREATE TABLE teams (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE users (
    id TEXT PRIMARY KEY, team_id TEXT NOT NULL REFERENCES teams(id), name TEXT NOT NULL,
    role TEXT NOT NULL, seeker_id TEXT, granted_seq INTEGER NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE enroll_codes (
    code_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id),
    expires_at TEXT NOT NULL, used_at TEXT, created_at TEXT NOT NULL);
CREATE TABLE devices (
    id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), name TEXT NOT NULL,
    actor TEXT NOT NULL UNIQUE, token_hash TEXT NOT NULL UNIQUE, enrolled_at TEXT NOT NULL,
    last_sync_at TEXT, last_cursor INTEGER NOT NULL DEFAULT 0, revoked_at TEXT);
CREATE TABLE documents (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, team_id TEXT NOT NULL, seeker_id TEXT,
    snapshot BLOB NOT NULL, created_seq INTEGER NOT NULL, updated_seq INTEGER NOT NULL);
CREATE INDEX documents_team ON documents (team_id);
CREATE TABLE changes (
    seq INTEGER PRIMARY KEY, doc_id TEXT NOT NULL REFERENCES documents(id) DEFERRABLE INITIALLY DEFERRED,
    team_id TEXT NOT NULL, hash TEXT NOT NULL, actor TEXT NOT NULL, device_id TEXT,
    bytes BLOB NOT NULL, received_at TEXT NOT NULL, UNIQUE (doc_id, hash));
CREATE INDEX changes_doc_seq ON changes (doc_id, seq);
CREATE TABLE assignments (
    seeker_id TEXT NOT NULL, user_id TEXT NOT NULL REFERENCES users(id), seq INTEGER NOT NULL,
    device_id TEXT, PRIMARY KEY (seeker_id, user_id));
CREATE TABLE revocations (
    seq INTEGER NOT NULL, user_id TEXT NOT NULL, doc_id TEXT NOT NULL, PRIMARY KEY (seq, doc_id));
CREATE INDEX revocations_user ON revocations (user_id, seq);
CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, action TEXT NOT NULL,
    user_id TEXT, device_id TEXT, doc_id TEXT, hash TEXT);
CREATE TABLE enroll_failures (addr TEXT NOT NULL, at INTEGER NOT NULL);
CREATE INDEX enroll_failures_addr ON enroll_failures (addr, at);
"#,
    r#"
ALTER TABLE users ADD COLUMN login TEXT;
ALTER TABLE users ADD COLUMN password_hash TEXT;
CREATE UNIQUE INDEX users_login ON users (login);
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id),
    expires_at TEXT NOT NULL, created_at TEXT NOT NULL);
"#,
];

/// The SQLite backend: a file in the data directory and a few reusable connections.
pub struct SqliteStorage {
    path: PathBuf,
    idle: Mutex<Vec<Connection>>,
    actor: ActorId,
}

impl std::fmt::Debug for SqliteStorage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteStorage")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// A connection borrowed from the pool, returned when dropped.
struct Pooled<'a> {
    conn: Option<Connection>,
    idle: &'a Mutex<Vec<Connection>>,
}

impl std::ops::Deref for Pooled<'_> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        self.conn.as_ref().expect("connection present until drop")
    }
}

impl std::ops::DerefMut for Pooled<'_> {
    fn deref_mut(&mut self) -> &mut Connection {
        self.conn.as_mut().expect("connection present until drop")
    }
}

impl Drop for Pooled<'_> {
    fn drop(&mut self) {
        if let (Some(c), Ok(mut idle)) = (self.conn.take(), self.idle.lock()) {
            idle.push(c);
        }
    }
}

fn connect(path: &Path) -> ServerResult<Connection> {
    let conn = Connection::open(path)?;
    conn.busy_timeout(std::time::Duration::from_secs(30))?;
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;",
    )?;
    Ok(conn)
}

fn now() -> DateTime<Utc> {
    Utc::now()
}

fn conversion(idx: usize, e: impl std::error::Error + Send + Sync + 'static) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
}

fn col<T>(row: &Row<'_>, idx: usize) -> rusqlite::Result<T>
where
    T: FromStr,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    row.get::<_, String>(idx)?
        .parse()
        .map_err(|e| conversion(idx, e))
}

fn opt_col<T>(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<T>>
where
    T: FromStr,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    row.get::<_, Option<String>>(idx)?
        .map(|s| s.parse().map_err(|e| conversion(idx, e)))
        .transpose()
}

#[derive(Debug, thiserror::Error)]
#[error("unknown {0}")]
struct Unknown(&'static str);

fn role_col(row: &Row<'_>, idx: usize) -> rusqlite::Result<Role> {
    Role::parse(&row.get::<_, String>(idx)?).ok_or_else(|| conversion(idx, Unknown("role")))
}

fn kind_col(row: &Row<'_>, idx: usize) -> rusqlite::Result<DocKind> {
    DocKind::parse(&row.get::<_, String>(idx)?).ok_or_else(|| conversion(idx, Unknown("kind")))
}

fn seq_col(row: &Row<'_>, idx: usize) -> rusqlite::Result<u64> {
    Ok(row.get::<_, i64>(idx)? as u64)
}

fn team_row(r: &Row<'_>) -> rusqlite::Result<TeamRow> {
    Ok(TeamRow {
        id: col(r, 0)?,
        name: r.get(1)?,
        created_at: col(r, 2)?,
    })
}

const USER_COLUMNS: &str = "id, team_id, name, role, seeker_id, created_at";

fn user_row(r: &Row<'_>) -> rusqlite::Result<UserRow> {
    Ok(UserRow {
        id: col(r, 0)?,
        team_id: col(r, 1)?,
        name: r.get(2)?,
        role: role_col(r, 3)?,
        seeker_id: opt_col(r, 4)?,
        created_at: col(r, 5)?,
    })
}

const DEVICE_COLUMNS: &str =
    "d.id, d.user_id, u.name, d.name, d.enrolled_at, d.last_sync_at, d.revoked_at";

fn device_row(r: &Row<'_>) -> rusqlite::Result<DeviceRow> {
    Ok(DeviceRow {
        id: col(r, 0)?,
        user_id: col(r, 1)?,
        user_name: r.get(2)?,
        name: r.get(3)?,
        enrolled_at: col(r, 4)?,
        last_sync_at: opt_col(r, 5)?,
        revoked_at: opt_col(r, 6)?,
    })
}

const DOC_COLUMNS: &str = "id, kind, team_id, seeker_id, created_seq, updated_seq";

fn doc_meta(r: &Row<'_>) -> rusqlite::Result<DocMeta> {
    Ok(DocMeta {
        id: col(r, 0)?,
        kind: kind_col(r, 1)?,
        team_id: col(r, 2)?,
        seeker_id: opt_col(r, 3)?,
        created_seq: seq_col(r, 4)?,
        updated_seq: seq_col(r, 5)?,
    })
}

/// Takes the next number of the feed counter (changes, grants and revocations share it).
fn next_seq(tx: &Connection) -> ServerResult<u64> {
    Ok(tx.query_row(
        "UPDATE counters SET value = value + 1 WHERE name = 'feed' RETURNING value",
        [],
        |r| seq_col(r, 0),
    )?)
}

fn feed_position(conn: &Connection) -> ServerResult<u64> {
    Ok(
        conn.query_row("SELECT value FROM counters WHERE name = 'feed'", [], |r| {
            seq_col(r, 0)
        })?,
    )
}

fn audit(
    tx: &Connection,
    action: &str,
    user: Option<UserId>,
    device: Option<DeviceId>,
    doc: Option<DocId>,
    hash: Option<&str>,
) -> ServerResult<()> {
    tx.execute(
        "INSERT INTO audit (at, action, user_id, device_id, doc_id, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![
            now().to_rfc3339(),
            action,
            user.map(|u| u.to_string()),
            device.map(|d| d.to_string()),
            doc.map(|d| d.to_string()),
            hash
        ],
    )?;
    Ok(())
}

fn load_doc(tx: &Connection, id: DocId) -> ServerResult<Option<(DocMeta, Vec<u8>)>> {
    Ok(tx
        .query_row(
            &format!("SELECT {DOC_COLUMNS}, snapshot FROM documents WHERE id = ?1"),
            [id.to_string()],
            |r| Ok((doc_meta(r)?, r.get(6)?)),
        )
        .optional()?)
}

fn caseload(tx: &Connection, user: UserId) -> ServerResult<Caseload> {
    let mut stmt =
        tx.prepare_cached("SELECT seeker_id, seq FROM assignments WHERE user_id = ?1")?;
    let rows = stmt.query_map([user.to_string()], |r| Ok((col(r, 0)?, seq_col(r, 1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Job seekers whose record `device` created (and so holds, with its own changes).
fn created_by(tx: &Connection, user: UserId, device: DeviceId) -> ServerResult<HashSet<SeekerId>> {
    let mut stmt = tx.prepare_cached(
        "SELECT seeker_id FROM assignments WHERE user_id = ?1 AND device_id = ?2",
    )?;
    let rows = stmt.query_map(params![user.to_string(), device.to_string()], |r| col(r, 0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn user(tx: &Connection, id: UserId) -> ServerResult<UserRow> {
    tx.query_row(
        &format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?1"),
        [id.to_string()],
        user_row,
    )
    .optional()?
    .ok_or(ServerError::NotFound {
        kind: "user",
        id: id.to_string(),
    })
}

/// Where a document's new changes and snapshot are written.
struct DocWrite<'a> {
    meta: &'a DocMeta,
    is_new: bool,
    device: Option<DeviceId>,
    user: Option<UserId>,
}

/// Appends the changes the server did not have to the feed and stores the new snapshot.
/// Returns the feed number of the last change stored.
fn store_changes(
    tx: &Connection,
    target: DocWrite<'_>,
    doc: &mut Document,
    changes: &[NewChange],
) -> ServerResult<Option<u64>> {
    let received = now().to_rfc3339();
    let mut first = None;
    let mut last = None;
    for change in changes {
        let seq = next_seq(tx)?;
        let inserted = tx.execute(
            "INSERT OR IGNORE INTO changes (seq, doc_id, team_id, hash, actor, device_id, bytes, received_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                seq as i64,
                target.meta.id.to_string(),
                target.meta.team_id.to_string(),
                change.hash,
                change.actor,
                target.device.map(|d| d.to_string()),
                change.bytes,
                received
            ],
        )?;
        if inserted == 1 {
            first.get_or_insert(seq);
            last = Some(seq);
            audit(
                tx,
                "change",
                target.user,
                target.device,
                Some(target.meta.id),
                Some(&change.hash),
            )?;
        }
    }
    let Some(last_seq) = last else {
        return Ok(None);
    };
    let snapshot = doc.save();
    if target.is_new {
        tx.execute(
            "INSERT INTO documents (id, kind, team_id, seeker_id, snapshot, created_seq, updated_seq)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                target.meta.id.to_string(),
                target.meta.kind.as_str(),
                target.meta.team_id.to_string(),
                target.meta.seeker_id.map(|s| s.to_string()),
                snapshot,
                first.unwrap_or(last_seq) as i64,
                last_seq as i64
            ],
        )?;
    } else {
        tx.execute(
            "UPDATE documents SET snapshot = ?2, updated_seq = ?3 WHERE id = ?1",
            params![target.meta.id.to_string(), snapshot, last_seq as i64],
        )?;
    }
    Ok(Some(last_seq))
}

/// Records a failed enrollment or sign-in from `addr`.
fn add_failure(conn: &Connection, addr: &str) -> ServerResult<()> {
    conn.execute(
        "INSERT INTO enroll_failures (addr, at) VALUES (?1, ?2)",
        params![addr, now().timestamp()],
    )?;
    Ok(())
}

/// Failures from `addr` in the last `minutes`.
fn failures_since(conn: &Connection, addr: &str, minutes: i64) -> ServerResult<i64> {
    Ok(conn.query_row(
        "SELECT COUNT(*) FROM enroll_failures WHERE addr = ?1 AND at > ?2",
        params![addr, now().timestamp() - minutes * 60],
        |r| r.get(0),
    )?)
}

fn revoke_access(tx: &Connection, seeker: SeekerId, user: UserId) -> ServerResult<()> {
    for doc in [seeker.doc(), seeker.notes_doc()] {
        let seq = next_seq(tx)?;
        tx.execute(
            "INSERT INTO revocations (seq, user_id, doc_id) VALUES (?1, ?2, ?3)",
            params![seq as i64, user.to_string(), doc.to_string()],
        )?;
    }
    tx.execute(
        "DELETE FROM assignments WHERE seeker_id = ?1 AND user_id = ?2",
        params![seeker.to_string(), user.to_string()],
    )?;
    Ok(())
}

impl SqliteStorage {
    /// Opens (creating if needed) the database in `dir`.
    pub fn open(dir: &Path) -> ServerResult<SqliteStorage> {
        std::fs::create_dir_all(dir)
            .map_err(|e| ServerError::invalid("data", format!("{}: {e}", dir.display())))?;
        let path = dir.join("fieldbook-server.db");
        let mut conn = connect(&path)?;
        migrate(&mut conn)?;
        let actor = server_actor(&conn)?;
        Ok(SqliteStorage {
            path,
            idle: Mutex::new(vec![conn]),
            actor,
        })
    }

    fn conn(&self) -> ServerResult<Pooled<'_>> {
        let reused = self.idle.lock().ok().and_then(|mut idle| idle.pop());
        let conn = match reused {
            Some(c) => c,
            None => connect(&self.path)?,
        };
        Ok(Pooled {
            conn: Some(conn),
            idle: &self.idle,
        })
    }

    /// Runs `f` in one `BEGIN IMMEDIATE` transaction: committed if it returns `Ok`.
    fn write<R>(&self, f: impl FnOnce(&Transaction<'_>) -> ServerResult<R>) -> ServerResult<R> {
        let mut conn = self.conn()?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx)?;
        tx.commit()?;
        Ok(out)
    }

    /// Rewrites the team's directory document from the account tables.
    fn rebuild_directory(&self, tx: &Connection, team_id: TeamId) -> ServerResult<()> {
        let team = tx.query_row(
            "SELECT id, name, created_at FROM teams WHERE id = ?1",
            [team_id.to_string()],
            team_row,
        )?;
        let users = {
            let mut stmt = tx.prepare(&format!(
                "SELECT {USER_COLUMNS} FROM users WHERE team_id = ?1"
            ))?;
            let rows = stmt.query_map([team_id.to_string()], user_row)?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        let assignments = {
            let mut stmt = tx.prepare(
                "SELECT a.seeker_id, a.user_id FROM assignments a JOIN users u ON u.id = a.user_id
                 WHERE u.team_id = ?1",
            )?;
            let rows = stmt.query_map([team_id.to_string()], |r| Ok((col(r, 0)?, col(r, 1)?)))?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        let content = directory::build(&team, &users, &assignments);
        let id = team_id.doc();
        let (meta, mut doc, mut changes) = match load_doc(tx, id)? {
            Some((meta, snapshot)) => {
                let doc = Document::load(DocKind::Directory, id, &snapshot, &[])?;
                (meta, doc, Vec::new())
            }
            None => {
                let mut doc = Document::genesis(DocKind::Directory, id);
                let genesis = Document::genesis_hash(DocKind::Directory, id);
                let bytes = doc.change_bytes(&genesis).unwrap_or_default();
                let meta = DocMeta {
                    id,
                    kind: DocKind::Directory,
                    team_id,
                    seeker_id: None,
                    created_seq: 0,
                    updated_seq: 0,
                };
                let genesis = NewChange {
                    hash: genesis.to_string(),
                    actor: String::new(),
                    bytes,
                    pushed: false,
                };
                (meta, doc, vec![genesis])
            }
        };
        let is_new = !changes.is_empty();
        changes.extend(directory::rewrite(
            &mut doc,
            &content,
            &self.actor,
            now().timestamp(),
        )?);
        let target = DocWrite {
            meta: &meta,
            is_new,
            device: None,
            user: None,
        };
        store_changes(tx, target, &mut doc, &changes)?;
        Ok(())
    }

    /// Applies one pushed document in its own transaction. `Ok(Some)` is a refusal.
    fn push_one(&self, caller: &Caller, push: &PushDoc) -> ServerResult<Option<Rejection>> {
        if push.changes.is_empty() {
            return Ok(None);
        }
        let refuse = |r: Refused| Rejection {
            id: push.id,
            code: r.code,
            reason: r.reason,
        };
        let mut conn = self.conn()?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let caseload = caseload(&tx, caller.user_id)?;
        let existing = load_doc(&tx, push.id)?;
        let (mut meta, base) = match existing {
            Some((meta, snapshot)) => {
                if read_grant(caller, &meta, &caseload).is_none() {
                    return Ok(Some(refuse(Refused::new(
                        RejectCode::Forbidden,
                        NO_SUCH_DOCUMENT,
                    ))));
                }
                if meta.kind != push.kind {
                    return Ok(Some(refuse(Refused::new(
                        RejectCode::KindMismatch,
                        format!("this document is a {} record", meta.kind.as_str()),
                    ))));
                }
                if !may_write(caller, &meta, &caseload) {
                    return Ok(Some(refuse(Refused::new(
                        RejectCode::Forbidden,
                        "you may read this record but not change it",
                    ))));
                }
                let doc = Document::load(meta.kind, meta.id, &snapshot, &[])?;
                (meta, Some(doc))
            }
            None => {
                if !may_create(caller, push.kind) {
                    return Ok(Some(refuse(Refused::new(
                        RejectCode::Forbidden,
                        NO_SUCH_DOCUMENT,
                    ))));
                }
                let meta = DocMeta {
                    id: push.id,
                    kind: push.kind,
                    team_id: caller.team_id,
                    seeker_id: None,
                    created_seq: 0,
                    updated_seq: 0,
                };
                (meta, None)
            }
        };
        let is_new = base.is_none();
        let mut merged =
            match merge::apply_push(push.kind, push.id, base, &push.changes, &caller.actor) {
                Ok(m) => m,
                Err(r) => return Ok(Some(refuse(r))),
            };
        if is_new {
            match self.owner_of_new(&tx, caller, &caseload, &merged.doc) {
                Ok(seeker) => meta.seeker_id = seeker,
                Err(r) => return Ok(Some(refuse(r))),
            }
        }
        let target = DocWrite {
            meta: &meta,
            is_new,
            device: Some(caller.device_id),
            user: Some(caller.user_id),
        };
        store_changes(&tx, target, &mut merged.doc, &merged.new_changes)?;
        if is_new && meta.kind == DocKind::Seeker && caller.role == Role::Specialist {
            if let Some(seeker) = meta.seeker_id {
                let seq = next_seq(&tx)?;
                tx.execute(
                    "INSERT OR IGNORE INTO assignments (seeker_id, user_id, seq, device_id)
                     VALUES (?1, ?2, ?3, ?4)",
                    params![
                        seeker.to_string(),
                        caller.user_id.to_string(),
                        seq as i64,
                        caller.device_id.to_string()
                    ],
                )?;
                self.rebuild_directory(&tx, caller.team_id)?;
            }
        }
        tx.commit()?;
        Ok(None)
    }

    /// For a new document: the job seeker it is about, checking that a `notes` document
    /// belongs to a record the caller may write.
    fn owner_of_new(
        &self,
        tx: &Connection,
        caller: &Caller,
        caseload: &Caseload,
        doc: &Document,
    ) -> Result<Option<SeekerId>, Refused> {
        let forbidden = || Refused::new(RejectCode::Forbidden, NO_SUCH_DOCUMENT);
        match doc.kind() {
            DocKind::Seeker => Ok(Some(SeekerId::from(doc.id().uuid()))),
            DocKind::Notes => {
                let notes: NotesDoc = doc
                    .read()
                    .map_err(|e| Refused::new(RejectCode::Invalid, e.to_string()))?;
                if notes.seeker_id.notes_doc() != doc.id() {
                    return Err(Refused::new(
                        RejectCode::Invalid,
                        "these notes do not belong to the job seeker they name",
                    ));
                }
                let record = load_doc(tx, notes.seeker_id.doc()).map_err(|_| forbidden())?;
                match record {
                    Some((meta, _)) if may_write(caller, &meta, caseload) => {
                        Ok(Some(notes.seeker_id))
                    }
                    _ => Err(forbidden()),
                }
            }
            DocKind::Employer => Ok(None),
            DocKind::Directory => Err(forbidden()),
        }
    }

    /// Everything the caller lacks, from the cursor alone; paged at document boundaries.
    fn pull(
        &self,
        caller: &Caller,
        request: &SyncRequest,
        rejected: Vec<Rejection>,
    ) -> ServerResult<SyncResponse> {
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        let latest = feed_position(&tx)?;
        let docs = {
            let mut stmt = tx.prepare_cached(&format!(
                "SELECT {DOC_COLUMNS} FROM documents WHERE team_id = ?1"
            ))?;
            let rows = stmt.query_map([caller.team_id.to_string()], doc_meta)?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        let caseload = caseload(&tx, caller.user_id)?;
        let created_here = created_by(&tx, caller.user_id, caller.device_id)?;
        let readable: HashSet<DocId> = docs
            .iter()
            .filter(|d| read_grant(caller, d, &caseload).is_some())
            .map(|d| d.id)
            .collect();
        let explicit: HashSet<DocId> = request
            .want
            .iter()
            .copied()
            .chain(rejected.iter().map(|r| r.id))
            .collect();
        let cursor = request.cursor;
        let mut prepared = Vec::new();
        for planned in feed::plan(caller, docs, &caseload, &created_here, cursor, &explicit) {
            let id = planned.doc.id;
            let kind = planned.doc.kind;
            match planned.need {
                Need::Snapshot { trigger } => {
                    let snapshot: Vec<u8> = tx.query_row(
                        "SELECT snapshot FROM documents WHERE id = ?1",
                        [id.to_string()],
                        |r| r.get(0),
                    )?;
                    prepared.push(Prepared {
                        trigger,
                        size: snapshot.len(),
                        item: DocUpdate {
                            id,
                            kind,
                            data: DocData::Snapshot(ByteBuf::from(snapshot)),
                        },
                    });
                }
                Need::ChangesAfter(after) => {
                    let mut stmt = tx.prepare_cached(
                        "SELECT seq, bytes FROM changes WHERE doc_id = ?1 AND seq > ?2
                         AND (device_id IS NULL OR device_id != ?3) ORDER BY seq",
                    )?;
                    let rows = stmt.query_map(
                        params![id.to_string(), after as i64, caller.device_id.to_string()],
                        |r| Ok((seq_col(r, 0)?, r.get::<_, Vec<u8>>(1)?)),
                    )?;
                    let rows = rows.collect::<rusqlite::Result<Vec<_>>>()?;
                    let Some(&(trigger, _)) = rows.first() else {
                        continue;
                    };
                    let size = rows.iter().map(|(_, b)| b.len()).sum();
                    let changes = rows.into_iter().map(|(_, b)| ByteBuf::from(b)).collect();
                    prepared.push(Prepared {
                        trigger,
                        size,
                        item: DocUpdate {
                            id,
                            kind,
                            data: DocData::Changes(changes),
                        },
                    });
                }
            }
        }
        let (docs, new_cursor, more) = feed::page(prepared, latest, feed::PAGE_BYTES);
        let removed = {
            let mut stmt = tx.prepare_cached(
                "SELECT DISTINCT doc_id FROM revocations WHERE user_id = ?1 AND seq > ?2",
            )?;
            let rows = stmt.query_map(params![caller.user_id.to_string(), cursor as i64], |r| {
                col::<DocId>(r, 0)
            })?;
            let mut removed = rows.collect::<rusqlite::Result<Vec<_>>>()?;
            removed.retain(|d| !readable.contains(d));
            removed
        };
        drop(tx);
        {
            let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
            for d in &docs {
                audit(
                    &tx,
                    "serve",
                    Some(caller.user_id),
                    Some(caller.device_id),
                    Some(d.id),
                    None,
                )?;
            }
            tx.execute(
                "UPDATE devices SET last_sync_at = ?2, last_cursor = ?3 WHERE id = ?1",
                params![
                    caller.device_id.to_string(),
                    now().to_rfc3339(),
                    new_cursor as i64
                ],
            )?;
            tx.commit()?;
        }
        Ok(SyncResponse {
            version: PROTOCOL_VERSION,
            cursor: new_cursor,
            more,
            rejected,
            docs,
            removed,
        })
    }
}

fn migrate(conn: &mut Connection) -> ServerResult<()> {
    let version: usize =
        conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))? as usize;
    if version > MIGRATIONS.len() {
        return Err(ServerError::Internal(format!(
            "the database is from a newer server (schema {version})"
        )));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version) {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}

/// The actor the server writes directory documents with, made once per database.
fn server_actor(conn: &Connection) -> ServerResult<ActorId> {
    let stored: Option<String> = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'server_actor'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    let hex_actor = match stored {
        Some(a) => a,
        None => {
            let bytes: [u8; 16] = rand::rng().random();
            let a = hex::encode(bytes);
            conn.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('server_actor', ?1)",
                [&a],
            )?;
            conn.query_row(
                "SELECT value FROM meta WHERE key = 'server_actor'",
                [],
                |r| r.get(0),
            )?
        }
    };
    let bytes = hex::decode(&hex_actor).map_err(|e| ServerError::Internal(e.to_string()))?;
    Ok(ActorId::from(bytes.as_slice()))
}

fn check_name(field: &'static str, name: &str) -> ServerResult<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(ServerError::invalid(field, "is required"));
    }
    if name.chars().count() > 200 {
        return Err(ServerError::invalid(field, "is longer than 200 characters"));
    }
    Ok(name.to_string())
}

impl Storage for SqliteStorage {
    fn add_team(&self, name: &str) -> ServerResult<TeamRow> {
        let name = check_name("name", name)?;
        self.write(|tx| {
            let team = TeamRow {
                id: TeamId::new(),
                name,
                created_at: now(),
            };
            tx.execute(
                "INSERT INTO teams (id, name, created_at) VALUES (?1, ?2, ?3)",
                params![team.id.to_string(), team.name, team.created_at.to_rfc3339()],
            )?;
            audit(tx, "team.add", None, None, None, None)?;
            self.rebuild_directory(tx, team.id)?;
            Ok(team)
        })
    }

    fn teams(&self) -> ServerResult<Vec<TeamRow>> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare("SELECT id, name, created_at FROM teams ORDER BY name")?;
        let rows = stmt.query_map([], team_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn add_user(&self, new: &NewUser) -> ServerResult<UserRow> {
        let name = check_name("name", &new.name)?;
        match (new.role, new.seeker_id) {
            (Role::Seeker, None) => {
                return Err(ServerError::invalid(
                    "seeker",
                    "a job seeker's account needs the id of their record",
                ))
            }
            (Role::Seeker, Some(_)) | (_, None) => {}
            (_, Some(_)) => {
                return Err(ServerError::invalid(
                    "seeker",
                    "only a job seeker's account names a record",
                ))
            }
        }
        self.write(|tx| {
            let exists: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM teams WHERE id = ?1)",
                [new.team_id.to_string()],
                |r| r.get(0),
            )?;
            if !exists {
                return Err(ServerError::NotFound {
                    kind: "team",
                    id: new.team_id.to_string(),
                });
            }
            let user = UserRow {
                id: UserId::new(),
                team_id: new.team_id,
                name,
                role: new.role,
                seeker_id: new.seeker_id,
                created_at: now(),
            };
            let seq = next_seq(tx)?;
            tx.execute(
                "INSERT INTO users (id, team_id, name, role, seeker_id, granted_seq, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                params![
                    user.id.to_string(),
                    user.team_id.to_string(),
                    user.name,
                    user.role.as_str(),
                    user.seeker_id.map(|s| s.to_string()),
                    seq as i64,
                    user.created_at.to_rfc3339()
                ],
            )?;
            audit(tx, "user.add", Some(user.id), None, None, None)?;
            if user.role.may_edit_records() {
                self.rebuild_directory(tx, user.team_id)?;
            }
            Ok(user)
        })
    }

    fn users(&self) -> ServerResult<Vec<UserRow>> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare(&format!(
            "SELECT {USER_COLUMNS} FROM users ORDER BY team_id, role, name"
        ))?;
        let rows = stmt.query_map([], user_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn assign(
        &self,
        seeker: SeekerId,
        specialist: UserId,
        replace: bool,
    ) -> ServerResult<Vec<UserId>> {
        self.write(|tx| {
            let user = user(tx, specialist)?;
            if user.role != Role::Specialist {
                return Err(ServerError::invalid(
                    "specialist",
                    format!(
                        "{} is a {}, not a specialist",
                        user.name,
                        user.role.as_str()
                    ),
                ));
            }
            if let Some((meta, _)) = load_doc(tx, seeker.doc())? {
                if meta.team_id != user.team_id {
                    return Err(ServerError::invalid(
                        "specialist",
                        "works in another team than this job seeker",
                    ));
                }
            }
            let current: Vec<UserId> = {
                let mut stmt =
                    tx.prepare("SELECT user_id FROM assignments WHERE seeker_id = ?1")?;
                let rows = stmt.query_map([seeker.to_string()], |r| col(r, 0))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            if replace {
                for other in current.iter().filter(|u| **u != specialist) {
                    revoke_access(tx, seeker, *other)?;
                }
            }
            if !current.contains(&specialist) {
                let seq = next_seq(tx)?;
                tx.execute(
                    "INSERT INTO assignments (seeker_id, user_id, seq) VALUES (?1, ?2, ?3)",
                    params![seeker.to_string(), specialist.to_string(), seq as i64],
                )?;
            }
            audit(
                tx,
                "assign",
                Some(specialist),
                None,
                Some(seeker.doc()),
                None,
            )?;
            self.rebuild_directory(tx, user.team_id)?;
            let mut stmt = tx
                .prepare("SELECT user_id FROM assignments WHERE seeker_id = ?1 ORDER BY user_id")?;
            let rows = stmt.query_map([seeker.to_string()], |r| col(r, 0))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        })
    }

    fn unassign(&self, seeker: SeekerId, specialist: UserId) -> ServerResult<()> {
        self.write(|tx| {
            let user = user(tx, specialist)?;
            let assigned: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM assignments WHERE seeker_id = ?1 AND user_id = ?2)",
                params![seeker.to_string(), specialist.to_string()],
                |r| r.get(0),
            )?;
            if !assigned {
                return Err(ServerError::NotFound {
                    kind: "assignment",
                    id: format!("{seeker} → {specialist}"),
                });
            }
            revoke_access(tx, seeker, specialist)?;
            audit(
                tx,
                "unassign",
                Some(specialist),
                None,
                Some(seeker.doc()),
                None,
            )?;
            self.rebuild_directory(tx, user.team_id)
        })
    }

    fn add_enroll_code(&self, user_id: UserId, ttl: chrono::Duration) -> ServerResult<EnrollCode> {
        if ttl <= chrono::Duration::zero() || ttl > chrono::Duration::days(30) {
            return Err(ServerError::invalid(
                "ttl",
                "must be between a minute and 30 days",
            ));
        }
        self.write(|tx| {
            user(tx, user_id)?;
            let code = secrets::new_code();
            let expires_at = now() + ttl;
            tx.execute(
                "INSERT INTO enroll_codes (code_hash, user_id, expires_at, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![
                    secrets::hash(&secrets::normalize_code(&code)),
                    user_id.to_string(),
                    expires_at.to_rfc3339(),
                    now().to_rfc3339()
                ],
            )?;
            audit(tx, "enroll_code.add", Some(user_id), None, None, None)?;
            Ok(EnrollCode {
                code,
                user_id,
                expires_at,
            })
        })
    }

    fn enroll(&self, request: &EnrollRequest, addr: &str) -> ServerResult<EnrollResponse> {
        if request.version != PROTOCOL_VERSION {
            return Err(ServerError::UnsupportedVersion(request.version.to_string()));
        }
        let actor = hex::decode(&request.actor)
            .ok()
            .filter(|a| !a.is_empty() && a.len() <= 32)
            .ok_or_else(|| ServerError::invalid("actor", "is not a valid actor id"))?;
        let device_name = match request.device_name.trim() {
            "" => "unnamed phone".to_string(),
            name => name.chars().take(100).collect(),
        };
        let code_hash = secrets::hash(&secrets::normalize_code(&request.code));
        // A refused code is an `Ok(Err)`, so the failure row it writes is committed.
        self.write(|tx| {
            if failures_since(tx, addr, FAILURE_WINDOW_MINUTES)? >= MAX_ENROLL_FAILURES {
                return Ok(Err(ServerError::RateLimited));
            }
            let user_id: Option<UserId> = tx
                .query_row(
                    "SELECT user_id FROM enroll_codes WHERE code_hash = ?1 AND used_at IS NULL AND expires_at > ?2",
                    params![code_hash, now().to_rfc3339()],
                    |r| col(r, 0),
                )
                .optional()?;
            let Some(user_id) = user_id else {
                add_failure(tx, addr)?;
                return Ok(Err(ServerError::BadCode));
            };
            let actor_hex = hex::encode(&actor);
            let taken: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM devices WHERE actor = ?1)",
                [&actor_hex],
                |r| r.get(0),
            )?;
            if taken {
                return Ok(Err(ServerError::ActorInUse));
            }
            let user = user(tx, user_id)?;
            let device_id = DeviceId::new();
            let token = secrets::new_token();
            tx.execute(
                "INSERT INTO devices (id, user_id, name, actor, token_hash, enrolled_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    device_id.to_string(),
                    user_id.to_string(),
                    device_name,
                    actor_hex,
                    secrets::hash(&token),
                    now().to_rfc3339()
                ],
            )?;
            tx.execute(
                "UPDATE enroll_codes SET used_at = ?2 WHERE code_hash = ?1",
                params![code_hash, now().to_rfc3339()],
            )?;
            audit(tx, "enroll", Some(user_id), Some(device_id), None, None)?;
            Ok(Ok(EnrollResponse {
                version: PROTOCOL_VERSION,
                device_id,
                user_id,
                user_name: user.name,
                role: user.role,
                team_id: user.team_id,
                token,
            }))
        })?
    }

    fn devices(&self) -> ServerResult<Vec<DeviceRow>> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare(&format!(
            "SELECT {DEVICE_COLUMNS} FROM devices d JOIN users u ON u.id = d.user_id ORDER BY d.enrolled_at"
        ))?;
        let rows = stmt.query_map([], device_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn revoke(&self, device: DeviceId) -> ServerResult<DeviceRow> {
        self.write(|tx| {
            let changed = tx.execute(
                "UPDATE devices SET revoked_at = COALESCE(revoked_at, ?2) WHERE id = ?1",
                params![device.to_string(), now().to_rfc3339()],
            )?;
            if changed == 0 {
                return Err(ServerError::NotFound {
                    kind: "device",
                    id: device.to_string(),
                });
            }
            audit(tx, "revoke", None, Some(device), None, None)?;
            Ok(tx.query_row(
                &format!("SELECT {DEVICE_COLUMNS} FROM devices d JOIN users u ON u.id = d.user_id WHERE d.id = ?1"),
                [device.to_string()],
                device_row,
            )?)
        })
    }

    fn authenticate(&self, token: &str) -> ServerResult<Caller> {
        let conn = self.conn()?;
        let found = conn
            .query_row(
                "SELECT d.id, d.user_id, u.role, u.team_id, u.seeker_id, d.actor, u.granted_seq, d.revoked_at
                 FROM devices d JOIN users u ON u.id = d.user_id WHERE d.token_hash = ?1",
                [secrets::hash(token)],
                |r| {
                    Ok((
                        Caller {
                            device_id: col(r, 0)?,
                            user_id: col(r, 1)?,
                            role: role_col(r, 2)?,
                            team_id: col(r, 3)?,
                            seeker_id: opt_col(r, 4)?,
                            actor: r.get(5)?,
                            granted_seq: seq_col(r, 6)?,
                        },
                        r.get::<_, Option<String>>(7)?,
                    ))
                },
            )
            .optional()?;
        match found {
            None => Err(ServerError::Unauthorized("unknown token".into())),
            Some((_, Some(_))) => Err(ServerError::DeviceRevoked),
            Some((caller, None)) => Ok(caller),
        }
    }

    fn sync(&self, caller: &Caller, request: &SyncRequest) -> ServerResult<SyncResponse> {
        if request.version != PROTOCOL_VERSION {
            return Err(ServerError::UnsupportedVersion(request.version.to_string()));
        }
        let mut pushes: Vec<&PushDoc> = request.push.iter().collect();
        // Records before the notes about them, so both can arrive in one batch.
        pushes.sort_by_key(|p| p.kind == DocKind::Notes);
        let mut rejected = Vec::new();
        for push in pushes {
            if let Some(r) = self.push_one(caller, push)? {
                tracing::info!(doc = %r.id, code = ?r.code, reason = %r.reason, "push refused");
                rejected.push(r);
            }
        }
        self.pull(caller, request, rejected)
    }

    fn stats(&self) -> ServerResult<Stats> {
        let conn = self.conn()?;
        let count = |table: &str| -> ServerResult<u64> {
            Ok(
                conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| {
                    seq_col(r, 0)
                })?,
            )
        };
        Ok(Stats {
            teams: count("teams")?,
            users: count("users")?,
            devices: count("devices")?,
            documents: count("documents")?,
            changes: count("changes")?,
            feed_position: feed_position(&conn)?,
        })
    }

    fn audit(&self, limit: u32) -> ServerResult<Vec<AuditRow>> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare(
            "SELECT at, action, user_id, device_id, doc_id, hash FROM audit ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit], |r| {
            Ok(AuditRow {
                at: col(r, 0)?,
                action: r.get(1)?,
                user_id: r.get(2)?,
                device_id: r.get(3)?,
                doc_id: r.get(4)?,
                hash: r.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn set_password(
        &self,
        user_id: UserId,
        login: &str,
        password_hash: &str,
    ) -> ServerResult<UserRow> {
        let login = check_name("login", login)?.to_lowercase();
        self.write(|tx| {
            let user = user(tx, user_id)?;
            if !matches!(user.role, Role::Supervisor | Role::Admin) {
                return Err(ServerError::invalid(
                    "user",
                    "only supervisors and admins sign in to the web pages",
                ));
            }
            let taken: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM users WHERE login = ?1 AND id != ?2)",
                params![login, user_id.to_string()],
                |r| r.get(0),
            )?;
            if taken {
                return Err(ServerError::invalid("login", "is taken by another account"));
            }
            tx.execute(
                "UPDATE users SET login = ?2, password_hash = ?3 WHERE id = ?1",
                params![user_id.to_string(), login, password_hash],
            )?;
            tx.execute(
                "DELETE FROM sessions WHERE user_id = ?1",
                [user_id.to_string()],
            )?;
            audit(tx, "password.set", Some(user_id), None, None, None)?;
            Ok(user)
        })
    }

    fn find_login(&self, login: &str) -> ServerResult<Option<(UserRow, String)>> {
        let conn = self.conn()?;
        Ok(conn
            .query_row(
                &format!("SELECT {USER_COLUMNS}, password_hash FROM users WHERE login = ?1 AND password_hash IS NOT NULL"),
                [login.trim().to_lowercase()],
                |r| Ok((user_row(r)?, r.get(6)?)),
            )
            .optional()?)
    }

    fn add_session(
        &self,
        user_id: UserId,
        token_hash: &str,
        expires_at: DateTime<Utc>,
    ) -> ServerResult<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM sessions WHERE expires_at < ?1", [now().to_rfc3339()])?;
            tx.execute(
                "INSERT INTO sessions (token_hash, user_id, expires_at, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![token_hash, user_id.to_string(), expires_at.to_rfc3339(), now().to_rfc3339()],
            )?;
            audit(tx, "login", Some(user_id), None, None, None)
        })
    }

    fn session_user(&self, token_hash: &str) -> ServerResult<Option<UserRow>> {
        let conn = self.conn()?;
        Ok(conn
            .query_row(
                "SELECT u.id, u.team_id, u.name, u.role, u.seeker_id, u.created_at FROM sessions s
                 JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?1 AND s.expires_at > ?2",
                params![token_hash, now().to_rfc3339()],
                user_row,
            )
            .optional()?)
    }

    fn end_session(&self, token_hash: &str) -> ServerResult<()> {
        self.write(|tx| {
            tx.execute("DELETE FROM sessions WHERE token_hash = ?1", [token_hash])?;
            Ok(())
        })
    }

    fn record_failure(&self, addr: &str) -> ServerResult<()> {
        self.write(|tx| add_failure(tx, addr))
    }

    fn recent_failures(&self, addr: &str, minutes: i64) -> ServerResult<i64> {
        failures_since(&*self.conn()?, addr, minutes)
    }

    fn secret(&self, name: &str) -> ServerResult<Vec<u8>> {
        let key = format!("secret:{name}");
        self.write(|tx| {
            let fresh: [u8; 32] = rand::rng().random();
            tx.execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES (?1, ?2)",
                params![key, hex::encode(fresh)],
            )?;
            let stored: String =
                tx.query_row("SELECT value FROM meta WHERE key = ?1", [&key], |r| {
                    r.get(0)
                })?;
            hex::decode(stored).map_err(|e| ServerError::Internal(e.to_string()))
        })
    }

    fn team_documents(&self, team: TeamId) -> ServerResult<Vec<StoredDoc>> {
        let conn = self.conn()?;
        let mut stmt =
            conn.prepare("SELECT id, kind, snapshot FROM documents WHERE team_id = ?1")?;
        let rows = stmt.query_map([team.to_string()], |r| {
            Ok(StoredDoc {
                id: col(r, 0)?,
                kind: kind_col(r, 1)?,
                snapshot: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn enroll_request(code: &str, actor: &str) -> EnrollRequest {
        EnrollRequest {
            version: PROTOCOL_VERSION,
            code: code.into(),
            actor: actor.into(),
            device_name: "test".into(),
        }
    }

    #[test]
    fn codes_are_single_use_and_expire() {
        let dir = tempfile::tempdir().unwrap();
        let storage = SqliteStorage::open(dir.path()).unwrap();
        let team = storage.add_team("Team").unwrap();
        let user = storage
            .add_user(&NewUser {
                team_id: team.id,
                name: "Ana".into(),
                role: Role::Specialist,
                seeker_id: None,
            })
            .unwrap();
        let code = storage
            .add_enroll_code(user.id, chrono::Duration::hours(1))
            .unwrap();
        assert!(matches!(
            storage.enroll(&enroll_request(&code.code, "zz"), "a"),
            Err(ServerError::Invalid { field: "actor", .. })
        ));
        let answer = storage
            .enroll(&enroll_request(&code.code.to_lowercase(), "a1b2"), "a")
            .unwrap();
        assert_eq!(answer.user_id, user.id);
        assert!(matches!(
            storage.enroll(&enroll_request(&code.code, "c3d4"), "a"),
            Err(ServerError::BadCode)
        ));

        let expiring = storage
            .add_enroll_code(user.id, chrono::Duration::hours(1))
            .unwrap();
        storage
            .write(|tx| {
                tx.execute(
                    "UPDATE enroll_codes SET expires_at = ?1 WHERE used_at IS NULL",
                    [(now() - chrono::Duration::minutes(1)).to_rfc3339()],
                )?;
                Ok(())
            })
            .unwrap();
        assert!(matches!(
            storage.enroll(&enroll_request(&expiring.code, "e5f6"), "a"),
            Err(ServerError::BadCode)
        ));
        // The same actor cannot become a second device.
        let fresh = storage
            .add_enroll_code(user.id, chrono::Duration::hours(1))
            .unwrap();
        assert!(matches!(
            storage.enroll(&enroll_request(&fresh.code, "a1b2"), "b"),
            Err(ServerError::ActorInUse)
        ));
        assert_eq!(storage.devices().unwrap().len(), 1);
    }
}
