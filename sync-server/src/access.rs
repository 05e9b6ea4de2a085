//! The access rules of `docs/adr/0003-access-rules.md`, as pure functions over who is asking
//! and what a document is. Every backend asks these; none restates them in SQL.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use fieldbook_core::document::DocKind;
use fieldbook_core::ids::{DeviceId, SeekerId, TeamId, UserId};
use fieldbook_core::model::Role;

pub use crate::db::DocMeta;

/// An authenticated device and the person it belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub device_id: DeviceId,
    pub user_id: UserId,
    pub role: Role,
    pub team_id: TeamId,
    /// For a job seeker's account: whose record it is.
    pub seeker_id: Option<SeekerId>,
    /// The Automerge actor (hex) this device writes with.
    pub actor: String,
    /// Feed position at which the user joined the team.
    pub granted_seq: u64,
    /// When the device last synced, and the cursor it was then given.
    pub last_sync_at: Option<DateTime<Utc>>,
    pub last_cursor: u64,
    /// The team's feed position read with the token, when the caller came through sign-in:
    /// a sync at this cursor that pushes and asks for nothing has nothing to fetch.
    pub team_feed: Option<u64>,
}

/// The caller's caseload: job seekers assigned to them, with the feed position of each grant.
pub type Caseload = HashMap<SeekerId, u64>;

/// Since which feed position `caller` may read `doc`, or `None` if they may not.
pub fn read_grant(caller: &Caller, doc: &DocMeta, caseload: &Caseload) -> Option<u64> {
    if doc.team_id != caller.team_id {
        return None;
    }
    match (caller.role, doc.kind) {
        (Role::Admin, _) => None,
        (Role::Seeker, DocKind::Seeker) => (doc.seeker_id.is_some()
            && doc.seeker_id == caller.seeker_id)
            .then_some(caller.granted_seq),
        (Role::Seeker, _) => None,
        (Role::Supervisor, _) => Some(caller.granted_seq),
        (Role::Specialist, DocKind::Employer | DocKind::Directory) => Some(caller.granted_seq),
        (Role::Specialist, DocKind::Seeker | DocKind::Notes) => {
            doc.seeker_id.and_then(|s| caseload.get(&s).copied())
        }
    }
}

/// Whether `caller` may change `doc`. The directory is written by the server only.
pub fn may_write(caller: &Caller, doc: &DocMeta, caseload: &Caseload) -> bool {
    caller.role.may_edit_records()
        && doc.kind != DocKind::Directory
        && read_grant(caller, doc, caseload).is_some()
}

/// Whether `caller` may create a new document of `kind` (for `notes`, the job seeker's
/// record must also be writable: checked once the document says whose it is).
pub fn may_create(caller: &Caller, kind: DocKind) -> bool {
    caller.role.may_edit_records() && kind != DocKind::Directory
}

#[cfg(test)]
mod tests {
    use super::*;

    fn caller(role: Role, team: TeamId) -> Caller {
        Caller {
            device_id: DeviceId::new(),
            user_id: UserId::new(),
            role,
            team_id: team,
            seeker_id: None,
            actor: "00".into(),
            granted_seq: 5,
            last_sync_at: None,
            last_cursor: 0,
            team_feed: None,
        }
    }

    fn doc(kind: DocKind, team: TeamId, seeker: Option<SeekerId>) -> DocMeta {
        DocMeta {
            id: fieldbook_core::ids::DocId::new(),
            kind,
            team_id: team,
            seeker_id: seeker,
            created_seq: 1,
            updated_seq: 1,
            snapshot_seq: 1,
            size: 1,
        }
    }

    #[test]
    fn the_table_of_adr_0003() {
        let team = TeamId::new();
        let mine = SeekerId::new();
        let other = SeekerId::new();
        let caseload: Caseload = [(mine, 9)].into();
        let none = Caseload::new();
        let specialist = caller(Role::Specialist, team);
        let supervisor = caller(Role::Supervisor, team);
        let admin = caller(Role::Admin, team);
        let mut seeker = caller(Role::Seeker, team);
        seeker.seeker_id = Some(mine);

        let my_record = doc(DocKind::Seeker, team, Some(mine));
        let my_notes = doc(DocKind::Notes, team, Some(mine));
        let other_record = doc(DocKind::Seeker, team, Some(other));
        let employer = doc(DocKind::Employer, team, None);
        let directory = doc(DocKind::Directory, team, None);
        let foreign_employer = doc(DocKind::Employer, TeamId::new(), None);

        assert_eq!(read_grant(&specialist, &my_record, &caseload), Some(9));
        assert_eq!(read_grant(&specialist, &my_notes, &caseload), Some(9));
        assert_eq!(read_grant(&specialist, &other_record, &caseload), None);
        assert_eq!(read_grant(&specialist, &employer, &none), Some(5));
        assert_eq!(read_grant(&specialist, &foreign_employer, &none), None);
        assert!(may_write(&specialist, &my_record, &caseload));
        assert!(!may_write(&specialist, &directory, &caseload));

        assert_eq!(read_grant(&supervisor, &other_record, &none), Some(5));
        assert!(may_write(&supervisor, &other_record, &none));

        assert_eq!(read_grant(&seeker, &my_record, &none), Some(5));
        for d in [&my_notes, &other_record, &employer, &directory] {
            assert_eq!(read_grant(&seeker, d, &none), None);
        }
        assert!(!may_write(&seeker, &my_record, &none));
        assert!(!may_create(&seeker, DocKind::Seeker));

        for d in [&my_record, &my_notes, &employer, &directory] {
            assert_eq!(read_grant(&admin, d, &caseload), None);
        }
        assert!(!may_create(&admin, DocKind::Employer));
        assert!(!may_create(&supervisor, DocKind::Directory));
    }
}
