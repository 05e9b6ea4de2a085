//! What only PostgreSQL has to prove, with several "nodes" (each its own connection pool, as
//! separate server processes have) on one database: a team's feed numbers become visible in
//! order under concurrent writers on every node, writers of different teams never wait for
//! each other, a conditional write that waited for another node's commit is refused, key races
//! and deadlocks are `Conflict`, a read sees one snapshot, the enrollment rate limit counts
//! across nodes, TLS is used when the URL asks, and nodes starting together make one schema.
//!
//! Runs when the test command provides a database (`scripts/with-postgres`).

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Barrier};
use std::time::Duration;

use chrono::Utc;
use fieldbook_core::document::DocKind;
use fieldbook_core::ids::{DeviceId, DocId, TeamId, UserId};
use fieldbook_core::model::Role;
use fieldbook_core::protocol::{EnrollRequest, PROTOCOL_VERSION};
use fieldbook_server::db::postgres::PgDb;
use fieldbook_server::db::{Database, DbError, DocMeta, NewChangeRow, TeamRow, UserRow};
use fieldbook_server::service::accounts::NewUser;
use fieldbook_server::service::Service;
use fieldbook_server::ServerError;
use fieldbook_test_support::postgres::{skipped, Scratch};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// `n` nodes on one new database.
fn nodes(test: &str, n: usize) -> Option<(Scratch, Vec<Arc<PgDb>>)> {
    let Some(scratch) = Scratch::database() else {
        skipped(test);
        return None;
    };
    let nodes = (0..n)
        .map(|_| Arc::new(PgDb::open(scratch.url(), 8).expect("open")))
        .collect();
    Some((scratch, nodes))
}

fn team(db: &dyn Database) -> TeamId {
    let row = TeamRow {
        id: TeamId::new(),
        name: "Team".into(),
        created_at: Utc::now(),
    };
    let mut tx = db.write().unwrap();
    tx.insert_team(&row).unwrap();
    tx.commit().unwrap();
    row.id
}

fn doc(db: &dyn Database, team: TeamId) -> DocId {
    let id = DocId::new();
    let meta = DocMeta {
        id,
        kind: DocKind::Employer,
        team_id: team,
        seeker_id: None,
        created_seq: 1,
        updated_seq: 0,
        snapshot_seq: 0,
        size: 0,
    };
    let mut tx = db.write().unwrap();
    tx.insert_doc(&meta, &format!("genesis-{id}"), b"S")
        .unwrap();
    tx.commit().unwrap();
    id
}

fn change(tag: u64) -> NewChangeRow {
    NewChangeRow {
        hash: format!("{tag:064x}"),
        actor: "aa".into(),
        bytes: tag.to_be_bytes().to_vec(),
    }
}

/// Every feed number of `team` a read sees at or below the feed position it sees.
fn visible(db: &dyn Database, team: TeamId) -> (u64, Vec<u64>) {
    let view = db.read().unwrap();
    let position = view.feed_position(team).unwrap();
    let mut seqs = Vec::new();
    for meta in view.team_docs(team).unwrap() {
        seqs.extend(view.doc_changes(meta.id).unwrap().iter().map(|c| c.seq));
    }
    seqs.sort_unstable();
    (position, seqs)
}

/// Many writers on three nodes append to the documents of two teams (some transactions
/// dropped, some holding the feed a while, stale ones refused and retried) while a reader on
/// every node checks each snapshot: the numbers it sees are exactly 1..=position, never a
/// later number without every earlier one. A phone whose cursor is the position it was sent
/// therefore never skips a change.
#[test]
fn a_team_feed_is_seen_in_order_by_every_node() {
    let Some((_scratch, nodes)) = nodes("a_team_feed_is_seen_in_order_by_every_node", 3) else {
        return;
    };
    let teams = [team(&*nodes[0]), team(&*nodes[0])];
    let docs: Vec<(TeamId, DocId)> = teams
        .iter()
        .flat_map(|t| (0..4).map(|_| (*t, doc(&*nodes[0], *t))))
        .collect();
    let stop = AtomicBool::new(false);
    let (committed, checks) = std::thread::scope(|s| {
        // The readers stop when the writers are done, also when one of them failed.
        let _stop = StopOnDrop(&stop);
        let writers: Vec<_> = (0..6)
            .map(|w| {
                let (node, docs, stop) = (nodes[w % 3].clone(), &docs, &stop);
                s.spawn(move || {
                    let mut rng = StdRng::seed_from_u64(w as u64);
                    let mut committed = 0u64;
                    for round in 0..60u64 {
                        if stop.load(Ordering::Relaxed) {
                            break;
                        }
                        let (_, id) = docs[rng.random_range(0..docs.len())];
                        let meta = node.read().unwrap().doc_meta(id).unwrap().unwrap();
                        let n = rng.random_range(1..=3u64);
                        let rows: Vec<_> = (0..n)
                            .map(|i| change((w as u64) << 32 | round << 8 | i))
                            .collect();
                        let mut tx = node.write().unwrap();
                        match tx.append_changes(&meta, meta.updated_seq, None, &rows, Utc::now()) {
                            Ok(_) => {}
                            Err(DbError::Conflict) => continue,
                            Err(e) => panic!("{e}"),
                        }
                        if rng.random_bool(0.3) {
                            std::thread::sleep(Duration::from_millis(rng.random_range(1..15)));
                        }
                        if rng.random_bool(0.1) {
                            drop(tx);
                            continue;
                        }
                        tx.commit().unwrap();
                        committed += n;
                    }
                    committed
                })
            })
            .collect();
        let readers: Vec<_> = nodes
            .iter()
            .map(|node| {
                let (node, stop, teams) = (node.clone(), &stop, &teams);
                s.spawn(move || {
                    let mut checks = 0u64;
                    while !stop.load(Ordering::Relaxed) {
                        for team in teams {
                            let (position, seqs) = visible(&*node, *team);
                            let expected: Vec<u64> = (1..=position).collect();
                            if seqs != expected {
                                stop.store(true, Ordering::Relaxed);
                                panic!("a snapshot saw the feed out of order: position {position}, numbers {seqs:?}");
                            }
                            checks += 1;
                        }
                    }
                    checks
                })
            })
            .collect();
        let committed: u64 = writers.into_iter().map(|h| h.join().unwrap()).sum();
        drop(_stop);
        let checks: u64 = readers.into_iter().map(|h| h.join().unwrap()).sum();
        (committed, checks)
    });
    let total: u64 = teams.iter().map(|t| visible(&*nodes[1], *t).0).sum();
    assert_eq!(
        total, committed,
        "every committed change numbered once, nothing else"
    );
    assert!(checks > 20, "the readers looked {checks} times");
}

/// Sets a flag when dropped.
struct StopOnDrop<'a>(&'a AtomicBool);

impl Drop for StopOnDrop<'_> {
    fn drop(&mut self) {
        self.0.store(true, Ordering::Relaxed);
    }
}

/// Runs `f` on its own thread; the receiver gets its result.
fn in_background<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> mpsc::Receiver<T> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(f());
    });
    rx
}

/// A writer holding team A's feed makes another node's writer of team A wait for its commit,
/// while a writer of team B on a third node goes straight through.
#[test]
fn writers_of_other_teams_never_wait() {
    let Some((_scratch, nodes)) = nodes("writers_of_other_teams_never_wait", 3) else {
        return;
    };
    let (a, b) = (team(&*nodes[0]), team(&*nodes[0]));
    let mut holder = nodes[0].write().unwrap();
    assert_eq!(holder.next_seq(a).unwrap(), 1);

    let other_team = {
        let node = nodes[2].clone();
        in_background(move || {
            let mut tx = node.write().unwrap();
            let seq = tx.next_seq(b).unwrap();
            tx.commit().unwrap();
            seq
        })
    };
    assert_eq!(
        other_team.recv_timeout(Duration::from_secs(5)),
        Ok(1),
        "a writer of another team waited"
    );

    let same_team = {
        let node = nodes[1].clone();
        in_background(move || {
            let mut tx = node.write().unwrap();
            let seq = tx.next_seq(a).unwrap();
            tx.commit().unwrap();
            seq
        })
    };
    assert!(
        same_team.recv_timeout(Duration::from_millis(500)).is_err(),
        "a writer of the same team went ahead of an uncommitted number"
    );
    holder.commit().unwrap();
    assert_eq!(same_team.recv_timeout(Duration::from_secs(5)), Ok(2));
}

/// Two nodes append to one document from the same version: the second waits for the first to
/// commit, then finds the document moved on and is refused with `Conflict`, storing nothing.
#[test]
fn a_stale_append_waits_then_conflicts() {
    let Some((_scratch, nodes)) = nodes("a_stale_append_waits_then_conflicts", 2) else {
        return;
    };
    let t = team(&*nodes[0]);
    let id = doc(&*nodes[0], t);
    let meta = nodes[0].read().unwrap().doc_meta(id).unwrap().unwrap();
    let mut first = nodes[0].write().unwrap();
    first
        .append_changes(&meta, 0, None, &[change(1), change(2)], Utc::now())
        .unwrap();
    let second = {
        let (node, meta) = (nodes[1].clone(), meta.clone());
        in_background(move || {
            let mut tx = node.write().unwrap();
            tx.append_changes(&meta, 0, None, &[change(3)], Utc::now())
                .map(|_| ())
        })
    };
    assert!(second.recv_timeout(Duration::from_millis(500)).is_err());
    first.commit().unwrap();
    let outcome = second.recv_timeout(Duration::from_secs(5)).unwrap();
    assert!(matches!(outcome, Err(DbError::Conflict)), "{outcome:?}");
    let view = nodes[1].read().unwrap();
    assert_eq!(view.doc_changes(id).unwrap().len(), 2);
    assert_eq!(view.feed_position(t).unwrap(), 2);
}

/// One code redeemed on two nodes at once: the second waits on the row, re-checks it after
/// the first commits (READ COMMITTED), and is refused.
#[test]
fn a_code_redeems_once_across_nodes() {
    let Some((_scratch, nodes)) = nodes("a_code_redeems_once_across_nodes", 2) else {
        return;
    };
    let t = team(&*nodes[0]);
    let user = UserRow {
        id: UserId::new(),
        team_id: t,
        name: "Ana".into(),
        role: Role::Specialist,
        seeker_id: None,
        created_at: Utc::now(),
    };
    let mut tx = nodes[0].write().unwrap();
    tx.insert_user(&user, 1).unwrap();
    tx.insert_code("code", user.id, Utc::now() + chrono::Duration::hours(1))
        .unwrap();
    tx.commit().unwrap();
    let mut first = nodes[0].write().unwrap();
    assert!(first
        .redeem_code("code", DeviceId::new(), Utc::now())
        .unwrap());
    let second = {
        let node = nodes[1].clone();
        in_background(move || {
            let mut tx = node.write().unwrap();
            let won = tx.redeem_code("code", DeviceId::new(), Utc::now());
            tx.commit().map(|()| won)
        })
    };
    assert!(second.recv_timeout(Duration::from_millis(500)).is_err());
    first.commit().unwrap();
    let won = second.recv_timeout(Duration::from_secs(5)).unwrap();
    assert!(matches!(won, Ok(Ok(false))), "{won:?}");
}

/// Two nodes creating one document, and two writers locking two teams' feeds in opposite
/// orders: the loser of each race gets `Conflict`, which the service answers by reading again.
#[test]
fn key_races_and_deadlocks_are_conflicts() {
    let Some((_scratch, nodes)) = nodes("key_races_and_deadlocks_are_conflicts", 2) else {
        return;
    };
    let (a, b) = (team(&*nodes[0]), team(&*nodes[0]));
    let meta = DocMeta {
        id: DocId::new(),
        kind: DocKind::Employer,
        team_id: a,
        seeker_id: None,
        created_seq: 1,
        updated_seq: 0,
        snapshot_seq: 0,
        size: 0,
    };
    let mut first = nodes[0].write().unwrap();
    first.insert_doc(&meta, "g1", b"S").unwrap();
    let second = {
        let (node, meta) = (nodes[1].clone(), meta.clone());
        in_background(move || node.write().unwrap().insert_doc(&meta, "g2", b"S"))
    };
    assert!(second.recv_timeout(Duration::from_millis(300)).is_err());
    first.commit().unwrap();
    let outcome = second.recv_timeout(Duration::from_secs(5)).unwrap();
    assert!(matches!(outcome, Err(DbError::Conflict)), "{outcome:?}");

    let barrier = Arc::new(Barrier::new(2));
    let crossed = |node: Arc<PgDb>, one: TeamId, two: TeamId, barrier: Arc<Barrier>| {
        in_background(move || {
            let mut tx = node.write().unwrap();
            tx.next_seq(one).unwrap();
            barrier.wait();
            let taken = tx.next_seq(two);
            if taken.is_ok() {
                // Hold the feeds until the other side has had time to be chosen as victim.
                std::thread::sleep(Duration::from_millis(200));
                tx.commit().unwrap();
            }
            taken.map(|_| ())
        })
    };
    let left = crossed(nodes[0].clone(), a, b, barrier.clone());
    let right = crossed(nodes[1].clone(), b, a, barrier);
    let outcomes = [
        left.recv_timeout(Duration::from_secs(20)).unwrap(),
        right.recv_timeout(Duration::from_secs(20)).unwrap(),
    ];
    assert_eq!(
        outcomes
            .iter()
            .filter(|o| matches!(o, Err(DbError::Conflict)))
            .count(),
        1,
        "{outcomes:?}"
    );
    assert_eq!(outcomes.iter().filter(|o| o.is_ok()).count(), 1);
}

/// A read view keeps the snapshot it started with while another node commits.
#[test]
fn a_read_sees_one_snapshot() {
    let Some((_scratch, nodes)) = nodes("a_read_sees_one_snapshot", 2) else {
        return;
    };
    let t = team(&*nodes[0]);
    let id = doc(&*nodes[0], t);
    let view = nodes[0].read().unwrap();
    assert_eq!(view.feed_position(t).unwrap(), 0);
    let meta = nodes[1].read().unwrap().doc_meta(id).unwrap().unwrap();
    let mut tx = nodes[1].write().unwrap();
    tx.append_changes(&meta, 0, None, &[change(9)], Utc::now())
        .unwrap();
    tx.commit().unwrap();
    assert_eq!(view.feed_position(t).unwrap(), 0);
    assert!(view.doc_changes(id).unwrap().is_empty());
    assert_eq!(view.doc_meta(id).unwrap().unwrap().updated_seq, 0);
    drop(view);
    assert_eq!(nodes[0].read().unwrap().feed_position(t).unwrap(), 1);
}

/// Thirty wrong codes from one address sent at once to three nodes: exactly the allowed
/// number are tried, the rest refused as rate limited — the count is shared, not per node.
#[test]
fn the_enrollment_limit_counts_across_nodes() {
    let Some((_scratch, nodes)) = nodes("the_enrollment_limit_counts_across_nodes", 3) else {
        return;
    };
    let services: Vec<Service> = nodes
        .iter()
        .map(|n| Service::new(n.clone() as Arc<dyn Database>).unwrap())
        .collect();
    let outcomes: Vec<Result<_, ServerError>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..30)
            .map(|i| {
                let service = &services[i % 3];
                s.spawn(move || {
                    service.enroll(
                        &EnrollRequest {
                            version: PROTOCOL_VERSION,
                            code: format!("WRONG-{i:04}"),
                            actor: automerge::ActorId::random().to_hex_string(),
                            device_name: "guess".into(),
                        },
                        "203.0.113.9",
                    )
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let tried = outcomes
        .iter()
        .filter(|o| matches!(o, Err(ServerError::BadCode)))
        .count();
    let limited = outcomes
        .iter()
        .filter(|o| matches!(o, Err(ServerError::RateLimited)))
        .count();
    assert_eq!(
        (tried, limited),
        (
            fieldbook_server::service::enroll::MAX_ENROLL_FAILURES as usize,
            30 - fieldbook_server::service::enroll::MAX_ENROLL_FAILURES as usize
        ),
        "{outcomes:?}"
    );
}

/// Several nodes starting at once on an empty database make one schema; a database from a
/// newer server is refused with a message saying so.
#[test]
fn nodes_starting_together_make_one_schema() {
    let Some(scratch) = Scratch::database() else {
        skipped("nodes_starting_together_make_one_schema");
        return;
    };
    let barrier = Barrier::new(4);
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                barrier.wait();
                PgDb::open(scratch.url(), 2).expect("open while others open")
            });
        }
    });
    let mut client = scratch.client();
    let versions: Vec<i32> = client
        .query("SELECT version FROM schema_version", &[])
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    assert_eq!(
        versions,
        vec![fieldbook_server::db::postgres::schema::VERSION]
    );
    client
        .execute("UPDATE schema_version SET version = version + 1", &[])
        .unwrap();
    let err = PgDb::open(scratch.url(), 2).unwrap_err();
    assert!(err.to_string().contains("newer server"), "{err}");
}

/// Which connections of `application` use TLS, as the database sees them.
fn tls_in_use(scratch: &Scratch, application: &str) -> BTreeSet<bool> {
    scratch
        .client()
        .query(
            "SELECT s.ssl FROM pg_stat_ssl s JOIN pg_stat_activity a USING (pid)
             WHERE a.application_name = $1",
            &[&application],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect()
}

/// `sslmode=verify-full` with the CA: every connection is TLS; without the CA the server's
/// certificate is refused; `require` encrypts without checking; `disable` does not encrypt.
#[test]
fn tls_is_used_when_the_url_asks() {
    let (Some(scratch), Some(ca)) = (
        Scratch::database(),
        fieldbook_test_support::postgres::ca_file(),
    ) else {
        skipped("tls_is_used_when_the_url_asks");
        return;
    };
    let base = scratch.url_without_tls();
    let with = |params: &str| format!("{base}?{params}");

    let db = PgDb::open(
        &with(&format!(
            "sslmode=verify-full&sslrootcert={ca}&application_name=tls-full"
        )),
        2,
    )
    .expect("verify-full with the CA");
    let view = db.read().unwrap();
    assert_eq!(tls_in_use(&scratch, "tls-full"), BTreeSet::from([true]));
    drop(view);

    let err = PgDb::open(
        &with("sslmode=verify-full&application_name=tls-untrusted"),
        2,
    )
    .unwrap_err()
    .to_string();
    assert!(
        err.contains("certificate") || err.contains("UnknownIssuer"),
        "{err}"
    );

    let db = PgDb::open(&with("sslmode=require&application_name=tls-require"), 2).unwrap();
    let view = db.read().unwrap();
    assert_eq!(tls_in_use(&scratch, "tls-require"), BTreeSet::from([true]));
    drop(view);

    let db = PgDb::open(&with("sslmode=disable&application_name=tls-off"), 2).unwrap();
    let view = db.read().unwrap();
    assert_eq!(tls_in_use(&scratch, "tls-off"), BTreeSet::from([false]));
    drop(view);

    let err = PgDb::open(&with("sslmode=verify-full&sslrootcert=/no/such/ca.pem"), 2)
        .unwrap_err()
        .to_string();
    assert!(err.contains("/no/such/ca.pem"), "{err}");
}

/// The users a service on PostgreSQL adds are there for another node at once.
#[test]
fn another_node_sees_a_new_account_at_once() {
    let Some((_scratch, nodes)) = nodes("another_node_sees_a_new_account_at_once", 2) else {
        return;
    };
    let (one, two) = (
        Service::new(nodes[0].clone() as Arc<dyn Database>).unwrap(),
        Service::new(nodes[1].clone() as Arc<dyn Database>).unwrap(),
    );
    let team = one.add_team("North").unwrap().id;
    let user = one
        .add_user(&NewUser {
            team_id: team,
            name: "Ana Ruiz".into(),
            role: Role::Specialist,
            seeker_id: None,
        })
        .unwrap();
    assert_eq!(two.user(user.id).unwrap().name, "Ana Ruiz");
}
