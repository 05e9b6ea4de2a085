//! Week-offline benchmark (issue 3): a specialist's phone, synced, works a week offline
//! while a colleague logs visits at the same employers; then it syncs. Prints round trips
//! and bytes on the wire against the lower bound: the gzip size of the new changes alone.
//!
//! Run: `cargo bench --workspace --bench week_offline` (after `cargo build --workspace`).

use std::collections::HashSet;
use std::io::Write;

use automerge::AutoCommit;
use fieldbook_core::{RemoteData, Store};
use fieldbook_test_support::fixtures::{employer, seeker, step, visit};
use fieldbook_test_support::{Phone, Server, Team};

/// Hashes of every change a phone holds.
fn change_hashes(store: &Store) -> HashSet<String> {
    all_changes(store).into_iter().map(|(h, _)| h).collect()
}

fn all_changes(store: &Store) -> Vec<(String, Vec<u8>)> {
    let mut out = Vec::new();
    for (id, _) in store.documents().expect("documents") {
        let RemoteData::Snapshot(bytes) = store.export(id).expect("export").data else {
            continue;
        };
        let mut doc = AutoCommit::load(&bytes).expect("load");
        for c in doc.get_changes(&[]) {
            out.push((c.hash().to_string(), c.raw_bytes().to_vec()));
        }
    }
    out
}

/// gzip size of the changes `store` holds that are not in `before`, made by `actor` (or, with
/// `mine == false`, by anyone else).
fn lower_bound(store: &Store, before: &HashSet<String>, actor: &str, mine: bool) -> usize {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let mut seen = HashSet::new();
    for (hash, bytes) in all_changes(store) {
        if !before.contains(&hash) && seen.insert(hash.clone()) {
            let change = automerge::Change::from_bytes(bytes.clone()).expect("change");
            if (change.actor_id().to_hex_string() == actor) == mine {
                gz.write_all(&bytes).expect("gzip");
            }
        }
    }
    gz.finish().expect("gzip").len()
}

fn main() {
    let server = Server::start();
    let team = Team::create(&server, 2);
    let a = Phone::enrolled(&server, &team.specialists[0]);
    let b = Phone::enrolled(&server, &team.specialists[1]);

    let seekers: Vec<_> = (0..25)
        .map(|i| seeker(&a.store, &format!("Job seeker {i}")))
        .collect();
    let employers: Vec<_> = (0..150)
        .map(|i| employer(&a.store, &format!("Employer {i}")))
        .collect();
    for (i, e) in employers.iter().enumerate() {
        for v in 0..20 {
            let discussed = [seekers[(i + v) % seekers.len()]];
            visit(&a.store, *e, &discussed, &format!("visit {v}"));
        }
    }
    let first = a.store.sync(None).expect("first sync");
    b.store.sync(None).expect("colleague's first sync");

    let before_a = change_hashes(&a.store);
    // The week offline on A.
    for i in 0..30 {
        visit(
            &a.store,
            employers[i % 20],
            &[seekers[i % seekers.len()]],
            "offline visit",
        );
    }
    for s in &seekers {
        step(&a.store, *s, "Call the manager back");
    }
    for i in 0..3 {
        employer(&a.store, &format!("New employer {i}"));
    }
    for i in 0..2 {
        seeker(&a.store, &format!("New job seeker {i}"));
    }
    // Meanwhile B visits ten of the same employers.
    for i in 0..12 {
        visit(&b.store, employers[i % 10], &[], "colleague's visit");
    }
    b.store.sync(None).expect("colleague syncs");
    let actor = a.store.identity().actor;
    let up_bound = lower_bound(&a.store, &before_a, &actor, true);
    let week = a.store.sync(None).expect("week sync");
    // What A lacked: the colleague's visits and the server's directory update (the new job
    // seekers' assignment), as changes, gzip-compressed.
    let down_bound = lower_bound(&a.store, &before_a, &actor, false);

    println!(
        "week-offline sync ({} documents on the phone)",
        a.store.documents().expect("docs").len()
    );
    println!("| measure | value |");
    println!("|---|---|");
    println!(
        "| first sync: round trips / bytes up / bytes down | {} / {} / {} |",
        first.round_trips, first.bytes_up, first.bytes_down
    );
    println!("| week sync: round trips | {} |", week.round_trips);
    println!("| week sync: bytes up | {} |", week.bytes_up);
    println!("| lower bound up (gzip of A's new changes) | {up_bound} |");
    println!(
        "| ratio up | {:.2} |",
        week.bytes_up as f64 / up_bound as f64
    );
    println!("| week sync: bytes down | {} |", week.bytes_down);
    println!("| lower bound down (gzip of the new changes A lacked) | {down_bound} |");
    println!(
        "| ratio down | {:.2} |",
        week.bytes_down as f64 / down_bound as f64
    );
    println!(
        "| documents sent / received | {} / {} |",
        week.sent, week.received
    );
    println!("| duration | {} ms |", week.duration_ms);
}
