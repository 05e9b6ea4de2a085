//! Decoding a sync answer and merging it on the phone: `Store::sync_with` on a copy of a real
//! phone's store, its exchange answering with the fuzzed bodies, one per round, then failing
//! as a network would. The sync must return (`Ok` or a typed error), the store must open
//! again with every document loading as its kind and the screens' lists agreeing with the
//! documents, and a sync that failed in its first round must have applied nothing.

#![no_main]

use fieldbook_core::document::Document;
use fieldbook_core::protocol::{self, DocData, SyncResponse};
use fieldbook_core::{Refusal, Store};
use fieldbook_fuzz::craft::{craft, Context, Edit};
use fieldbook_fuzz::phone::{checked_state, State};
use fieldbook_fuzz::{fixture, gzip, quietly, scratch};
use libfuzzer_sys::fuzz_target;
use serde::{Deserialize, Serialize};
use std::cell::RefCell;

/// The answers one sync gets, in order.
#[derive(Debug, Serialize, Deserialize)]
enum Answers {
    /// Bodies as they arrive over the wire.
    Wire(Vec<serde_bytes::ByteBuf>),
    /// Postcard bodies, compressed here.
    Plain(Vec<serde_bytes::ByteBuf>),
    /// The fixture's real answers to this phone, with changes in them rewritten: `(answer,
    /// document, change, edits)`.
    Crafted(Vec<(u8, u8, u8, Vec<Edit>)>),
}

/// Most rounds one input may answer.
const MAX_ROUNDS: usize = 8;

fuzz_target!(
    init: {
        fieldbook_fuzz::init(|dir| fieldbook_fuzz::write_seeds(dir, &seeds()));
        fixture::get();
        baseline();
    },
    |data: &[u8]| {
        if let Ok(answers) = postcard::from_bytes::<Answers>(data) {
            run(bodies(answers));
        }
    }
);

fn bodies(answers: Answers) -> Vec<Vec<u8>> {
    let fx = fixture::get();
    let mut out: Vec<Vec<u8>> = match answers {
        Answers::Wire(b) => b.into_iter().map(|b| b.into_vec()).collect(),
        Answers::Plain(b) => b.iter().map(|b| gzip(b)).collect(),
        Answers::Crafted(edits) => {
            let mut answers: Vec<SyncResponse> = fx
                .phone_answers
                .iter()
                .filter_map(|a| protocol::decode(a).ok())
                .collect();
            for (a, d, c, e) in edits {
                rewrite(&mut answers, a, d, c, &e);
            }
            answers
                .iter()
                .filter_map(|a| protocol::encode(a).ok())
                .collect()
        }
    };
    out.truncate(MAX_ROUNDS);
    out
}

fn rewrite(answers: &mut [SyncResponse], a: u8, d: u8, c: u8, edits: &[Edit]) {
    if answers.is_empty() {
        return;
    }
    let n = answers.len();
    let answer = &mut answers[usize::from(a) % n];
    if answer.docs.is_empty() {
        return;
    }
    let n = answer.docs.len();
    let doc = &mut answer.docs[usize::from(d) % n];
    let cx = Context {
        hashes: vec![],
        genesis: Some(Document::genesis_actor(doc.id)),
    };
    if let DocData::Changes(changes) = &mut doc.data {
        if changes.is_empty() {
            return;
        }
        let n = changes.len();
        let slot = &mut changes[usize::from(c) % n];
        let base = quietly(|| automerge::Change::from_bytes(slot.to_vec()).ok());
        if let Ok(Some(base)) = base {
            if let Some(bytes) = craft(&base, edits, &cx) {
                *slot = serde_bytes::ByteBuf::from(bytes);
            }
        }
    }
}

/// The phone's documents before any sync.
fn baseline() -> &'static State {
    static BASE: std::sync::OnceLock<State> = std::sync::OnceLock::new();
    BASE.get_or_init(|| {
        let dir = scratch();
        let path = dir.path().join("phone.db");
        std::fs::copy(&fixture::get().phone_db, &path).expect("copy the phone");
        checked_state(&Store::open(&path, None).expect("the phone opens"))
    })
}

fn run(answers: Vec<Vec<u8>>) {
    let fx = fixture::get();
    let dir = scratch();
    let path = dir.path().join("phone.db");
    std::fs::copy(&fx.phone_db, &path).expect("copy the phone");
    let rounds = RefCell::new(answers.into_iter());
    let asked = RefCell::new(0usize);
    let result = {
        let store = Store::open(&path, None).expect("the phone opens");
        let exchange = |_body: Vec<u8>| -> Result<Vec<u8>, Refusal> {
            *asked.borrow_mut() += 1;
            rounds.borrow_mut().next().ok_or_else(|| {
                Refusal::Other(fieldbook_core::Error::Network("connection lost".into()))
            })
        };
        store.sync_with(&exchange, None)
    };
    let store = match Store::open(&path, None) {
        Ok(s) => s,
        Err(e) => panic!("the phone's store no longer opens after {result:?}: {e}"),
    };
    let after = checked_state(&store);
    if result.is_err() && *asked.borrow() == 1 {
        assert_eq!(
            &after,
            baseline(),
            "a refused first answer changed the phone: {result:?}"
        );
    }
}

/// The real answers this phone got, as they came and as plain bodies, and a few hostile ones.
fn seeds() -> Vec<(String, Vec<u8>)> {
    let fx = fixture::get();
    let plain: Vec<serde_bytes::ByteBuf> = fx
        .phone_answers
        .iter()
        .filter_map(|a| {
            let mut raw = Vec::new();
            use std::io::Read;
            flate2::read::GzDecoder::new(a.as_slice())
                .read_to_end(&mut raw)
                .ok()?;
            Some(serde_bytes::ByteBuf::from(raw))
        })
        .collect();
    let wire = fx
        .phone_answers
        .iter()
        .cloned()
        .map(serde_bytes::ByteBuf::from)
        .collect();
    let mut seeds = vec![
        ("real-wire".into(), enc(&Answers::Wire(wire))),
        ("real-plain".into(), enc(&Answers::Plain(plain))),
        (
            "reused-ops".into(),
            enc(&Answers::Crafted(vec![(0, 0, 0, vec![Edit::Seq(1)])])),
        ),
        (
            "seq-gap".into(),
            enc(&Answers::Crafted(vec![(0, 0, 0, vec![Edit::Seq(3)])])),
        ),
    ];
    // Another phone's first answer (snapshots of every document) sent to this one.
    if let Some(first) = fx.answers.first() {
        seeds.push((
            "snapshots".into(),
            enc(&Answers::Wire(vec![first.clone().into()])),
        ));
    }
    seeds
}

fn enc(a: &Answers) -> Vec<u8> {
    postcard::to_stdvec(a).unwrap_or_default()
}
