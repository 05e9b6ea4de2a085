//! Fields two devices set to different values without seeing each other's edit (Ana and her
//! supervisor both change Jordan's phone number offline). Automerge keeps every such value and
//! shows one; these are the fields where it had to choose, so a person can look and decide.
//! Writing the field again (any edit of it) settles it for every device.

use std::collections::BTreeSet;

use automerge::{AutoCommit, ObjId, ObjType, ReadDoc, Value};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// One field holding values from concurrent edits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// The dotted path (`profile.phone`).
    pub field: String,
    /// Every value the field holds; the first is the one shown everywhere now.
    pub values: Vec<ConflictValue>,
}

/// One of a conflicting field's values, who wrote it and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConflictValue {
    /// The value as JSON; `None` for an entry that is not a plain value.
    pub value: Option<serde_json::Value>,
    /// The Automerge actor (one per device) that wrote it.
    pub actor: String,
    /// The operation number of the write, with `actor` its id.
    #[serde(default)]
    pub op: u64,
    /// The person whose device wrote it, and their name, when the record's history and the
    /// team directory on this phone tell.
    #[serde(default)]
    pub user: Option<crate::ids::UserId>,
    #[serde(default)]
    pub user_name: Option<String>,
    /// When the edit was made, by the writing device's clock.
    #[serde(default)]
    pub at: Option<DateTime<Utc>>,
}

/// Every conflicting field of `doc`, in path order. Follows maps only (the fields of a
/// record); lists and text merge element by element and are not reported here.
pub(crate) fn conflicts(doc: &mut AutoCommit) -> Vec<Conflict> {
    let mut out = Vec::new();
    walk(doc, &automerge::ROOT, &mut Vec::new(), &mut out);
    if !out.is_empty() {
        date(doc, &mut out);
    }
    out
}

/// Whether `doc` holds any conflicting field (the same walk as [`conflicts`], undated).
pub(crate) fn any(doc: &AutoCommit) -> bool {
    let mut out = Vec::new();
    walk(doc, &automerge::ROOT, &mut Vec::new(), &mut out);
    !out.is_empty()
}

/// Whether any of the entries `touched` (paths of map keys, as changes from elsewhere
/// touched them), or anything below them, holds conflicting values: where new changes can
/// have made a conflict, at a cost that follows the changes rather than the document.
pub(crate) fn any_where(doc: &AutoCommit, touched: &BTreeSet<Vec<String>>) -> bool {
    touched.iter().any(|path| any_at(doc, path))
}

fn any_at(doc: &AutoCommit, path: &[String]) -> bool {
    let mut obj = automerge::ROOT;
    for (depth, key) in path.iter().enumerate() {
        // A key of a list (or of nothing): conflicts are followed in maps only.
        let Ok(all) = doc.get_all(&obj, key.as_str()) else {
            return false;
        };
        if all.len() > 1 && !all_equal(doc, &all) {
            return true;
        }
        match all.last() {
            Some((Value::Object(ObjType::Map), id)) if depth + 1 == path.len() => {
                let mut out = Vec::new();
                walk(doc, id, &mut path.to_vec(), &mut out);
                return !out.is_empty();
            }
            Some((Value::Object(ObjType::Map), id)) => obj = id.clone(),
            _ => return false,
        }
    }
    false
}

/// Dates each value by the change that wrote it: the one of its author whose operation
/// numbers hold the value's.
fn date(doc: &mut AutoCommit, conflicts: &mut [Conflict]) {
    let changes: Vec<(String, u64, u64, i64)> = doc
        .get_changes_meta(&[])
        .into_iter()
        .map(|m| (m.actor.to_hex_string(), m.start_op, m.max_op, m.timestamp))
        .collect();
    for value in conflicts.iter_mut().flat_map(|c| c.values.iter_mut()) {
        value.at = changes
            .iter()
            .find(|(actor, start, max, _)| {
                *actor == value.actor && (*start..=*max).contains(&value.op)
            })
            .and_then(|(_, _, _, seconds)| DateTime::from_timestamp(*seconds, 0));
    }
}

fn walk(doc: &AutoCommit, obj: &ObjId, path: &mut Vec<String>, out: &mut Vec<Conflict>) {
    for key in doc.keys(obj) {
        let Ok(all) = doc.get_all(obj, key.as_str()) else {
            continue;
        };
        path.push(key.clone());
        if all.len() > 1 && !all_equal(doc, &all) {
            // Automerge shows the last of them (its winner); list that one first.
            let values = all
                .iter()
                .rev()
                .map(|(v, id)| ConflictValue {
                    value: match v {
                        Value::Scalar(s) => Some(super::json::scalar_to_json(s)),
                        Value::Object(_) => None,
                    },
                    actor: actor_of(id),
                    op: counter_of(id),
                    user: None,
                    user_name: None,
                    at: None,
                })
                .collect();
            out.push(Conflict {
                field: path.join("."),
                values,
            });
        }
        if let Some((Value::Object(ObjType::Map), id)) = all.last() {
            walk(doc, id, path, out);
        }
        path.pop();
    }
}

fn counter_of(id: &ObjId) -> u64 {
    match id {
        ObjId::Id(counter, _, _) => *counter,
        ObjId::Root => 0,
    }
}

fn actor_of(id: &ObjId) -> String {
    match id {
        ObjId::Id(_, actor, _) => actor.to_hex_string(),
        ObjId::Root => String::new(),
    }
}

/// Whether every value a field holds is the same (two phones merging the same duplicate at
/// once copy the same entries): nothing for a person to choose between.
fn all_equal(doc: &AutoCommit, all: &[(Value<'_>, ObjId)]) -> bool {
    let as_json = |(v, id): &(Value<'_>, ObjId)| match v {
        Value::Scalar(s) => Some(super::json::scalar_to_json(s)),
        Value::Object(_) => super::json::read(doc, id).ok(),
    };
    let first = all.first().and_then(as_json);
    first.is_some() && all.iter().skip(1).all(|v| as_json(v) == first)
}
