//! A hostile (or broken) server: the phone trusts the server with who may read what, never
//! with well-formedness. Every answer below is refused with a typed error and changes nothing
//! on the phone, or — when one document is at fault — fails that document alone.

use std::cell::Cell;

use fieldbook_core::document::{ChangeMeta, DocKind, Document};
use fieldbook_core::ids::{DeviceId, DocId, SeekerId, TeamId, UserId};
use fieldbook_core::model::Role;
use fieldbook_core::protocol::{
    self, DocData, DocUpdate, EnrollResponse, RejectCode, Rejection, SyncRequest, SyncResponse,
    PROTOCOL_VERSION,
};
use fieldbook_core::{Error, Refusal, Store};
use fieldbook_test_support::fixtures::employer;
use fieldbook_test_support::forge;
use serde_bytes::ByteBuf;

struct Phone {
    _dir: tempfile::TempDir,
    store: Store,
    team: TeamId,
}

fn phone(role: Role) -> Phone {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("p.db"), None).unwrap();
    let team = TeamId::new();
    store
        .accept_enrollment(
            "http://127.0.0.1:9",
            &EnrollResponse {
                version: PROTOCOL_VERSION,
                device_id: DeviceId::new(),
                user_id: UserId::new(),
                user_name: "Ana".into(),
                role,
                team_id: team,
                token: "t".into(),
            },
            None,
        )
        .unwrap();
    Phone {
        _dir: dir,
        store,
        team,
    }
}

/// What a phone holds and has queued: documents, unsent changes, want list.
fn state(store: &Store) -> (Vec<(DocId, DocKind)>, u64, String) {
    let (docs, pending) = (store.documents().unwrap(), store.pending_changes().unwrap());
    let cursor = format!("{:?}", store.last_sync().unwrap());
    (docs, pending, cursor)
}

fn answer(docs: Vec<DocUpdate>) -> SyncResponse {
    SyncResponse {
        version: PROTOCOL_VERSION,
        cursor: 5,
        more: false,
        resume: None,
        rejected: Vec::new(),
        docs,
        removed: Vec::new(),
    }
}

/// Syncs `phone` against a server that always answers `reply` (encoded).
fn sync_against(
    phone: &Phone,
    reply: impl Fn(&SyncRequest) -> Vec<u8>,
) -> fieldbook_core::Result<fieldbook_core::SyncReport> {
    let exchange = |body: Vec<u8>| -> Result<Vec<u8>, Refusal> {
        let request: SyncRequest = protocol::decode(&body).unwrap();
        Ok(reply(&request))
    };
    phone.store.sync_with(&exchange, None)
}

fn employer_doc(id: DocId, changes: usize) -> Document {
    let mut doc = Document::genesis(DocKind::Employer, id);
    doc.set_actor(&automerge::ActorId::random());
    doc.put(&[], "name", &"Shop").unwrap();
    doc.commit(&ChangeMeta::default(), 0);
    for i in 0..changes {
        doc.put(&[], "phone", &format!("{i}")).unwrap();
        doc.commit(&ChangeMeta::default(), 0);
    }
    doc
}

fn snapshot(doc: &mut Document) -> DocUpdate {
    DocUpdate {
        id: doc.id(),
        kind: doc.kind(),
        data: DocData::Snapshot(ByteBuf::from(doc.save())),
    }
}

fn assert_refused(result: fieldbook_core::Result<fieldbook_core::SyncReport>, why: &str) {
    match result {
        Err(Error::Malformed { what, reason }) => {
            assert_eq!(what, "sync answer", "{reason}");
            assert!(reason.contains(why), "{reason}");
        }
        other => panic!("expected a refused answer ({why}), got {other:?}"),
    }
}

#[test]
fn answers_no_server_should_give_are_refused_and_change_nothing() {
    let p = phone(Role::Specialist);
    let shop = employer(&p.store, "Local shop");
    let before = state(&p.store);
    let good = snapshot(&mut employer_doc(DocId::new(), 1));

    // Another protocol version.
    let r = sync_against(&p, |_| {
        let mut a = answer(vec![good.clone()]);
        a.version = 99;
        protocol::encode(&a).unwrap()
    });
    assert_refused(r, "protocol version");
    // A refusal of a document that was not sent.
    let r = sync_against(&p, |_| {
        let mut a = answer(Vec::new());
        a.rejected.push(Rejection {
            id: DocId::new(),
            code: RejectCode::Forbidden,
            reason: "no".into(),
        });
        protocol::encode(&a).unwrap()
    });
    assert_refused(r, "not sent");
    // The same document twice.
    let r = sync_against(&p, |_| {
        protocol::encode(&answer(vec![good.clone(), good.clone()])).unwrap()
    });
    assert_refused(r, "twice");
    // Another team's directory.
    let r = sync_against(&p, |_| {
        let mut other = Document::genesis(DocKind::Directory, TeamId::new().doc());
        protocol::encode(&answer(vec![snapshot(&mut other)])).unwrap()
    });
    assert_refused(r, "directory");
    // Bytes that are no answer at all, cut short, or a decompression bomb.
    for body in [
        b"not gzip".to_vec(),
        protocol::encode(&answer(Vec::new())).unwrap()[..20].to_vec(),
        bomb(),
    ] {
        let r = sync_against(&p, |_| body.clone());
        assert!(matches!(r, Err(Error::Malformed { .. })), "{r:?}");
    }
    // An answer claiming a billion documents in a few bytes.
    let r = sync_against(&p, |_| {
        let mut raw = postcard_prefix();
        raw.extend([0xff, 0xff, 0xff, 0xff, 0x03]);
        gzip(&raw)
    });
    assert!(matches!(r, Err(Error::Malformed { .. })), "{r:?}");
    assert_eq!(state(&p.store), before, "nothing was applied");
    assert!(p.store.employer(shop).is_ok());
}

#[test]
fn a_job_seekers_phone_refuses_what_it_may_not_hold() {
    let p = phone(Role::Seeker);
    let before = state(&p.store);
    for kind in [DocKind::Notes, DocKind::Employer, DocKind::Directory] {
        let r = sync_against(&p, |_| {
            let id = match kind {
                DocKind::Notes => SeekerId::new().notes_doc(),
                DocKind::Directory => p.team.doc(),
                _ => DocId::new(),
            };
            let mut doc = Document::genesis(kind, id);
            protocol::encode(&answer(vec![snapshot(&mut doc)])).unwrap()
        });
        assert_refused(r, "may not hold");
    }
    assert_eq!(state(&p.store), before);
}

#[test]
fn a_bad_document_fails_alone() {
    let p = phone(Role::Specialist);
    let id = DocId::new();
    let mut doc = employer_doc(id, 2);
    let changes: Vec<Vec<u8>> = doc
        .changes()
        .iter()
        .map(|c| c.raw_bytes().to_vec())
        .collect();
    // The last change rewritten to reuse its operation numbers under the next sequence.
    let crafted = forge::rewrite(changes.last().unwrap(), |h| h.seq += 1);
    let mut fine = employer_doc(DocId::new(), 1);
    let fine_update = snapshot(&mut fine);
    let mut all = changes.clone();
    all.push(crafted);
    let garbage_id = DocId::new();
    let mut junk = b"\x85\x6f\x4a\x83".to_vec();
    junk.extend(std::iter::repeat_n(0xab, 200));
    let rounds = Cell::new(0);
    // As a real server would: the documents once, then again whole when the phone asks.
    let report = sync_against(&p, |request| {
        rounds.set(rounds.get() + 1);
        let first = rounds.get() == 1;
        let mut docs = Vec::new();
        if first || request.want.contains(&id) {
            docs.push(DocUpdate {
                id,
                kind: DocKind::Employer,
                data: DocData::Changes(all.iter().cloned().map(ByteBuf::from).collect()),
            });
        }
        if first || request.want.contains(&garbage_id) {
            docs.push(DocUpdate {
                id: garbage_id,
                kind: DocKind::Employer,
                data: DocData::Snapshot(ByteBuf::from(junk.clone())),
            });
        }
        if first {
            docs.push(fine_update.clone());
        }
        protocol::encode(&answer(docs)).unwrap()
    })
    .expect("the sync itself goes through");
    assert!(report.failed.contains(&id), "{:?}", report.failed);
    assert!(report.failed.contains(&garbage_id));
    assert!(
        p.store.employer(fine.id().uuid().into()).is_ok(),
        "the good one merged"
    );
    assert!(
        p.store.employer(id.uuid().into()).is_err(),
        "the bad one applied nothing"
    );
}

#[test]
fn a_server_that_never_finishes_is_an_error_not_a_success() {
    let p = phone(Role::Specialist);
    let cursor = Cell::new(0u64);
    let r = sync_against(&p, |_| {
        cursor.set(cursor.get() + 1);
        let mut a = answer(Vec::new());
        a.cursor = cursor.get();
        a.more = true;
        protocol::encode(&a).unwrap()
    });
    assert!(matches!(r, Err(Error::Incomplete(_))), "{r:?}");
}

fn bomb() -> Vec<u8> {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1024 * 1024];
    for _ in 0..(protocol::MAX_BODY_BYTES / zeros.len() + 2) {
        gz.write_all(&zeros).unwrap();
    }
    gz.finish().unwrap()
}

fn gzip(raw: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    gz.write_all(raw).unwrap();
    gz.finish().unwrap()
}

/// A postcard answer's first fields (version, cursor, more, no resume, no rejections), up to
/// the length of its document list.
fn postcard_prefix() -> Vec<u8> {
    vec![PROTOCOL_VERSION as u8, 5, 0, 0, 0]
}
