//! Hostile and mature-team input against a real server process: every phone is untrusted (its
//! app may be buggy, restored from a backup or tampered with), and a team's records can be far
//! larger than one answer. Each test here reproduces a finding of issue 13 that broke a
//! team's sync before the fix. The test command runs this file twice: against the debug
//! build and, with `FIELDBOOK_BIN_DIR` pointing at `target/release`, against release
//! binaries (a `debug_assert!` inside Automerge hid the first finding in debug builds).

use automerge::transaction::Transactable;
use automerge::{ActorId, AutoCommit};
use fieldbook_core::document::{DocKind, Document};
use fieldbook_core::ids::DocId;
use fieldbook_core::model::EmployerInfo;
use fieldbook_core::protocol::{RejectCode, SyncResponse};
use fieldbook_core::NewEmployer;
use fieldbook_test_support::cli::CliPhone;
use fieldbook_test_support::fixtures::{employer, seeker, visit};
use fieldbook_test_support::raw::{enroll_raw, hex_actor, push, RawDevice};
use fieldbook_test_support::{forge, Phone, Server, Team};
use serde_json::Value;

fn sync_clean(phone: &Phone) -> fieldbook_core::SyncReport {
    let report = phone.store.sync(None).expect("sync");
    assert!(report.rejected.is_empty(), "refused: {:?}", report.rejected);
    assert!(report.failed.is_empty(), "failed: {:?}", report.failed);
    report
}

/// A change by `device` to its copy `doc`, made with `edit` and committed.
fn change_by(doc: &mut AutoCommit, edit: impl FnOnce(&mut AutoCommit)) -> Vec<u8> {
    edit(doc);
    let hash = doc.commit().expect("a change");
    doc.get_change_by_hash(&hash)
        .expect("change")
        .raw_bytes()
        .to_vec()
}

fn code_of(answer: &SyncResponse, id: DocId) -> Option<RejectCode> {
    answer.rejected.iter().find(|r| r.id == id).map(|r| r.code)
}

/// The server's check of every stored document: how many are damaged.
fn damaged(server: &Server) -> usize {
    server.admin(&["check"])["damaged"]
        .as_array()
        .expect("damaged")
        .len()
}

/// Finding 1: a change rewritten to the next sequence number with the same first operation
/// number (checksum recomputed) was stored, and every phone that merged the employer then
/// failed inside Automerge. Now it is refused for that document alone.
#[test]
fn a_crafted_change_is_refused_and_the_team_keeps_syncing() {
    let server = Server::start();
    let team = Team::create(&server, 2);
    let a = Phone::enrolled(&server, &team.specialists[0]);
    let b = Phone::enrolled(&server, &team.specialists[1]);
    let bakery = employer(&a.store, "Bakery");
    let diner = employer(&a.store, "Diner");
    visit(&a.store, bakery, &[], "first visit");
    sync_clean(&a);
    sync_clean(&b);

    let mallory = RawDevice::enroll(&server, &server.code(&team.specialists[1]));
    let mut copy = mallory.copy_of(&a.store, bakery.doc());
    let honest = change_by(&mut copy, |d| {
        d.put(automerge::ROOT, "phone", "555-0100").unwrap()
    });
    assert!(mallory
        .sync(
            &server,
            vec![push(bakery.doc(), DocKind::Employer, vec![honest.clone()])]
        )
        .rejected
        .is_empty());
    let crafted = forge::rewrite(&honest, |h| h.seq += 1);
    let mut diner_copy = mallory.copy_of(&a.store, diner.doc());
    let good = change_by(&mut diner_copy, |d| {
        d.put(automerge::ROOT, "phone", "555-0199").unwrap()
    });
    let answer = mallory.sync(
        &server,
        vec![
            push(bakery.doc(), DocKind::Employer, vec![crafted]),
            push(diner.doc(), DocKind::Employer, vec![good]),
        ],
    );
    assert_eq!(code_of(&answer, bakery.doc()), Some(RejectCode::Malformed));
    let reason = &answer.rejected[0].reason;
    assert!(reason.contains("operation numbers"), "{reason}");
    assert_eq!(
        code_of(&answer, diner.doc()),
        None,
        "the rest of the batch lands"
    );

    // Every phone keeps syncing, and the stored employer still loads everywhere.
    sync_clean(&a);
    sync_clean(&b);
    assert_eq!(
        b.store.employer(diner).unwrap().info.phone.as_deref(),
        Some("555-0199")
    );
    assert_eq!(b.store.employer(bakery).unwrap().visits.len(), 1);
    assert_eq!(damaged(&server), 0);
    let session = server.web_session(&team.supervisor, "sue");
    let (status, _) = server.get("/api/v1/overview", &session);
    assert_eq!(status, 200, "the team's reports answer");
    // A terminal phone (release build in the release run) syncs the employer too.
    let terminal = CliPhone::new();
    terminal.run(&[
        "enroll",
        "--server",
        &server.url(),
        "--code",
        &server.code(&team.supervisor),
    ]);
    terminal.run(&["sync"]);
    terminal.run(&["employer", "show", &bakery.to_string()]);
}

/// Finding 2: a change skipping a sequence number, or a new author starting anywhere but 1,
/// made Automerge panic on the server and the whole request answer 500 — for good.
#[test]
fn changes_out_of_sequence_are_refused_and_the_phone_syncs_on() {
    let server = Server::start();
    let team = Team::create(&server, 1);
    let a = Phone::enrolled(&server, &team.specialists[0]);
    let shop = employer(&a.store, "Hardware shop");
    let cafe = employer(&a.store, "Cafe");
    sync_clean(&a);
    let mallory = RawDevice::enroll(&server, &server.code(&team.specialists[0]));
    let mut copy = mallory.copy_of(&a.store, shop.doc());
    let first = change_by(&mut copy, |d| d.put(automerge::ROOT, "phone", "1").unwrap());
    let second = change_by(&mut copy, |d| d.put(automerge::ROOT, "phone", "2").unwrap());
    // Only the second: its own first change is missing, a gap in its sequence.
    let gap = forge::rewrite(&second, |h| h.deps = forge::parse(&first).deps);
    let mut cafe_copy = mallory.copy_of(&a.store, cafe.doc());
    let good = change_by(&mut cafe_copy, |d| {
        d.put(automerge::ROOT, "phone", "3").unwrap()
    });
    let answer = mallory.sync(
        &server,
        vec![
            push(shop.doc(), DocKind::Employer, vec![gap]),
            push(cafe.doc(), DocKind::Employer, vec![good]),
        ],
    );
    assert_eq!(
        code_of(&answer, shop.doc()),
        Some(RejectCode::OutOfSequence)
    );
    assert_eq!(code_of(&answer, cafe.doc()), None);
    // A device whose very first change claims sequence number 2.
    let newcomer = RawDevice::enroll(&server, &server.code(&team.specialists[0]));
    let mut copy = newcomer.copy_of(&a.store, shop.doc());
    let late = forge::rewrite(
        &change_by(&mut copy, |d| d.put(automerge::ROOT, "phone", "4").unwrap()),
        |h| h.seq = 2,
    );
    let answer = newcomer.sync(
        &server,
        vec![push(shop.doc(), DocKind::Employer, vec![late])],
    );
    assert_eq!(
        code_of(&answer, shop.doc()),
        Some(RejectCode::OutOfSequence)
    );
    // Both devices carry on: their honest work still lands.
    let answer = mallory.sync(
        &server,
        vec![push(shop.doc(), DocKind::Employer, vec![first])],
    );
    assert!(answer.rejected.is_empty(), "{:?}", answer.rejected);
    sync_clean(&a);
    assert_eq!(
        a.store.employer(shop).unwrap().info.phone.as_deref(),
        Some("1")
    );
    assert_eq!(damaged(&server), 0);
}

/// Findings 3 and 4: a first sync never finished once a team's records passed one answer
/// page (4 MB), and a phone with more unsent work than one request may carry got 413 for
/// ever. A phone with over 25 MB unsent pushes it all, and a new phone's first sync of the
/// team pages through it, each page bounded, the cursor moving only at the end.
#[test]
fn a_team_larger_than_many_pages_syncs_both_ways() {
    let mut server = Server::start();
    let team = Team::create(&server, 2);
    let a = Phone::enrolled(&server, &team.specialists[0]);
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let mut text = |n: usize| -> String {
        (0..n)
            .map(|_| {
                rng ^= rng << 13;
                rng ^= rng >> 7;
                rng ^= rng << 17;
                char::from(b"abcdefghijklmnopqrstuvwxyz0123456789 "[(rng % 37) as usize])
            })
            .collect()
    };
    let (employers, visits_each, note) = (26, 100, 9_900);
    for e in 0..employers {
        let id = a
            .store
            .create_employer(NewEmployer {
                id: None,
                info: EmployerInfo {
                    name: format!("Employer {e}"),
                    ..Default::default()
                },
            })
            .unwrap();
        for _ in 0..visits_each {
            a.store
                .log_visit(fieldbook_test_support::fixtures::new_visit(id, &text(note)))
                .unwrap();
        }
    }
    let unsent: usize = employers * visits_each * note;
    assert!(unsent > 25_000_000, "{unsent} bytes of notes waiting");
    let pushed = sync_clean(&a);
    assert_eq!(
        pushed.sent as usize, employers,
        "every employer reached the server"
    );
    assert!(
        pushed.round_trips >= 7,
        "sent in several requests: {}",
        pushed.round_trips
    );
    assert_eq!(a.store.pending_changes().unwrap(), 0);

    let before = server.peak_memory_kb();
    let b = Phone::enrolled(&server, &team.specialists[1]);
    let pulled = sync_clean(&b);
    assert_eq!(b.store.employers().unwrap().len(), employers);
    // Snapshots are compressed: the pages carry fewer bytes than the notes hold.
    let pages = pulled.bytes_down as usize / fieldbook_core::protocol::ANSWER_PAGE_BYTES + 1;
    assert!(
        pulled.round_trips >= 4 && pulled.round_trips as usize <= pages + 2,
        "paged answers: {} round trips for {} bytes",
        pulled.round_trips,
        pulled.bytes_down
    );
    let visits: usize = b
        .store
        .employers()
        .unwrap()
        .iter()
        .map(|e| b.store.employer(e.employer_id).unwrap().visits.len())
        .sum();
    assert_eq!(visits, employers * visits_each);
    // The next sync has nothing to do.
    let again = sync_clean(&b);
    assert_eq!((again.round_trips, again.received), (1, 0));
    let peak = server.peak_memory_kb();
    println!("server peak memory before the first sync {before} kB, after {peak} kB");
    assert!(
        peak < 600_000,
        "the server's memory stays bounded while sending {unsent} bytes: peak {peak} kB"
    );
    server.terminate();
}

/// Finding 5: the server bound the actor and spent the code, and when its answer was lost
/// every later code was refused `actor_in_use`: work done before enrollment never reached the
/// team.
#[test]
fn a_lost_enrollment_answer_does_not_strand_the_phone() {
    let server = Server::start();
    let team = Team::create(&server, 1);
    let specialist = &team.specialists[0];
    let actor = hex_actor();
    let code = server.code(specialist);
    let lost = enroll_raw(&server, &code, &actor).unwrap();
    // The same request again (the answer never arrived): the same device, a new token.
    let again = enroll_raw(&server, &code, &actor).unwrap();
    assert_eq!(again.device_id, lost.device_id);
    assert_ne!(again.token, lost.token);
    // Or a new code, while the device has never synced.
    let renewed = enroll_raw(&server, &server.code(specialist), &actor).unwrap();
    assert_eq!(renewed.device_id, lost.device_id);
    // The phone works with the last token; the others are dead.
    let phone = RawDevice {
        token: renewed.token.clone(),
        actor: actor.clone(),
        answer: renewed,
    };
    assert!(phone.sync_raw(&server, vec![]).is_ok());
    let stale = RawDevice {
        token: lost.token.clone(),
        actor: actor.clone(),
        answer: lost,
    };
    assert_eq!(stale.sync_raw(&server, vec![]).unwrap_err().0, 401);
    // Once it has synced, its actor is its own: another code cannot take it.
    assert_eq!(
        enroll_raw(&server, &server.code(specialist), &actor).unwrap_err(),
        (409, "actor_in_use".to_string())
    );
    // A phone that did work offline before enrolling, whose answer was lost: it enrolls
    // again and its work reaches the team.
    let offline = Phone::new();
    let shop = employer(&offline.store, "Offline shop");
    let code = server.code(specialist);
    enroll_raw(&server, &code, &offline.store.identity().actor).unwrap();
    offline
        .enroll(&server, &code)
        .expect("enrolls again with the same code");
    sync_clean(&offline);
    let b = Phone::enrolled(&server, specialist);
    sync_clean(&b);
    assert!(b.store.employer(shop).is_ok());
}

/// Finding 6: the user and device a change names were never checked: history could name the
/// supervisor as the author.
#[test]
fn a_change_naming_someone_else_is_refused() {
    let server = Server::start();
    let team = Team::create(&server, 1);
    let a = Phone::enrolled(&server, &team.specialists[0]);
    let shop = employer(&a.store, "Shop");
    sync_clean(&a);
    let mallory = RawDevice::enroll(&server, &server.code(&team.specialists[0]));
    let mut copy = mallory.copy_of(&a.store, shop.doc());
    copy.put(automerge::ROOT, "phone", "555").unwrap();
    let forged = copy
        .commit_with(
            automerge::transaction::CommitOptions::default().with_message(
                serde_json::json!({"op": "employer.edit", "user": team.supervisor}).to_string(),
            ),
        )
        .unwrap();
    let bytes = copy
        .get_change_by_hash(&forged)
        .unwrap()
        .raw_bytes()
        .to_vec();
    let answer = mallory.sync(
        &server,
        vec![push(shop.doc(), DocKind::Employer, vec![bytes])],
    );
    assert_eq!(
        code_of(&answer, shop.doc()),
        Some(RejectCode::Misattributed)
    );
    // Naming itself is fine.
    let mut copy = mallory.copy_of(&a.store, shop.doc());
    copy.put(automerge::ROOT, "phone", "556").unwrap();
    let own = copy
        .commit_with(
            automerge::transaction::CommitOptions::default().with_message(
                serde_json::json!({"op": "employer.edit", "user": mallory.answer.user_id,
                               "device": mallory.answer.device_id})
                .to_string(),
            ),
        )
        .unwrap();
    let bytes = copy.get_change_by_hash(&own).unwrap().raw_bytes().to_vec();
    let answer = mallory.sync(
        &server,
        vec![push(shop.doc(), DocKind::Employer, vec![bytes])],
    );
    assert!(answer.rejected.is_empty(), "{:?}", answer.rejected);
}

/// Finding 9: anyone could create an employer under the id a job seeker's notes document
/// will have; that job seeker's notes were then refused for good.
#[test]
fn derived_ids_cannot_be_claimed_by_another_kind() {
    let server = Server::start();
    let team = Team::create(&server, 1);
    let a = Phone::enrolled(&server, &team.specialists[0]);
    let jordan = seeker(&a.store, "Jordan Lee");
    sync_clean(&a);
    let mallory = RawDevice::enroll(&server, &server.code(&team.specialists[0]));
    let squat = jordan.notes_doc();
    let mut doc = Document::genesis(DocKind::Employer, squat);
    doc.set_actor(&ActorId::from(hex::decode(&mallory.actor).unwrap()));
    doc.put(&[], "name", &"Squatted").unwrap();
    let hash = doc
        .commit(&fieldbook_core::document::ChangeMeta::default(), 0)
        .unwrap();
    let changes = vec![
        doc.change_bytes(&Document::genesis_hash(DocKind::Employer, squat))
            .unwrap(),
        doc.change_bytes(&hash).unwrap(),
    ];
    let answer = mallory.sync(&server, vec![push(squat, DocKind::Employer, changes)]);
    assert_eq!(code_of(&answer, squat), Some(RejectCode::Invalid));
    // Jordan's notes are still Jordan's to write.
    a.store
        .add_note(jordan, "Prefers early shifts", None)
        .unwrap();
    sync_clean(&a);
}

/// Finding 10: after a reassignment the rows were deleted but stayed readable in the phone
/// file's free pages.
#[test]
fn a_record_taken_off_a_phone_cannot_be_read_back_from_its_file() {
    let server = Server::start();
    let team = Team::create(&server, 2);
    let a = Phone::enrolled(&server, &team.specialists[0]);
    let name = "Zebediah Quillfeather";
    let zeb = seeker(&a.store, name);
    a.store
        .add_note(zeb, "Quillfeather prefers the night shift", None)
        .unwrap();
    sync_clean(&a);
    a.store.compact().unwrap();
    server.admin(&[
        "assign",
        "--seeker",
        &zeb.to_string(),
        "--specialist",
        &team.specialists[1],
        "--replace",
    ]);
    let report = sync_clean(&a);
    assert_eq!(report.removed, 2, "the record and its notes");
    let mut found = Vec::new();
    for entry in std::fs::read_dir(a.dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        if bytes
            .windows(13)
            .any(|w| w == b"Quillfeather ".as_slice() || w == b"Quillfeather\0".as_slice())
            || bytes.windows(12).any(|w| w == b"Quillfeather")
        {
            found.push(path);
        }
    }
    assert!(found.is_empty(), "the name is still in {found:?}");
}

/// Finding 11 (the smaller ones): enrollment refuses the server's own actor and documents'
/// genesis actors; a change with a wrong checksum is refused; wrong media types get 415;
/// `/metrics` is for this machine or the metrics token only.
#[test]
fn reserved_actors_checksums_media_types_and_metrics() {
    let server = Server::start();
    let team = Team::create(&server, 1);
    let a = Phone::enrolled(&server, &team.specialists[0]);
    let shop = employer(&a.store, "Shop");
    sync_clean(&a);
    let db = rusqlite::Connection::open(server.data.join("fieldbook-server.db")).unwrap();
    let server_actor: String = db
        .query_row("SELECT actor FROM server_actors LIMIT 1", [], |r| r.get(0))
        .unwrap();
    let genesis = Document::genesis_actor(shop.doc()).to_hex_string();
    for actor in [server_actor, genesis] {
        assert_eq!(
            enroll_raw(&server, &server.code(&team.specialists[0]), &actor).unwrap_err(),
            (400, "invalid".to_string()),
            "actor {actor} is reserved"
        );
    }
    let mallory = RawDevice::enroll(&server, &server.code(&team.specialists[0]));
    let mut copy = mallory.copy_of(&a.store, shop.doc());
    let mut damaged = change_by(&mut copy, |d| d.put(automerge::ROOT, "phone", "1").unwrap());
    damaged[5] ^= 0x55;
    let answer = mallory.sync(
        &server,
        vec![push(shop.doc(), DocKind::Employer, vec![damaged])],
    );
    assert_eq!(code_of(&answer, shop.doc()), Some(RejectCode::Malformed));
    assert!(answer.rejected[0].reason.contains("checksum"));

    let http = fieldbook_test_support::http();
    let sync_url = format!("{}/v1/sync", server.url());
    let status = http
        .post(&sync_url)
        .bearer_auth(&mallory.token)
        .header("fieldbook-protocol", "2")
        .header("content-type", "application/json")
        .body("{}")
        .send()
        .unwrap()
        .status();
    assert_eq!(status.as_u16(), 415);
    let status = http
        .post(format!("{}/v1/enroll", server.url()))
        .header("fieldbook-protocol", "2")
        .header("content-type", "text/plain")
        .body("{}")
        .send()
        .unwrap()
        .status();
    assert_eq!(status.as_u16(), 415);

    // Metrics: open to this machine by default…
    let metrics = |server: &Server, token: Option<&str>| {
        let mut req = http.get(format!("{}/metrics", server.url()));
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        req.send().unwrap().status().as_u16()
    };
    assert_eq!(metrics(&server, None), 200);
    // …and with a token configured, to its holders only.
    let guarded = Server::start_with_env(&[("FIELDBOOK_METRICS_TOKEN", "s3cret-metrics")]);
    assert_eq!(metrics(&guarded, None), 403);
    assert_eq!(metrics(&guarded, Some("wrong")), 403);
    assert_eq!(metrics(&guarded, Some("s3cret-metrics")), 200);
}

/// Changes stored before the server checked them (or damaged on disk) are found by
/// `admin check` and set aside by `admin check --repair`, after which every phone loads the
/// document again; nothing is deleted.
#[test]
fn admin_check_quarantines_a_stored_bad_change() {
    let mut server = Server::start();
    let team = Team::create(&server, 2);
    let a = Phone::enrolled(&server, &team.specialists[0]);
    let b = Phone::enrolled(&server, &team.specialists[1]);
    let shop = employer(&a.store, "Shop");
    visit(&a.store, shop, &[], "a visit that must survive");
    sync_clean(&a);
    sync_clean(&b);
    // What an unchecked server once stored: a change reusing its author's operation numbers.
    let stranger = ActorId::random();
    let mut copy =
        fieldbook_test_support::raw::snapshot_of(&a.store, shop.doc()).with_actor(stranger.clone());
    let honest = change_by(&mut copy, |d| d.put(automerge::ROOT, "phone", "1").unwrap());
    let bad = forge::rewrite(&honest, |h| {
        h.seq += 1;
        h.deps = vec![
            automerge::Change::from_bytes(honest.clone())
                .unwrap()
                .hash()
                .0,
        ];
    });
    server.terminate();
    {
        let db = rusqlite::Connection::open(server.data.join("fieldbook-server.db")).unwrap();
        let team_id: String = db
            .query_row(
                "SELECT team_id FROM documents WHERE id = ?1",
                [shop.doc().to_string()],
                |r| r.get(0),
            )
            .unwrap();
        for bytes in [&honest, &bad] {
            let hash = automerge::Change::from_bytes(bytes.clone())
                .unwrap()
                .hash()
                .to_string();
            let seq: i64 = db
                .query_row(
                    "UPDATE teams SET feed = feed + 1 WHERE id = ?1 RETURNING feed",
                    [&team_id],
                    |r| r.get(0),
                )
                .unwrap();
            db.execute(
                "INSERT INTO changes (team_id, seq, doc_id, hash, actor, device_id, bytes, received_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, NULL, ?6, '2026-01-01T00:00:00Z')",
                rusqlite::params![team_id, seq, shop.doc().to_string(), hash, stranger.to_hex_string(), bytes],
            )
            .unwrap();
            db.execute(
                "UPDATE documents SET updated_seq = ?2 WHERE id = ?1",
                rusqlite::params![shop.doc().to_string(), seq],
            )
            .unwrap();
        }
    }
    server.restart();
    // Phones refuse what they are sent and say so; they keep working.
    let report = b.store.sync(None).expect("sync");
    assert_eq!(
        report.failed,
        vec![shop.doc()],
        "the damaged employer fails alone"
    );
    // The check finds it and exits non-zero until it is repaired.
    let found = server.admin_raw(&["check"]);
    assert!(!found.status.success());
    let listed: Value = serde_json::from_slice(&found.stdout).unwrap();
    assert_eq!(listed["damaged"][0]["id"], shop.doc().to_string());
    let repaired = server.admin(&["check", "--repair"]);
    assert_eq!(
        repaired["damaged"][0]["quarantined"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    assert_eq!(damaged(&server), 0);
    // Phones load the employer again, visit and all.
    server.restart();
    let report = b.store.sync(None).expect("sync");
    assert!(report.failed.is_empty(), "{:?}", report.failed);
    assert_eq!(b.store.employer(shop).unwrap().visits.len(), 1);
    assert_eq!(
        b.store.employer(shop).unwrap().info.phone.as_deref(),
        Some("1")
    );
    sync_clean(&a);
    let quarantined: i64 = rusqlite::Connection::open(server.data.join("fieldbook-server.db"))
        .unwrap()
        .query_row("SELECT count(*) FROM quarantine", [], |r| r.get(0))
        .unwrap();
    assert_eq!(quarantined, 1, "kept, not deleted");
}

/// Corrections, conflicts, history and merges on a mature record, with inputs as large as a
/// command line carries, through the terminal phone (the release binary in the test command's
/// second run): each answers or refuses in words, none panics, and the record still syncs.
#[test]
fn corrections_and_history_on_a_large_record_answer_or_refuse_in_words() {
    let server = Server::start();
    let team = Team::create(&server, 1);
    let phone = CliPhone::with_key_file();
    phone.enroll(&server, &server.code(&team.specialists[0]));
    // A year of visits with long outcomes at one employer, and two records of one person.
    let long = "x".repeat(10_000);
    let mut lines = vec![
        r#"{"op":"employer.add","id":"bakery","name":"Maple Street Bakery"}"#.to_string(),
        r#"{"op":"seeker.add","id":"maria","name":"Maria Santos"}"#.to_string(),
        r#"{"op":"seeker.add","id":"maria-2","name":"Maria Santos"}"#.to_string(),
    ];
    for day in 0..250 {
        lines.push(format!(
            r#"{{"op":"visit.log","id":"v{day}","employer":"bakery","seekers":["maria"],"at":"2026-01-01 09:00","outcome":"{long}"}}"#
        ));
    }
    let file = phone.write("year.jsonl", &lines.join("\n"));
    phone.run(&["import", &file]);
    phone.run(&["sync"]);

    // About 100 KB, under the 128 KB one argument may carry on Linux.
    let huge = "y".repeat(100_000);
    let huge_json = format!("\"{huge}\"");
    let commands: Vec<Vec<&str>> = vec![
        vec![
            "visit",
            "edit",
            "--employer",
            "bakery",
            "--visit",
            "v1",
            "--outcome",
            &huge,
        ],
        vec![
            "visit",
            "void",
            "--employer",
            "bakery",
            "--visit",
            "v2",
            "--reason",
            &huge,
        ],
        vec![
            "visit",
            "void",
            "--employer",
            "bakery",
            "--visit",
            "v2",
            "--reason",
            "again",
        ],
        vec!["notes", "add", "--seeker", "maria", "--text", &huge],
        vec!["settle", "bakery", "business_needs", &huge_json],
        vec!["settle", "bakery", &huge, "1"],
        vec!["conflicts", "bakery"],
        vec!["history", "bakery"],
        vec!["history", &huge],
        vec!["seeker", "merge", "maria", "maria-2", "--reason", &huge],
        vec!["seeker", "merge", "maria", "maria-2", "--reason", "again"],
        vec!["employer", "show", "bakery"],
    ];
    for args in &commands {
        let out = phone.raw(args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        let code = out.status.code();
        assert!(
            matches!(code, Some(0) | Some(1)) && !stderr.contains("panicked"),
            "{:?}: exit {code:?}: {}",
            &args[..2],
            &stderr[..stderr.len().min(500)]
        );
        if code == Some(1) {
            assert!(
                !stderr.trim().is_empty(),
                "{:?} failed without a word",
                &args[..2]
            );
        }
    }
    // Everything done above reaches the server and another phone of the team.
    let report = phone.run(&["sync"]);
    assert_eq!(report["rejected"], serde_json::json!([]), "{report}");
    assert!(report["sent"].as_u64().unwrap() >= 2, "{report}");
    let other = CliPhone::with_key_file();
    other.enroll(&server, &server.code(&team.supervisor));
    other.run(&["sync"]);
    let show = other.run(&["employer", "show", "bakery"]);
    let visits = show["visits"].as_array().unwrap();
    assert_eq!(visits.len(), 249, "the void visit counts nowhere");
}
