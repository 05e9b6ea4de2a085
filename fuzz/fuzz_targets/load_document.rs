//! Loading a stored document, and applying changes from elsewhere to a real one.
//! `Document::load` and `Document::load_checked` on any bytes must return; a document that
//! loads checked must save and load checked again. `Document::apply_incoming` must return;
//! what it accepts must leave a history that passes the audit and, when the document still
//! validates (what both ends check before storing), one that loads checked from its saved
//! bytes; what the checks refuse must leave the document as it was.

#![no_main]

use fieldbook_core::document::{DocKind, Document, Problem};
use fieldbook_fuzz::fixture;
use fieldbook_fuzz::plan::{pool_indices, ChangeSrc, DocPlan, PushPlan, Target};
use libfuzzer_sys::fuzz_target;
use serde::{Deserialize, Serialize};

#[derive(Debug, Serialize, Deserialize)]
enum Input {
    /// Bytes read as the stored form of the fixture's n-th document.
    Stored(u8, serde_bytes::ByteBuf),
    /// Changes from elsewhere for the fixture's n-th document, as a plan of the pool's real
    /// changes, crafted ones and raw bytes.
    Incoming(u8, Vec<ChangeSrc>),
}

fuzz_target!(
    init: {
        fieldbook_fuzz::init(|dir| fieldbook_fuzz::write_seeds(dir, &seeds()));
        fixture::get();
    },
    |data: &[u8]| {
        match postcard::from_bytes::<Input>(data) {
            Ok(Input::Stored(n, bytes)) => stored(n, &bytes),
            Ok(Input::Incoming(n, changes)) => incoming(n, changes),
            Err(_) => {}
        }
    }
);

fn stored(n: u8, bytes: &[u8]) {
    let fx = fixture::get();
    let (id, kind, _) = &fx.snapshots[usize::from(n) % fx.snapshots.len()];
    if let Ok(d) = Document::load(*kind, *id, bytes, &[]) {
        // What a phone does with a document it loaded: reads it.
        let _ = d.to_json();
        let _ = d.validate();
    }
    if let Ok(mut d) = Document::load_checked(*kind, *id, bytes) {
        let saved = d.save();
        if let Err(e) = Document::load_checked(*kind, *id, &saved) {
            panic!("a checked document does not load again from its own save: {e}");
        }
    }
}

fn incoming(n: u8, changes: Vec<ChangeSrc>) {
    let fx = fixture::get();
    let (id, kind, snapshot) = &fx.snapshots[usize::from(n) % fx.snapshots.len()];
    let plan = PushPlan {
        docs: vec![DocPlan {
            target: Target::Stored(n),
            kind: None,
            changes,
        }],
    };
    let Some(push) = plan.resolve(fx).pop() else {
        return;
    };
    let mut doc = Document::load(*kind, *id, snapshot, &[]).expect("a real snapshot loads");
    let before = doc.heads();
    match doc.apply_incoming(&push.changes, &|_| Ok(())) {
        Ok(_) => {
            if let Err((hash, p)) = doc.audit() {
                panic!("accepted changes broke the history at {hash}: {p}");
            }
            // Both ends validate what changes made before they store it (a change may break
            // the schema, even the header); what passes must load again as it is stored.
            if doc.validate().is_ok() {
                let saved = doc.save();
                if let Err(e) = Document::load_checked(*kind, *id, &saved) {
                    panic!("a valid document does not load again from its own save: {e}");
                }
            }
        }
        Err(Problem::Crashed | Problem::Refused(_)) => {}
        Err(_) => assert_eq!(doc.heads(), before, "refused changes changed the document"),
    }
}

/// Every stored document of the fixture, and the pool's real changes for each.
fn seeds() -> Vec<(String, Vec<u8>)> {
    let fx = fixture::get();
    let mut seeds = Vec::new();
    for (n, (_, kind, bytes)) in fx.snapshots.iter().enumerate() {
        let input = Input::Stored(n as u8, bytes.clone().into());
        seeds.push((format!("stored-{}", kind.as_str()), enc(&input)));
    }
    let idx = pool_indices(fx);
    for (d, push) in fx.pool.iter().enumerate() {
        let Some(n) = fx.snapshots.iter().position(|(id, _, _)| *id == push.id) else {
            continue;
        };
        let changes: Vec<ChangeSrc> = idx
            .iter()
            .filter(|(doc, _)| *doc == d)
            .map(|(_, c)| ChangeSrc::Pool(*c))
            .collect();
        let name = format!("incoming-{}", push.kind.as_str());
        seeds.push((name, enc(&Input::Incoming(n as u8, changes))));
    }
    let directory = fx
        .snapshots
        .iter()
        .position(|(_, k, _)| *k == DocKind::Directory)
        .unwrap_or(0);
    seeds.push((
        "incoming-genesis".into(),
        enc(&Input::Incoming(directory as u8, vec![ChangeSrc::Genesis])),
    ));
    seeds
}

fn enc(i: &Input) -> Vec<u8> {
    postcard::to_stdvec(i).unwrap_or_default()
}
