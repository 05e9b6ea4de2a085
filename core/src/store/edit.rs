//! One write: a SQLite transaction in which operations change documents; when it ends, each
//! changed document gets one Automerge change, appended to disk, queued for the server and
//! re-indexed, all before the transaction commits.

use automerge::{ActorId, ChangeHash};
use chrono::{DateTime, Utc};
use rusqlite::Transaction;
use serde::de::DeserializeOwned;

use super::conflict_index::{self, Written};
use super::docs::{self, DocCache};
use super::index;
use super::merges::{self, Merges};
use crate::document::{ChangeMeta, DocKind, Document};
use crate::ids::{DocId, SeekerId};
use crate::{Error, Result};

/// The documents an operation reads and writes, inside one transaction.
pub(crate) struct Edit<'a> {
    pub(crate) tx: &'a Transaction<'a>,
    cache: &'a mut DocCache,
    actor: &'a ActorId,
    /// Documents written so far, in order, with whether they are new.
    touched: Vec<(DocId, bool)>,
    /// Documents whose cached copy was checked against the store in this transaction, or
    /// made in it. No other connection writes while the transaction is open, so they stay
    /// current without asking the store again.
    current: Vec<DocId>,
    /// The merged records, read at the first write that needs them.
    merges: Option<Merges>,
    pub(crate) now: DateTime<Utc>,
}

impl<'a> Edit<'a> {
    pub(crate) fn new(
        tx: &'a Transaction<'a>,
        cache: &'a mut DocCache,
        actor: &'a ActorId,
        now: DateTime<Utc>,
    ) -> Self {
        Edit {
            tx,
            cache,
            actor,
            touched: Vec::new(),
            current: Vec::new(),
            merges: None,
            now,
        }
    }

    /// The document `id` of `kind`, loaded or checked once per transaction.
    fn load(&mut self, id: DocId, kind: DocKind) -> Result<&mut Document> {
        let known =
            self.current.contains(&id) && self.cache.cached(id).is_some_and(|d| d.kind() == kind);
        if !known {
            self.cache.get(self.tx, id, kind)?;
            self.current.push(id);
        }
        self.cache
            .cached(id)
            .filter(|d| d.kind() == kind)
            .ok_or_else(|| Error::not_found(docs::kind_label(kind), id))
    }

    /// The merged records as this transaction found them.
    pub(crate) fn merges(&mut self) -> Result<&Merges> {
        if self.merges.is_none() {
            self.merges = Some(Merges::load(self.tx)?);
        }
        Ok(self.merges.get_or_insert_with(Merges::default))
    }

    /// The job seekers a visit names, each as the record it resolves to (a duplicate merged
    /// into another is its survivor, which holds the activity the visit copied), each once.
    pub(crate) fn survivors(&mut self, seekers: Vec<SeekerId>) -> Result<Vec<SeekerId>> {
        let merges = self.merges()?;
        let mut out: Vec<SeekerId> = Vec::new();
        for s in seekers {
            let s = SeekerId(merges.survivor(s.0));
            if !out.contains(&s) {
                out.push(s);
            }
        }
        Ok(out)
    }

    /// Refuses writing to a record merged into another (a job seeker's case notes count as
    /// the job seeker's), naming the record kept: [`Error::Merged`].
    pub(crate) fn refuse_merged(&mut self, id: DocId, kind: DocKind) -> Result<()> {
        if self.merges()?.is_empty() {
            return Ok(());
        }
        let (record, kind) = match kind {
            DocKind::Seeker | DocKind::Employer => (id.0, kind),
            DocKind::Notes => match self.load(id, kind)?.read_at::<DocId>(&["seeker_id"])? {
                Some(seeker) => (seeker.0, DocKind::Seeker),
                None => return Ok(()),
            },
            DocKind::Directory => return Ok(()),
        };
        let survivor = self.merges()?.survivor(record);
        if survivor == record {
            return Ok(());
        }
        Err(Error::Merged {
            kind: merges::label(kind),
            id: record.to_string(),
            into: survivor.to_string(),
        })
    }

    /// An existing document, for writing even when it was merged into another record: for
    /// the merge's own bookkeeping (`Store::follow_merges`), never for a person's edit.
    pub(crate) fn doc_even_merged(&mut self, id: DocId, kind: DocKind) -> Result<&mut Document> {
        self.load(id, kind)?;
        if !self.touched.iter().any(|(t, _)| *t == id) {
            self.touched.push((id, false));
        }
        let actor = self.actor;
        let doc = self.load(id, kind)?;
        doc.set_actor(actor);
        Ok(doc)
    }

    /// An existing document, for writing. A record merged into another takes no writes
    /// ([`Error::Merged`]).
    pub(crate) fn doc(&mut self, id: DocId, kind: DocKind) -> Result<&mut Document> {
        // Loaded first so an unknown id fails before it is recorded as touched.
        self.load(id, kind)?;
        self.refuse_merged(id, kind)?;
        self.doc_even_merged(id, kind)
    }

    /// A document read without writing it.
    pub(crate) fn read<T: DeserializeOwned>(&mut self, id: DocId, kind: DocKind) -> Result<T> {
        self.load(id, kind)?.read()
    }

    /// One value of a document (see [`Document::read_at`]).
    pub(crate) fn read_at<T: DeserializeOwned>(
        &mut self,
        id: DocId,
        kind: DocKind,
        path: &[&str],
    ) -> Result<Option<T>> {
        self.load(id, kind)?.read_at(path)
    }

    /// The kind of a stored document, if it exists.
    pub(crate) fn kind_of(&mut self, id: DocId) -> Result<Option<DocKind>> {
        Ok(docs::stored_kind(self.tx, id)?.map(|(kind, _)| kind))
    }

    /// Every record a stored document was merged into ([`Document::merge_targets`]).
    pub(crate) fn merge_targets(&mut self, id: DocId, kind: DocKind) -> Result<Vec<uuid::Uuid>> {
        Ok(self.load(id, kind)?.merge_targets())
    }

    /// Whether a document exists.
    pub(crate) fn exists(&mut self, id: DocId) -> Result<bool> {
        Ok(docs::stored_kind(self.tx, id)?.is_some() || self.touched.iter().any(|(t, _)| *t == id))
    }

    /// A new document of `kind`, starting from its genesis change.
    pub(crate) fn create(&mut self, id: DocId, kind: DocKind) -> Result<&mut Document> {
        if self.exists(id)? {
            return Err(Error::AlreadyExists {
                kind: docs::kind_label(kind),
                id: id.to_string(),
            });
        }
        self.touched.push((id, true));
        self.current.push(id);
        let doc = self.cache.insert_new(Document::genesis(kind, id));
        doc.set_actor(self.actor);
        Ok(doc)
    }

    /// Commits each touched document as one change stamped with `meta`, stores it, queues it
    /// for the server and re-indexes the document. Returns the documents that changed.
    pub(crate) fn finish(&mut self, meta: &ChangeMeta) -> Result<Vec<DocId>> {
        let now = self.now.to_rfc3339();
        let mut changed = Vec::new();
        for (id, is_new) in self.touched.clone() {
            let (doc, before, known_rows) = self
                .cache
                .entry(id)
                .ok_or_else(|| Error::not_found("document", id))?;
            let hash = doc.commit(meta, self.now.timestamp());
            let revision = match hash {
                _ if is_new => {
                    // The genesis change goes to the server like any other; the snapshot
                    // holds it and this write's change, both still to be sent.
                    let genesis = Document::genesis_hash(doc.kind(), id);
                    let unsent = std::iter::once(genesis)
                        .chain(hash)
                        .map(|h| Ok((h, change_bytes(doc, &h)?)))
                        .collect::<Result<Vec<_>>>()?;
                    docs::insert(self.tx, doc, &unsent, &now)?
                }
                Some(hash) => {
                    let bytes = change_bytes(doc, &hash)?;
                    docs::append(self.tx, doc, before, &bytes, Some(&hash), &now)?
                }
                None => continue,
            };
            index::reindex(self.tx, doc, known_rows)?;
            conflict_index::follow(self.tx, doc, Written::Here)?;
            self.cache.set_revision(id, revision);
            changed.push(id);
        }
        Ok(changed)
    }

    /// Drops the cached copies of everything touched (the transaction is being rolled back).
    pub(crate) fn abandon(&mut self) {
        for (id, _) in &self.touched {
            self.cache.evict(*id);
        }
    }
}

fn change_bytes(doc: &mut Document, hash: &ChangeHash) -> Result<Vec<u8>> {
    doc.change_bytes(hash)
        .ok_or_else(|| Error::malformed("change", "missing after commit"))
}
