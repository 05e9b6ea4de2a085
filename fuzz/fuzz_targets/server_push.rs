//! Applying pushed changes on the server. Each input is a push plan (see `plan.rs`) sent by the
//! specialist's real phone to a real `Service` over SQLite, started from the same stored team
//! every time. `Service::sync` must answer (a refusal is per document, never the request),
//! every stored document must still load as a phone loads it, a refused document must be
//! exactly as it was, and every change of an accepted document must be stored.

#![no_main]

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use fieldbook_core::document::{DocKind, Document};
use fieldbook_core::ids::DocId;
use fieldbook_core::protocol::{SyncRequest, PROTOCOL_VERSION};
use fieldbook_fuzz::craft::{Author, Edit, Scalar};
use fieldbook_fuzz::plan::{pool_indices, ChangeSrc, DocPlan, PushPlan, Target};
use fieldbook_fuzz::{fixture, scratch};
use fieldbook_server::db::sqlite::{file_in, SqliteDb};
use fieldbook_server::db::Database;
use fieldbook_server::service::Service;
use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: {
        fieldbook_fuzz::init(|dir| fieldbook_fuzz::write_seeds(dir, &seeds()));
        fixture::get();
    },
    |data: &[u8]| {
        if let Some(plan) = PushPlan::decode(data) {
            run(&plan);
        }
    }
);

fn run(plan: &PushPlan) {
    let fx = fixture::get();
    let push = plan.resolve(fx);
    let dir = scratch();
    std::fs::copy(&fx.server_db, file_in(dir.path())).expect("copy the server");
    let db = Arc::new(SqliteDb::open(dir.path()).expect("open the server"));
    let service = Service::new(db.clone()).expect("the service");
    let caller = service.authenticate(&fx.token).expect("the phone's token");
    let request = SyncRequest {
        version: PROTOCOL_VERSION,
        cursor: 0,
        push: push.clone(),
        want: vec![],
        resume: None,
    };
    let response = match service.sync(&caller, &request) {
        Ok(r) => r,
        Err(e) => panic!("a push took the whole request down: {e}"),
    };
    let rejected: BTreeSet<DocId> = response.rejected.iter().map(|r| r.id).collect();
    let mut pushed: BTreeMap<DocId, usize> = BTreeMap::new();
    for p in &push {
        *pushed.entry(p.id).or_default() += 1;
    }
    let read = db.read().expect("a read");
    for meta in read.team_docs(fx.team).expect("the team's documents") {
        let stored = read.stored_doc(meta.id).expect("read").expect("listed");
        let mut doc = match Document::load_checked(meta.kind, meta.id, &stored.bytes()) {
            Ok(d) => d,
            Err(e) => panic!("stored {:?} {} no longer loads: {e}", meta.kind, meta.id),
        };
        let before = fx.docs.iter().find(|(id, _, _)| *id == meta.id);
        // The server rewrites the team's directory when a push adds a job seeker.
        if meta.kind == DocKind::Directory {
            continue;
        }
        if !pushed.contains_key(&meta.id) {
            let heads = before.map(|(_, _, h)| h.clone());
            assert_eq!(
                Some(doc.heads()),
                heads,
                "{} changed, never pushed",
                meta.id
            );
            continue;
        }
        if pushed.get(&meta.id) != Some(&1) {
            continue;
        }
        if rejected.contains(&meta.id) {
            let heads = before.map(|(_, _, h)| h.clone());
            assert_eq!(
                Some(doc.heads()),
                heads,
                "refused document {} changed (or was created)",
                meta.id
            );
        } else if let Some(p) = push.iter().find(|p| p.id == meta.id) {
            for bytes in &p.changes {
                let hash = automerge::Change::from_bytes(bytes.to_vec())
                    .expect("an accepted change decodes")
                    .hash();
                assert!(
                    doc.change_bytes(&hash).is_some(),
                    "an accepted change of {} is not stored",
                    meta.id
                );
            }
        }
    }
}

/// Real pushes and the attacks of issue 13's findings 1, 2 and 6, on the fixture's pool.
fn seeds() -> Vec<(String, Vec<u8>)> {
    let fx = fixture::get();
    let idx = pool_indices(fx);
    let of_doc = |d: usize| -> Vec<u16> {
        idx.iter()
            .filter(|(doc, _)| *doc == d)
            .map(|(_, n)| *n)
            .collect()
    };
    let honest = |d: usize| DocPlan {
        target: Target::Pool(d as u8),
        kind: None,
        changes: of_doc(d).into_iter().map(ChangeSrc::Pool).collect(),
    };
    let mut seeds = Vec::new();
    let mut add = |name: &str, docs: Vec<DocPlan>| {
        seeds.push((name.to_string(), PushPlan { docs }.encode()));
    };
    add("whole-push", (0..fx.pool.len()).map(honest).collect());
    for d in 0..fx.pool.len() {
        add(&format!("doc-{d}"), vec![honest(d)]);
        let first = of_doc(d);
        let Some(&c) = first.last() else { continue };
        let with = |extra: ChangeSrc| {
            let mut p = honest(d);
            p.changes.push(extra);
            vec![p]
        };
        // Finding 1: the next seq with the same start_op, checksum recomputed.
        add(
            &format!("doc-{d}-reused-ops"),
            with(ChangeSrc::Crafted(c, vec![Edit::Seq(1)])),
        );
        // Finding 2: a gap in the sequence; an unknown author starting at seq 2.
        add(
            &format!("doc-{d}-seq-gap"),
            with(ChangeSrc::Crafted(
                c,
                vec![Edit::Seq(2), Edit::StartOp(100)],
            )),
        );
        add(
            &format!("doc-{d}-stranger"),
            with(ChangeSrc::Crafted(
                c,
                vec![Edit::Actor(Author::Stranger(7)), Edit::Seq(1)],
            )),
        );
        // Finding 6: a change naming someone else.
        add(
            &format!("doc-{d}-misattributed"),
            vec![DocPlan {
                target: Target::Pool(d as u8),
                kind: None,
                changes: first
                    .iter()
                    .map(|n| {
                        ChangeSrc::Crafted(
                            *n,
                            vec![Edit::Message(Some(
                                r#"{"op":"visit.log","user":"00000000-0000-4000-8000-000000000000"}"#
                                    .into(),
                            ))],
                        )
                    })
                    .collect(),
            }],
        );
        add(
            &format!("doc-{d}-bad-value"),
            with(ChangeSrc::Crafted(c, vec![Edit::Value(0, Scalar::Int(-1))])),
        );
        add(
            &format!("doc-{d}-flipped"),
            with(ChangeSrc::Flipped {
                change: c,
                at: 40,
                xor: 0x10,
                fix_checksum: true,
            }),
        );
    }
    add(
        "kind-mismatch",
        vec![DocPlan {
            kind: Some(1),
            ..honest(0)
        }],
    );
    add(
        "derived-id",
        vec![DocPlan {
            target: Target::Fresh {
                derived: true,
                bits: 42,
            },
            kind: None,
            changes: vec![ChangeSrc::Genesis],
        }],
    );
    add(
        "raw",
        vec![DocPlan {
            target: Target::Stored(0),
            kind: None,
            changes: vec![ChangeSrc::Raw(
                vec![0x85, 0x6f, 0x4a, 0x83, 0, 0, 0, 0, 1].into(),
            )],
        }],
    );
    seeds
}
