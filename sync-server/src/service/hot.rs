//! Documents kept in memory between requests, so a push applies its changes to the document as
//! it stands instead of rebuilding it from storage: the cost of a push follows the push, not
//! the document's history. Each entry carries the version (the feed number of its latest
//! change) it reflects; a request takes the entry out while it works and puts it back after
//! its write commits, so a document is never changed by two requests at once in one process,
//! and a version that no longer matches storage (another node wrote) is simply reloaded.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

use automerge::ChangeHash;
use fieldbook_core::document::Document;
use fieldbook_core::ids::DocId;

/// How many documents stay in memory at most.
const CAPACITY: usize = 512;

/// A document and the version of it in storage it reflects.
#[derive(Debug)]
pub struct HotDoc {
    pub doc: Document,
    /// `updated_seq` of the stored document this is.
    pub version: u64,
    /// How its stored form stands: snapshot size and bytes of changes stored after it.
    pub stored: Stored,
    /// The hash of its genesis change, worked out once: making it builds a whole document,
    /// which cost a tenth of each push when done per push.
    genesis: OnceLock<ChangeHash>,
}

impl HotDoc {
    /// `doc` as stored at `version`, its stored form standing at `stored`.
    pub fn new(doc: Document, version: u64, stored: Stored) -> HotDoc {
        HotDoc {
            doc,
            version,
            stored,
            genesis: OnceLock::new(),
        }
    }

    /// The hash of the document's genesis change.
    pub fn genesis(&self) -> ChangeHash {
        *self
            .genesis
            .get_or_init(|| Document::genesis_hash(self.doc.kind(), self.doc.id()))
    }
}

/// The sizes of a document's stored form, which decide when its snapshot is rewritten.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stored {
    pub snapshot: usize,
    pub tail: usize,
}

impl Stored {
    /// Bytes of changes a snapshot may gather behind it before it is rewritten: half its own
    /// size, so rewriting (a whole save) costs a constant share of each byte pushed, whatever
    /// the document's history, and loading reads at most half as much again as the snapshot.
    const FLOOR: usize = 16 * 1024;

    pub fn of(snapshot: &[u8], tail: &[Vec<u8>]) -> Stored {
        Stored {
            snapshot: snapshot.len(),
            tail: tail.iter().map(Vec::len).sum(),
        }
    }

    /// Whether the snapshot is due for rewriting after `added` more bytes of changes.
    pub fn due_after(&mut self, added: usize) -> bool {
        self.tail += added;
        self.tail > self.snapshot / 2 + Self::FLOOR
    }

    /// A new snapshot of `len` bytes covers everything.
    pub fn rewritten(&mut self, len: usize) {
        *self = Stored {
            snapshot: len,
            tail: 0,
        };
    }
}

/// Writers of one document in this process take turns (one of [`STRIPES`] locks, by
/// document): they queue instead of racing and retrying. Across processes the conditional
/// append decides.
const STRIPES: usize = 64;

/// The cache.
#[derive(Debug)]
pub struct HotDocs {
    inner: Mutex<Entries>,
    turns: Vec<Mutex<()>>,
}

impl Default for HotDocs {
    fn default() -> Self {
        HotDocs {
            inner: Mutex::default(),
            turns: (0..STRIPES).map(|_| Mutex::new(())).collect(),
        }
    }
}

#[derive(Debug, Default)]
struct Entries {
    docs: HashMap<DocId, (HotDoc, u64)>,
    clock: u64,
}

impl HotDocs {
    /// Takes the document out if it is cached at `version`; a stale copy is dropped.
    pub fn take(&self, id: DocId, version: u64) -> Option<HotDoc> {
        let mut e = self.lock();
        match e.docs.remove(&id) {
            Some((hot, _)) if hot.version == version => Some(hot),
            _ => None,
        }
    }

    /// Puts a document back after its write committed.
    pub fn put(&self, id: DocId, hot: HotDoc) {
        let mut e = self.lock();
        e.clock += 1;
        let stamp = e.clock;
        e.docs.insert(id, (hot, stamp));
        if e.docs.len() > CAPACITY {
            let oldest = e
                .docs
                .iter()
                .min_by_key(|(_, (_, used))| *used)
                .map(|(id, _)| *id);
            if let Some(oldest) = oldest {
                e.docs.remove(&oldest);
            }
        }
    }

    /// Waits for this process's turn to write document `id`; the turn lasts while the guard
    /// lives.
    pub fn turn(&self, id: DocId) -> std::sync::MutexGuard<'_, ()> {
        let stripe = id.uuid().as_u128() as usize % STRIPES;
        self.turns[stripe].lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Forgets a document (its stored form was rewritten).
    pub fn forget(&self, id: DocId) {
        self.lock().docs.remove(&id);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Entries> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }
}
