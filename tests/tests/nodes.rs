//! Several `fieldbook-server` processes on one PostgreSQL database, as a program runs them
//! behind a load balancer: an enrollment code raced on two nodes has one winner, a revocation
//! made through one node is refused by another at its next request, twenty phones syncing
//! through random nodes while one node is killed and restarted all end with every change, and
//! a SQLite server moved up with `admin migrate` keeps its phones syncing.
//!
//! Runs when the test command provides a database (`scripts/with-postgres`).

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use fieldbook_core::ids::{EmployerId, VisitId};
use fieldbook_core::{Enrollment, Store};
use fieldbook_test_support::balancer::Balancer;
use fieldbook_test_support::fixtures;
use fieldbook_test_support::postgres::{skipped, Scratch};
use fieldbook_test_support::raw::{enroll_raw, hex_actor, RawDevice};
use fieldbook_test_support::{Phone, Server, Team};
use sha2::{Digest, Sha256};

/// Server nodes on one new database (the first makes the schema).
fn cluster(test: &str, n: usize) -> Option<(Scratch, Vec<Server>)> {
    let Some(scratch) = Scratch::database() else {
        skipped(test);
        return None;
    };
    let nodes = (0..n)
        .map(|_| Server::start_on_database(scratch.url(), false))
        .collect();
    Some((scratch, nodes))
}

#[test]
fn a_code_raced_on_two_nodes_has_one_winner() {
    let Some((_db, nodes)) = cluster("a_code_raced_on_two_nodes_has_one_winner", 2) else {
        return;
    };
    let team = Team::create(&nodes[0], 3);
    // Three rounds of four phones, two on each node: the nine losers stay under the ten failed
    // attempts an address may make (all come from 127.0.0.1).
    for round in 0..3 {
        let code = nodes[1].code(&team.specialists[round]);
        let outcomes: Vec<_> = std::thread::scope(|s| {
            let handles: Vec<_> = (0..4)
                .map(|i| {
                    let (node, code) = (&nodes[i % 2], code.clone());
                    s.spawn(move || enroll_raw(node, &code, &hex_actor()))
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let won = outcomes.iter().filter(|o| o.is_ok()).count();
        assert_eq!(won, 1, "round {round}: {outcomes:?}");
        assert!(
            outcomes
                .iter()
                .filter_map(|o| o.as_ref().err())
                .all(|(status, code)| *status == 403 && code == "bad_code"),
            "round {round}: {outcomes:?}"
        );
    }
}

#[test]
fn a_revocation_is_seen_by_another_node_at_its_next_request() {
    let Some((_db, nodes)) = cluster("a_revocation_is_seen_by_another_node", 2) else {
        return;
    };
    let team = Team::create(&nodes[0], 1);
    let device = RawDevice::enroll(&nodes[0], &nodes[0].code(&team.specialists[0]));
    device.sync(&nodes[1], Vec::new());
    nodes[0].admin(&["revoke", "--device", &device.answer.device_id.to_string()]);
    let refused = device.sync_raw(&nodes[1], Vec::new()).unwrap_err();
    assert_eq!(refused, (401, "device_revoked".to_string()));
    let refused = device.sync_raw(&nodes[0], Vec::new()).unwrap_err();
    assert_eq!(refused.1, "device_revoked");
}

/// What every phone must hold at the end: employer documents by their changes.
fn digest(store: &Store, employer: EmployerId) -> String {
    let mut hashes: Vec<[u8; 32]> = fieldbook_test_support::raw::all_changes(store, employer.doc())
        .iter()
        .map(|c| Sha256::digest(c).into())
        .collect();
    hashes.sort_unstable();
    hex::encode(Sha256::digest(hashes.concat()))
}

/// Seeds of the multi-node run: `FIELDBOOK_NODES_SEEDS` (the test command runs 2; run it with
/// 20 or more to repeat it many times in a row).
fn seeds() -> u64 {
    std::env::var("FIELDBOOK_NODES_SEEDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2)
}

#[test]
fn twenty_phones_on_three_nodes_with_one_killed_end_with_every_change() {
    for seed in 0..seeds() {
        let started = Instant::now();
        let ok = one_run(seed);
        if !ok {
            return;
        }
        println!(
            "seed {seed}: every phone has every change ({:.1} s)",
            started.elapsed().as_secs_f64()
        );
    }
}

/// One run with `seed`; false when there is no database.
fn one_run(seed: u64) -> bool {
    let Some((_db, mut nodes)) = cluster("twenty_phones_on_three_nodes", 3) else {
        return false;
    };
    let balancer = Balancer::start(nodes.iter().map(|n| n.port).collect(), seed + 1);
    let team = Team::create(&nodes[0], 20);
    let phones: Vec<Phone> = team
        .specialists
        .iter()
        .map(|user| {
            let phone = Phone::new();
            phone
                .store
                .enroll(&Enrollment {
                    server_url: balancer.url(),
                    code: nodes[0].code(user),
                    device_name: "phone".into(),
                    ca_certificate_pem: None,
                })
                .expect("enroll through the balancer");
            phone
        })
        .collect();
    // Every phone makes an employer of its own; all of them reach everyone.
    let employers: Vec<EmployerId> = phones
        .iter()
        .enumerate()
        .map(|(i, p)| fixtures::employer(&p.store, &format!("Employer {i}")))
        .collect();
    let logged: Mutex<BTreeMap<EmployerId, BTreeSet<VisitId>>> =
        Mutex::new(employers.iter().map(|e| (*e, BTreeSet::new())).collect());
    let unmergeable = Mutex::new(Vec::new());
    let done = AtomicBool::new(false);
    std::thread::scope(|s| {
        for (i, phone) in phones.iter().enumerate() {
            let (logged, unmergeable) = (&logged, &unmergeable);
            s.spawn(move || {
                let mut state = seed.wrapping_mul(31).wrapping_add(i as u64) | 1;
                let mut next = |n: usize| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    (state % n as u64) as usize
                };
                for round in 0..6 {
                    let known: Vec<EmployerId> = phone
                        .store
                        .employers()
                        .expect("employers")
                        .iter()
                        .map(|e| e.employer_id)
                        .collect();
                    let employer = known[next(known.len())];
                    let visit =
                        fixtures::visit(&phone.store, employer, &[], &format!("round {round}"));
                    logged
                        .lock()
                        .unwrap()
                        .get_mut(&employer)
                        .unwrap()
                        .insert(visit);
                    // Syncs fail while the phone's node is down; the phone tries again later.
                    if let Ok(report) = phone.store.sync(None) {
                        unmergeable.lock().unwrap().extend(report.failed);
                    }
                    std::thread::sleep(Duration::from_millis(next(50) as u64));
                }
            });
        }
        // One node killed mid-run and started again a little later.
        s.spawn(|| {
            std::thread::sleep(Duration::from_millis(400));
            nodes[1].kill();
            std::thread::sleep(Duration::from_millis(800));
            nodes[1].restart();
            done.store(true, Ordering::Relaxed);
        });
    });
    assert!(done.load(Ordering::Relaxed));
    // Everyone pushes what is left, then everyone pulls everything.
    for _ in 0..2 {
        for phone in &phones {
            let report = phone.store.sync(None).expect("sync after the run");
            unmergeable.lock().unwrap().extend(report.failed);
        }
    }
    let logged = logged.into_inner().unwrap();
    let expected: BTreeMap<EmployerId, String> = employers
        .iter()
        .map(|e| (*e, digest(&phones[0].store, *e)))
        .collect();
    for (i, phone) in phones.iter().enumerate() {
        for (employer, visits) in &logged {
            let held: Vec<VisitId> = phone
                .store
                .employer_visits(*employer)
                .expect("visits")
                .iter()
                .map(|v| v.visit_id)
                .collect();
            let unique: BTreeSet<VisitId> = held.iter().copied().collect();
            assert_eq!(
                unique.len(),
                held.len(),
                "seed {seed}: phone {i} holds a visit twice"
            );
            assert_eq!(
                &unique, visits,
                "seed {seed}: phone {i} lacks visits at {employer}"
            );
            assert_eq!(
                digest(&phone.store, *employer),
                expected[employer],
                "seed {seed}: phone {i}'s copy of {employer} differs"
            );
        }
    }
    assert!(
        unmergeable.lock().unwrap().is_empty(),
        "seed {seed}: a phone got changes it could not merge (it had skipped one): {:?}",
        unmergeable.lock().unwrap()
    );
    let handed: Vec<u64> = balancer
        .handed
        .iter()
        .map(|c| c.load(Ordering::Relaxed))
        .collect();
    assert!(
        handed.iter().all(|n| *n > 0),
        "every node served: {handed:?}"
    );
    true
}

/// A demo server on SQLite with a phone that has synced, moved to PostgreSQL with
/// `admin migrate`: every table arrives whole, and the same phone (same token, same cursor)
/// keeps syncing with a node on the new database — it is sent nothing it already has, its new
/// work is accepted, and a phone enrolled afterwards gets everything.
#[test]
fn a_sqlite_server_moved_to_postgres_keeps_its_phones() {
    let Some(db) = Scratch::database() else {
        skipped("a_sqlite_server_moved_to_postgres_keeps_its_phones");
        return;
    };
    let mut old = Server::start_demo();
    let ana = old.user_id("Ana Ruiz");
    let phone = Phone::enrolled(&old, &ana);
    let before = fixtures::employer(&phone.store, "Sunny Side Laundromat");
    phone.store.sync(None).expect("first sync on SQLite");
    assert!(old.terminate().success());

    let out = std::process::Command::new(fieldbook_test_support::binary("fieldbook-server"))
        .args(["admin", "migrate", "--from"])
        .arg(&old.data)
        .args(["--to", db.url()])
        .output()
        .expect("run admin migrate");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{text}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("every table has the same rows in both"),
        "{text}"
    );
    for table in ["users", "devices", "documents", "changes", "audit"] {
        let line = text
            .lines()
            .find(|l| l.starts_with(table))
            .unwrap_or_else(|| panic!("{table} in {text}"));
        assert!(line.contains("same ("), "{line}");
    }

    let node = Server::start_on_database_port(db.url(), old.port);
    let report = phone
        .store
        .sync(None)
        .expect("the same phone syncs on PostgreSQL");
    assert_eq!(
        report.received, 0,
        "the cursor carried over: nothing sent again"
    );
    let after = fixtures::employer(&phone.store, "Corner Bakery");
    let report = phone.store.sync(None).expect("push on PostgreSQL");
    assert_eq!((report.sent, report.rejected.len()), (1, 0));

    let marcus = node.user_id("Marcus Bell");
    let newcomer = Phone::enrolled(&node, &marcus);
    newcomer
        .store
        .sync(None)
        .expect("a new phone on PostgreSQL");
    let names: BTreeSet<EmployerId> = newcomer
        .store
        .employers()
        .unwrap()
        .iter()
        .map(|e| e.employer_id)
        .collect();
    assert!(
        names.contains(&before) && names.contains(&after),
        "{names:?}"
    );
    assert_eq!(
        digest(&newcomer.store, before),
        digest(&phone.store, before)
    );
}
