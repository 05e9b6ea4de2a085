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
