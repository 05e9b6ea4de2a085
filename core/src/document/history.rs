//! The edit history of a document: what changed, on which device, by whom, when.

use std::collections::BTreeSet;

use automerge::{Patch, PatchAction, Prop};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{ChangeMeta, Document};
use crate::ids::{DeviceId, UserId};

/// One edit of a document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HistoryEntry {
    /// The change's hash (hex), unique across all devices.
    pub hash: String,
    /// When the edit was made, by the author's clock.
    pub at: DateTime<Utc>,
    /// The Automerge actor that made it (one per device).
    pub actor: String,
    pub device: Option<DeviceId>,
    pub user: Option<UserId>,
    /// The operation, e.g. `visit.log` or `plan.step.done`.
    pub op: Option<String>,
    /// The fields the edit set or removed, as dotted paths (`profile.phone`,
    /// `visits.<id>`); a new object is listed once, not field by field.
    pub fields: Vec<String>,
}

/// The history of `doc` in causal order (an edit never precedes one it builds on), without the genesis change every document starts with.
pub fn history(doc: &mut Document) -> Vec<HistoryEntry> {
    let genesis = Document::genesis_hash(doc.kind(), doc.id());
    let changes = doc.changes();
    let mut entries = Vec::with_capacity(changes.len());
    for change in changes {
        if change.hash() == genesis {
            continue;
        }
        let patches = doc.diff(change.deps(), &[change.hash()]);
        let meta = ChangeMeta::parse(change.message());
        entries.push(HistoryEntry {
            hash: change.hash().to_string(),
            at: DateTime::from_timestamp(change.timestamp(), 0).unwrap_or_default(),
            actor: change.actor_id().to_hex_string(),
            device: meta.device,
            user: meta.user,
            op: meta.op,
            fields: changed_fields(&patches),
        });
    }
    entries
}

fn prop_name(p: &Prop) -> String {
    match p {
        Prop::Map(k) => k.clone(),
        Prop::Seq(i) => i.to_string(),
    }
}

fn changed_fields(patches: &[Patch]) -> Vec<String> {
    let mut created: BTreeSet<String> = BTreeSet::new();
    let mut fields: BTreeSet<String> = BTreeSet::new();
    for patch in patches {
        let parent: Vec<String> = patch.path.iter().map(|(_, p)| prop_name(p)).collect();
        let key = match &patch.action {
            PatchAction::PutMap { key, .. } | PatchAction::DeleteMap { key } => key.clone(),
            PatchAction::Increment { prop, .. } | PatchAction::Conflict { prop } => prop_name(prop),
            // Edits inside a list or text are reported as a change of the list itself.
            _ => String::new(),
        };
        let path = if key.is_empty() {
            parent.join(".")
        } else {
            parent
                .iter()
                .cloned()
                .chain([key])
                .collect::<Vec<_>>()
                .join(".")
        };
        let inside_new = created.iter().any(|c| {
            path.len() > c.len() && path.starts_with(c.as_str()) && path.as_bytes()[c.len()] == b'.'
        });
        if inside_new {
            continue;
        }
        if let PatchAction::PutMap {
            value: (automerge::Value::Object(_), _),
            ..
        } = &patch.action
        {
            created.insert(path.clone());
        }
        fields.insert(path);
    }
    fields.into_iter().collect()
}
