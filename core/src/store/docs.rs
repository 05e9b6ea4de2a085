//! Documents on disk: a compact snapshot plus the change chunks appended since, compacted from
//! time to time; and an in-memory cache so a write does not reload its document.

use std::collections::HashMap;

use automerge::ChangeHash;
use rusqlite::{params, Connection, OptionalExtension};

use super::rows::KnownRows;
use crate::document::{DocKind, Document};
use crate::ids::DocId;
use crate::{Error, Result};

/// A write rewrites its document as one snapshot once this many change chunks are appended
/// *and* they hold at least as many bytes as the snapshot. Rewriting costs a whole-document
/// save inside the write, so it is mostly left to [`compact_all`] (run after each sync); the
/// byte rule makes a growing document's rewrites geometric, so N visits logged into one
/// employer offline (or by an import) cost O(N) in all instead of a save of the whole log
/// every 16 visits (O(N²)). Small documents still compact every 16 chunks.
const COMPACT_AFTER: i64 = 16;

/// How many documents the cache keeps before it starts over.
const CACHE_LIMIT: usize = 512;

/// The label used in "not found" errors for a kind of document.
pub(crate) fn kind_label(kind: DocKind) -> &'static str {
    match kind {
        DocKind::Seeker => "job seeker",
        DocKind::Notes => "case notes",
        DocKind::Employer => "employer",
        DocKind::Directory => "team directory",
    }
}

/// Where a stored document stands: its snapshot's version and the change rows appended
/// after it (how many, and the last one's number). Every write moves it (an append adds a
/// row; a compaction bumps the version and removes the rows), so a cached copy with another
/// revision is stale, and a write knows where it stands without asking the store again.
///
/// It also carries the sizes compaction is decided on (the snapshot's bytes, the bytes
/// appended since). They follow from the rest and are not part of its identity: a revision
/// made without them (`FIRST`, after a merge) equals the stored one, and only compacts a
/// little early once.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Revision {
    pub version: i64,
    pub changes: i64,
    pub last_change: i64,
    pub snapshot_bytes: i64,
    pub appended_bytes: i64,
}

impl PartialEq for Revision {
    fn eq(&self, other: &Revision) -> bool {
        (self.version, self.changes, self.last_change)
            == (other.version, other.changes, other.last_change)
    }
}

impl Eq for Revision {}

impl Revision {
    /// A document just stored as its first snapshot.
    pub(crate) const FIRST: Revision = Revision {
        version: 1,
        changes: 0,
        last_change: 0,
        snapshot_bytes: 0,
        appended_bytes: 0,
    };

    /// Whether the chunks appended since the snapshot are due to be folded into it.
    fn due_for_compaction(&self) -> bool {
        self.changes >= COMPACT_AFTER && self.appended_bytes >= self.snapshot_bytes
    }
}

struct Cached {
    revision: Revision,
    /// The connection's `PRAGMA data_version` when the copy was last known to match the
    /// store: while it has not moved, no other connection has written, and the copy is
    /// current without asking the store.
    seen: i64,
    doc: Document,
    /// The document's index rows as last written through this cache (see [`KnownRows`]).
    rows: KnownRows,
}

/// Loaded documents, each tagged with the revision it was loaded at. Another connection or
/// process writing the same file moves SQLite's data version; a copy is then checked
/// against its stored revision before use, so a stale copy is never used. While the data
/// version stays put, a copy is used without asking the store.
#[derive(Default)]
pub(crate) struct DocCache {
    docs: HashMap<DocId, Cached>,
    /// The data version the cache last read (see [`Cached::seen`]).
    seen: i64,
}

impl std::fmt::Debug for DocCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DocCache")
            .field("docs", &self.docs.len())
            .finish()
    }
}

/// The kind and revision of a stored document, if it exists.
pub(crate) fn stored_kind(conn: &Connection, id: DocId) -> Result<Option<(DocKind, Revision)>> {
    let row: Option<(String, Revision)> = conn
        .prepare_cached(
            // The subqueries name d.id, not ?1: a parameter there makes SQLite prepare the
            // statement again on every run.
            // length() of a blob reads its size from the row header, not the blob.
            "SELECT d.kind, d.version,
                    (SELECT count(*) FROM doc_changes WHERE doc_id = d.id AND folded = 0),
                    (SELECT coalesce(max(seq), 0) FROM doc_changes
                     WHERE doc_id = d.id AND folded = 0),
                    length(d.snapshot),
                    (SELECT coalesce(sum(length(bytes)), 0) FROM doc_changes
                     WHERE doc_id = d.id AND folded = 0)
             FROM documents d WHERE d.id = ?1",
        )?
        .query_row([id.to_string()], |r| {
            let revision = Revision {
                version: r.get(1)?,
                changes: r.get(2)?,
                last_change: r.get(3)?,
                snapshot_bytes: r.get(4)?,
                appended_bytes: r.get(5)?,
            };
            Ok((r.get(0)?, revision))
        })
        .optional()?;
    match row {
        None => Ok(None),
        Some((kind, revision)) => {
            let kind = DocKind::parse(&kind)
                .ok_or_else(|| Error::malformed(format!("document {id}"), "unknown kind"))?;
            Ok(Some((kind, revision)))
        }
    }
}

impl DocCache {
    /// The document `id`, which must exist and be of `kind`.
    pub(crate) fn get(
        &mut self,
        conn: &Connection,
        id: DocId,
        kind: DocKind,
    ) -> Result<&mut Document> {
        let not_found = || Error::not_found(kind_label(kind), id);
        self.seen = conn
            .prepare_cached("PRAGMA data_version")?
            .query_row([], |r| r.get(0))?;
        let seen = self.seen;
        let current = self.docs.get(&id);
        if current.is_some_and(|c| c.seen == seen && c.doc.kind() == kind) {
            #[cfg(debug_assertions)]
            {
                let stored = stored_kind(conn, id)?.map(|(_, revision)| revision);
                debug_assert_eq!(stored, current.map(|c| c.revision), "cached {id} is stale");
            }
            return Ok(&mut self.docs.get_mut(&id).ok_or_else(not_found)?.doc);
        }
        let (stored, revision) = stored_kind(conn, id)?.ok_or_else(not_found)?;
        if stored != kind {
            return Err(not_found());
        }
        let fresh = matches!(self.docs.get(&id), Some(c) if c.revision == revision);
        if !fresh {
            let doc = load(conn, id, kind)?;
            if self.docs.len() >= CACHE_LIMIT {
                self.docs.clear();
            }
            self.docs.insert(
                id,
                Cached {
                    revision,
                    seen,
                    doc,
                    rows: KnownRows::default(),
                },
            );
        }
        let cached = self.docs.get_mut(&id).ok_or_else(not_found)?;
        cached.seen = seen;
        Ok(&mut cached.doc)
    }

    /// Puts a document that exists only in memory so far (a new one) into the cache.
    pub(crate) fn insert_new(&mut self, doc: Document) -> &mut Document {
        let id = doc.id();
        self.docs.insert(
            id,
            Cached {
                revision: Revision::default(),
                // Made in the open transaction: no other connection can write before it ends.
                seen: self.seen,
                doc,
                rows: KnownRows::default(),
            },
        );
        &mut self.docs.get_mut(&id).expect("just inserted").doc
    }

    /// The cached copy, if any.
    pub(crate) fn cached(&mut self, id: DocId) -> Option<&mut Document> {
        self.docs.get_mut(&id).map(|c| &mut c.doc)
    }

    /// The cached copy with the revision it matches and its known index rows: what writing
    /// it to the store and re-indexing it need.
    pub(crate) fn entry(&mut self, id: DocId) -> Option<(&mut Document, Revision, &mut KnownRows)> {
        self.docs
            .get_mut(&id)
            .map(|c| (&mut c.doc, c.revision, &mut c.rows))
    }

    /// Records that the cached copy matches the stored document at `revision`.
    pub(crate) fn set_revision(&mut self, id: DocId, revision: Revision) {
        if let Some(c) = self.docs.get_mut(&id) {
            c.revision = revision;
        }
    }

    /// Forgets a document (after a failed write, or when it is removed).
    pub(crate) fn evict(&mut self, id: DocId) {
        self.docs.remove(&id);
    }

    /// Forgets everything.
    pub(crate) fn clear(&mut self) {
        self.docs.clear();
    }
}

fn load(conn: &Connection, id: DocId, kind: DocKind) -> Result<Document> {
    let snapshot: Vec<u8> = conn
        .prepare_cached("SELECT snapshot FROM documents WHERE id = ?1")?
        .query_row([id.to_string()], |r| r.get(0))?;
    let mut stmt = conn.prepare_cached(
        "SELECT bytes FROM doc_changes WHERE doc_id = ?1 AND folded = 0 ORDER BY seq",
    )?;
    let changes = stmt
        .query_map([id.to_string()], |r| r.get::<_, Vec<u8>>(0))?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut doc = Document::load(kind, id, &snapshot, &changes)?;
    // Its index rows were stored with it, so nothing is left for them to catch up with.
    doc.take_written();
    Ok(doc)
}

/// Stores a new document as its first snapshot, with the changes in it that this phone made
/// (still to be sent) kept as folded change rows. Returns its revision.
pub(crate) fn insert(
    conn: &Connection,
    doc: &mut Document,
    unsent: &[(ChangeHash, Vec<u8>)],
    now: &str,
) -> Result<Revision> {
    let snapshot = doc.save();
    conn.prepare_cached(
        "INSERT INTO documents (id, kind, snapshot, version, snapshot_at)
         VALUES (?1, ?2, ?3, 1, ?4)",
    )?
    .execute(params![
        doc.id().to_string(),
        doc.kind().as_str(),
        snapshot,
        now
    ])?;
    let mut folded = conn.prepare_cached(
        "INSERT INTO doc_changes (doc_id, bytes, hash, folded) VALUES (?1, ?2, ?3, 1)",
    )?;
    for (hash, bytes) in unsent {
        folded.execute(params![doc.id().to_string(), bytes, hash.to_string()])?;
    }
    Ok(Revision {
        snapshot_bytes: snapshot.len() as i64,
        ..Revision::FIRST
    })
}

/// Appends a change chunk to a stored document standing at `before`, compacting it when the
/// chunks pile up. `unsent` is the hash of a change this phone made, which waits in its row
/// for the server. Returns the new revision.
pub(crate) fn append(
    conn: &Connection,
    doc: &mut Document,
    before: Revision,
    chunk: &[u8],
    unsent: Option<&ChangeHash>,
    now: &str,
) -> Result<Revision> {
    conn.prepare_cached("INSERT INTO doc_changes (doc_id, bytes, hash) VALUES (?1, ?2, ?3)")?
        .execute(params![
            doc.id().to_string(),
            chunk,
            unsent.map(ChangeHash::to_string)
        ])?;
    // `seq` is the table's rowid.
    let after = Revision {
        changes: before.changes + 1,
        last_change: conn.last_insert_rowid(),
        appended_bytes: before.appended_bytes + chunk.len() as i64,
        ..before
    };
    if after.due_for_compaction() {
        return compact(conn, doc, now);
    }
    Ok(after)
}

/// Rewrites a document as one snapshot. Its change rows go, except those still to be sent,
/// which stay marked as folded into the snapshot. Returns the new revision.
pub(crate) fn compact(conn: &Connection, doc: &mut Document, now: &str) -> Result<Revision> {
    let id = doc.id().to_string();
    let snapshot = doc.save();
    let version: i64 = conn
        .prepare_cached(
            "UPDATE documents SET snapshot = ?2, version = version + 1, snapshot_at = ?3
             WHERE id = ?1 RETURNING version",
        )?
        .query_row(params![id, snapshot, now], |r| r.get(0))?;
    conn.prepare_cached("DELETE FROM doc_changes WHERE doc_id = ?1 AND hash IS NULL")?
        .execute([&id])?;
    conn.prepare_cached("UPDATE doc_changes SET folded = 1 WHERE doc_id = ?1 AND folded = 0")?
        .execute([&id])?;
    Ok(Revision {
        version,
        snapshot_bytes: snapshot.len() as i64,
        ..Revision::default()
    })
}

/// Rewrites every document with at least `min_changes` appended chunks as one snapshot, so
/// it loads in one pass. Returns how many were rewritten.
pub(crate) fn compact_all(
    conn: &Connection,
    cache: &mut DocCache,
    min_changes: i64,
) -> Result<usize> {
    let due: Vec<(String, String)> = conn
        .prepare(
            "SELECT c.doc_id, d.kind FROM doc_changes c JOIN documents d ON d.id = c.doc_id
             WHERE c.folded = 0 GROUP BY c.doc_id HAVING count(*) >= ?1",
        )?
        .query_map([min_changes], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let now = chrono::Utc::now().to_rfc3339();
    for (id, kind) in &due {
        let what = || format!("document {id}");
        let id: DocId = id.parse().map_err(|e| Error::malformed(what(), e))?;
        let kind = DocKind::parse(kind).ok_or_else(|| Error::malformed(what(), "unknown kind"))?;
        let revision = compact(conn, cache.get(conn, id, kind)?, &now)?;
        cache.set_revision(id, revision);
    }
    Ok(due.len())
}

/// Removes a document and everything kept about it.
pub(crate) fn remove(conn: &Connection, id: DocId) -> Result<bool> {
    Ok(conn.execute("DELETE FROM documents WHERE id = ?1", [id.to_string()])? > 0)
}
