//! Which records were merged into which: the `merge_index` table, one row per mark a
//! duplicate carries (two when two phones merged it into different records at once), and
//! the rule that finds the record every other one resolves to (the survivor).
//!
//! A record is merged when it carries a mark, except the lower id of two records merged into
//! each other at once (phone A merged A into B while phone B merged B into A): that one
//! stands, so the pair ends as one record on every phone. The `merged_records` view gives
//! this set to the list queries; [`Merges`] follows marks to the survivor.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::types::Value;
use rusqlite::Connection;
use uuid::Uuid;

use super::rows::Table;
use super::Store;
use crate::document::{DocKind, Document};
use crate::{Error, Result};

pub(crate) static MERGE: Table = Table::new("merge_index", "into_id", "doc_id", &["kind"]);

/// The `merge_index` rows of a document: one per record it was merged into.
pub(crate) fn rows(doc: &Document) -> Vec<(String, Vec<Value>)> {
    doc.merge_targets()
        .into_iter()
        .map(|into| {
            (
                into.to_string(),
                vec![Value::Text(doc.kind().as_str().into())],
            )
        })
        .collect()
}

/// The merged records this phone knows of, each with the records it was merged into.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Merges {
    into: BTreeMap<Uuid, BTreeSet<Uuid>>,
}

impl Merges {
    /// Reads the merged records from the store.
    pub(crate) fn load(conn: &Connection) -> Result<Merges> {
        let mut stmt = conn.prepare_cached("SELECT id, into_id FROM merged_records")?;
        let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
        let mut into: BTreeMap<Uuid, BTreeSet<Uuid>> = BTreeMap::new();
        for row in rows {
            let (id, to) = row?;
            let parse = |s: &str| {
                s.parse::<Uuid>()
                    .map_err(|e| Error::malformed("merge index", e))
            };
            into.entry(parse(&id)?).or_default().insert(parse(&to)?);
        }
        Ok(Merges { into })
    }

    /// From marks as (record, record it was merged into), applying the rule above (the
    /// server's reports read marks from the documents themselves).
    pub fn from_marks(marks: impl IntoIterator<Item = (Uuid, Uuid)>) -> Merges {
        let all: BTreeSet<(Uuid, Uuid)> = marks.into_iter().collect();
        let mut into: BTreeMap<Uuid, BTreeSet<Uuid>> = BTreeMap::new();
        for (id, to) in &all {
            let stands = id < to && all.contains(&(*to, *id));
            if !stands && id != to {
                into.entry(*id).or_default().insert(*to);
            }
        }
        Merges { into }
    }

    /// Whether `id` was merged into another record.
    pub fn is_merged(&self, id: Uuid) -> bool {
        self.into.contains_key(&id)
    }

    /// Whether no record is merged.
    pub fn is_empty(&self) -> bool {
        self.into.is_empty()
    }

    /// The record `id` resolves to: itself when it stands, else the survivor its marks lead
    /// to (of several, the lowest id; in a loop of merges made at once on several phones,
    /// the loop's lowest id).
    pub fn survivor(&self, id: Uuid) -> Uuid {
        let mut at = id;
        let mut seen = vec![id];
        while let Some(next) = self.into.get(&at).and_then(|t| t.iter().next()) {
            if let Some(start) = seen.iter().position(|s| s == next) {
                return seen[start..].iter().copied().min().unwrap_or(*next);
            }
            seen.push(*next);
            at = *next;
        }
        at
    }

    /// Every merged record, with the record it resolves to.
    pub fn resolved(&self) -> Vec<(Uuid, Uuid)> {
        self.into
            .keys()
            .map(|id| (*id, self.survivor(*id)))
            .filter(|(id, s)| id != s)
            .collect()
    }

    /// The other records a merged record was marked into besides its survivor (a duplicate
    /// two phones merged into two records at once: those records are one person too).
    pub(crate) fn also_into(&self, id: Uuid) -> Vec<Uuid> {
        let survivor = self.survivor(id);
        self.into
            .get(&id)
            .into_iter()
            .flatten()
            .filter(|t| **t != survivor && !self.is_merged(**t))
            .copied()
            .collect()
    }
}

impl Store {
    /// The record a job seeker's or employer's id resolves to: `None` when it stands (or is
    /// not held), the survivor when it was merged into another record.
    pub fn survivor(&self, id: Uuid) -> Result<Option<Uuid>> {
        let merges = self.query(Merges::load)?;
        let survivor = merges.survivor(id);
        Ok((survivor != id).then_some(survivor))
    }
}

/// The label of a kind in messages about merges.
pub(crate) fn label(kind: DocKind) -> &'static str {
    super::docs::kind_label(kind)
}
