//! `admin check`: finds stored documents that no longer load (changes stored before the server
//! checked every change, or damage on disk), and with `--repair` sets the changes that break
//! them aside in quarantine — kept, with the reason, never deleted — and stores the document
//! rebuilt from the rest, so every phone can load it again.

use std::collections::HashSet;

use chrono::Utc;
use fieldbook_core::document::{DocKind, Document};
use fieldbook_core::ids::DocId;
use serde::Serialize;

use super::Service;
use crate::db::{AuditRow, ChangeRow, DbError};
use crate::{ServerError, ServerResult};

/// What `admin check` found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CheckReport {
    pub checked: usize,
    pub damaged: Vec<Damaged>,
}

/// A document that did not load, and what was (or would be) set aside.
#[derive(Debug, Clone, Serialize)]
pub struct Damaged {
    pub id: DocId,
    pub kind: DocKind,
    pub problem: String,
    /// Changes (hashes) that break it, and those built on them.
    pub quarantined: Vec<String>,
    pub repaired: bool,
}

impl Service {
    /// Checks every stored document; with `repair`, quarantines what breaks them.
    pub fn check_documents(&self, repair: bool) -> ServerResult<CheckReport> {
        let mut report = CheckReport::default();
        let teams = self.read()?.teams()?;
        for team in teams {
            let metas = self.read()?.team_docs(team.id)?;
            for meta in metas {
                report.checked += 1;
                let Some(stored) = self.read()?.stored_doc(meta.id)? else {
                    continue;
                };
                let problem = match Document::load_checked(meta.kind, meta.id, &stored.bytes()) {
                    Ok(_) => continue,
                    Err(e) => e.to_string(),
                };
                let changes = self.read()?.doc_changes(meta.id)?;
                let (mut doc, bad) = rebuild(meta.kind, meta.id, &changes);
                let mut damaged = Damaged {
                    id: meta.id,
                    kind: meta.kind,
                    problem,
                    quarantined: bad.clone(),
                    repaired: false,
                };
                if repair {
                    let snapshot = doc.save();
                    Document::load_checked(meta.kind, meta.id, &snapshot).map_err(|e| {
                        ServerError::Internal(format!(
                            "document {} rebuilt still fails: {e}",
                            meta.id
                        ))
                    })?;
                    let mut tx = self.write()?;
                    let current = tx.doc_meta(meta.id)?.ok_or(DbError::Conflict)?;
                    if current.updated_seq != meta.updated_seq {
                        // Changed meanwhile (a server is running): the next check takes it.
                        damaged
                            .problem
                            .push_str(" (changed while checking; run the check again)");
                        report.damaged.push(damaged);
                        continue;
                    }
                    tx.quarantine(meta.id, &bad, &damaged.problem, Utc::now())?;
                    tx.save_snapshot(meta.id, &snapshot, current.updated_seq)?;
                    let audit: Vec<AuditRow> = bad
                        .iter()
                        .map(|h| {
                            AuditRow::new("quarantine")
                                .doc(meta.id)
                                .hash(h.clone())
                                .detail(damaged.problem.clone())
                        })
                        .collect();
                    tx.insert_audit(&audit)?;
                    tx.commit()?;
                    self.hot.forget(meta.id);
                    damaged.repaired = true;
                }
                report.damaged.push(damaged);
            }
        }
        Ok(report)
    }
}

/// Replays a document's changes in feed order from its genesis, each checked as a push is;
/// returns the document made of those that pass and the hashes of those that do not (and of
/// any change built on one of them).
fn rebuild(kind: DocKind, id: DocId, changes: &[ChangeRow]) -> (Document, Vec<String>) {
    let anyone = |_: &automerge::Change| Ok(());
    let mut good: Vec<&[u8]> = Vec::new();
    let mut bad: Vec<String> = Vec::new();
    let mut doc = Document::genesis(kind, id);
    let bad_set = |bad: &Vec<String>| bad.iter().cloned().collect::<HashSet<_>>();
    for change in changes {
        let before = doc.heads();
        let builds_on_bad = automerge::Change::from_bytes(change.bytes.clone())
            .map(|c| {
                let set = bad_set(&bad);
                c.deps().iter().any(|d| set.contains(&d.to_string()))
            })
            .unwrap_or(false);
        let ok = !builds_on_bad
            && doc.apply_incoming(&[&change.bytes], &anyone).is_ok()
            && doc.validate_since(&before).is_ok();
        if ok {
            good.push(&change.bytes);
        } else {
            bad.push(change.hash.clone());
            // The document in memory may hold part of the bad change: start again from the
            // changes that passed.
            doc = Document::genesis(kind, id);
            let _ = doc.apply_incoming(&good, &anyone);
        }
    }
    (doc, bad)
}
