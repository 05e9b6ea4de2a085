//! What the fuzz targets in `fuzz/` found, kept as ordinary tests. Each names the input kept
//! in `fuzz/regressions/<target>/` that `scripts/fuzz` replays on every run.

use fieldbook_core::document::{DocKind, Document};
use fieldbook_core::ids::{DocId, EmployerId};
use fieldbook_core::model::EmployerInfo;
use fieldbook_core::{NewEmployer, RemoteData, RemoteDoc, Store};

fn heads(store: &Store, id: DocId) -> Vec<automerge::ChangeHash> {
    let RemoteData::Snapshot(bytes) = store.export(id).unwrap().data else {
        panic!("export gives a snapshot")
    };
    Document::load_checked(DocKind::Employer, id, &bytes)
        .unwrap()
        .heads()
}

/// `fuzz/regressions/load_document/rival-genesis`: another document's genesis change (no
/// dependencies, a new author, sequence 1) passes the history checks of
/// `Document::apply_incoming`, and merged it writes a second `kind` and `id` beside the
/// document's own; when its author sorts after the document's genesis author, they win and the
/// document no longer reads as itself. A phone must refuse it for that document alone and keep
/// its copy exactly as it was.
#[test]
fn a_rival_genesis_from_elsewhere_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("phone.db"), None).unwrap();
    let bakery = store
        .create_employer(NewEmployer {
            id: None,
            info: EmployerInfo {
                name: "Maple Street Bakery".into(),
                ..Default::default()
            },
        })
        .unwrap();
    let before = heads(&store, bakery.doc());

    // A genesis whose author sorts after the bakery's: its header wins Automerge's conflict
    // (the input the fuzzer found; with the order reversed the rival stays hidden).
    let mine = Document::genesis_actor(bakery.doc());
    let rival_id = std::iter::repeat_with(|| EmployerId::new().doc())
        .find(|id| Document::genesis_actor(*id) > mine)
        .unwrap();
    let mut other = Document::genesis(DocKind::Employer, rival_id);
    let genesis = other.heads()[0];
    let rival = other.change_bytes(&genesis).unwrap();
    // The checks alone let it through: it is well-formed history.
    let mut copy = Document::load(
        DocKind::Employer,
        bakery.doc(),
        &match store.export(bakery.doc()).unwrap().data {
            RemoteData::Snapshot(b) => b,
            RemoteData::Changes(_) => unreachable!(),
        },
        &[],
    )
    .unwrap();
    copy.apply_incoming(&[&rival], &|_| Ok(())).unwrap();
    assert!(
        copy.validate().is_err(),
        "the merged document is not itself"
    );

    let outcome = store
        .merge_remote(vec![RemoteDoc {
            id: bakery.doc(),
            kind: DocKind::Employer,
            data: RemoteData::Changes(vec![rival]),
        }])
        .unwrap();
    assert!(outcome.changed.is_empty());
    assert_eq!(outcome.failed.len(), 1);
    assert_eq!(outcome.failed[0].0, bakery.doc());
    assert!(
        outcome.failed[0].1.contains("id does not match"),
        "{}",
        outcome.failed[0].1
    );
    assert_eq!(heads(&store, bakery.doc()), before);
    let employers = store.employers().unwrap();
    assert_eq!(employers.len(), 1);
    assert_eq!(employers[0].name, "Maple Street Bakery");
}

/// `fuzz/regressions/load_document/save-does-not-reload` found the class: a change Automerge
/// applies without complaint but does not hold as that change, so the document's own save no
/// longer loads. Here one of its members: a removal whose operation names no existing value
/// as the one it removes (tampered, checksum true). The document in memory takes it; saved,
/// it fails to load ("mismatching heads"). A phone merging it would store a copy it cannot open
/// again; it must be refused, and the stored copy kept.
#[test]
fn a_change_that_leaves_an_unloadable_save_is_refused() {
    use automerge::legacy::{OpId, OpType};
    use automerge::transaction::Transactable;
    use automerge::{ActorId, AutoCommit, Change, ExpandedChange, ROOT};

    let id = EmployerId::new().doc();
    let mut stored = Document::genesis(DocKind::Employer, id);
    let snapshot = stored.save();

    // Ana's phone writes a note; Luis's phone, having merged it, removes it.
    let mut ana = AutoCommit::load(&snapshot)
        .unwrap()
        .with_actor(ActorId::from(&b"ana's phone"[..]));
    ana.put(ROOT, "note", "first").unwrap();
    let first = ana.get_last_local_change().unwrap().clone();
    let mut luis = ana.fork().with_actor(ActorId::from(&b"luis's phone"[..]));
    luis.delete(ROOT, "note").unwrap();
    let removal = luis.get_last_local_change().unwrap().clone();
    // Tampered: the removal now names an operation that never existed.
    let mut tampered: ExpandedChange = removal.decode();
    for op in &mut tampered.operations {
        if matches!(op.action, OpType::Delete) {
            op.pred = op
                .pred
                .iter()
                .map(|p| OpId(p.0 + 100, p.1.clone()))
                .collect::<Vec<_>>()
                .into();
        }
    }
    let tampered = Change::from(tampered);
    // Automerge alone takes it, and then cannot load its own save.
    let mut plain = AutoCommit::load(&snapshot).unwrap();
    plain
        .apply_changes([first.clone(), tampered.clone()])
        .unwrap();
    assert!(AutoCommit::load(&plain.save()).is_err());

    let mut phone = Document::load(DocKind::Employer, id, &snapshot, &[]).unwrap();
    phone
        .apply_incoming(&[first.raw_bytes()], &|_| Ok(()))
        .unwrap();
    let before = phone.save();
    let err = phone
        .apply_incoming(&[tampered.raw_bytes()], &|_| Ok(()))
        .expect_err("a change whose document does not load again is refused");
    assert!(
        err.to_string().contains("does not load again"),
        "refused for the reason found: {err}"
    );
    // The copy kept before the merge still loads, with the note.
    let kept = Document::load(DocKind::Employer, id, &before, &[]).unwrap();
    assert_eq!(kept.to_json().unwrap()["note"], "first");
    // The untampered removal is taken.
    let mut honest = Document::load(DocKind::Employer, id, &before, &[]).unwrap();
    honest
        .apply_incoming(&[removal.raw_bytes()], &|_| Ok(()))
        .unwrap();
    assert!(honest.to_json().unwrap().get("note").is_none());
}
