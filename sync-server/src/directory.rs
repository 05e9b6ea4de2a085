//! The team directory document (roster, caseload assignments, goals): the one document the
//! server writes. Rebuilt from the account tables whenever they change, so phones learn
//! the roster through the same feed as everything else.

use std::collections::BTreeMap;

use automerge::ActorId;
use fieldbook_core::document::{ChangeMeta, Document};
use fieldbook_core::ids::{SeekerId, UserId};
use fieldbook_core::model::{Directory, Goals, Member, TeamInfo};

use crate::merge::NewChange;
use crate::storage::{TeamRow, UserRow};
use crate::{ServerError, ServerResult};

/// The directory's content for `team`: staff (not job seekers, not admins) and assignments.
pub fn build(team: &TeamRow, users: &[UserRow], assignments: &[(SeekerId, UserId)]) -> Directory {
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
        goals: Goals::default(),
    }
}

/// Writes `content` into `doc` as the server (`actor`), deleting what it no longer holds.
/// Returns the change made, if anything differed.
pub fn rewrite(
    doc: &mut Document,
    content: &Directory,
    actor: &ActorId,
    now: i64,
) -> ServerResult<Option<NewChange>> {
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
    let Some(hash) = doc.commit(&meta, now) else {
        return Ok(None);
    };
    let bytes = doc
        .change_bytes(&hash)
        .ok_or_else(|| ServerError::Internal("directory change vanished".into()))?;
    Ok(Some(NewChange {
        hash: hash.to_string(),
        actor: actor.to_hex_string(),
        bytes,
        pushed: false,
    }))
}
