//! Applying a phone's pushed changes to the server's copy of one document: the checks of
//! `docs/adr/0002` steps 1, 3 and 4. Pure: storage decides what to do with the result.

use automerge::Change;
use fieldbook_core::document::{DocKind, Document};
use fieldbook_core::ids::DocId;
use fieldbook_core::protocol::RejectCode;

/// A change the server did not have, to be stored in the feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewChange {
    pub hash: String,
    pub actor: String,
    pub bytes: Vec<u8>,
    /// Pushed by the device (false for the genesis change a new document starts from).
    pub pushed: bool,
}

/// The merged document and the changes it gained.
#[derive(Debug)]
pub struct Merged {
    pub doc: Document,
    pub new_changes: Vec<NewChange>,
}

/// Why a push was refused, in plain words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub code: RejectCode,
    pub reason: String,
}

impl Refused {
    pub fn new(code: RejectCode, reason: impl Into<String>) -> Self {
        Refused {
            code,
            reason: reason.into(),
        }
    }
}

/// Merges `pushed` into `base` (or into a new document when `base` is `None`). Every change
/// the server lacks must be authored by `device_actor`, except the document's genesis
/// change, which every device computes identically.
pub fn apply_push(
    kind: DocKind,
    id: DocId,
    base: Option<Document>,
    pushed: &[impl AsRef<[u8]>],
    device_actor: &str,
) -> Result<Merged, Refused> {
    let is_new = base.is_none();
    let mut doc = base.unwrap_or_else(|| Document::genesis(kind, id));
    let genesis = Document::genesis_hash(kind, id);
    let mut new_changes = Vec::new();
    if is_new {
        let bytes = doc.change_bytes(&genesis).unwrap_or_default();
        new_changes.push(NewChange {
            hash: genesis.to_string(),
            actor: String::new(),
            bytes,
            pushed: false,
        });
    }
    let mut to_apply = Vec::new();
    for bytes in pushed {
        let change = Change::from_bytes(bytes.as_ref().to_vec()).map_err(|e| {
            Refused::new(
                RejectCode::Malformed,
                format!("a change could not be read: {e}"),
            )
        })?;
        let hash = change.hash();
        if doc.change_bytes(&hash).is_some() || to_apply.iter().any(|c: &Change| c.hash() == hash) {
            continue;
        }
        let actor = change.actor_id().to_hex_string();
        if actor != device_actor && hash != genesis {
            return Err(Refused::new(
                RejectCode::ForeignActor,
                "a change was made by another device; only this device's own edits are accepted",
            ));
        }
        new_changes.push(NewChange {
            hash: hash.to_string(),
            actor,
            bytes: bytes.as_ref().to_vec(),
            pushed: true,
        });
        to_apply.push(change);
    }
    doc.apply_changes(to_apply).map_err(|e| {
        Refused::new(
            RejectCode::Malformed,
            format!("changes could not be applied: {e}"),
        )
    })?;
    if !doc.missing_deps().is_empty() {
        return Err(Refused::new(
            RejectCode::Malformed,
            "changes build on history the server does not have",
        ));
    }
    if let Err(e) = doc.validate() {
        return Err(Refused::new(
            RejectCode::Invalid,
            format!("the {} record would be broken: {e}", kind.as_str()),
        ));
    }
    Ok(Merged { doc, new_changes })
}
