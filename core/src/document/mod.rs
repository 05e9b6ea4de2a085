//! Automerge documents: one per job seeker (`seeker`, `notes`), per employer, per team
//! (`directory`). This module knows how a document is born, written, read and checked
//! against its kind's schema; it knows nothing of SQLite or sync.

mod history;
mod json;

use automerge::{ActorId, AutoCommit, Change, ChangeHash, Prop};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

pub use history::{history, HistoryEntry};

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
}

const GENESIS_NAMESPACE: Uuid = Uuid::from_u128(0x6669_656c_6462_6f6f_6b2d_6765_6e65_7369);

/// The actor of a document's genesis change: derived from the document's id, never a device.
fn genesis_actor(id: DocId) -> ActorId {
    ActorId::from(
        Uuid::new_v5(&GENESIS_NAMESPACE, id.0.as_bytes())
            .as_bytes()
            .as_slice(),
    )
}

impl Document {
    /// A new document of `kind`: its genesis change only. Every device computes exactly the
    /// same change for the same kind and id.
    pub fn genesis(kind: DocKind, id: DocId) -> Document {
        let mut doc = AutoCommit::new().with_actor(genesis_actor(id));
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
        Document { id, kind, doc }
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
        let mut doc = AutoCommit::load(snapshot).map_err(|e| Error::malformed(what(), e))?;
        for chunk in changes {
            doc.load_incremental(chunk)
                .map_err(|e| Error::malformed(what(), e))?;
        }
        let d = Document { id, kind, doc };
        d.check_header()?;
        Ok(d)
    }

    pub fn id(&self) -> DocId {
        self.id
    }

    pub fn kind(&self) -> DocKind {
        self.kind
    }

    /// Sets the actor that authors the next changes (the device's own actor).
    pub fn set_actor(&mut self, actor: &ActorId) {
        self.doc.set_actor(actor.clone());
    }

    /// The whole document as JSON.
    pub fn to_json(&self) -> Result<serde_json::Value> {
        json::read(&self.doc, &automerge::ROOT)
    }

    /// The document as its typed schema.
    pub fn read<T: DeserializeOwned>(&self) -> Result<T> {
        serde_json::from_value(self.to_json()?).map_err(|e| {
            Error::malformed(format!("{} document {}", self.kind.as_str(), self.id), e)
        })
    }

    /// Writes `value` at `path` + `key`, changing only what differs.
    pub fn put(&mut self, path: &[&str], key: &str, value: &impl Serialize) -> Result<()> {
        let value = serde_json::to_value(value).map_err(|e| Error::malformed(key, e))?;
        let obj = json::map_at(&mut self.doc, path)?;
        json::reconcile(&mut self.doc, &obj, Prop::Map(key.to_string()), &value)
    }

    /// Writes each field of `value` (which must serialize as a map) into the map at `path`,
    /// changing only what differs and keeping fields `value` does not have.
    pub fn put_fields(&mut self, path: &[&str], value: &impl Serialize) -> Result<()> {
        let value = serde_json::to_value(value).map_err(|e| Error::malformed("fields", e))?;
        let obj = json::map_at(&mut self.doc, path)?;
        json::reconcile_fields(&mut self.doc, &obj, &value)
    }

    /// Makes `path` + `key` exactly `value`: like [`Document::put`], and also deletes map keys
    /// `value` does not have. Only for documents a single writer owns (the server's team
    /// directory): elsewhere unknown keys must survive.
    pub fn put_exact(&mut self, path: &[&str], key: &str, value: &impl Serialize) -> Result<()> {
        self.put(path, key, value)?;
        let value = serde_json::to_value(value).map_err(|e| Error::malformed(key, e))?;
        let parent = json::map_at(&mut self.doc, path)?;
        let obj = match automerge::ReadDoc::get(&self.doc, &parent, key)? {
            Some((automerge::Value::Object(automerge::ObjType::Map), id)) => id,
            _ => return Ok(()),
        };
        json::prune(&mut self.doc, &obj, &value)
    }

    /// Commits pending writes as one change, stamped with `meta` and the time. `None` when
    /// nothing was written.
    pub fn commit(&mut self, meta: &ChangeMeta, unix_seconds: i64) -> Option<ChangeHash> {
        let message = serde_json::to_string(meta).unwrap_or_default();
        self.doc.commit_with(
            automerge::transaction::CommitOptions::default()
                .with_message(message)
                .with_time(unix_seconds),
        )
    }

    /// Discards uncommitted writes.
    pub fn rollback(&mut self) {
        self.doc.rollback();
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
        self.doc.apply_changes(changes)?;
        Ok(())
    }

    /// Merges a chunk of `save()` or `save_incremental()` output from elsewhere.
    pub fn load_incremental(&mut self, bytes: &[u8]) -> Result<()> {
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

    /// Direct access for history and sync.
    pub(crate) fn automerge(&mut self) -> &mut AutoCommit {
        &mut self.doc
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
