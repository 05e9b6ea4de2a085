//! Automerge documents: one per job seeker (`seeker`, `notes`), per employer, per team
//! (`directory`). This module knows how a document is born, written, read and checked
//! against its kind's schema; it knows nothing of SQLite or sync.

mod conflicts;
mod history;
pub mod incoming;
mod json;
mod mirror;

use std::cell::OnceCell;
use std::collections::{BTreeSet, HashMap};

use automerge::{ActorId, AutoCommit, Change, ChangeHash, ObjType, Patch, Prop, ReadDoc};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub use conflicts::{Conflict, ConflictValue};
pub use history::{history, FieldChange, HistoryEntry};
pub use incoming::Problem;

use incoming::{AuthorRule, Tips};

use crate::ids::{DeviceId, DocId, UserId};
use crate::model::{Directory, EmployerDoc, NotesDoc, SeekerDoc, SCHEMA_VERSION};
use crate::{Error, Result};

/// The kinds of document; each has its own schema and access rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// A job seeker's record, readable by the job seeker.
    Seeker,
    /// The team's private case notes about one job seeker.
    Notes,
    /// An employer and its visit log, shared by the team.
    Employer,
    /// The team's roster, caseload assignment and goals; written by the server only.
    Directory,
}

impl DocKind {
    /// Every kind.
    pub const ALL: [DocKind; 4] = [
        DocKind::Seeker,
        DocKind::Notes,
        DocKind::Employer,
        DocKind::Directory,
    ];

    /// The stable name used in storage and on the wire.
    pub fn as_str(&self) -> &'static str {
        match self {
            DocKind::Seeker => "seeker",
            DocKind::Notes => "notes",
            DocKind::Employer => "employer",
            DocKind::Directory => "directory",
        }
    }

    /// Parses the stable name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// The maps every document of this kind starts with. They are created by the genesis
    /// change, which is identical on every device, so two phones writing into a new
    /// document never create two rival copies of one map.
    fn genesis_maps(&self) -> &'static [&'static [&'static str]] {
        match self {
            DocKind::Seeker => &[
                &["profile"],
                &["status_history"],
                &["benefits"],
                &["consents"],
                &["career"],
                &["career", "disclosure"],
                &["work_history"],
                &["plan"],
                &["plan", "steps"],
                &["activities"],
                &["jobs"],
                &["supports"],
                &["education"],
            ],
            DocKind::Notes => &[&["notes"]],
            DocKind::Employer => &[&["contacts"], &["visits"]],
            DocKind::Directory => &[&["members"], &["assignments"], &["goals"]],
        }
    }

    /// The maps of this kind keyed by id (visits, jobs, steps…), which grow with the record's
    /// history: a batch of changes is checked by the entries it touched, not by all of them.
    fn collections(&self) -> &'static [&'static [&'static str]] {
        match self {
            DocKind::Seeker => &[
                &["status_history"],
                &["consents"],
                &["work_history"],
                &["plan", "steps"],
                &["activities"],
                &["jobs"],
                &["supports"],
                &["education"],
            ],
            DocKind::Notes => &[&["notes"]],
            DocKind::Employer => &[&["contacts"], &["visits"]],
            DocKind::Directory => &[&["members"], &["assignments"]],
        }
    }
}

/// Who made a change, recorded in its message so the history can name the person as well
/// as the device (the actor).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct ChangeMeta {
    /// The operation, e.g. `visit.log`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub op: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user: Option<UserId>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device: Option<DeviceId>,
}

impl ChangeMeta {
    /// Parses a change message; foreign or missing messages give an empty meta.
    pub fn parse(message: Option<&str>) -> ChangeMeta {
        message
            .and_then(|m| serde_json::from_str(m).ok())
            .unwrap_or_default()
    }
}

/// One Automerge document with its identity.
#[derive(Debug)]
pub struct Document {
    id: DocId,
    kind: DocKind,
    doc: AutoCommit,
    /// The whole document as JSON once something has read it, kept up to date by local
    /// writes and dropped when changes arrive from elsewhere (see `mirror`).
    json: OnceCell<serde_json::Value>,
    /// What has been written since the document was last indexed.
    written: Written,
    /// Each author's latest change, once something checked changes from elsewhere.
    tips: Option<Tips>,
    /// What the last [`Document::apply_incoming`] touched: from which heads, to which, and
    /// the entries (found while applying, from Automerge's patch log: a cost that follows the
    /// changes, where a diff between heads scans the whole document).
    last_applied: Option<Applied>,
}

/// What one batch of changes from elsewhere did: the heads before and after, and the entries
/// it touched.
#[derive(Debug, Clone)]
struct Applied {
    from: Vec<ChangeHash>,
    to: Vec<ChangeHash>,
    touched: BTreeSet<Vec<String>>,
}

/// What writes have done to a document since its index rows were last brought up to date:
/// a visit only adds entries to maps, and its indexes can then follow from those entries
/// alone instead of from the whole document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Written {
    /// Only new entries added to maps, each as (path of the map, key).
    Added(Vec<(Vec<String>, String)>),
    /// Anything else, or not known: the whole document is to be read again.
    Anything,
}

impl Written {
    /// The keys added to the map at `path`, when adding them is all that was written.
    pub(crate) fn only_added_to(&self, path: &[&str]) -> Option<Vec<&str>> {
        match self {
            Written::Added(added) if !added.is_empty() && added.iter().all(|(p, _)| p == path) => {
                Some(added.iter().map(|(_, key)| key.as_str()).collect())
            }
            _ => None,
        }
    }

    fn add(&mut self, path: &[&str], key: &str) {
        if let Written::Added(added) = self {
            added.push((
                path.iter().map(|p| p.to_string()).collect(),
                key.to_string(),
            ));
        }
    }
}

const GENESIS_NAMESPACE: Uuid = Uuid::from_u128(0x6669_656c_6462_6f6f_6b2d_6765_6e65_7369);

impl Document {
    /// A new document of `kind`: its genesis change only. Every device computes exactly the
    /// same change for the same kind and id.
    pub fn genesis(kind: DocKind, id: DocId) -> Document {
        let mut doc = AutoCommit::new().with_actor(Document::genesis_actor(id));
        let header = serde_json::json!({
            "kind": kind.as_str(),
            "schema": SCHEMA_VERSION,
            "id": id.to_string(),
        });
        // Writing fixed values into an empty document cannot fail.
        let built = (|| -> Result<()> {
            json::reconcile_fields(&mut doc, &automerge::ROOT, &header)?;
            for path in kind.genesis_maps() {
                json::map_at(&mut doc, path)?;
            }
            Ok(())
        })();
        debug_assert!(built.is_ok(), "genesis failed: {built:?}");
        doc.commit_with(automerge::transaction::CommitOptions::default().with_time(0));
        Document::new(id, kind, doc)
    }

    /// The actor of a document's genesis change: derived from the document's id, never a
    /// device's (the server refuses to enroll a phone claiming one).
    pub fn genesis_actor(id: DocId) -> ActorId {
        ActorId::from(
            Uuid::new_v5(&GENESIS_NAMESPACE, id.0.as_bytes())
                .as_bytes()
                .as_slice(),
        )
    }

    fn new(id: DocId, kind: DocKind, doc: AutoCommit) -> Document {
        Document {
            id,
            kind,
            doc,
            json: OnceCell::new(),
            written: Written::Anything,
            tips: None,
            last_applied: None,
        }
    }

    /// The hash of the genesis change of a document: the one change of a document a device
    /// may send without having authored it.
    pub fn genesis_hash(kind: DocKind, id: DocId) -> ChangeHash {
        let mut g = Document::genesis(kind, id);
        g.doc.get_heads()[0]
    }

    /// Loads a document from a snapshot (`save()` output) followed by any number of
    /// incremental change chunks. Checks that the result is a document of `kind` and `id`.
    pub fn load(
        kind: DocKind,
        id: DocId,
        snapshot: &[u8],
        changes: &[Vec<u8>],
    ) -> Result<Document> {
        let what = || format!("{} document {id}", kind.as_str());
        // One buffer, so Automerge applies every appended change in one batch.
        let mut bytes =
            Vec::with_capacity(snapshot.len() + changes.iter().map(Vec::len).sum::<usize>());
        bytes.extend_from_slice(snapshot);
        for chunk in changes {
            bytes.extend_from_slice(chunk);
        }
        let doc = incoming::guarded(|| AutoCommit::load(&bytes))
            .map_err(|e| Error::malformed(what(), e))?
            .map_err(|e| Error::malformed(what(), e))?;
        let d = Document::new(id, kind, doc);
        d.check_header()?;
        Ok(d)
    }

    /// [`Document::load`] for bytes from elsewhere: also checks the whole history the way
    /// [`Document::apply_incoming`] checks new changes, and that the document reads as its
    /// kind. What a phone does with a snapshot, and a server with what it stored before it
    /// checked changes.
    pub fn load_checked(kind: DocKind, id: DocId, bytes: &[u8]) -> Result<Document> {
        let mut d = Document::load(kind, id, bytes, &[])?;
        d.audit()
            .map_err(|(_, p)| Error::malformed(format!("{} document {id}", kind.as_str()), p))?;
        d.validate()?;
        Ok(d)
    }

    /// Checks the stored history: every author's changes in sequence, operation numbers
    /// growing along it. The first change that breaks the rules, with why.
    pub fn audit(&mut self) -> std::result::Result<(), (ChangeHash, Problem)> {
        let metas: Vec<_> = incoming::guarded(|| {
            self.doc
                .get_changes_meta(&[])
                .into_iter()
                .map(|m| incoming::Facts {
                    hash: m.hash,
                    actor: m.actor.into_owned(),
                    seq: m.seq,
                    start_op: m.start_op,
                    max_op: m.max_op,
                    deps: m.deps,
                })
                .collect()
        })
        .map_err(|p| (ChangeHash([0; 32]), p))?;
        incoming::audit_history(&metas)
    }

    pub fn id(&self) -> DocId {
        self.id
    }

    pub fn kind(&self) -> DocKind {
        self.kind
    }

    /// Sets the actor that authors the next changes (the device's own actor). Setting the
    /// actor it already has changes nothing (Automerge would first commit pending writes as a
    /// change of their own, without who made it).
    pub fn set_actor(&mut self, actor: &ActorId) {
        if self.doc.get_actor() != actor {
            self.doc.set_actor(actor.clone());
        }
    }

    /// Fields where concurrent edits left more than one value ([`Conflict`]).
    pub fn conflicts(&mut self) -> Vec<Conflict> {
        conflicts::conflicts(&mut self.doc)
    }

    /// Whether any field holds values from concurrent edits (what [`Document::conflicts`]
    /// lists), walking the whole document.
    pub fn has_conflicts(&self) -> bool {
        conflicts::any(&self.doc)
    }

    /// Whether the changes last applied from elsewhere ([`Document::apply_incoming`]) left a
    /// conflict where they wrote; `None` when no changes were applied since the document was
    /// loaded or written here.
    pub(crate) fn conflicts_where_applied(&mut self) -> Option<bool> {
        let applied = self.last_applied.as_ref()?;
        (applied.to == self.doc.get_heads())
            .then(|| conflicts::any_where(&self.doc, &applied.touched))
    }

    /// The whole document as JSON.
    pub fn to_json(&self) -> Result<serde_json::Value> {
        self.json().cloned()
    }

    fn json(&self) -> Result<&serde_json::Value> {
        if let Some(json) = self.json.get() {
            return Ok(json);
        }
        let read = json::read(&self.doc, &automerge::ROOT)?;
        Ok(self.json.get_or_init(|| read))
    }

    /// The document as its typed schema.
    pub fn read<T: DeserializeOwned>(&self) -> Result<T> {
        T::deserialize(self.json()?).map_err(|e| {
            Error::malformed(format!("{} document {}", self.kind.as_str(), self.id), e)
        })
    }

    /// Every record this one was merged into (`merged_into`): one, or more when two phones
    /// merged it into different records at once (Automerge keeps every such value; `read`
    /// shows one). Empty when it was never merged.
    pub fn merge_targets(&self) -> Vec<uuid::Uuid> {
        use automerge::ReadDoc;
        let Ok(all) = self.doc.get_all(automerge::ROOT, "merged_into") else {
            return Vec::new();
        };
        let mut out: Vec<uuid::Uuid> = all
            .iter()
            .filter_map(|(_, obj)| match self.doc.get(obj, "id") {
                Ok(Some((automerge::Value::Scalar(s), _))) => match s.as_ref() {
                    automerge::ScalarValue::Str(id) => id.parse().ok(),
                    _ => None,
                },
                _ => None,
            })
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// The value at `path` as `T`, or `None` when nothing is there: for an operation that
    /// checks one field or one key without reading the whole document.
    pub fn read_at<T: DeserializeOwned>(&self, path: &[&str]) -> Result<Option<T>> {
        let found = path
            .iter()
            .try_fold(self.json()?, |node, key| node.get(key));
        found
            .map(T::deserialize)
            .transpose()
            .map_err(|e| Error::malformed(format!("{} in {}", path.join("."), self.id), e))
    }

    /// Applies a write's outcome to the JSON copy: the same change when the write
    /// succeeded, forgetting the copy when it failed part-way.
    fn follow(
        &mut self,
        written: Result<()>,
        change: impl FnOnce(&mut serde_json::Value),
    ) -> Result<()> {
        match (&written, self.json.get_mut()) {
            (Ok(()), Some(json)) => change(json),
            (Err(_), _) => {
                self.json.take();
                self.written = Written::Anything;
            }
            (Ok(()), None) => {}
        }
        written
    }

    /// Writes the plain `value` at `path` + `key` even when it is the value shown now: what
    /// settles a field that concurrent edits left holding several values ([`Conflict`]).
    pub fn settle(&mut self, path: &[&str], key: &str, value: &serde_json::Value) -> Result<()> {
        use automerge::transaction::Transactable;
        let scalar = json::json_to_scalar(value);
        let written = json::map_at(&mut self.doc, path)
            .and_then(|obj| Ok(self.doc.put(&obj, key, scalar)?));
        self.written = Written::Anything;
        self.follow(written, |json| {
            mirror::map_at(json, path).insert(key.to_string(), value.clone());
        })
    }

    /// Writes `value` at `path` + `key`, changing only what differs.
    pub fn put(&mut self, path: &[&str], key: &str, value: &impl Serialize) -> Result<()> {
        let value = serde_json::to_value(value).map_err(|e| Error::malformed(key, e))?;
        self.put_json(path, key, &value)
    }

    fn put_json(&mut self, path: &[&str], key: &str, value: &serde_json::Value) -> Result<()> {
        let written = json::map_at(&mut self.doc, path).and_then(|obj| {
            json::reconcile(&mut self.doc, &obj, Prop::Map(key.to_string()), value)
        });
        match written {
            Ok(true) => self.written.add(path, key),
            _ => self.written = Written::Anything,
        }
        let written = written.map(drop);
        self.follow(written, |json| {
            let slot = mirror::map_at(json, path)
                .entry(key)
                .or_insert(serde_json::Value::Null);
            mirror::reconcile(slot, value);
        })
    }

    /// Writes each field of `value` (which must serialize as a map) into the map at `path`,
    /// changing only what differs and keeping fields `value` does not have.
    pub fn put_fields(&mut self, path: &[&str], value: &impl Serialize) -> Result<()> {
        let value = serde_json::to_value(value).map_err(|e| Error::malformed("fields", e))?;
        self.written = Written::Anything;
        let written = json::map_at(&mut self.doc, path)
            .and_then(|obj| json::reconcile_fields(&mut self.doc, &obj, &value));
        self.follow(written, |json| {
            if let serde_json::Value::Object(fields) = &value {
                mirror::reconcile_fields(mirror::map_at(json, path), fields);
            }
        })
    }

    /// Removes `key` from the map at `path` (nothing when it is not there).
    pub fn remove(&mut self, path: &[&str], key: &str) -> Result<()> {
        use automerge::transaction::Transactable;
        self.written = Written::Anything;
        let written = json::map_at(&mut self.doc, path).and_then(|obj| {
            if automerge::ReadDoc::get(&self.doc, &obj, key)?.is_some() {
                self.doc.delete(&obj, key)?;
            }
            Ok(())
        });
        self.follow(written, |json| {
            mirror::map_at(json, path).remove(key);
        })
    }

    /// Makes `path` + `key` exactly `value`: like [`Document::put`], and also deletes map keys
    /// `value` does not have. Only for documents a single writer owns (the server's team
    /// directory): elsewhere unknown keys must survive.
    pub fn put_exact(&mut self, path: &[&str], key: &str, value: &impl Serialize) -> Result<()> {
        let value = serde_json::to_value(value).map_err(|e| Error::malformed(key, e))?;
        self.put_json(path, key, &value)?;
        self.written = Written::Anything;
        let written = json::map_at(&mut self.doc, path).and_then(|parent| {
            match automerge::ReadDoc::get(&self.doc, &parent, key)? {
                Some((automerge::Value::Object(automerge::ObjType::Map), obj)) => {
                    json::prune(&mut self.doc, &obj, &value)
                }
                _ => Ok(()),
            }
        });
        self.follow(written, |json| {
            if let Some(child) = mirror::map_at(json, path).get_mut(key) {
                mirror::prune(child, &value);
            }
        })
    }

    /// Commits pending writes as one change, stamped with `meta` and the time. `None` when
    /// nothing was written.
    pub fn commit(&mut self, meta: &ChangeMeta, unix_seconds: i64) -> Option<ChangeHash> {
        let message = serde_json::to_string(meta).unwrap_or_default();
        let hash = self.doc.commit_with(
            automerge::transaction::CommitOptions::default()
                .with_message(message)
                .with_time(unix_seconds),
        );
        if hash.is_some() {
            self.tips = None;
        }
        #[cfg(debug_assertions)]
        if let Some(copy) = self.json.get() {
            let read = json::read(&self.doc, &automerge::ROOT).ok();
            debug_assert_eq!(Some(copy), read.as_ref(), "the JSON copy drifted");
        }
        hash
    }

    /// Discards uncommitted writes.
    pub fn rollback(&mut self) {
        self.doc.rollback();
        self.json.take();
        self.written = Written::Anything;
    }

    /// The change with this hash, as bytes for the wire and the outbox.
    pub fn change_bytes(&mut self, hash: &ChangeHash) -> Option<Vec<u8>> {
        self.doc
            .get_change_by_hash(hash)
            .map(|c| c.raw_bytes().to_vec())
    }

    /// A compact snapshot of the whole document.
    pub fn save(&mut self) -> Vec<u8> {
        self.doc.save()
    }

    /// What has been written since the last call (since the document was made or loaded,
    /// the first time): what the index rows have to catch up with.
    pub(crate) fn take_written(&mut self) -> Written {
        std::mem::replace(&mut self.written, Written::Added(Vec::new()))
    }

    /// The current heads.
    pub fn heads(&mut self) -> Vec<ChangeHash> {
        self.doc.get_heads()
    }

    /// Every change, oldest first.
    pub fn changes(&mut self) -> Vec<Change> {
        self.doc.get_changes(&[])
    }

    /// Merges changes from elsewhere (already decoded). Changes already present are ignored.
    pub fn apply_changes(&mut self, changes: Vec<Change>) -> Result<()> {
        self.json.take();
        self.written = Written::Anything;
        self.tips = None;
        self.doc.apply_changes(changes)?;
        Ok(())
    }

    /// Checks raw changes from elsewhere ([`incoming::check`]: decodable, in sequence for
    /// their authors, operation numbers beyond the history they build on, history present,
    /// `author` satisfied) and applies the ones this document lacks, all or none. Returns them
    /// in the order applied. After an `Err` other than a refusal found by the checks the
    /// document in memory may be half-changed and must be dropped.
    pub fn apply_incoming(
        &mut self,
        incoming: &[impl AsRef<[u8]>],
        author: AuthorRule<'_>,
    ) -> std::result::Result<Vec<Change>, Problem> {
        let decoded = incoming
            .iter()
            .map(|b| incoming::decode(b.as_ref()))
            .collect::<std::result::Result<Vec<_>, _>>()?;
        let doc = &mut self.doc;
        let tips = match &self.tips {
            Some(t) => t,
            None => {
                let computed = incoming::guarded(|| Tips::of(doc))?;
                self.tips.insert(computed)
            }
        };
        let mut known = |h: &ChangeHash| {
            doc.get_change_meta_by_hash(h).map(|m| incoming::Known {
                start_op: m.start_op,
                max_op: m.max_op,
                deps: m.deps,
            })
        };
        let ordered = incoming::check(&mut known, tips, decoded, author)?;
        if ordered.is_empty() {
            return Ok(ordered);
        }
        self.json.take();
        self.written = Written::Anything;
        self.last_applied = None;
        let containers = self.containers();
        let doc = &mut self.doc;
        let expanded = incoming::guarded(|| {
            let expanded: Vec<_> = ordered.iter().map(Change::decode).collect();
            // `import` (hidden in Automerge's docs, stable in the pinned 0.12) is the one way
            // from an object id as a change names it to the object's type.
            let mut object_type = |id: &str| match containers.contains_key(id) {
                true => Some(ObjType::Map),
                false => doc.import(id).ok().map(|(_, t)| t),
            };
            incoming::check_addressing(&expanded, &mut object_type).map(|()| expanded)
        })??;
        let applied = incoming::guarded(|| {
            // A new entry in a collection (most of what phones send): the entries touched
            // follow from the changes themselves, and Automerge need not log patches.
            if let Some(touched) = incoming::touched_by_ops(&expanded, &containers) {
                let from = doc.get_heads();
                return doc.apply_changes(ordered.clone()).map(|()| Applied {
                    from,
                    to: doc.get_heads(),
                    touched,
                });
            }
            doc.update_diff_cursor();
            let before = doc.diff_cursor();
            let applied = doc.apply_changes(ordered.clone()).map(|()| {
                let to = doc.get_heads();
                let touched = incoming::touched(&doc.diff(&before, &to));
                Applied {
                    from: before,
                    to,
                    touched,
                }
            });
            doc.reset_diff_cursor();
            applied
        });
        match applied {
            Ok(Ok(touched)) => self.last_applied = Some(touched),
            Ok(Err(e)) => {
                self.tips = None;
                return Err(Problem::Refused(e.to_string()));
            }
            Err(p) => {
                self.tips = None;
                return Err(p);
            }
        }
        // What is stored must load again. Automerge accepts changes whose document it then
        // cannot read back from its own save; the load_document fuzz target found two kinds:
        // a change that does not build on its author's previous change (refused by
        // `incoming::check`), and a removal naming no existing value, which the document does
        // not hold as the change said. Every change applied is rebuilt from the document, as
        // saving and loading would rebuild it, and must come back byte for byte: a cost that
        // follows the changes, where a save and a load follow the whole history.
        let doc = &mut self.doc;
        let rebuilt = incoming::guarded(|| {
            ordered.iter().all(|c| {
                doc.get_change_by_hash(&c.hash())
                    .is_some_and(|back| back.raw_bytes() == c.raw_bytes())
            })
        });
        if !matches!(rebuilt, Ok(true)) {
            self.tips = None;
            self.last_applied = None;
            return Err(Problem::Refused(
                "the changes leave a document that does not load again".into(),
            ));
        }
        if let Some(tips) = &mut self.tips {
            for c in &ordered {
                tips.record(c);
            }
        }
        Ok(ordered)
    }

    /// The document's fixed collections (its genesis maps), by object id: where most changes
    /// from elsewhere write.
    fn containers(&self) -> HashMap<String, Vec<String>> {
        let mut out = HashMap::new();
        for path in self.kind.genesis_maps() {
            let found =
                path.iter()
                    .try_fold(automerge::ROOT, |obj, key| match self.doc.get(&obj, *key) {
                        Ok(Some((automerge::Value::Object(ObjType::Map), id))) => Some(id),
                        _ => None,
                    });
            if let Some(obj) = found {
                out.insert(
                    obj.to_string(),
                    path.iter().map(|k| k.to_string()).collect(),
                );
            }
        }
        out
    }

    /// Checks against the schema what changed since `before`: the header, the fields outside
    /// the id-keyed collections, and the collection entries the changes touched. Equivalent to
    /// [`Document::validate`] for a document that was valid at `before`, at a cost that follows
    /// the changes rather than the document's whole history.
    pub fn validate_since(&mut self, before: &[ChangeHash]) -> Result<()> {
        self.check_header()?;
        let after = self.doc.get_heads();
        let known = match &self.last_applied {
            Some(a) if a.from == before && a.to == after => Some(a.touched.clone()),
            _ => None,
        };
        let touched: BTreeSet<Vec<String>> = match known {
            Some(t) => t,
            None => incoming::guarded(|| incoming::touched(&self.doc.diff(before, &after)))
                .map_err(|p| Error::malformed(self.what(), p))?,
        };
        let pruned = json::read_pruned(
            &self.doc,
            &automerge::ROOT,
            &mut Vec::new(),
            self.kind.collections(),
            &touched,
        )?;
        self.check_schema(pruned)
    }

    fn what(&self) -> String {
        format!("{} document {}", self.kind.as_str(), self.id)
    }

    /// Reads `value` as this kind's schema.
    fn check_schema(&self, value: serde_json::Value) -> Result<()> {
        let read = |e: serde_json::Error| Error::malformed(self.what(), e);
        match self.kind {
            DocKind::Seeker => SeekerDoc::deserialize(value).map(drop).map_err(read),
            DocKind::Notes => NotesDoc::deserialize(value).map(drop).map_err(read),
            DocKind::Employer => EmployerDoc::deserialize(value).map(drop).map_err(read),
            DocKind::Directory => Directory::deserialize(value).map(drop).map_err(read),
        }
    }

    /// Merges a chunk of `save()` or `save_incremental()` output from elsewhere.
    pub fn load_incremental(&mut self, bytes: &[u8]) -> Result<()> {
        self.json.take();
        self.written = Written::Anything;
        self.tips = None;
        self.doc
            .load_incremental(bytes)
            .map_err(|e| Error::malformed(format!("changes for {}", self.id), e))?;
        Ok(())
    }

    /// Hashes the document depends on but does not have (changes that arrived early).
    pub fn missing_deps(&mut self) -> Vec<ChangeHash> {
        self.doc.get_missing_deps(&[])
    }

    /// Checks the document against its kind's schema: the header and the typed form must
    /// both read. Used on every document received from elsewhere.
    pub fn validate(&self) -> Result<()> {
        self.check_header()?;
        match self.kind {
            DocKind::Seeker => self.read::<SeekerDoc>().map(drop),
            DocKind::Notes => self.read::<NotesDoc>().map(drop),
            DocKind::Employer => self.read::<EmployerDoc>().map(drop),
            DocKind::Directory => self.read::<Directory>().map(drop),
        }
    }

    fn check_header(&self) -> Result<()> {
        use automerge::ReadDoc;
        let what = || format!("{} document {}", self.kind.as_str(), self.id);
        let text = |key: &str| -> Option<String> {
            match self.doc.get(automerge::ROOT, key).ok().flatten() {
                Some((automerge::Value::Scalar(s), _)) => s.as_str().map(str::to_string),
                _ => None,
            }
        };
        if text("kind").as_deref() != Some(self.kind.as_str()) {
            return Err(Error::malformed(what(), "kind does not match"));
        }
        if text("id") != Some(self.id.to_string()) {
            return Err(Error::malformed(what(), "id does not match"));
        }
        Ok(())
    }

    /// What changed between two sets of heads, for the history.
    pub(crate) fn diff(&mut self, before: &[ChangeHash], after: &[ChangeHash]) -> Vec<Patch> {
        self.doc.diff(before, after)
    }

    /// The changes made since `heads`, as one chunk to store.
    pub(crate) fn save_after(&mut self, heads: &[ChangeHash]) -> Vec<u8> {
        self.doc.save_after(heads)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn genesis_is_identical_everywhere() {
        let id = DocId::new();
        let mut a = Document::genesis(DocKind::Seeker, id);
        let mut b = Document::genesis(DocKind::Seeker, id);
        assert_eq!(a.save(), b.save());
        assert_eq!(a.heads(), vec![Document::genesis_hash(DocKind::Seeker, id)]);
        assert_ne!(
            Document::genesis_hash(DocKind::Seeker, id),
            Document::genesis_hash(DocKind::Employer, id)
        );
    }

    /// The entries a phone's writes touch, found from the changes' own operations where that
    /// is possible, are exactly the ones Automerge's patches name; elsewhere it says so.
    #[test]
    fn entries_touched_read_from_operations_match_the_patches() {
        use serde_json::json;
        let id = DocId::new();
        let mut server = Document::genesis(DocKind::Seeker, id);
        let mut phone = Document::load(DocKind::Seeker, id, &server.save(), &[]).unwrap();
        let meta = ChangeMeta::default();
        type Write = fn(&mut Document);
        let writes: [(Write, bool); 8] = [
            // A new entry in a collection.
            (
                |d| {
                    d.put(&["activities"], "a1", &json!({"at": "x", "what": {"k": 1}}))
                        .unwrap()
                },
                true,
            ),
            // A field of a fixed map.
            (
                |d| d.put(&["profile"], "phone", &json!("555-0101")).unwrap(),
                true,
            ),
            // Two levels deep: a step of the plan.
            (
                |d| {
                    d.put(
                        &["plan", "steps"],
                        "s1",
                        &json!({"what": "call", "position": 1.0}),
                    )
                    .unwrap()
                },
                true,
            ),
            // A field of an entry already there: Automerge is asked.
            (
                |d| d.put(&["activities", "a1"], "at", &json!("y")).unwrap(),
                false,
            ),
            // A new list in a fixed map.
            (
                |d| {
                    d.put(&["career"], "job_types", &json!(["cook", "clerk"]))
                        .unwrap()
                },
                true,
            ),
            // A new entry holding lists, as a visit holds the job seekers it was about.
            (
                |d| {
                    d.put(&["jobs"], "j1", &json!({"ids": ["a"], "m": {"l": [1]}}))
                        .unwrap()
                },
                true,
            ),
            // An entry holding a map in a list.
            (
                |d| {
                    d.put(&["supports"], "s1", &json!({"l": [{"x": 1}]}))
                        .unwrap()
                },
                true,
            ),
            // A list replaced in an entry already there: Automerge is asked.
            (
                |d| d.put(&["jobs", "j1"], "ids", &json!(["b"])).unwrap(),
                false,
            ),
        ];
        for (write, from_ops) in writes {
            write(&mut phone);
            phone.commit(&meta, 1);
            let new = phone.doc.get_changes(&server.heads());
            let expanded: Vec<_> = new.iter().map(Change::decode).collect();
            let by_ops = incoming::touched_by_ops(&expanded, &server.containers());
            assert_eq!(by_ops.is_some(), from_ops, "{by_ops:?}");
            let before = server.heads();
            let mut reference = server.doc.fork();
            reference.update_diff_cursor();
            reference.apply_changes(new.clone()).unwrap();
            let after = reference.get_heads();
            let patched = incoming::touched(&reference.diff(&before, &after));
            server
                .apply_incoming(
                    &new.iter()
                        .map(|c| c.raw_bytes().to_vec())
                        .collect::<Vec<_>>(),
                    &|_| Ok(()),
                )
                .unwrap();
            if let Some(t) = by_ops {
                assert_eq!(t, patched);
            }
            assert_eq!(server.last_applied.as_ref().unwrap().touched, patched);
        }
    }

    /// The JSON copy must always say what the document says.
    fn assert_copy_is_true(d: &Document) {
        let fresh = json::read(&d.doc, &automerge::ROOT).unwrap();
        assert_eq!(d.to_json().unwrap(), fresh);
    }

    #[test]
    fn json_copy_follows_every_kind_of_write() {
        use serde_json::json;
        let mut d = Document::genesis(DocKind::Employer, DocId::new());
        d.to_json().unwrap();
        d.put(
            &["visits"],
            "v1",
            &json!({"a": 1, "l": [1, {"x": 2}], "m": {"k": "v"}}),
        )
        .unwrap();
        assert_copy_is_true(&d);
        d.put(
            &["visits"],
            "v1",
            &json!({"a": 2, "l": [{"y": 3}], "n": null}),
        )
        .unwrap();
        assert_copy_is_true(&d);
        d.put_fields(&["info"], &json!({"name": "Bakery", "tags": ["a", "b"]}))
            .unwrap();
        assert_copy_is_true(&d);
        // A new map leaves its null fields out; an existing one gets them written (cleared).
        d.put(
            &["visits"],
            "v9",
            &json!({"x": null, "y": 1, "l": [null, {"z": null}]}),
        )
        .unwrap();
        assert_copy_is_true(&d);
        assert_eq!(
            d.to_json().unwrap()["visits"]["v9"],
            json!({"y": 1, "l": [null, {}]})
        );
        d.put(&["visits"], "v9", &json!({"y": null})).unwrap();
        assert_copy_is_true(&d);
        assert_eq!(d.to_json().unwrap()["visits"]["v9"]["y"], json!(null));
        d.commit(&ChangeMeta::default(), 0);
        d.put_exact(&["visits"], "v1", &json!({"a": 2, "m": {}}))
            .unwrap();
        assert_copy_is_true(&d);
        d.put(&["visits"], "v2", &json!({"b": 1})).unwrap();
        d.rollback();
        assert_copy_is_true(&d);
        assert_eq!(d.to_json().unwrap()["visits"].get("v2"), None);
        let mut other = Document::load(DocKind::Employer, d.id(), &d.save(), &[]).unwrap();
        other.put(&["visits"], "v3", &json!({"c": 1})).unwrap();
        other.commit(&ChangeMeta::default(), 0);
        d.load_incremental(&other.save()).unwrap();
        assert_copy_is_true(&d);
        assert_eq!(d.to_json().unwrap()["visits"]["v3"], json!({"c": 1}));
    }

    #[test]
    fn writes_between_actor_settings_make_one_change() {
        let actor = ActorId::random();
        let mut d = Document::genesis(DocKind::Employer, DocId::new());
        d.set_actor(&actor);
        d.put(&["visits"], "v1", &1).unwrap();
        d.set_actor(&actor);
        d.put(&["visits"], "v2", &2).unwrap();
        let meta = ChangeMeta {
            op: Some("visit.log".into()),
            ..Default::default()
        };
        d.commit(&meta, 0).unwrap();
        let changes = d.changes();
        assert_eq!(changes.len(), 2, "genesis and one change");
        assert_eq!(ChangeMeta::parse(changes[1].message()), meta);
    }

    /// The check of what changed agrees with the check of the whole document.
    #[test]
    fn validate_since_agrees_with_validate() {
        use serde_json::json;
        let visit = |day: u32| {
            json!({"at": format!("2026-11-{day:02}T10:00:00-06:00"), "mode": "in_person",
                   "purpose": "learn_business_needs", "seekers": []})
        };
        let ids: Vec<String> = (0..20)
            .map(|_| crate::ids::VisitId::new().to_string())
            .collect();
        let mut d = Document::genesis(DocKind::Employer, DocId::new());
        d.put(&[], "name", &"Bakery").unwrap();
        for (i, id) in ids.iter().enumerate() {
            d.put(&["visits"], id, &visit(1 + i as u32 % 28)).unwrap();
        }
        d.commit(&ChangeMeta::default(), 0);
        let check = |d: &mut Document, edit: &dyn Fn(&mut Document)| -> (bool, bool) {
            let before = d.heads();
            edit(d);
            d.commit(&ChangeMeta::default(), 0);
            let since = d.validate_since(&before).is_ok();
            (since, d.validate().is_ok())
        };
        let (new, third, fifth) = (
            crate::ids::VisitId::new().to_string(),
            ids[3].clone(),
            ids[5].clone(),
        );
        for (n, (edit, ok)) in [
            (
                Box::new(|d: &mut Document| d.put(&["visits"], &new, &visit(3)).unwrap())
                    as Box<dyn Fn(&mut Document)>,
                true,
            ),
            (
                Box::new(|d: &mut Document| {
                    d.put(&["visits", &third], "mode", &"carrier pigeon")
                        .unwrap()
                }),
                false,
            ),
            (
                Box::new(|d: &mut Document| d.put(&["visits"], &fifth, &visit(9)).unwrap()),
                true,
            ),
            (
                Box::new(|d: &mut Document| d.put(&["visits"], "not-an-id", &visit(9)).unwrap()),
                false,
            ),
            (
                Box::new(|d: &mut Document| d.put(&[], "name", &42).unwrap()),
                false,
            ),
            (
                Box::new(|d: &mut Document| d.put(&[], "visits", &"gone").unwrap()),
                false,
            ),
        ]
        .into_iter()
        .enumerate()
        {
            let mut copy = Document::load(DocKind::Employer, d.id(), &d.save(), &[]).unwrap();
            let before = copy.heads();
            let (since, whole) = check(&mut copy, &*edit);
            assert_eq!((since, whole), (ok, ok), "edit {n}");
            // The same edit arriving from elsewhere: checked by what applying it touched.
            let mut receiver = Document::load(DocKind::Employer, d.id(), &d.save(), &[]).unwrap();
            let changes: Vec<Vec<u8>> = copy
                .doc
                .get_changes(&before)
                .iter()
                .map(|c| c.raw_bytes().to_vec())
                .collect();
            receiver.apply_incoming(&changes, &|_| Ok(())).unwrap();
            assert!(receiver.last_applied.is_some());
            assert_eq!(
                receiver.validate_since(&before).is_ok(),
                ok,
                "edit {n} arriving"
            );
        }
    }

    /// A change whose operations address a map the way only a list is addressed (the insert
    /// flag set on a map key, or a list position as a map's key) stores an entry under a key
    /// nobody wrote ("10@actor"). The fuzzer's `server_push` found the server accepting one,
    /// checked only where it claimed to write, and storing a document that no longer loaded.
    #[test]
    fn list_addressing_of_a_map_is_refused_on_arrival() {
        use automerge::legacy::{ElementId, Key, OpId};
        let id = DocId::new();
        let mut phone = Document::genesis(DocKind::Notes, id);
        phone.set_actor(&ActorId::random());
        phone
            .put(&[], "seeker_id", &crate::ids::SeekerId::new())
            .unwrap();
        phone.commit(&ChangeMeta::default(), 0).unwrap();
        let base = phone.save();
        let before = phone.heads();
        let note = crate::ids::VisitId::new().to_string();
        let text = serde_json::json!({"at": "2026-11-30T10:00:00Z",
            "author": crate::ids::VisitId::new().to_string(), "text": "Wants a bakery job."});
        phone.put(&["notes"], &note, &text).unwrap();
        phone.commit(&ChangeMeta::default(), 0).unwrap();
        let honest = phone.doc.get_changes(&before)[0].decode();
        let first = honest.operations[0].clone();
        assert!(matches!(first.key, Key::Map(_)) && !first.insert);
        let mut flagged = honest.clone();
        flagged.operations[0].insert = true;
        let mut positioned = honest.clone();
        positioned.operations[0].key = Key::Seq(ElementId::Id(OpId(1, honest.actor_id.clone())));
        for (what, crafted, ok) in [
            ("honest", honest, true),
            ("insert flag", flagged, false),
            ("list position", positioned, false),
        ] {
            let change = incoming::guarded(|| automerge::Change::from(crafted))
                .unwrap_or_else(|_| panic!("{what}: encodes"));
            let mut server = Document::load(DocKind::Notes, id, &base, &[]).unwrap();
            let applied = server.apply_incoming(&[change.raw_bytes()], &|_| Ok(()));
            let checked = applied.is_ok() && server.validate_since(&before).is_ok();
            assert_eq!(checked, ok, "{what}");
            if checked {
                Document::load_checked(DocKind::Notes, id, &server.save()).unwrap();
            }
        }
    }

    #[test]
    fn genesis_reads_as_its_kind() {
        for kind in [DocKind::Seeker, DocKind::Employer] {
            let d = Document::genesis(kind, DocId::new());
            d.check_header().unwrap();
        }
        let id = DocId::new();
        let mut d = Document::genesis(DocKind::Seeker, id);
        let bytes = d.save();
        assert!(Document::load(DocKind::Employer, id, &bytes, &[]).is_err());
        assert!(Document::load(DocKind::Seeker, DocId::new(), &bytes, &[]).is_err());
        assert!(Document::load(DocKind::Seeker, id, &bytes, &[]).is_ok());
    }
}
