//! The sync service: everything the protocol decides, written once above the data-access
//! traits of [`crate::db`] — who may read and write what ([`crate::access`]), which pushed
//! changes are well-formed and whose they are ([`push`]), what a phone lacks and how the answer
//! is paged ([`pull`]), enrollment ([`enroll`]), accounts and caseloads ([`accounts`]), the
//! team directory ([`directory`]), reports ([`reports`]) and the check of stored documents
//! ([`check`]). A backend stores rows; it decides nothing.
//!
//! Methods block (SQLite is synchronous, and the Automerge work is CPU-bound): the HTTP layer
//! calls them on tokio's blocking pool.

pub mod accounts;
pub mod actions;
#[cfg(test)]
mod actions_tests;
pub mod check;
pub mod directory;
pub mod enroll;
pub mod exports;
mod hot;
pub mod pull;
pub mod push;
pub mod refused;
pub mod reports;
pub mod supervise;
#[cfg(test)]
mod test_docs;

use std::sync::{Arc, OnceLock};

use automerge::ActorId;
use chrono::Utc;
use fieldbook_core::model::Goals;
use fieldbook_core::protocol::{SyncRequest, SyncResponse, PROTOCOL_VERSION};

use crate::access::Caller;
use crate::db::{AuditRow, Database, DbError, ReadTx, Stats, WriteTx};
use crate::{ServerError, ServerResult};

use hot::HotDocs;

/// How often a device's "last seen" time is rewritten by syncs that change nothing else:
/// a sync with nothing new writes nothing, except once in this many seconds.
const LAST_SEEN_SECONDS: i64 = 60;
/// Where the goals are stored.
const GOALS: &str = "goals";
/// A write that found its document changed meanwhile is tried again this many times.
const WRITE_ATTEMPTS: usize = 8;

/// The goals as stored in `view` (the defaults until a settings file set them).
pub(crate) fn goals_in<T: ReadTx + ?Sized>(view: &T) -> ServerResult<Goals> {
    match view.setting(GOALS)? {
        Some(json) => serde_json::from_str(&json)
            .map_err(|e| ServerError::Internal(format!("stored goals: {e}"))),
        None => Ok(Goals::default()),
    }
}

/// The server's behaviour over one database.
pub struct Service {
    db: Arc<dyn Database>,
    hot: HotDocs,
    /// The actor this process writes the team directories with, registered on first use.
    actor: OnceLock<ActorId>,
    reports: reports::ReportCache,
}

impl std::fmt::Debug for Service {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Service").finish_non_exhaustive()
    }
}

impl Service {
    /// The service over `db`.
    pub fn new(db: Arc<dyn Database>) -> ServerResult<Service> {
        Ok(Service {
            db,
            hot: HotDocs::default(),
            actor: OnceLock::new(),
            reports: reports::ReportCache::default(),
        })
    }

    /// The goals written into every directory (weekly contacts, first-contact days, caseload
    /// size), as stored: read from the database, never kept in one process, so a node never
    /// writes goals another node or an admin command has since changed.
    pub fn goals(&self) -> ServerResult<Goals> {
        goals_in(&*self.read()?)
    }

    /// Makes `goals` the program's (the server's settings file): stored, and written into
    /// every team's directory, so every phone shows them after its next sync.
    pub fn set_goals(&self, goals: Goals) -> ServerResult<()> {
        let json =
            serde_json::to_string(&goals).map_err(|e| ServerError::Internal(e.to_string()))?;
        let teams = self.read()?.teams()?;
        self.write_retrying(|tx| Ok(tx.set_setting(GOALS, &json)?))?;
        for team in teams {
            self.write_retrying(|tx| self.rewrite_directory(tx, team.id))?;
        }
        Ok(())
    }

    pub(crate) fn read(&self) -> ServerResult<Box<dyn ReadTx + '_>> {
        Ok(self.db.read()?)
    }

    pub(crate) fn write(&self) -> ServerResult<Box<dyn WriteTx + '_>> {
        Ok(self.db.write()?)
    }

    /// Runs `f` in a write transaction and commits it, trying again from the start when a
    /// conditional write found its row changed meanwhile.
    pub(crate) fn write_retrying<R>(
        &self,
        mut f: impl FnMut(&mut dyn WriteTx) -> ServerResult<R>,
    ) -> ServerResult<R> {
        let mut last = None;
        for _ in 0..WRITE_ATTEMPTS {
            let mut tx = self.write()?;
            match f(&mut *tx).and_then(|r| tx.commit().map(|()| r).map_err(ServerError::from)) {
                Err(ServerError::Storage(DbError::Conflict)) => {
                    last = Some(ServerError::Storage(DbError::Conflict));
                }
                other => return other,
            }
        }
        Err(last.unwrap_or_else(|| ServerError::Internal("write failed".into())))
    }

    /// This process's server actor, recorded in `tx` every time it is used (a no-op once
    /// stored), so a change by it never commits without the record that stops a phone from
    /// enrolling with it — also when the transaction that first used it was rolled back and
    /// retried.
    pub(crate) fn actor(&self, tx: &mut dyn WriteTx) -> ServerResult<ActorId> {
        let actor = self.actor.get_or_init(ActorId::random).clone();
        tx.insert_server_actor(&actor.to_hex_string())?;
        Ok(actor)
    }

    /// The device holding this token, refused if unknown or revoked.
    pub fn authenticate(&self, token: &str) -> ServerResult<Caller> {
        let owner = self
            .db
            .lookup()?
            .device_by_token(&crate::secrets::hash(token))?
            .ok_or_else(|| ServerError::Unauthorized("unknown token".into()))?;
        if owner.revoked {
            return Err(ServerError::DeviceRevoked);
        }
        Ok(owner.caller)
    }

    /// One sync exchange of `docs/adr/0002`: the pushed documents, each applied or refused on
    /// its own, then everything the phone lacks.
    pub fn sync(&self, caller: &Caller, request: &SyncRequest) -> ServerResult<SyncResponse> {
        if request.version != PROTOCOL_VERSION {
            return Err(ServerError::UnsupportedVersion(request.version.to_string()));
        }
        let pushed = self.push_all(caller, request)?;
        let (response, served) = self.pull(caller, request, pushed.rejected)?;
        let mut audit = pushed.audit;
        audit.extend(served);
        self.record_sync(caller, &response, audit, &pushed.refused)?;
        Ok(response)
    }

    /// Audits what was refused and served, and notes when the device was last seen: written
    /// only when there is something to write, so a sync with nothing new writes nothing.
    fn record_sync(
        &self,
        caller: &Caller,
        response: &SyncResponse,
        audit: Vec<AuditRow>,
        refused: &[crate::db::RefusedPush],
    ) -> ServerResult<()> {
        let now = Utc::now();
        let stale = caller.last_cursor != response.cursor
            || caller
                .last_sync_at
                .is_none_or(|at| (now - at).num_seconds() >= LAST_SEEN_SECONDS);
        if audit.is_empty() && !stale {
            return Ok(());
        }
        // Refused work must be kept for sure; lines of what was served and when the phone was
        // last seen may become durable with the next write.
        let mut tx = if refused.is_empty() {
            self.db.write_relaxed()?
        } else {
            self.write()?
        };
        tx.insert_audit(&audit)?;
        for r in refused {
            tx.insert_refused(r)?;
        }
        if stale {
            tx.touch_device(caller.device_id, now, response.cursor)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Counts for `/metrics`.
    pub fn stats(&self) -> ServerResult<Stats> {
        Ok(self.read()?.stats()?)
    }
}
