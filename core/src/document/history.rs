//! The edit history of a document: what changed, on which device, by whom, when.

use std::collections::BTreeSet;

use automerge::{AutoCommit, ChangeHash, Patch, PatchAction, Prop, ReadDoc};
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
    /// The same fields with their values before and after the edit, so a reader sees what a
    /// phone number was and what it became.
    #[serde(default)]
    pub changes: Vec<FieldChange>,
}

/// One field an edit set or removed. Values are given for plain fields (text, numbers,
/// dates, yes/no); a new or removed entry (a visit, a job) shows none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldChange {
    /// The dotted path, as in [`HistoryEntry::fields`].
    pub field: String,
    /// The value before the edit, as the author's device saw it; `None` when the field was
    /// not set (or is not a plain value).
    pub from: Option<serde_json::Value>,
    /// The value after; `None` when the edit removed it (or it is not a plain value).
    pub to: Option<serde_json::Value>,
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
        let changes = changed_fields(&doc.doc, change.deps(), &patches);
        let meta = ChangeMeta::parse(change.message());
        entries.push(HistoryEntry {
            hash: change.hash().to_string(),
            at: DateTime::from_timestamp(change.timestamp(), 0).unwrap_or_default(),
            actor: change.actor_id().to_hex_string(),
            device: meta.device,
            user: meta.user,
            op: meta.op,
            fields: changes.iter().map(|c| c.field.clone()).collect(),
            changes,
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

/// A plain value as JSON; `None` for an object (a map, list or text) and for null (a field
/// that is not set).
fn plain(value: &automerge::Value<'_>) -> Option<serde_json::Value> {
    match value {
        automerge::Value::Scalar(s) => {
            Some(super::json::scalar_to_json(s)).filter(|v| !v.is_null())
        }
        automerge::Value::Object(_) => None,
    }
}

/// The fields `patches` set or removed, each once, with their values before (read at
/// `before`, the edit's dependencies) and after.
fn changed_fields(doc: &AutoCommit, before: &[ChangeHash], patches: &[Patch]) -> Vec<FieldChange> {
    let mut created: BTreeSet<String> = BTreeSet::new();
    let mut fields: Vec<FieldChange> = Vec::new();
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
                .chain([key.clone()])
                .collect::<Vec<_>>()
                .join(".")
        };
        let inside_new = created.iter().any(|c| {
            path.len() > c.len() && path.starts_with(c.as_str()) && path.as_bytes()[c.len()] == b'.'
        });
        if inside_new || fields.iter().any(|f| f.field == path) {
            continue;
        }
        let to = match &patch.action {
            PatchAction::PutMap {
                value: (automerge::Value::Object(_), _),
                ..
            } => {
                created.insert(path.clone());
                None
            }
            PatchAction::PutMap { value: (v, _), .. } => plain(v),
            _ => None,
        };
        let from = if key.is_empty() {
            None
        } else {
            doc.get_at(&patch.obj, key.as_str(), before)
                .ok()
                .flatten()
                .and_then(|(v, _)| plain(&v))
        };
        fields.push(FieldChange {
            field: path,
            from,
            to,
        });
    }
    fields.sort_by(|a, b| a.field.cmp(&b.field));
    fields
}
