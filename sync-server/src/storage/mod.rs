//! Where the server keeps accounts, devices, documents and the change feed. One trait, so a
//! PostgreSQL backend can follow the embedded SQLite one: the access rules ([`crate::access`]),
//! the merge checks ([`crate::merge`]) and the feed plan ([`feed`]) are shared, and the
//! schema is append-only change rows unique per `(document, hash)` with feed numbers from one
//! counter — nothing relies on an in-process lock.

pub mod feed;
mod sqlite;

use chrono::{DateTime, Utc};
use fieldbook_core::document::DocKind;
use fieldbook_core::ids::{DeviceId, DocId, SeekerId, TeamId, UserId};
use fieldbook_core::model::Role;
use fieldbook_core::protocol::{EnrollRequest, EnrollResponse, SyncRequest, SyncResponse};
use serde::Serialize;

pub use sqlite::SqliteStorage;

use crate::access::Caller;
use crate::ServerResult;

/// A team: one IPS program's specialists, supervisor and job seekers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TeamRow {
    pub id: TeamId,
    pub name: String,
    pub created_at: DateTime<Utc>,
}

/// A new account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    pub team_id: TeamId,
    pub name: String,
    pub role: Role,
    /// Required for a job seeker's account: whose record they read.
    pub seeker_id: Option<SeekerId>,
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

/// A one-time enrollment code, shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnrollCode {
    pub code: String,
    pub user_id: UserId,
    pub expires_at: DateTime<Utc>,
}

/// An enrolled phone.
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

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditRow {
    pub at: DateTime<Utc>,
    /// `enroll`, `change` (accepted), `serve` (document sent), `revoke`, `assign`, …
    pub action: String,
    pub user_id: Option<String>,
    pub device_id: Option<String>,
    pub doc_id: Option<String>,
    pub hash: Option<String>,
}

/// Counts for `/metrics` and tests.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Stats {
    pub teams: u64,
    pub users: u64,
    pub devices: u64,
    pub documents: u64,
    pub changes: u64,
    pub feed_position: u64,
}

/// A stored document: what the server knows of it and its current compact snapshot.
#[derive(Debug, Clone)]
pub struct StoredDoc {
    pub id: DocId,
    pub kind: DocKind,
    pub snapshot: Vec<u8>,
}

/// The server's storage. Every method is one transaction (the sync push: one per document),
/// so a crash or a refused document leaves nothing half-written.
pub trait Storage: Send + Sync + 'static {
    fn add_team(&self, name: &str) -> ServerResult<TeamRow>;
    fn teams(&self) -> ServerResult<Vec<TeamRow>>;
    fn add_user(&self, new: &NewUser) -> ServerResult<UserRow>;
    fn users(&self) -> ServerResult<Vec<UserRow>>;
    /// Assigns a job seeker to a specialist; with `replace`, unassigns everyone else (whose
    /// phones then remove the record). Returns the job seeker's specialists afterwards.
    fn assign(
        &self,
        seeker: SeekerId,
        specialist: UserId,
        replace: bool,
    ) -> ServerResult<Vec<UserId>>;
    fn unassign(&self, seeker: SeekerId, specialist: UserId) -> ServerResult<()>;
    fn add_enroll_code(&self, user: UserId, ttl: chrono::Duration) -> ServerResult<EnrollCode>;
    /// Redeems a code for a new device. `addr` is the caller's address, for rate limiting.
    fn enroll(&self, request: &EnrollRequest, addr: &str) -> ServerResult<EnrollResponse>;
    fn devices(&self) -> ServerResult<Vec<DeviceRow>>;
    fn revoke(&self, device: DeviceId) -> ServerResult<DeviceRow>;
    /// The device holding this token, refused if unknown or revoked.
    fn authenticate(&self, token: &str) -> ServerResult<Caller>;
    /// One sync exchange of `docs/adr/0002`.
    fn sync(&self, caller: &Caller, request: &SyncRequest) -> ServerResult<SyncResponse>;
    fn stats(&self) -> ServerResult<Stats>;
    /// The newest audit lines, newest first.
    fn audit(&self, limit: u32) -> ServerResult<Vec<AuditRow>>;
    /// Every document of a team (for reports on the server).
    fn team_documents(&self, team: TeamId) -> ServerResult<Vec<StoredDoc>>;
    /// Gives a supervisor or admin a web login and password (stored hashed).
    fn set_password(&self, user: UserId, login: &str, password_hash: &str)
        -> ServerResult<UserRow>;
    /// The account with this web login and its stored password hash.
    fn find_login(&self, login: &str) -> ServerResult<Option<(UserRow, String)>>;
    /// Starts a web session (token stored hashed) until `expires_at`.
    fn add_session(
        &self,
        user: UserId,
        token_hash: &str,
        expires_at: DateTime<Utc>,
    ) -> ServerResult<()>;
    /// The account of a live web session.
    fn session_user(&self, token_hash: &str) -> ServerResult<Option<UserRow>>;
    fn end_session(&self, token_hash: &str) -> ServerResult<()>;
    /// Records a failed login or enrollment from `addr` (for rate limiting).
    fn record_failure(&self, addr: &str) -> ServerResult<()>;
    /// Failures from `addr` in the last `minutes`.
    fn recent_failures(&self, addr: &str, minutes: i64) -> ServerResult<i64>;
    /// A server-wide secret named `name`, made on first use (e.g. the key of the state
    /// report's pseudonyms).
    fn secret(&self, name: &str) -> ServerResult<Vec<u8>>;
}
