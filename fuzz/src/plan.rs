//! A push as a fuzzer writes it: which documents, which kinds, and for each a list of changes
//! taken from the fixture's real pool, crafted from one, or raw bytes. Encoded with postcard,
//! so the seed corpus can hold real pushes and real attacks, and mutations stay meaningful.

use automerge::{Change, ChangeHash};
use fieldbook_core::document::{DocKind, Document};
use fieldbook_core::ids::DocId;
use fieldbook_core::protocol::PushDoc;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::craft::{craft, flip, Context, Edit};
use crate::fixture::Fixture;

/// Documents and changes one request pushes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PushPlan {
    pub docs: Vec<DocPlan>,
}

/// One pushed document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocPlan {
    pub target: Target,
    /// The kind the push claims; `None`: the document's own.
    pub kind: Option<u8>,
    pub changes: Vec<ChangeSrc>,
}

/// Which document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Target {
    /// The n-th document of the pool (the phone's real next push).
    Pool(u8),
    /// The n-th document stored on the server.
    Stored(u8),
    /// A new id: a random-looking one (v4), or one shaped like a derived id (v5).
    Fresh { derived: bool, bits: u128 },
}

/// Where one change comes from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum ChangeSrc {
    /// The n-th change of the pool (all documents' changes in push order).
    Pool(u16),
    /// The n-th pool change, rewritten and encoded with a true checksum.
    Crafted(u16, Vec<Edit>),
    /// The n-th pool change with bits flipped (checksum recomputed or not).
    Flipped {
        change: u16,
        at: u16,
        xor: u8,
        fix_checksum: bool,
    },
    /// Any bytes.
    Raw(serde_bytes::ByteBuf),
    /// The genesis change of the document pushed.
    Genesis,
}

/// Most documents and changes a plan is allowed, so one input stays quick.
const MAX_DOCS: usize = 8;
const MAX_CHANGES: usize = 24;

impl PushPlan {
    /// Decodes a plan; `None` for bytes that are not one.
    pub fn decode(data: &[u8]) -> Option<PushPlan> {
        postcard::from_bytes(data).ok()
    }

    pub fn encode(&self) -> Vec<u8> {
        postcard::to_stdvec(self).unwrap_or_default()
    }

    /// The pushed documents this plan stands for against `fx`.
    pub fn resolve(&self, fx: &Fixture) -> Vec<PushDoc> {
        let pool: Vec<(DocId, DocKind, &[u8])> = fx
            .pool
            .iter()
            .flat_map(|p| p.changes.iter().map(move |c| (p.id, p.kind, c.as_ref())))
            .collect();
        let hashes: Vec<ChangeHash> = fx
            .docs
            .iter()
            .flat_map(|(_, _, h)| h.iter().copied())
            .chain(pool.iter().filter_map(|(_, _, b)| hash_of(b)))
            .collect();
        self.docs
            .iter()
            .take(MAX_DOCS)
            .map(|d| {
                let (id, own_kind) = d.target.resolve(fx);
                let kind = d.kind.map_or(own_kind, |k| {
                    DocKind::ALL[usize::from(k) % DocKind::ALL.len()]
                });
                let cx = Context {
                    hashes: hashes.clone(),
                    genesis: Some(Document::genesis_actor(id)),
                };
                let changes = d
                    .changes
                    .iter()
                    .take(MAX_CHANGES)
                    .filter_map(|c| c.resolve(&pool, id, kind, &cx))
                    .map(serde_bytes::ByteBuf::from)
                    .collect();
                PushDoc { id, kind, changes }
            })
            .collect()
    }
}

impl Target {
    fn resolve(&self, fx: &Fixture) -> (DocId, DocKind) {
        match self {
            Target::Pool(n) if !fx.pool.is_empty() => {
                let p = &fx.pool[usize::from(*n) % fx.pool.len()];
                (p.id, p.kind)
            }
            Target::Stored(n) if !fx.docs.is_empty() => {
                let (id, kind, _) = &fx.docs[usize::from(*n) % fx.docs.len()];
                (*id, *kind)
            }
            Target::Fresh { derived, bits } => {
                let version = if *derived { 5 } else { 4 };
                let id = uuid::Builder::from_u128(*bits)
                    .with_version(if version == 5 {
                        uuid::Version::Sha1
                    } else {
                        uuid::Version::Random
                    })
                    .with_variant(uuid::Variant::RFC4122)
                    .into_uuid();
                (DocId::from(id), DocKind::Employer)
            }
            _ => (DocId::from(Uuid::nil()), DocKind::Employer),
        }
    }
}

impl ChangeSrc {
    fn resolve(
        &self,
        pool: &[(DocId, DocKind, &[u8])],
        id: DocId,
        kind: DocKind,
        cx: &Context,
    ) -> Option<Vec<u8>> {
        let nth = |n: u16| (!pool.is_empty()).then(|| pool[usize::from(n) % pool.len()].2);
        match self {
            ChangeSrc::Pool(n) => nth(*n).map(<[u8]>::to_vec),
            ChangeSrc::Crafted(n, edits) => {
                let base = crate::quietly(|| Change::from_bytes(nth(*n)?.to_vec()).ok()).ok()??;
                craft(&base, edits, cx)
            }
            ChangeSrc::Flipped {
                change,
                at,
                xor,
                fix_checksum,
            } => nth(*change).map(|b| flip(b, *at, *xor, *fix_checksum)),
            ChangeSrc::Raw(b) => Some(b.to_vec()),
            ChangeSrc::Genesis => {
                let mut g = Document::genesis(kind, id);
                let heads = g.heads();
                heads.first().and_then(|h| g.change_bytes(h))
            }
        }
    }
}

fn hash_of(bytes: &[u8]) -> Option<ChangeHash> {
    crate::quietly(|| Change::from_bytes(bytes.to_vec()).ok().map(|c| c.hash())).ok()?
}

/// The pool's changes in push order, with the index a [`ChangeSrc::Pool`] names them by.
pub fn pool_indices(fx: &Fixture) -> Vec<(usize, u16)> {
    let mut out = Vec::new();
    let mut n = 0u16;
    for (d, p) in fx.pool.iter().enumerate() {
        for _ in &p.changes {
            out.push((d, n));
            n += 1;
        }
    }
    out
}
