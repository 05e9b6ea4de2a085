//! Data from elsewhere: documents merged in from the server (or another store), documents
//! removed because this phone may no longer hold them, and the outbox the sync reads.

use rusqlite::{params, Connection};

use super::conflict_index::{self, Written};
use super::pending::{self, RecordNamed, RefusalCause, KEPT_FOR_SUPERVISOR, LEFT_THE_PHONE};
use super::{docs, identity, index, Store};
use crate::document::{DocKind, Document};
use crate::ids::DocId;
use crate::protocol::RejectCode;
use crate::{Error, Result};

/// What arrived for one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RemoteData {
    /// A whole document (`save()` output): for a document this phone does not have.
    Snapshot(Vec<u8>),
    /// Raw changes, in any order.
    Changes(Vec<Vec<u8>>),
}

/// A document's data from elsewhere.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RemoteDoc {
    pub id: DocId,
    pub kind: DocKind,
    pub data: RemoteData,
}

/// What merging a batch did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct MergeOutcome {
    /// Documents whose content changed.
    pub changed: Vec<DocId>,
    /// Documents that could not be merged, with the reason; nothing of them was written.
    pub failed: Vec<(DocId, String)>,
}

/// A document that left this phone with work not on the server: its unsent changes are in
/// the refused list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Dropped {
    pub id: DocId,
    /// Whose record, in words ("job seeker Erik Lund").
    pub record: String,
    /// What the changes did (their operations).
    pub what: Vec<String>,
}

/// Rows of (document, kind, row number, change bytes), ordered by document, as one
/// [`Outgoing`] per document. In the outbox an unknown kind is damage; among stranded changes
/// (kept from older versions too) such a row is passed over.
fn by_document(c: &Connection, sql: &str, stranded: bool) -> Result<Vec<Outgoing>> {
    let what = if stranded { "refused list" } else { "outbox" };
    let mut stmt = c.prepare(sql)?;
    let mut rows = stmt.query([])?;
    let mut out: Vec<Outgoing> = Vec::new();
    while let Some(r) = rows.next()? {
        let id: DocId = r
            .get::<_, String>(0)?
            .parse()
            .map_err(|e| Error::malformed(what, e))?;
        let kind = match DocKind::parse(&r.get::<_, String>(1)?) {
            Some(kind) => kind,
            None if stranded => continue,
            None => return Err(Error::malformed(what, "unknown kind")),
        };
        let change = (r.get(2)?, r.get(3)?);
        match out.last_mut() {
            Some(o) if o.id == id => o.changes.push(change),
            _ => out.push(Outgoing {
                id,
                kind,
                changes: vec![change],
                stranded,
            }),
        }
    }
    Ok(out)
}

fn has_unsent(conn: &Connection, id: DocId) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM doc_changes WHERE doc_id = ?1 AND hash IS NOT NULL)",
        [id.to_string()],
        |r| r.get::<_, bool>(0),
    )?)
}

/// A document's changes waiting in the outbox.
#[derive(Debug, Clone)]
pub(crate) struct Outgoing {
    pub id: DocId,
    pub kind: DocKind,
    /// Each change's row (its number in the change log, or in the refused list when
    /// `stranded`) and bytes.
    pub changes: Vec<(i64, Vec<u8>)>,
    /// Changes of a record that left this phone before they were sent: sent once so the
    /// server keeps them for the team's supervisor (see [`Store::stranded`]).
    pub stranded: bool,
}

impl Store {
    /// Merges documents from elsewhere, re-indexing each. A document that fails
    /// (undecodable, wrong kind, missing history, breaks its schema) is skipped and reported;
    /// the others are merged.
    ///
    /// One transaction for the whole batch (a sync's page), except that a local write
    /// waiting for the writer (a visit logged during a sync) makes the merge commit what it
    /// has merged and let the write go first: it waits for one document's merge, not for
    /// the page's. A merge cut short this way and then broken off leaves whole documents
    /// merged; merging them again changes nothing.
    pub fn merge_remote(&self, incoming: Vec<RemoteDoc>) -> Result<MergeOutcome> {
        let mut outcome = MergeOutcome::default();
        let mut incoming = incoming.into_iter().peekable();
        while incoming.peek().is_some() {
            let mut guard = self.lock_after_waiting_writers();
            let inner = &mut *guard;
            let mut tx = inner.conn.transaction()?;
            // At least one document per transaction, so the merge moves on however busy
            // the phone is.
            for doc in incoming.by_ref() {
                let id = doc.id;
                // A document that fails leaves nothing behind, whatever it had written.
                let mut one = tx.savepoint()?;
                match merge_one(&one, &mut inner.cache, doc) {
                    Ok(merged) => {
                        one.commit()?;
                        if merged {
                            outcome.changed.push(id);
                        }
                    }
                    Err(e) => {
                        one.rollback()?;
                        inner.cache.evict(id);
                        outcome.failed.push((id, e.to_string()));
                    }
                }
                if self.writers_waiting() {
                    break;
                }
            }
            if let Err(e) = tx.commit() {
                inner.cache.clear();
                return Err(e.into());
            }
        }
        self.notify(&outcome.changed);
        if !outcome.changed.is_empty() {
            // Entries added to a duplicate elsewhere reach the record kept (ADR 0001).
            self.follow_merges(&outcome.changed)?;
        }
        Ok(outcome)
    }

    /// Removes documents this phone may no longer hold (reassignment, revocation), with
    /// their index rows. Changes to them not yet sent move to the refused list first, named.
    pub fn remove_documents(&self, ids: &[DocId]) -> Result<Vec<DocId>> {
        Ok(self.remove_keeping_unsent(ids)?.0)
    }

    /// [`Store::remove_documents`], also saying which removed documents had unsent changes
    /// (kept in the refused list): their kind, whose record, and what the changes did.
    pub(crate) fn remove_keeping_unsent(
        &self,
        ids: &[DocId],
    ) -> Result<(Vec<DocId>, Vec<Dropped>)> {
        let (removed, dropped) = {
            let mut guard = self.lock();
            let inner = &mut *guard;
            let tx = inner.conn.transaction()?;
            let mut removed = Vec::new();
            let mut dropped = Vec::new();
            // Every record is named before any goes: case notes are named after their job
            // seeker, who may leave in the same answer.
            for id in ids {
                if !has_unsent(&tx, *id)? {
                    continue;
                }
                if let Some((record, what)) = pending::describe(&tx, &mut inner.cache, *id)? {
                    pending::refuse_unsent(
                        &tx,
                        *id,
                        &record,
                        LEFT_THE_PHONE,
                        RefusalCause::LeftThePhone,
                        None,
                    )?;
                    dropped.push(Dropped {
                        id: *id,
                        record: record.label,
                        what,
                    });
                }
            }
            for id in ids {
                if docs::remove(&tx, *id)? {
                    removed.push(*id);
                }
                inner.cache.evict(*id);
            }
            tx.commit()?;
            if !removed.is_empty() {
                // Old versions of the removed rows leave the write-ahead log too.
                inner
                    .conn
                    .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))?;
            }
            (removed, dropped)
        };
        self.forget_read_copies(Some(ids));
        self.notify(&removed);
        Ok((removed, dropped))
    }

    /// Erases every document, the identity and the token, and rewrites the file so nothing
    /// can be recovered from it: what a revoked phone does.
    pub fn wipe(&self) -> Result<()> {
        let removed: Vec<DocId> = self.documents()?.into_iter().map(|(id, _)| id).collect();
        {
            let mut guard = self.lock();
            let inner = &mut *guard;
            inner.cache.clear();
            inner.conn.execute_batch(
                "BEGIN IMMEDIATE;
                 DELETE FROM rejected; DELETE FROM doc_changes;
                 DELETE FROM caseload_index; DELETE FROM step_index; DELETE FROM consent_index; DELETE FROM name_index; DELETE FROM visit_index;
                 DELETE FROM employer_index; DELETE FROM member_index; DELETE FROM assignment_index;
                 DELETE FROM documents; DELETE FROM meta;
                 COMMIT;",
            )?;
            inner
                .conn
                .execute_batch("PRAGMA wal_checkpoint(TRUNCATE); VACUUM;")?;
            let identity = identity::load_or_create(&inner.conn)?;
            inner.actor = identity.actor_id()?;
            self.set_identity_copy(identity);
        }
        self.forget_read_copies(None);
        self.notify(&removed);
        Ok(())
    }

    /// Changes waiting for the server, grouped by document.
    pub(crate) fn outbox(&self) -> Result<Vec<Outgoing>> {
        self.query(|c| {
            by_document(
                c,
                "SELECT c.doc_id, d.kind, c.seq, c.bytes FROM doc_changes c
                 JOIN documents d ON d.id = c.doc_id
                 WHERE c.hash IS NOT NULL ORDER BY c.doc_id, c.seq",
                false,
            )
        })
    }

    /// Changes stranded when their record left this phone before they were sent (a
    /// reassignment arriving while they were written), by record, not yet shown to the
    /// server. Sent once: the server refuses them (the record is no longer this person's)
    /// and keeps them for the team's supervisor, who can accept them into the record.
    pub(crate) fn stranded(&self) -> Result<Vec<Outgoing>> {
        self.query(|c| {
            by_document(
                c,
                "SELECT r.doc_id, r.kind, r.seq, r.bytes FROM rejected r
                 WHERE r.stranded = 1 AND r.kind IS NOT NULL
                   AND NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = r.doc_id)
                 ORDER BY r.doc_id, r.seq",
                true,
            )
        })
    }

    /// What the server did with stranded changes it was shown: `refused` (kept for the
    /// supervisor) leaves them in the refused list with the server's reason, no longer to
    /// be sent; taken into the record, they leave the list.
    pub(crate) fn stranded_shown(&self, rows: &[i64], refused: Option<&str>) -> Result<()> {
        self.exec(|c| {
            for row in rows {
                match refused {
                    Some(reason) => c.execute(
                        "UPDATE rejected SET stranded = 0, reason = ?2, cause = ?3 WHERE seq = ?1",
                        params![
                            row,
                            format!("{reason} {KEPT_FOR_SUPERVISOR}"),
                            RefusalCause::KeptForSupervisor.as_str()
                        ],
                    )?,
                    None => c.execute("DELETE FROM rejected WHERE seq = ?1", [row])?,
                };
            }
            Ok(())
        })
    }

    /// How many changes are in the refused list (what [`Store::pending`] lists as refused),
    /// counted without reading them.
    pub fn refused_changes(&self) -> Result<u64> {
        self.query(|c| {
            let count = c.query_row("SELECT count(*) FROM rejected", [], |r| r.get::<_, i64>(0))?;
            Ok(u64::try_from(count).unwrap_or(0))
        })
    }

    /// How many changes wait for the server.
    pub fn pending_changes(&self) -> Result<u64> {
        self.query(|c| {
            let count = c.query_row(
                "SELECT count(*) FROM doc_changes WHERE hash IS NOT NULL",
                [],
                |r| r.get::<_, i64>(0),
            )?;
            Ok(count as u64)
        })
    }

    /// The server accepted these changes (change rows): they leave the outbox, and rows
    /// kept only to be sent (folded into their snapshot) go.
    pub(crate) fn ack(&self, rows: &[i64]) -> Result<()> {
        let mut guard = self.lock();
        let tx = guard.conn.transaction()?;
        {
            let mut folded =
                tx.prepare_cached("DELETE FROM doc_changes WHERE seq = ?1 AND folded = 1")?;
            let mut sent =
                tx.prepare_cached("UPDATE doc_changes SET hash = NULL WHERE seq = ?1")?;
            for row in rows {
                if folded.execute([row])? == 0 {
                    sent.execute([row])?;
                }
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// The server refused a document's changes: they move from the outbox to the refused
    /// list (kept, with the reason and whose record it was), and the document is dropped so
    /// the server's version can replace it. Says whose record it was and what the changes
    /// did, read before the document goes.
    pub(crate) fn reject(&self, doc: DocId, code: RejectCode, reason: &str) -> Result<Dropped> {
        let dropped = {
            let mut guard = self.lock();
            let inner = &mut *guard;
            let tx = inner.conn.transaction()?;
            let (record, what) = match pending::describe(&tx, &mut inner.cache, doc)? {
                Some((record, what)) => {
                    let cause = RefusalCause::Server(code);
                    pending::refuse_unsent(&tx, doc, &record, reason, cause, None)?;
                    (record.label, what)
                }
                None => (format!("record {doc}"), Vec::new()),
            };
            docs::remove(&tx, doc)?;
            // Ask for the server's version at the next sync, even if this one breaks off now.
            let mut want = read_want(&tx)?;
            if !want.contains(&doc) {
                want.push(doc);
            }
            write_want(&tx, &want)?;
            tx.commit()?;
            inner.cache.evict(doc);
            Dropped {
                id: doc,
                record,
                what,
            }
        };
        self.forget_read_copies(Some(&[doc]));
        self.notify(&[doc]);
        Ok(dropped)
    }

    /// A stored setting of the sync client.
    pub(crate) fn meta(&self, key: &str) -> Result<Option<String>> {
        self.query(|c| identity::meta(c, key))
    }

    /// Stores a setting of the sync client.
    pub(crate) fn set_meta(&self, key: &str, value: Option<&str>) -> Result<()> {
        self.exec(|c| identity::set(c, key, value))
    }

    /// Records an enrollment: this phone is now `id`, authenticated by `token`.
    pub(crate) fn set_identity(&self, id: super::Identity, token: &str) -> Result<()> {
        let mut guard = self.lock();
        let inner = &mut *guard;
        let tx = inner.conn.transaction()?;
        identity::save(&tx, &id, token)?;
        tx.commit()?;
        self.set_identity_copy(id);
        Ok(())
    }

    /// Documents to ask the server for whole at the next sync.
    pub(crate) fn wanted(&self) -> Result<Vec<DocId>> {
        self.query(read_want)
    }

    /// Replaces the list of documents to ask for whole.
    pub(crate) fn set_wanted(&self, want: &[DocId]) -> Result<()> {
        self.exec(|c| write_want(c, want))
    }

    /// The device token, if enrolled.
    pub(crate) fn token(&self) -> Result<Option<String>> {
        self.query(identity::token)
    }
}

const WANT: &str = "want";

fn read_want(conn: &Connection) -> Result<Vec<DocId>> {
    Ok(identity::meta(conn, WANT)?
        .and_then(|w| serde_json::from_str(&w).ok())
        .unwrap_or_default())
}

fn write_want(conn: &Connection, want: &[DocId]) -> Result<()> {
    let value = (!want.is_empty()).then(|| serde_json::to_string(want).unwrap_or_default());
    identity::set(conn, WANT, value.as_deref())
}

/// Merges one document. Returns whether anything changed. Everything that arrives is
/// checked as the server checks pushes ([`Document::apply_incoming`], [`Document::load_checked`]):
/// the server is trusted with access, not with well-formedness.
fn merge_one(tx: &Connection, cache: &mut docs::DocCache, incoming: RemoteDoc) -> Result<bool> {
    let RemoteDoc { id, kind, data } = incoming;
    let now = chrono::Utc::now().to_rfc3339();
    match docs::stored_kind(tx, id)? {
        None => {
            let mut doc = match data {
                RemoteData::Snapshot(bytes) => Document::load_checked(kind, id, &bytes)?,
                RemoteData::Changes(changes) => {
                    let mut doc = Document::genesis(kind, id);
                    doc.apply_incoming(&changes, &ANYONE)
                        .map_err(|p| Error::malformed(format!("changes for {id}"), p))?;
                    doc.validate()?;
                    doc
                }
            };
            docs::insert(tx, &mut doc, &[], &now)?;
            cache.insert_new(doc);
            let (doc, _, known_rows) = cache
                .entry(id)
                .ok_or_else(|| Error::not_found("document", id))?;
            index::reindex(tx, doc, known_rows)?;
            conflict_index::follow(tx, doc, Written::Whole)?;
            pending::settle(tx, doc)?;
            cache.set_revision(id, docs::Revision::FIRST);
            Ok(true)
        }
        Some((stored, _)) if stored != kind => Err(Error::malformed(
            format!("document {id}"),
            format!(
                "arrived as {} but is held as {}",
                kind.as_str(),
                stored.as_str()
            ),
        )),
        Some(_) => match data {
            RemoteData::Changes(changes) => merge_into(tx, cache, id, kind, &changes, &now),
            RemoteData::Snapshot(bytes) => {
                let mut theirs = Document::load_checked(kind, id, &bytes)?;
                let changes: Vec<Vec<u8>> = theirs
                    .changes()
                    .iter()
                    .map(|c| c.raw_bytes().to_vec())
                    .collect();
                tx.execute_batch("SAVEPOINT merge_into")?;
                match merge_into(tx, cache, id, kind, &changes, &now) {
                    Ok(changed) => {
                        tx.execute_batch("RELEASE merge_into")?;
                        Ok(changed)
                    }
                    // This phone's copy does not take the server's (damaged, or diverged from
                    // a history the server set aside): take the server's, with this phone's
                    // unsent edits on top.
                    Err(_) => {
                        tx.execute_batch("ROLLBACK TO merge_into; RELEASE merge_into")?;
                        cache.evict(id);
                        replace(tx, cache, theirs, &now)
                    }
                }
            }
        },
    }
}

/// Any author: on a phone, changes from elsewhere are checked for their form, not for who
/// made them (the server decided that).
const ANYONE: fn(&automerge::Change) -> std::result::Result<(), crate::document::Problem> =
    |_| Ok(());

/// Merges changes into the stored copy of a document.
fn merge_into(
    tx: &Connection,
    cache: &mut docs::DocCache,
    id: DocId,
    kind: DocKind,
    changes: &[Vec<u8>],
    now: &str,
) -> Result<bool> {
    cache.get(tx, id, kind)?;
    let (doc, revision, known_rows) = cache
        .entry(id)
        .ok_or_else(|| Error::not_found(docs::kind_label(kind), id))?;
    let before = doc.heads();
    let applied = doc
        .apply_incoming(changes, &ANYONE)
        .map_err(|p| Error::malformed(format!("changes for {id}"), p))?;
    if applied.is_empty() {
        return Ok(false);
    }
    doc.validate()?;
    let chunk = doc.save_after(&before);
    let revision = docs::append(tx, doc, revision, &chunk, None, now)?;
    index::reindex(tx, doc, known_rows)?;
    conflict_index::follow(tx, doc, Written::Merged)?;
    pending::settle(tx, doc)?;
    cache.set_revision(id, revision);
    Ok(true)
}

/// Replaces this phone's copy of a document with the server's, then puts this phone's unsent
/// edits back on top. An edit that no longer applies moves to the refused list with the
/// reason, so nothing is lost silently.
fn replace(
    tx: &Connection,
    cache: &mut docs::DocCache,
    mut doc: Document,
    now: &str,
) -> Result<bool> {
    let id = doc.id();
    let unsent: Vec<(i64, String, Vec<u8>)> = tx
        .prepare(
            "SELECT seq, hash, bytes FROM doc_changes WHERE doc_id = ?1 AND hash IS NOT NULL
             ORDER BY seq",
        )?
        .query_map([id.to_string()], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let kind = doc.kind();
    let record = RecordNamed::read(tx, id, kind, pending::notes_owner(&doc))?;
    for (seq, _, bytes) in &unsent {
        if let Err(p) = doc.apply_incoming(&[bytes], &ANYONE) {
            if matches!(
                p,
                crate::document::Problem::Crashed | crate::document::Problem::Refused(_)
            ) {
                return Err(Error::malformed(format!("document {id}"), p));
            }
            let reason = format!(
                "this phone's copy was replaced by the server's and the edit no longer applies: {p}"
            );
            let cause = RefusalCause::NoLongerApplies;
            pending::refuse_unsent(tx, id, &record, &reason, cause, Some(*seq))?;
            tx.execute("DELETE FROM doc_changes WHERE seq = ?1", [seq])?;
        }
    }
    doc.validate()?;
    let revision = docs::compact(tx, &mut doc, now)?;
    cache.insert_new(doc);
    let (doc, _, known_rows) = cache
        .entry(id)
        .ok_or_else(|| Error::not_found("document", id))?;
    index::reindex(tx, doc, known_rows)?;
    conflict_index::follow(tx, doc, Written::Whole)?;
    pending::settle(tx, doc)?;
    cache.set_revision(id, revision);
    Ok(true)
}
