//! What a phone's store must be after anything: it opens, every document it holds loads as a
//! document from elsewhere is loaded (history audited, schema checked), and the lists the
//! screens read agree with the documents.

use std::collections::{BTreeMap, BTreeSet};

use automerge::ChangeHash;
use fieldbook_core::document::{DocKind, Document};
use fieldbook_core::ids::DocId;
use fieldbook_core::{RemoteData, Store};

/// Every document of a store with its heads.
pub type State = BTreeMap<DocId, (DocKind, Vec<ChangeHash>)>;

/// What `store` holds; panics (fails the fuzz run) when a document does not load or the
/// employer list disagrees with the employer documents.
pub fn checked_state(store: &Store) -> State {
    let mut out = State::new();
    for (id, kind) in store.documents().expect("the documents") {
        let remote = store.export(id).expect("a held document exports");
        let RemoteData::Snapshot(bytes) = remote.data else {
            panic!("export gave changes")
        };
        let mut doc = match Document::load_checked(kind, id, &bytes) {
            Ok(d) => d,
            Err(e) => panic!("held {kind:?} {id} does not load: {e}"),
        };
        out.insert(id, (kind, doc.heads()));
    }
    let listed: BTreeSet<DocId> = store
        .employers()
        .expect("the employer list")
        .iter()
        .map(|e| e.employer_id.doc())
        .collect();
    let held: BTreeSet<DocId> = out
        .iter()
        .filter(|(_, (k, _))| *k == DocKind::Employer)
        .map(|(id, _)| *id)
        .collect();
    assert_eq!(
        listed, held,
        "the employer list disagrees with the documents"
    );
    store
        .caseload(fieldbook_core::today())
        .expect("the caseload");
    out
}
