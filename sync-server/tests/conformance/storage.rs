//! What every backend must do at the data-access level: transactions commit whole or not at
//! all, feeds number per team and in order, conditional writes refuse a stale version, codes
//! redeem once, a document's stored form is its snapshot plus the changes after it.

use chrono::{Duration, Utc};
use fieldbook_core::document::DocKind;
use fieldbook_core::ids::{DeviceId, DocId, SeekerId, TeamId, UserId};
use fieldbook_core::model::Role;
use fieldbook_server::db::{
    AuditRow, Database, DbError, DocMeta, NewChangeRow, NewDevice, RefusedPush, TeamRow, UserRow,
};

fn team(db: &dyn Database, name: &str) -> TeamId {
    let row = TeamRow {
        id: TeamId::new(),
        name: name.into(),
        created_at: Utc::now(),
    };
    let mut tx = db.write().unwrap();
    tx.insert_team(&row).unwrap();
    tx.commit().unwrap();
    row.id
}

fn user(db: &dyn Database, team: TeamId, role: Role) -> UserId {
    let row = UserRow {
        id: UserId::new(),
        team_id: team,
        name: "Someone".into(),
        role,
        seeker_id: None,
        created_at: Utc::now(),
    };
    let mut tx = db.write().unwrap();
    let seq = tx.next_seq(team).unwrap();
    tx.insert_user(&row, seq).unwrap();
    tx.commit().unwrap();
    row.id
}

fn doc_meta(id: DocId, team: TeamId) -> DocMeta {
    DocMeta {
        id,
        kind: DocKind::Employer,
        team_id: team,
        seeker_id: None,
        created_seq: 1,
        updated_seq: 0,
        snapshot_seq: 0,
        size: 0,
    }
}

fn change(n: u8) -> NewChangeRow {
    NewChangeRow {
        hash: format!("{n:064x}"),
        actor: "aa".into(),
        bytes: vec![n; 10],
    }
}

/// A write transaction dropped without commit leaves nothing; a committed one is seen by
/// the next read.
pub fn transactions_are_whole(db: &dyn Database) {
    let t = team(db, "North");
    {
        let mut tx = db.write().unwrap();
        tx.insert_audit(&[AuditRow::new("dropped")]).unwrap();
        tx.next_seq(t).unwrap();
    }
    let view = db.read().unwrap();
    assert!(view
        .audit(10)
        .unwrap()
        .iter()
        .all(|a| a.action != "dropped"));
    assert_eq!(
        view.feed_position(t).unwrap(),
        0,
        "the feed number went back"
    );
    drop(view);
    let mut tx = db.write().unwrap();
    tx.insert_audit(&[AuditRow::new("kept")]).unwrap();
    tx.commit().unwrap();
    assert_eq!(db.read().unwrap().audit(1).unwrap()[0].action, "kept");
    // A relaxed commit is just as visible, and ordinary commits work after it.
    let mut tx = db.write_relaxed().unwrap();
    tx.insert_audit(&[AuditRow::new("relaxed")]).unwrap();
    tx.commit().unwrap();
    assert_eq!(db.read().unwrap().audit(1).unwrap()[0].action, "relaxed");
    let mut tx = db.write().unwrap();
    tx.insert_audit(&[AuditRow::new("after")]).unwrap();
    tx.commit().unwrap();
    assert_eq!(db.read().unwrap().audit(1).unwrap()[0].action, "after");
}

/// Each team numbers its own feed from 1, in order, independently of the others.
pub fn feeds_are_per_team_and_ordered(db: &dyn Database) {
    let (a, b) = (team(db, "A"), team(db, "B"));
    let mut tx = db.write().unwrap();
    let seqs: Vec<u64> = (0..3).map(|_| tx.next_seq(a).unwrap()).collect();
    assert_eq!(seqs, vec![1, 2, 3]);
    assert_eq!(tx.next_seq(b).unwrap(), 1);
    tx.commit().unwrap();
    assert_eq!(db.read().unwrap().feed_position(a).unwrap(), 3);
}

/// Appending checks the version read: a writer that read an older version is refused
/// (another writer came first), and nothing of its append remains.
pub fn appends_are_conditional(db: &dyn Database) {
    let t = team(db, "T");
    let id = DocId::new();
    let mut tx = db.write().unwrap();
    tx.insert_doc(&doc_meta(id, t), "genesis-1", b"snap")
        .unwrap();
    let meta = tx.doc_meta(id).unwrap().unwrap();
    let seqs = tx
        .append_changes(&meta, 0, None, &[change(1), change(2)], Utc::now())
        .unwrap();
    tx.commit().unwrap();
    assert_eq!(seqs, vec![1, 2]);
    let meta = db.read().unwrap().doc_meta(id).unwrap().unwrap();
    assert_eq!(meta.updated_seq, 2);
    let mut tx = db.write().unwrap();
    let stale = tx.append_changes(&meta, 1, None, &[change(3)], Utc::now());
    assert!(matches!(stale, Err(DbError::Conflict)), "{stale:?}");
    drop(tx);
    let view = db.read().unwrap();
    assert_eq!(view.doc_changes(id).unwrap().len(), 2);
    assert_eq!(view.feed_position(t).unwrap(), 2);
}

/// A document's stored form: its snapshot and the changes after it; a new snapshot takes
/// the changes it covers out of the tail.
pub fn stored_documents_are_snapshot_and_tail(db: &dyn Database) {
    let t = team(db, "T");
    let id = DocId::new();
    let device = DeviceId::new();
    let mut tx = db.write().unwrap();
    tx.insert_doc(&doc_meta(id, t), "genesis-2", b"S0").unwrap();
    let meta = tx.doc_meta(id).unwrap().unwrap();
    tx.append_changes(&meta, 0, Some(device), &[change(1), change(2)], Utc::now())
        .unwrap();
    tx.commit().unwrap();
    let stored = db.read().unwrap().stored_doc(id).unwrap().unwrap();
    assert_eq!(stored.snapshot, b"S0");
    assert_eq!(stored.tail, vec![vec![1; 10], vec![2; 10]]);
    assert_eq!(stored.bytes().len(), 22);
    let mut tx = db.write().unwrap();
    tx.save_snapshot(id, b"S2", 2).unwrap();
    tx.commit().unwrap();
    let view = db.read().unwrap();
    let stored = view.stored_doc(id).unwrap().unwrap();
    assert_eq!(
        (stored.snapshot.as_slice(), stored.tail.len()),
        (b"S2".as_slice(), 0)
    );
    assert_eq!(stored.meta.size, 2);
    // The changes stay, for the feed: others' changes after a cursor, not the device's own.
    assert_eq!(
        view.changes_after(id, 0, 2, DeviceId::new()).unwrap().len(),
        2
    );
    assert_eq!(view.changes_after(id, 0, 2, device).unwrap().len(), 0);
    assert_eq!(
        view.changes_after(id, 1, 2, DeviceId::new()).unwrap().len(),
        1
    );
    assert_eq!(view.team_docs_changed(t, 1).unwrap().len(), 1);
    assert_eq!(view.team_docs_changed(t, 2).unwrap().len(), 0);
}

/// A code redeems once; an expired one never.
pub fn codes_redeem_once(db: &dyn Database) {
    let t = team(db, "T");
    let u = user(db, t, Role::Specialist);
    let mut tx = db.write().unwrap();
    tx.insert_code("h1", u, Utc::now() + Duration::hours(1))
        .unwrap();
    tx.insert_code("h2", u, Utc::now() - Duration::hours(1))
        .unwrap();
    tx.commit().unwrap();
    let (d1, d2) = (DeviceId::new(), DeviceId::new());
    let mut tx = db.write().unwrap();
    assert!(tx.redeem_code("h1", d1, Utc::now()).unwrap());
    assert!(!tx.redeem_code("h1", d2, Utc::now()).unwrap());
    assert!(!tx.redeem_code("h2", d2, Utc::now()).unwrap());
    tx.commit().unwrap();
    let code = db.read().unwrap().code("h1").unwrap().unwrap();
    assert!(code.used);
    assert_eq!(code.used_by, Some(d1));
}

/// Devices: found by token and by actor; revoked ones say so.
pub fn devices_are_found_by_token_and_actor(db: &dyn Database) {
    let t = team(db, "T");
    let u = user(db, t, Role::Specialist);
    let d = DeviceId::new();
    let mut tx = db.write().unwrap();
    tx.insert_device(&NewDevice {
        id: d,
        user_id: u,
        name: "phone".into(),
        actor: "ab".into(),
        token_hash: "tok".into(),
        at: Utc::now(),
    })
    .unwrap();
    tx.commit().unwrap();
    let view = db.read().unwrap();
    let owner = view.device_by_token("tok").unwrap().unwrap();
    assert_eq!((owner.caller.device_id, owner.revoked), (d, false));
    let bound = view.device_by_actor("ab").unwrap().unwrap();
    assert!(!bound.synced);
    drop(view);
    let mut tx = db.write().unwrap();
    tx.touch_device(d, Utc::now(), 7).unwrap();
    assert!(tx.revoke_device(d, Utc::now()).unwrap());
    assert!(!tx.revoke_device(DeviceId::new(), Utc::now()).unwrap());
    tx.commit().unwrap();
    let view = db.read().unwrap();
    let owner = view.device_by_token("tok").unwrap().unwrap();
    assert!(owner.revoked);
    assert_eq!(owner.caller.last_cursor, 7);
    assert!(view.device_by_actor("ab").unwrap().unwrap().synced);
    drop(view);
    // The token's lookup outside a transaction carries the team's feed position as it
    // stands, so an idle sync can be answered from it.
    let mut tx = db.write().unwrap();
    let seq = tx.next_seq(t).unwrap();
    tx.commit().unwrap();
    let owner = db.lookup().unwrap().device_by_token("tok").unwrap();
    assert_eq!(owner.unwrap().caller.team_feed, Some(seq));
    assert!(db
        .lookup()
        .unwrap()
        .device_by_token("nope")
        .unwrap()
        .is_none());
}

/// Caseloads and revocations, by user.
pub fn caseloads_and_revocations(db: &dyn Database) {
    let t = team(db, "T");
    let u = user(db, t, Role::Specialist);
    let s = SeekerId::new();
    let mut tx = db.write().unwrap();
    let seq = tx.next_seq(t).unwrap();
    tx.insert_assignment(s, u, seq, None).unwrap();
    tx.commit().unwrap();
    assert_eq!(
        db.read().unwrap().caseload(u).unwrap(),
        vec![(s, seq, None)]
    );
    let mut tx = db.write().unwrap();
    let r = tx.next_seq(t).unwrap();
    tx.insert_revocation(r, u, s.doc()).unwrap();
    tx.delete_assignment(s, u).unwrap();
    tx.commit().unwrap();
    let view = db.read().unwrap();
    assert!(view.caseload(u).unwrap().is_empty());
    assert_eq!(view.revocations(u, 0).unwrap(), vec![(s.doc(), r)]);
    assert!(view.revocations(u, r).unwrap().is_empty());
}

/// Settings keep the first value unless replaced.
pub fn settings(db: &dyn Database) {
    let mut tx = db.write().unwrap();
    assert_eq!(tx.setting_or_insert("k", "first").unwrap(), "first");
    assert_eq!(tx.setting_or_insert("k", "second").unwrap(), "first");
    tx.set_setting("k", "third").unwrap();
    tx.commit().unwrap();
    assert_eq!(
        db.read().unwrap().setting("k").unwrap().as_deref(),
        Some("third")
    );
}

/// Quarantine moves change rows aside, kept with the reason.
pub fn quarantine_keeps_what_it_takes(db: &dyn Database) {
    let t = team(db, "T");
    let id = DocId::new();
    let mut tx = db.write().unwrap();
    tx.insert_doc(&doc_meta(id, t), "genesis-3", b"S").unwrap();
    let meta = tx.doc_meta(id).unwrap().unwrap();
    tx.append_changes(&meta, 0, None, &[change(1), change(2)], Utc::now())
        .unwrap();
    tx.quarantine(id, &[change(2).hash], "broken", Utc::now())
        .unwrap();
    tx.commit().unwrap();
    let view = db.read().unwrap();
    assert_eq!(view.doc_changes(id).unwrap().len(), 1);
    let q = view.quarantined().unwrap();
    assert_eq!((q.len(), q[0].reason.as_str()), (1, "broken"));
    assert_eq!(view.stats().unwrap().quarantined, 1);
}

/// Refused pushes are kept whole, listed per team, and resolved once.
pub fn refused_work_is_kept(db: &dyn Database) {
    let t = team(db, "T");
    let u = user(db, t, Role::Supervisor);
    let push = RefusedPush {
        doc_id: DocId::new(),
        kind: DocKind::Seeker,
        team_id: t,
        user_id: u,
        device_id: DeviceId::new(),
        actor: "ab".into(),
        code: "forbidden".into(),
        reason: "no".into(),
        changes: vec![vec![1, 2, 3], vec![], vec![4]],
        at: Utc::now(),
    };
    let mut tx = db.write().unwrap();
    tx.insert_refused(&push).unwrap();
    tx.commit().unwrap();
    let rows = db.read().unwrap().refused(t).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].push.changes, push.changes);
    assert!(db
        .read()
        .unwrap()
        .refused(team(db, "Other"))
        .unwrap()
        .is_empty());
    let mut tx = db.write().unwrap();
    assert!(tx
        .resolve_refused(rows[0].id, "accepted", u, Utc::now())
        .unwrap());
    assert!(!tx
        .resolve_refused(rows[0].id, "dismissed", u, Utc::now())
        .unwrap());
    tx.commit().unwrap();
    let row = db.read().unwrap().refused_one(rows[0].id).unwrap().unwrap();
    assert_eq!(row.resolution.map(|r| r.0), Some("accepted".to_string()));
}

/// A named test of this part of the suite.
pub type StorageTest = (&'static str, fn(&dyn Database));

/// Every test of this part, in order.
pub fn all() -> Vec<StorageTest> {
    vec![
        ("transactions_are_whole", transactions_are_whole),
        (
            "feeds_are_per_team_and_ordered",
            feeds_are_per_team_and_ordered,
        ),
        ("appends_are_conditional", appends_are_conditional),
        (
            "stored_documents_are_snapshot_and_tail",
            stored_documents_are_snapshot_and_tail,
        ),
        ("codes_redeem_once", codes_redeem_once),
        (
            "devices_are_found_by_token_and_actor",
            devices_are_found_by_token_and_actor,
        ),
        ("caseloads_and_revocations", caseloads_and_revocations),
        ("settings", settings),
        (
            "quarantine_keeps_what_it_takes",
            quarantine_keeps_what_it_takes,
        ),
        ("refused_work_is_kept", refused_work_is_kept),
    ]
}
