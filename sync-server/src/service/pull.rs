//! What a phone lacks, decided from its cursor alone (`docs/adr/0002`), and the answer paged.
//!
//! Feed numbers are per team and become visible in order, so "everything numbered up to
//! `upto`" is a fixed set: every page of one answer reads up to the same `upto`, lists
//! documents by id, and the next page starts after the last document sent. A team whose
//! records are far larger than one page is sent in as many pages as it takes, each bounded,
//! and the phone's cursor moves to `upto` only with the last page.

use std::collections::{BTreeMap, HashSet};

use fieldbook_core::ids::{DocId, SeekerId};
use fieldbook_core::protocol::{
    DocData, DocUpdate, Rejection, Resume, SyncRequest, SyncResponse, ANSWER_PAGE_BYTES,
    PROTOCOL_VERSION,
};
use serde_bytes::ByteBuf;

use super::Service;
use crate::access::{read_grant, Caller, Caseload, DocMeta};
use crate::db::{AuditRow, ReadTx};
use crate::ServerResult;

/// What one readable document needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// The whole document: the phone cannot have it (new grant, first sync) or asked for it.
    Snapshot,
    /// The changes after the cursor that this device did not push itself.
    ChangesAfter(u64),
}

/// Who is asking and what they have, for planning.
#[derive(Debug)]
pub struct Holder<'a> {
    pub caller: &'a Caller,
    pub caseload: &'a Caseload,
    /// Job seekers whose record this very device created (its push made the assignment): it
    /// has them, so it gets only what others wrote, not a snapshot.
    pub created_here: &'a HashSet<SeekerId>,
    pub cursor: u64,
    pub upto: u64,
    /// Documents the phone asked for whole, or whose push was refused.
    pub explicit: &'a HashSet<DocId>,
}

/// What `doc` needs for the holder, if anything.
pub fn need(holder: &Holder<'_>, doc: &DocMeta) -> Option<Need> {
    let grant = read_grant(holder.caller, doc, holder.caseload)?;
    if grant > holder.upto {
        return None;
    }
    // (A phone at cursor 0 holds nothing from the server, whoever created the record.)
    let own = holder.cursor > 0
        && doc
            .seeker_id
            .is_some_and(|s| holder.created_here.contains(&s));
    if holder.explicit.contains(&doc.id) {
        Some(Need::Snapshot)
    } else if own {
        (doc.updated_seq > holder.cursor).then_some(Need::ChangesAfter(holder.cursor))
    } else if holder.cursor == 0 || grant > holder.cursor {
        Some(Need::Snapshot)
    } else {
        (doc.updated_seq > holder.cursor).then_some(Need::ChangesAfter(holder.cursor))
    }
}

impl Service {
    /// Everything the caller lacks: the answer, and an audit line per document served.
    pub(crate) fn pull(
        &self,
        caller: &Caller,
        request: &SyncRequest,
        rejected: Vec<Rejection>,
    ) -> ServerResult<(SyncResponse, Vec<AuditRow>)> {
        // Signed in at the very feed position the phone already holds, pushing and asking for
        // nothing: nothing to fetch, and no transaction needed to say so (most syncs).
        let idle = rejected.is_empty()
            && request.want.is_empty()
            && request.resume.is_none()
            && request.push.iter().all(|p| p.changes.is_empty());
        if idle && caller.team_feed == Some(request.cursor) {
            let answer = answer(
                request.cursor,
                false,
                None,
                rejected,
                Vec::new(),
                Vec::new(),
            );
            return Ok((answer, Vec::new()));
        }
        let view = self.read()?;
        let latest = view.feed_position(caller.team_id)?;
        // A phone ahead of the server (a server restored from a backup) starts again.
        let cursor = if request.cursor > latest {
            tracing::warn!(device = %caller.device_id, cursor = request.cursor, latest, "cursor ahead of the feed; sending everything again");
            0
        } else {
            request.cursor
        };
        let (upto, after) = match request.resume {
            Some(r) if r.upto <= latest && r.upto >= cursor => (r.upto, Some(r.after)),
            _ => (latest, None),
        };
        let explicit: HashSet<DocId> = request
            .want
            .iter()
            .copied()
            .chain(rejected.iter().map(|r| r.id))
            .collect();
        let nothing_new = explicit.is_empty() && after.is_none() && cursor >= upto;
        if nothing_new {
            let answer = answer(cursor, false, None, rejected, Vec::new(), Vec::new());
            return Ok((answer, Vec::new()));
        }
        let caseload_rows = if caller.role == fieldbook_core::model::Role::Specialist {
            view.caseload(caller.user_id)?
        } else {
            Vec::new()
        };
        let caseload: Caseload = caseload_rows.iter().map(|(s, seq, _)| (*s, *seq)).collect();
        let created_here: HashSet<SeekerId> = caseload_rows
            .iter()
            .filter(|(_, _, d)| *d == Some(caller.device_id))
            .map(|(s, _, _)| *s)
            .collect();
        let holder = Holder {
            caller,
            caseload: &caseload,
            created_here: &created_here,
            cursor,
            upto,
            explicit: &explicit,
        };
        let candidates = candidates(&*view, &holder)?;
        let mut planned: Vec<(&DocMeta, Need)> = candidates
            .values()
            .filter(|d| after.is_none_or(|a| d.id > a))
            .filter_map(|d| need(&holder, d).map(|n| (d, n)))
            .collect();
        planned.sort_by_key(|(d, _)| d.id);
        let mut docs = Vec::new();
        let mut used = 0usize;
        let mut resume = None;
        for (doc, need) in planned {
            let (data, size) = match need {
                Need::Snapshot => match view.stored_doc(doc.id)? {
                    Some(stored) => {
                        let bytes = stored.bytes();
                        let size = bytes.len();
                        (DocData::Snapshot(ByteBuf::from(bytes)), size)
                    }
                    None => continue,
                },
                Need::ChangesAfter(after) => {
                    let rows = view.changes_after(doc.id, after, upto, caller.device_id)?;
                    if rows.is_empty() {
                        continue;
                    }
                    let size = rows.iter().map(|r| r.bytes.len()).sum();
                    let changes = rows.into_iter().map(|r| ByteBuf::from(r.bytes)).collect();
                    (DocData::Changes(changes), size)
                }
            };
            if !docs.is_empty() && used + size > ANSWER_PAGE_BYTES {
                let last: &DocUpdate = docs.last().expect("not empty");
                resume = Some(Resume {
                    upto,
                    after: last.id,
                });
                break;
            }
            used += size;
            docs.push(DocUpdate {
                id: doc.id,
                kind: doc.kind,
                data,
            });
        }
        let removed: Vec<DocId> = view
            .revocations(caller.user_id, cursor)?
            .into_iter()
            .filter(|(d, seq)| *seq <= upto && !readable(&holder, candidates.get(d)))
            .map(|(d, _)| d)
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        let served = docs
            .iter()
            .map(|d| {
                AuditRow::new("serve")
                    .user(caller.user_id)
                    .device(caller.device_id)
                    .doc(d.id)
            })
            .collect();
        let (new_cursor, more) = match resume {
            Some(_) => (cursor, true),
            None => (upto, upto < latest),
        };
        Ok((
            answer(new_cursor, more, resume, rejected, docs, removed),
            served,
        ))
    }
}

fn answer(
    cursor: u64,
    more: bool,
    resume: Option<Resume>,
    rejected: Vec<Rejection>,
    docs: Vec<DocUpdate>,
    removed: Vec<DocId>,
) -> SyncResponse {
    SyncResponse {
        version: PROTOCOL_VERSION,
        cursor,
        more,
        resume,
        rejected,
        docs,
        removed,
    }
}

/// Whether a document the caller lost access to is readable again (reassigned back).
fn readable(holder: &Holder<'_>, doc: Option<&DocMeta>) -> bool {
    doc.is_some_and(|d| read_grant(holder.caller, d, holder.caseload).is_some())
}

/// The documents that may need sending, by id: on a first sync (or a user new to the team)
/// every document of the team; otherwise those changed after the cursor, those of job
/// seekers granted after it, those asked for, and those whose access was revoked (to tell
/// whether they are readable again).
fn candidates(view: &dyn ReadTx, holder: &Holder<'_>) -> ServerResult<BTreeMap<DocId, DocMeta>> {
    let team = holder.caller.team_id;
    let whole_team = holder.cursor == 0 || holder.caller.granted_seq > holder.cursor;
    let mut out: BTreeMap<DocId, DocMeta> = if whole_team {
        view.team_docs(team)?
    } else {
        view.team_docs_changed(team, holder.cursor)?
    }
    .into_iter()
    .map(|d| (d.id, d))
    .collect();
    let mut more: Vec<DocId> = holder.explicit.iter().copied().collect();
    for (seeker, grant) in holder.caseload {
        if *grant > holder.cursor {
            more.extend([seeker.doc(), seeker.notes_doc()]);
        }
    }
    more.extend(
        view.revocations(holder.caller.user_id, holder.cursor)?
            .into_iter()
            .map(|(d, _)| d),
    );
    for id in more {
        if let std::collections::btree_map::Entry::Vacant(slot) = out.entry(id) {
            if let Some(meta) = view.doc_meta(id)? {
                slot.insert(meta);
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use fieldbook_core::document::DocKind;
    use fieldbook_core::ids::{DeviceId, TeamId, UserId};
    use fieldbook_core::model::Role;

    fn caller(role: Role, team: TeamId) -> Caller {
        Caller {
            device_id: DeviceId::new(),
            user_id: UserId::new(),
            role,
            team_id: team,
            seeker_id: None,
            actor: "00".into(),
            granted_seq: 2,
            last_sync_at: None,
            last_cursor: 0,
            team_feed: None,
        }
    }

    fn meta(kind: DocKind, team: TeamId, seeker: Option<SeekerId>, updated: u64) -> DocMeta {
        DocMeta {
            id: DocId::new(),
            kind,
            team_id: team,
            seeker_id: seeker,
            created_seq: 1,
            updated_seq: updated,
            snapshot_seq: 1,
            size: 10,
        }
    }

    #[test]
    fn needs_follow_grant_cursor_and_upto() {
        let team = TeamId::new();
        let supervisor = caller(Role::Supervisor, team);
        let none = Caseload::new();
        let created = HashSet::new();
        let explicit = HashSet::new();
        let holder = |cursor, upto| Holder {
            caller: &supervisor,
            caseload: &none,
            created_here: &created,
            cursor,
            upto,
            explicit: &explicit,
        };
        let employer = meta(DocKind::Employer, team, None, 9);
        assert_eq!(need(&holder(0, 10), &employer), Some(Need::Snapshot));
        assert_eq!(need(&holder(5, 10), &employer), Some(Need::ChangesAfter(5)));
        assert_eq!(need(&holder(9, 10), &employer), None);
        // A grant the answer's `upto` does not cover comes with a later answer.
        assert_eq!(need(&holder(0, 1), &employer), None);
        let elsewhere = meta(DocKind::Employer, TeamId::new(), None, 9);
        assert_eq!(need(&holder(0, 10), &elsewhere), None);
    }
}
