//! Where the server keeps its data: a narrow data-access interface with no protocol in it.
//! The sync protocol, access rules, change checks, enrollment and the directory live once in
//! [`crate::service`], above these traits; a backend only stores and finds rows. Each
//! transaction is a [`ReadTx`] (a consistent view, many at once) or a [`WriteTx`] (committed
//! whole by [`WriteTx::commit`], dropped without it: nothing written).
//!
//! Feed numbers are per team: every change, grant and revocation of a team takes the next
//! number of that team's counter inside its write transaction, and the counter is held until
//! the transaction ends, so numbers of one team become visible in order and writers of
//! different teams never wait for each other (`docs/adr/0002-sync-protocol.md`).

pub mod copy;
pub mod postgres;
pub mod sqlite;

use chrono::{DateTime, Utc};
use fieldbook_core::document::DocKind;
use fieldbook_core::ids::{DeviceId, DocId, SeekerId, TeamId, UserId};
use fieldbook_core::model::Role;
use serde::Serialize;

use crate::access::Caller;

/// Where a server keeps its data: the embedded SQLite database in a directory (the default), or
/// a PostgreSQL database several server nodes share.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    Sqlite(std::path::PathBuf),
    Postgres(String),
}

impl Location {
    /// Opens the database (creating or upgrading its schema). `pool` bounds PostgreSQL
    /// connections.
    pub fn open(&self, pool: u32) -> DbResult<std::sync::Arc<dyn Database>> {
        Ok(match self {
            Location::Sqlite(dir) => std::sync::Arc::new(sqlite::SqliteDb::open(dir)?),
            Location::Postgres(url) => std::sync::Arc::new(postgres::PgDb::open(url, pool)?),
        })
    }

    /// The place in words, for the log (a password never shown).
    pub fn describe(&self) -> String {
        match self {
            Location::Sqlite(dir) => format!("data in {}", dir.display()),
            Location::Postgres(url) => format!("database {}", postgres::redact(url)),
        }
    }
}

/// What a backend can fail with, in terms the service acts on.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    /// A conditional write found the row changed since it was read (another request or
    /// node wrote first): read again and retry.
    #[error("the data changed meanwhile; try again")]
    Conflict,
    /// The database is unreachable or overloaded right now.
    #[error("the database is unavailable: {0}")]
    Unavailable(String),
    /// Anything else; details for the log.
    #[error("{0}")]
    Other(String),
}

/// Result of data access.
pub type DbResult<T> = Result<T, DbError>;

/// A team: one IPS program's specialists, supervisors and job seekers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TeamRow {
    pub id: TeamId,
    pub name: String,
    pub created_at: DateTime<Utc>,
}

/// An account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UserRow {
    pub id: UserId,
    pub team_id: TeamId,
    pub name: String,
    pub role: Role,
    pub seeker_id: Option<SeekerId>,
    pub created_at: DateTime<Utc>,
}

/// An enrolled phone, as the admin sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DeviceRow {
    pub id: DeviceId,
    pub user_id: UserId,
    pub user_name: String,
    pub name: String,
    pub enrolled_at: DateTime<Utc>,
    pub last_sync_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// The device an actor is bound to, as enrollment needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorBinding {
    pub device_id: DeviceId,
    pub user_id: UserId,
    pub synced: bool,
    pub revoked: bool,
}

/// A device found by its token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenOwner {
    pub caller: Caller,
    pub revoked: bool,
}

/// A one-time enrollment code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodeRow {
    pub user_id: UserId,
    pub expires_at: DateTime<Utc>,
    /// Redeemed already.
    pub used: bool,
    /// The device that redeemed it, when known.
    pub used_by: Option<DeviceId>,
}

/// A new device row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDevice {
    pub id: DeviceId,
    pub user_id: UserId,
    pub name: String,
    pub actor: String,
    pub token_hash: String,
    pub at: DateTime<Utc>,
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditRow {
    pub at: DateTime<Utc>,
    /// `enroll`, `change` (accepted), `refuse` (a pushed document refused), `serve`
    /// (document sent), `revoke`, `assign`, …
    pub action: String,
    pub user_id: Option<String>,
    pub device_id: Option<String>,
    pub doc_id: Option<String>,
    pub hash: Option<String>,
    /// Why, for refusals and quarantines.
    pub detail: Option<String>,
}

impl AuditRow {
    /// An audit line stamped now.
    pub fn new(action: &str) -> AuditRow {
        AuditRow {
            at: Utc::now(),
            action: action.to_string(),
            user_id: None,
            device_id: None,
            doc_id: None,
            hash: None,
            detail: None,
        }
    }

    pub fn user(mut self, u: UserId) -> Self {
        self.user_id = Some(u.to_string());
        self
    }

    pub fn device(mut self, d: DeviceId) -> Self {
        self.device_id = Some(d.to_string());
        self
    }

    pub fn doc(mut self, d: DocId) -> Self {
        self.doc_id = Some(d.to_string());
        self
    }

    pub fn hash(mut self, h: impl Into<String>) -> Self {
        self.hash = Some(h.into());
        self
    }

    pub fn detail(mut self, d: impl Into<String>) -> Self {
        self.detail = Some(d.into());
        self
    }
}

/// Counts for `/metrics` and tests.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub teams: u64,
    pub users: u64,
    pub devices: u64,
    pub documents: u64,
    pub changes: u64,
    pub quarantined: u64,
}

/// What the server knows about a stored document besides its content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocMeta {
    pub id: DocId,
    pub kind: DocKind,
    pub team_id: TeamId,
    /// The job seeker a `seeker` or `notes` document is about.
    pub seeker_id: Option<SeekerId>,
    /// Feed number of the document's first change on the server.
    pub created_seq: u64,
    /// Feed number of its latest change: the version a conditional write checks.
    pub updated_seq: u64,
    /// Feed number up to which its stored snapshot covers its changes.
    pub snapshot_seq: u64,
    /// Bytes of its snapshot and the changes stored after it: what sending it whole costs.
    pub size: u64,
}

/// A change row to append to a document's history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewChangeRow {
    pub hash: String,
    pub actor: String,
    pub bytes: Vec<u8>,
}

/// A stored change, with its feed number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangeRow {
    pub seq: u64,
    pub hash: String,
    pub bytes: Vec<u8>,
}

/// A document's stored form: its last snapshot and the changes stored after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDoc {
    pub meta: DocMeta,
    pub snapshot: Vec<u8>,
    pub tail: Vec<Vec<u8>>,
}

impl StoredDoc {
    /// Snapshot and tail as one byte string: what a phone lacking the document is sent, and
    /// what Automerge loads in one pass.
    pub fn bytes(&self) -> Vec<u8> {
        let mut out =
            Vec::with_capacity(self.snapshot.len() + self.tail.iter().map(Vec::len).sum::<usize>());
        out.extend_from_slice(&self.snapshot);
        for c in &self.tail {
            out.extend_from_slice(c);
        }
        out
    }
}

/// A pushed change set aside because it broke its document (found by `admin check`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuarantineRow {
    pub doc_id: DocId,
    pub hash: String,
    pub reason: String,
    pub at: DateTime<Utc>,
}

/// A pushed document the server refused, kept so the team's supervisor can see the work and
/// accept it into the record: nothing a person did is dropped silently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedPush {
    pub doc_id: DocId,
    pub kind: DocKind,
    pub team_id: TeamId,
    pub user_id: UserId,
    pub device_id: DeviceId,
    /// The pushing device's actor: an accepted push must still be its own changes.
    pub actor: String,
    /// The refusal code (`forbidden`, `malformed`, …) and reason given to the phone.
    pub code: String,
    pub reason: String,
    pub changes: Vec<Vec<u8>>,
    pub at: DateTime<Utc>,
}

/// A stored refusal and what became of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefusedRow {
    pub id: i64,
    pub push: RefusedPush,
    /// `accepted` or `dismissed`, by whom and when; `None` while it waits.
    pub resolution: Option<(String, UserId, DateTime<Utc>)>,
}

/// Several byte strings as one (each prefixed by its length), for a column.
pub fn pack(items: &[Vec<u8>]) -> Vec<u8> {
    let mut out = Vec::with_capacity(items.iter().map(|i| i.len() + 4).sum());
    for item in items {
        out.extend_from_slice(&(item.len() as u32).to_be_bytes());
        out.extend_from_slice(item);
    }
    out
}

/// The byte strings [`pack`] joined; whatever does not parse is left out.
pub fn unpack(mut bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut out = Vec::new();
    while bytes.len() >= 4 {
        let len = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) as usize;
        let Some(item) = bytes.get(4..4 + len) else {
            break;
        };
        out.push(item.to_vec());
        bytes = &bytes[4 + len..];
    }
    out
}

/// A database: it hands out transactions.
pub trait Database: Send + Sync + 'static {
    /// A consistent read-only view.
    fn read(&self) -> DbResult<Box<dyn ReadTx + '_>>;
    /// A read-only view for one statement, outside any transaction (a single statement is
    /// consistent on its own): what every sync's sign-in needs, without the round trips to
    /// begin and end a transaction.
    fn lookup(&self) -> DbResult<Box<dyn ReadTx + '_>>;
    /// A write transaction; writers queue for it. Its commit is on disk when it returns.
    fn write(&self) -> DbResult<Box<dyn WriteTx + '_>>;
    /// A write transaction whose commit need not wait for the disk: it becomes durable with
    /// the next ordinary commit (or within moments). For what a crash may lose the last
    /// second of without harm to anyone's work — audit lines of reads, "last seen" times —
    /// so that serving a phone does not wait for the disk twice.
    fn write_relaxed(&self) -> DbResult<Box<dyn WriteTx + '_>>;
}

/// Reads. Every list is in a stable order.
pub trait ReadTx {
    fn team(&self, id: TeamId) -> DbResult<Option<TeamRow>>;
    fn teams(&self) -> DbResult<Vec<TeamRow>>;
    /// The last number the team's feed handed out.
    fn feed_position(&self, team: TeamId) -> DbResult<u64>;

    fn user(&self, id: UserId) -> DbResult<Option<UserRow>>;
    fn users(&self) -> DbResult<Vec<UserRow>>;
    fn team_users(&self, team: TeamId) -> DbResult<Vec<UserRow>>;
    /// The account with this web login and its stored password hash.
    fn login(&self, login: &str) -> DbResult<Option<(UserRow, String)>>;
    /// The account of a web session that has not expired at `now`.
    fn session_user(&self, token_hash: &str, now: DateTime<Utc>) -> DbResult<Option<UserRow>>;

    fn code(&self, code_hash: &str) -> DbResult<Option<CodeRow>>;
    fn device_by_token(&self, token_hash: &str) -> DbResult<Option<TokenOwner>>;
    fn device_by_actor(&self, actor: &str) -> DbResult<Option<ActorBinding>>;
    fn device_actor(&self, device: DeviceId) -> DbResult<Option<String>>;
    fn devices(&self) -> DbResult<Vec<DeviceRow>>;
    fn device(&self, id: DeviceId) -> DbResult<Option<DeviceRow>>;
    /// Whether `actor` is one the server writes with.
    fn is_server_actor(&self, actor: &str) -> DbResult<bool>;
    /// Whether `actor` is the genesis actor of a stored document.
    fn is_genesis_actor(&self, actor: &str) -> DbResult<bool>;

    /// A user's caseload: job seekers, the feed number of the grant, and the device whose
    /// push created the record (when it did).
    fn caseload(&self, user: UserId) -> DbResult<Vec<(SeekerId, u64, Option<DeviceId>)>>;
    fn assigned(&self, seeker: SeekerId) -> DbResult<Vec<UserId>>;
    fn team_assignments(&self, team: TeamId) -> DbResult<Vec<(SeekerId, UserId)>>;
    /// Read access `user` lost to documents, numbered after `after`: (document, number).
    fn revocations(&self, user: UserId, after: u64) -> DbResult<Vec<(DocId, u64)>>;

    fn doc_meta(&self, id: DocId) -> DbResult<Option<DocMeta>>;
    /// Every document of a team.
    fn team_docs(&self, team: TeamId) -> DbResult<Vec<DocMeta>>;
    /// Documents of a team with a change numbered after `after`.
    fn team_docs_changed(&self, team: TeamId, after: u64) -> DbResult<Vec<DocMeta>>;
    /// A document's snapshot and the changes stored after it.
    fn stored_doc(&self, id: DocId) -> DbResult<Option<StoredDoc>>;
    /// Changes of `doc` numbered in `(after, upto]`, except those `device` pushed.
    fn changes_after(
        &self,
        doc: DocId,
        after: u64,
        upto: u64,
        except: DeviceId,
    ) -> DbResult<Vec<ChangeRow>>;
    /// Every change of `doc`, in feed order.
    fn doc_changes(&self, doc: DocId) -> DbResult<Vec<ChangeRow>>;
    fn quarantined(&self) -> DbResult<Vec<QuarantineRow>>;
    /// Refused pushes of a team, newest first (waiting ones and resolved ones).
    fn refused(&self, team: TeamId) -> DbResult<Vec<RefusedRow>>;
    fn refused_one(&self, id: i64) -> DbResult<Option<RefusedRow>>;

    fn failures_since(&self, addr: &str, since: DateTime<Utc>) -> DbResult<i64>;
    fn setting(&self, key: &str) -> DbResult<Option<String>>;
    /// The newest audit lines, newest first.
    fn audit(&self, limit: u32) -> DbResult<Vec<AuditRow>>;
    fn stats(&self) -> DbResult<Stats>;
}

/// Writes, inside one transaction.
pub trait WriteTx: ReadTx {
    /// Takes the next number of `team`'s feed, holding the feed until this transaction ends.
    fn next_seq(&mut self, team: TeamId) -> DbResult<u64>;

    fn insert_team(&mut self, team: &TeamRow) -> DbResult<()>;
    fn insert_user(&mut self, user: &UserRow, granted_seq: u64) -> DbResult<()>;
    fn set_password(&mut self, user: UserId, login: &str, password_hash: &str) -> DbResult<()>;
    fn insert_session(
        &mut self,
        token_hash: &str,
        user: UserId,
        expires_at: DateTime<Utc>,
    ) -> DbResult<()>;
    fn delete_session(&mut self, token_hash: &str) -> DbResult<()>;
    /// Ends every session of `user`, and every expired one.
    fn delete_sessions(&mut self, user: Option<UserId>, now: DateTime<Utc>) -> DbResult<()>;

    fn insert_code(
        &mut self,
        code_hash: &str,
        user: UserId,
        expires_at: DateTime<Utc>,
    ) -> DbResult<()>;
    /// Marks an unused, unexpired code as redeemed by `device`. False when it was not
    /// (another request redeemed it first, or it expired).
    fn redeem_code(
        &mut self,
        code_hash: &str,
        device: DeviceId,
        now: DateTime<Utc>,
    ) -> DbResult<bool>;
    fn insert_device(&mut self, device: &NewDevice) -> DbResult<()>;
    /// Gives a device that never synced to another user, with a new token and name.
    fn rebind_device(
        &mut self,
        device: DeviceId,
        user: UserId,
        name: &str,
        token_hash: &str,
    ) -> DbResult<()>;
    fn set_token(&mut self, device: DeviceId, token_hash: &str) -> DbResult<()>;
    /// Revokes a device. False when there is no such device.
    fn revoke_device(&mut self, device: DeviceId, at: DateTime<Utc>) -> DbResult<bool>;
    fn touch_device(&mut self, device: DeviceId, at: DateTime<Utc>, cursor: u64) -> DbResult<()>;
    fn insert_server_actor(&mut self, actor: &str) -> DbResult<()>;

    fn insert_assignment(
        &mut self,
        seeker: SeekerId,
        user: UserId,
        seq: u64,
        device: Option<DeviceId>,
    ) -> DbResult<()>;
    fn delete_assignment(&mut self, seeker: SeekerId, user: UserId) -> DbResult<()>;
    fn insert_revocation(&mut self, seq: u64, user: UserId, doc: DocId) -> DbResult<()>;

    /// Stores a new document with its first snapshot.
    fn insert_doc(&mut self, meta: &DocMeta, genesis_actor: &str, snapshot: &[u8]) -> DbResult<()>;
    /// Appends changes to a document's history, numbered from its team's feed, if the
    /// document is still at `expected` (its `updated_seq` when read); otherwise
    /// [`DbError::Conflict`]. Returns the feed number of each change, in order.
    fn append_changes(
        &mut self,
        doc: &DocMeta,
        expected: u64,
        device: Option<DeviceId>,
        changes: &[NewChangeRow],
        at: DateTime<Utc>,
    ) -> DbResult<Vec<u64>>;
    /// Replaces a document's snapshot with one covering every change up to `upto`.
    fn save_snapshot(&mut self, doc: DocId, snapshot: &[u8], upto: u64) -> DbResult<()>;
    /// Moves changes out of a document's history into quarantine.
    fn quarantine(
        &mut self,
        doc: DocId,
        hashes: &[String],
        reason: &str,
        at: DateTime<Utc>,
    ) -> DbResult<()>;

    fn insert_refused(&mut self, push: &RefusedPush) -> DbResult<()>;
    /// Marks a waiting refusal `accepted` or `dismissed`. False when it was not waiting.
    fn resolve_refused(
        &mut self,
        id: i64,
        resolution: &str,
        by: UserId,
        at: DateTime<Utc>,
    ) -> DbResult<bool>;

    fn add_failure(&mut self, addr: &str, at: DateTime<Utc>) -> DbResult<()>;
    /// Stores `value` under `key` unless something is there already; returns what is stored.
    fn setting_or_insert(&mut self, key: &str, value: &str) -> DbResult<String>;
    /// Stores `value` under `key`, replacing what was there.
    fn set_setting(&mut self, key: &str, value: &str) -> DbResult<()>;
    fn insert_audit(&mut self, rows: &[AuditRow]) -> DbResult<()>;

    /// Makes everything written in this transaction durable and visible.
    fn commit(self: Box<Self>) -> DbResult<()>;
}
