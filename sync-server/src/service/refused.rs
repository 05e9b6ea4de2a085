//! Refused work, for the team's supervisor: what a phone pushed and the server refused (a
//! write after a reassignment the phone had already seen, a record it could not create, a
//! change that did not check out), kept with who, which record, what and why. A supervisor
//! sees it on the web and can accept it into the record — the changes are then applied as the
//! original device's own, through every check but the access rule the supervisor overrides —
//! or dismiss it. Nothing is deleted.

use chrono::{DateTime, Utc};
use fieldbook_core::document::{ChangeMeta, DocKind, Document};
use fieldbook_core::ids::{DocId, SeekerId, TeamId, UserId};
use fieldbook_core::model::Role;
use fieldbook_core::protocol::PushDoc;
use serde::Serialize;

use super::push::Writer;
use super::Service;
use crate::access::Caller;
use crate::db::{AuditRow, RefusedRow, UserRow};
use crate::{ServerError, ServerResult};

/// One refused push, as the supervisor's page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct RefusedWork {
    pub id: i64,
    pub at: DateTime<Utc>,
    /// Who pushed it.
    pub by: String,
    /// Which record, in words: "job seeker Erik Lund", "case notes of Erik Lund", "employer
    /// Sunny Side Laundromat".
    pub record: String,
    pub doc_id: DocId,
    /// What the changes did (their operations: `plan.step.add`, `note.add`, …).
    pub what: Vec<String>,
    pub code: String,
    pub reason: String,
    /// `accepted` or `dismissed`, by whom and when; `None` while it waits.
    pub resolution: Option<String>,
    pub resolved_by: Option<String>,
    pub resolved_at: Option<DateTime<Utc>>,
}

fn team_supervisor(viewer: &UserRow) -> ServerResult<()> {
    if viewer.role != Role::Supervisor {
        return Err(ServerError::Forbidden(
            "refused work is for the team's supervisors".into(),
        ));
    }
    Ok(())
}

impl Service {
    /// The refused work of the viewer's team, newest first.
    pub fn refused_work(&self, viewer: &UserRow) -> ServerResult<Vec<RefusedWork>> {
        team_supervisor(viewer)?;
        let view = self.read()?;
        let rows = view.refused(viewer.team_id)?;
        let name_of = |u: UserId| -> ServerResult<String> {
            Ok(view
                .user(u)?
                .map(|u| u.name)
                .unwrap_or_else(|| u.to_string()))
        };
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let (resolution, resolved_by, resolved_at) = match &row.resolution {
                Some((r, by, at)) => (Some(r.clone()), Some(name_of(*by)?), Some(*at)),
                None => (None, None, None),
            };
            out.push(RefusedWork {
                id: row.id,
                at: row.push.at,
                by: name_of(row.push.user_id)?,
                record: self.label(&row)?,
                doc_id: row.push.doc_id,
                what: operations(&row.push.changes),
                code: row.push.code.clone(),
                reason: row.push.reason.clone(),
                resolution,
                resolved_by,
                resolved_at,
            });
        }
        Ok(out)
    }

    /// How many refused pushes of `team` wait for a supervisor (neither accepted nor
    /// dismissed); with `by`, only those pushed by that user.
    pub fn refused_waiting(&self, team: TeamId, by: Option<UserId>) -> ServerResult<usize> {
        Ok(self
            .read()?
            .refused(team)?
            .iter()
            .filter(|r| r.resolution.is_none())
            .filter(|r| by.is_none_or(|u| r.push.user_id == u))
            .count())
    }

    /// Applies a refused push to its record, as its device's own changes.
    pub fn accept_refused(&self, viewer: &UserRow, id: i64) -> ServerResult<()> {
        let row = self.waiting_refusal(viewer, id)?;
        let caller = Caller {
            device_id: row.push.device_id,
            user_id: row.push.user_id,
            // The supervisor's authority over the team's records, the device's authorship.
            role: Role::Supervisor,
            team_id: row.push.team_id,
            seeker_id: None,
            actor: row.push.actor.clone(),
            granted_seq: 0,
            last_sync_at: None,
            last_cursor: 0,
            team_feed: None,
        };
        let push = PushDoc {
            id: row.push.doc_id,
            kind: row.push.kind,
            changes: row
                .push
                .changes
                .iter()
                .cloned()
                .map(serde_bytes::ByteBuf::from)
                .collect(),
        };
        if let Some(r) = self.push_one(&Writer::by_role(&caller), &push)? {
            return Err(ServerError::invalid(
                "refused",
                format!("the work still cannot be applied: {}", r.reason),
            ));
        }
        self.resolve(viewer, id, "accepted")
    }

    /// Marks a refused push as seen and not to be applied (it stays listed).
    pub fn dismiss_refused(&self, viewer: &UserRow, id: i64) -> ServerResult<()> {
        self.waiting_refusal(viewer, id)?;
        self.resolve(viewer, id, "dismissed")
    }

    fn waiting_refusal(&self, viewer: &UserRow, id: i64) -> ServerResult<RefusedRow> {
        team_supervisor(viewer)?;
        let row = self
            .read()?
            .refused_one(id)?
            .filter(|r| r.push.team_id == viewer.team_id)
            .ok_or(ServerError::NotFound {
                kind: "refused work",
                id: id.to_string(),
            })?;
        if row.resolution.is_some() {
            return Err(ServerError::invalid("refused", "was dealt with already"));
        }
        Ok(row)
    }

    fn resolve(&self, viewer: &UserRow, id: i64, resolution: &str) -> ServerResult<()> {
        self.write_retrying(|tx| {
            if !tx.resolve_refused(id, resolution, viewer.id, Utc::now())? {
                return Err(ServerError::invalid("refused", "was dealt with already"));
            }
            tx.insert_audit(&[AuditRow::new(&format!("refused.{resolution}"))
                .user(viewer.id)
                .detail(id.to_string())])?;
            Ok(())
        })
    }

    /// The record a refusal is about, in words.
    fn label(&self, row: &RefusedRow) -> ServerResult<String> {
        let id = row.push.doc_id;
        let name_in = |doc: Option<Document>, path: &[&str]| -> Option<String> {
            doc.and_then(|d| d.read_at::<String>(path).ok().flatten())
        };
        Ok(match row.push.kind {
            DocKind::Seeker => format!(
                "job seeker {}",
                name_in(
                    self.document(id, DocKind::Seeker, row)?,
                    &["profile", "name"]
                )
                .unwrap_or_else(|| id.to_string())
            ),
            DocKind::Notes => {
                let notes = self.document(id, DocKind::Notes, row)?;
                let seeker: Option<SeekerId> =
                    notes.and_then(|d| d.read_at(&["seeker_id"]).ok().flatten());
                let name = match seeker {
                    Some(s) => name_in(
                        self.document(s.doc(), DocKind::Seeker, row)?,
                        &["profile", "name"],
                    ),
                    None => None,
                };
                format!(
                    "case notes of {}",
                    name.unwrap_or_else(|| "a job seeker".into())
                )
            }
            DocKind::Employer => format!(
                "employer {}",
                name_in(self.document(id, DocKind::Employer, row)?, &["name"])
                    .unwrap_or_else(|| id.to_string())
            ),
            DocKind::Directory => "the team directory".into(),
        })
    }

    /// A document as stored, or — for one the server never had — as the refused changes
    /// would make it.
    fn document(
        &self,
        id: DocId,
        kind: DocKind,
        row: &RefusedRow,
    ) -> ServerResult<Option<Document>> {
        if let Some(stored) = self.read()?.stored_doc(id)? {
            return Ok(Document::load(kind, id, &stored.bytes(), &[]).ok());
        }
        if id != row.push.doc_id {
            return Ok(None);
        }
        let mut doc = Document::genesis(kind, id);
        Ok(doc
            .apply_incoming(&row.push.changes, &|_| Ok(()))
            .ok()
            .map(|_| doc))
    }
}

/// The operations refused changes carry, in order, without repeats.
fn operations(changes: &[Vec<u8>]) -> Vec<String> {
    let mut ops: Vec<String> = Vec::new();
    for bytes in changes {
        let Ok(change) = automerge::Change::from_bytes(bytes.clone()) else {
            ops.push("(unreadable change)".into());
            continue;
        };
        if let Some(op) = ChangeMeta::parse(change.message()).op {
            if !ops.contains(&op) {
                ops.push(op);
            }
        }
    }
    ops
}
