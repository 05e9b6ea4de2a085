//! The team directory document (roster, caseload assignments, goals): the one document the
//! server writes. Rewritten from the account tables in the same transaction as whatever
//! changed them, so phones learn the roster through the same feed as everything else. Each
//! server process writes with an actor of its own, and the write is conditional on the
//! directory being the version it read, so two writers can never make rival changes.

use std::collections::BTreeMap;

use chrono::Utc;
use fieldbook_core::document::{ChangeMeta, DocKind, Document};
use fieldbook_core::ids::{SeekerId, TeamId, UserId};
use fieldbook_core::model::{Directory, Goals, Member, TeamInfo};

use super::hot::{HotDoc, Stored};
use super::Service;
use crate::db::{DocMeta, NewChangeRow, TeamRow, UserRow, WriteTx};
use crate::{ServerError, ServerResult};

/// The directory's content: staff (not job seekers, not admins), assignments and goals.
pub fn build(
    team: &TeamRow,
    users: &[UserRow],
    assignments: &[(SeekerId, UserId)],
    goals: &Goals,
) -> Directory {
    let members = users
        .iter()
        .filter(|u| u.role.may_edit_records())
        .map(|u| {
            (
                u.id,
                Member {
                    name: u.name.clone(),
                    role: u.role,
                },
            )
        })
        .collect();
    let mut by_seeker: BTreeMap<SeekerId, Vec<UserId>> = BTreeMap::new();
    for (seeker, user) in assignments {
        by_seeker.entry(*seeker).or_default().push(*user);
    }
    for list in by_seeker.values_mut() {
        list.sort();
    }
    Directory {
        team: TeamInfo {
            id: team.id,
            name: team.name.clone(),
        },
        members,
        assignments: by_seeker,
        goals: goals.clone(),
    }
}

impl Service {
    /// Rewrites `team`'s directory from the account tables as `tx` sees them.
    pub(crate) fn rewrite_directory(
        &self,
        tx: &mut dyn WriteTx,
        team_id: TeamId,
    ) -> ServerResult<()> {
        let id = team_id.doc();
        // The directory's version is read before what it shows: a writer that changes the
        // roster, a caseload or the goals afterwards also rewrites the directory, so the
        // conditional append below then finds a newer version and this write is retried
        // (with several nodes, each statement sees the latest commit).
        let stored_meta = tx.doc_meta(id)?;
        let team = tx.team(team_id)?.ok_or_else(|| ServerError::NotFound {
            kind: "team",
            id: team_id.to_string(),
        })?;
        let content = build(
            &team,
            &tx.team_users(team_id)?,
            &tx.team_assignments(team_id)?,
            &super::goals_in(&*tx)?,
        );
        let actor = self.actor(tx)?;
        let (meta, mut hot, mut rows) = match stored_meta {
            Some(meta) => {
                // Read afresh each time (directories change rarely): a copy kept in memory
                // could hold a change whose transaction later rolled back.
                let stored = tx
                    .stored_doc(id)?
                    .ok_or_else(|| ServerError::Internal("the directory vanished".into()))?;
                let hot = HotDoc::new(
                    Document::load(DocKind::Directory, id, &stored.bytes(), &[])?,
                    meta.updated_seq,
                    Stored::of(&stored.snapshot, &stored.tail),
                );
                (meta, hot, Vec::new())
            }
            None => {
                let mut doc = Document::genesis(DocKind::Directory, id);
                let genesis = Document::genesis_hash(DocKind::Directory, id);
                let row = NewChangeRow {
                    hash: genesis.to_string(),
                    actor: Document::genesis_actor(id).to_hex_string(),
                    bytes: doc.change_bytes(&genesis).unwrap_or_default(),
                };
                let meta = DocMeta {
                    id,
                    kind: DocKind::Directory,
                    team_id,
                    seeker_id: None,
                    created_seq: tx.feed_position(team_id)? + 1,
                    updated_seq: 0,
                    snapshot_seq: 0,
                    size: 0,
                };
                tx.insert_doc(&meta, &row.actor, &[])?;
                let hot = HotDoc::new(doc, 0, Stored::default());
                (meta, hot, vec![row])
            }
        };
        if let Some(change) = write_content(&mut hot.doc, &content, &actor)? {
            rows.push(change);
        }
        if rows.is_empty() {
            return Ok(());
        }
        let seqs = tx.append_changes(&meta, meta.updated_seq, None, &rows, Utc::now())?;
        let last = seqs.last().copied().unwrap_or(meta.updated_seq);
        let added = rows.iter().map(|r| r.bytes.len()).sum();
        if hot.stored.due_after(added) || meta.updated_seq == 0 {
            tx.save_snapshot(id, &hot.doc.save(), last)?;
        }
        Ok(())
    }
}

/// Writes `content` into `doc` as the server (`actor`), deleting what it no longer holds.
/// Returns the change made, if anything differed.
fn write_content(
    doc: &mut Document,
    content: &Directory,
    actor: &automerge::ActorId,
) -> ServerResult<Option<NewChangeRow>> {
    doc.set_actor(actor);
    let written = (|| -> fieldbook_core::Result<()> {
        doc.put_exact(&[], "team", &content.team)?;
        doc.put_exact(&[], "members", &content.members)?;
        doc.put_exact(&[], "assignments", &content.assignments)?;
        doc.put_exact(&[], "goals", &content.goals)
    })();
    if let Err(e) = written {
        doc.rollback();
        return Err(ServerError::Internal(format!("directory: {e}")));
    }
    let meta = ChangeMeta {
        op: Some("directory.update".into()),
        ..Default::default()
    };
    let Some(hash) = doc.commit(&meta, Utc::now().timestamp()) else {
        return Ok(None);
    };
    let bytes = doc
        .change_bytes(&hash)
        .ok_or_else(|| ServerError::Internal("directory change vanished".into()))?;
    Ok(Some(NewChangeRow {
        hash: hash.to_string(),
        actor: actor.to_hex_string(),
        bytes,
    }))
}
