//! Duplicate records. Two imports of one spreadsheet, or two phones that each took on the
//! same person offline, make two records for one job seeker (or one employer). The team
//! merges them: the duplicate is not deleted, it gets a mark naming the record kept, and
//! everything recorded on it is copied into that record (see `Store::merge_seekers`).

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use uuid::Uuid;

use crate::ids::UserId;

/// The mark on a duplicate record: which record it is one with, who merged it, when, why.
/// Like [`super::Voided`], it is one new field: the duplicate stays, with its history, and
/// leaves every list, count and report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Merged {
    /// The record kept (the survivor): a job seeker's or an employer's id.
    pub id: Uuid,
    pub at: DateTime<FixedOffset>,
    #[serde(default)]
    pub by: Option<UserId>,
    /// In the specialist's words: "imported twice".
    pub reason: String,
}

/// The maps of a job seeker's record whose entries move to the record kept: everything
/// recorded about the person. The profile, benefits and career profile are forms, not
/// entries: the record kept keeps its own (the duplicate's stay readable in its history).
pub(crate) const SEEKER_ENTRIES: &[&[&str]] = &[
    &["status_history"],
    &["consents"],
    &["work_history"],
    &["plan", "steps"],
    &["activities"],
    &["jobs"],
    &["supports"],
    &["education"],
];

/// An employer's entries: its contact people and its visit log.
pub(crate) const EMPLOYER_ENTRIES: &[&[&str]] = &[&["contacts"], &["visits"]];

/// A job seeker's case notes.
pub(crate) const NOTE_ENTRIES: &[&[&str]] = &[&["notes"]];

/// What merging `from` into `to` (both as JSON) copies, as (path of the map, key, value):
/// each entry of `from`'s maps `maps` that `to` lacks under its key, unless `to` holds an
/// entry equal in every field (the same fact recorded twice, by two imports of one row);
/// and, for an entry both hold, the void mark only `from`'s has (voided on a phone that had
/// not seen the merge). Copying again finds nothing: merging is idempotent.
pub(crate) fn entries_to_carry(
    from: &Value,
    to: &Value,
    maps: &[&[&str]],
) -> Vec<(Vec<String>, String, Value)> {
    let empty = Map::new();
    let entries = |doc: &'_ Value, path: &[&str]| -> Option<Map<String, Value>> {
        path.iter()
            .try_fold(doc, |node, key| node.get(key))
            .and_then(Value::as_object)
            .cloned()
    };
    let mut puts = Vec::new();
    for path in maps {
        let (theirs, ours) = (entries(from, path), entries(to, path));
        let ours = ours.as_ref().unwrap_or(&empty);
        let owned: Vec<String> = path.iter().map(|p| p.to_string()).collect();
        for (key, entry) in theirs.iter().flatten() {
            match ours.get(key) {
                None if ours.values().any(|mine| mine == entry) => {}
                None => puts.push((owned.clone(), key.clone(), entry.clone())),
                Some(mine) => {
                    if let (Some(voided), None) = (entry.get("voided"), mine.get("voided")) {
                        let mut at = owned.clone();
                        at.push(key.clone());
                        puts.push((at, "voided".into(), voided.clone()));
                    }
                }
            }
        }
    }
    puts
}

/// Applies what [`entries_to_carry`] found to a JSON copy of the record kept.
pub(crate) fn apply_carried(to: &mut Value, puts: Vec<(Vec<String>, String, Value)>) {
    for (path, key, value) in puts {
        let mut node = &mut *to;
        for p in &path {
            if !node.get(p).is_some_and(Value::is_object) {
                node[p.as_str()] = Value::Object(Map::new());
            }
            node = &mut node[p.as_str()];
        }
        node[key.as_str()] = value;
    }
}
