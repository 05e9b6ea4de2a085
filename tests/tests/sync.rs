//! Sync end to end: phones (core stores) and a real `fieldbook-server` process on loopback.

use std::thread;
use std::time::Duration;

use fieldbook_core::document::DocKind;
use fieldbook_core::ids::{DocId, EmployerId};
use fieldbook_core::protocol::{
    self, EnrollRequest, RejectCode, SyncRequest, PROTOCOL_VERSION, SYNC_CONTENT_TYPE,
    VERSION_HEADER,
};
use fieldbook_core::Error;
use fieldbook_test_support::fixtures::{employer, seeker, step, visit};
use fieldbook_test_support::raw::{all_changes, hex_actor, push, RawDevice};
use fieldbook_test_support::{Phone, Server, Team};

const NO_SUCH: &str = "no such document or no permission";

/// Syncs each phone in order, expecting success and no refusals.
fn sync_all(phones: &[&Phone]) {
    for p in phones {
        let report = p.store.sync(None).expect("sync");
        assert!(report.rejected.is_empty(), "refused: {:?}", report.rejected);
        assert!(report.failed.is_empty(), "failed: {:?}", report.failed);
    }
}

#[test]
fn two_specialists_editing_offline_converge_in_both_orders() {
    let server = Server::start();
    let team = Team::create(&server, 2);
    let a = Phone::enrolled(&server, &team.specialists[0]);
    let b = Phone::enrolled(&server, &team.specialists[1]);
    let shared_seeker = seeker(&a.store, "Jordan Lee");
    let shop = employer(&a.store, "Riverbend Hardware");
    sync_all(&[&a]);
    server.admin(&[
        "assign",
        "--seeker",
        &shared_seeker.to_string(),
        "--specialist",
        &team.specialists[1],
    ]);
    sync_all(&[&b]);
    assert!(b.store.employer(shop).is_ok() && b.store.seeker(shared_seeker).is_ok());

    let orders: [[&Phone; 2]; 2] = [[&a, &b], [&b, &a]];
    let mut expected_visits = 0;
    for (round, order) in orders.iter().enumerate() {
        // Offline on both phones: same employer, same job seeker.
        for i in 0..3 {
            visit(&a.store, shop, &[shared_seeker], &format!("a{round}-{i}"));
        }
        step(
            &a.store,
            shared_seeker,
            &format!("Step from A, round {round}"),
        );
        for i in 0..2 {
            visit(&b.store, shop, &[shared_seeker], &format!("b{round}-{i}"));
        }
        let mut profile = b.store.seeker(shared_seeker).unwrap().profile;
        profile.phone = Some(format!("555-010{round}"));
        b.store.update_profile(shared_seeker, profile).unwrap();
        expected_visits += 5;

        sync_all(&[order[0], order[1], order[0]]);

        let (ea, eb) = (
            a.store.employer(shop).unwrap(),
            b.store.employer(shop).unwrap(),
        );
        assert_eq!(ea, eb, "employer differs after round {round}");
        assert_eq!(ea.visits.len(), expected_visits);
        let (sa, sb) = (
            a.store.seeker(shared_seeker).unwrap(),
            b.store.seeker(shared_seeker).unwrap(),
        );
        assert_eq!(sa, sb, "job seeker differs after round {round}");
        assert_eq!(
            sa.activities.len(),
            expected_visits,
            "every visit reached the plan"
        );
        assert_eq!(sa.plan.steps.len(), round + 1);
        assert_eq!(sa.profile.phone, Some(format!("555-010{round}")));
        assert_eq!(a.store.pending_changes().unwrap(), 0);
        assert_eq!(b.store.pending_changes().unwrap(), 0);
    }
    // The week view on each phone counts the visits its own specialist made.
    let mine = |p: &Phone| {
        p.store
            .week_summary(fieldbook_core::today())
            .unwrap()
            .face_to_face
    };
    assert_eq!(mine(&a), 6);
    assert_eq!(mine(&b), 4);
}

#[test]
fn a_job_seekers_phone_holds_only_their_own_record_and_cannot_write() {
    let server = Server::start();
    let team = Team::create(&server, 1);
    let a = Phone::enrolled(&server, &team.specialists[0]);
    let mine = seeker(&a.store, "Maria Santos");
    let other = seeker(&a.store, "Tom Whitaker");
    let shop = employer(&a.store, "Blue Heron Diner");
    visit(&a.store, shop, &[mine, other], "both discussed");
    a.store.add_note(mine, "private note", None).unwrap();
    sync_all(&[&a]);

    let account = team.add_seeker_account(&server, &mine.to_string());
    // Work done on the phone before enrollment syncs as the device's own: here it must be
    // refused, because a job seeker's account writes nothing.
    let phone = Phone::new();
    let sneaky = employer(&phone.store, "Made up employer");
    phone.enroll(&server, &server.code(&account)).unwrap();
    let before = server.state();
    let report = phone.store.sync(None).unwrap();
    assert_eq!(report.rejected.len(), 1);
    assert_eq!(report.rejected[0].id, sneaky.doc());
    assert_eq!(report.rejected[0].code, RejectCode::Forbidden);
    assert_eq!(
        phone.store.documents().unwrap(),
        vec![(mine.doc(), DocKind::Seeker)]
    );
    let record = phone.store.seeker(mine).unwrap();
    assert_eq!(record.profile.name, "Maria Santos");
    assert_eq!(record.activities.len(), 1, "their own job-search activity");
    assert!(phone.store.notes(mine).unwrap().is_empty(), "no case notes");
    assert!(matches!(
        phone.store.seeker(other),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        phone.store.employer(shop),
        Err(Error::NotFound { .. })
    ));
    assert_eq!(server.state(), before, "the refused push wrote nothing");
    // On the phone, editing is refused before anything is written.
    assert!(matches!(
        phone.store.create_employer(fieldbook_core::NewEmployer {
            id: None,
            info: fieldbook_core::model::EmployerInfo {
                name: "x".into(),
                ..Default::default()
            },
        }),
        Err(Error::Unauthorised(_))
    ));

    // A device forging a write into the job seeker's own record over raw HTTP is refused.
    let device = RawDevice::enroll(&server, &server.code(&account));
    let change = device.edit(&a.store, mine.doc(), "name", "Changed by the job seeker");
    let before = server.state();
    let answer = device.sync(
        &server,
        vec![push(mine.doc(), DocKind::Seeker, vec![change])],
    );
    assert_eq!(answer.rejected.len(), 1);
    assert_eq!(answer.rejected[0].code, RejectCode::Forbidden);
    assert_eq!(server.state(), before);
    assert_eq!(
        answer.docs.len(),
        1,
        "the server's copy comes back to replace the local one"
    );
}

/// The supervisor gives `seeker` to `specialist` alone, through the admin command.
fn reassign(server: &Server, seeker: impl std::fmt::Display, specialist: &str) {
    server.admin(&[
        "assign",
        "--seeker",
        &seeker.to_string(),
        "--specialist",
        specialist,
        "--replace",
    ]);
}

#[test]
fn reassignment_removes_the_record_and_a_revoked_phone_is_wiped() {
    let server = Server::start();
    let team = Team::create(&server, 2);
    let a = Phone::enrolled(&server, &team.specialists[0]);
    let b = Phone::enrolled(&server, &team.specialists[1]);
    let moving = seeker(&a.store, "Sam Patel");
    let staying = seeker(&a.store, "Grace Kim");
    a.store
        .add_note(moving, "note that moves with the record", None)
        .unwrap();
    sync_all(&[&a, &b]);
    assert!(b.store.seeker(moving).is_err());

    reassign(&server, moving, &team.specialists[1]);
    let report = a.store.sync(None).unwrap();
    assert_eq!(report.removed, 2, "record and notes");
    assert!(matches!(
        a.store.seeker(moving),
        Err(Error::NotFound { .. })
    ));
    assert!(a.store.notes(moving).unwrap().is_empty());
    let caseload: Vec<_> = a
        .store
        .caseload(fieldbook_core::today())
        .unwrap()
        .into_iter()
        .map(|c| c.seeker_id)
        .collect();
    assert_eq!(caseload, vec![staying]);
    sync_all(&[&b]);
    assert_eq!(b.store.seeker(moving).unwrap().profile.name, "Sam Patel");
    assert_eq!(b.store.notes(moving).unwrap().len(), 1);

    let devices = server.admin(&["devices"]);
    let a_device = a.store.identity().device_id.unwrap().to_string();
    assert!(devices
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["id"] == a_device.as_str()));
    server.admin(&["revoke", "--device", &a_device]);
    assert!(matches!(a.store.sync(None), Err(Error::DeviceRevoked)));
    assert!(a.store.documents().unwrap().is_empty(), "wiped");
    assert!(!a.store.identity().is_enrolled());
    assert!(a.store.pending_changes().unwrap() == 0);
    // The other phone carries on.
    sync_all(&[&b]);
}

#[test]
fn bad_requests_get_clear_errors_and_change_nothing() {
    let server = Server::start();
    let team = Team::create(&server, 2);
    let a = Phone::enrolled(&server, &team.specialists[0]);
    let private = seeker(&a.store, "Hannah Brooks");
    sync_all(&[&a]);
    let device = RawDevice::enroll(&server, &server.code(&team.specialists[1]));
    let http = fieldbook_test_support::http();
    let url = format!("{}{}", server.url(), protocol::SYNC_PATH);
    let good_body = protocol::encode(&SyncRequest {
        version: PROTOCOL_VERSION,
        cursor: 0,
        push: vec![],
        want: vec![],
        resume: None,
    })
    .unwrap();
    // An oversized body may be cut off by the server's early answer while the client is
    // still sending; the client then retries until it reads the answer.
    let post = |token: Option<&str>, version: &str, body: Vec<u8>| {
        let send = || {
            let mut req = http
                .post(&url)
                .header(VERSION_HEADER, version)
                .header("content-type", SYNC_CONTENT_TYPE)
                .header("content-encoding", "gzip")
                .body(body.clone());
            if let Some(t) = token {
                req = req.bearer_auth(t);
            }
            req.send()
        };
        let resp = (0..10)
            .find_map(|_| send().ok())
            .expect("the server answers");
        let status = resp.status().as_u16();
        let body: serde_json::Value =
            serde_json::from_slice(&resp.bytes().unwrap()).unwrap_or(serde_json::Value::Null);
        (
            status,
            body["error"]["code"].as_str().unwrap_or("").to_string(),
        )
    };
    let before = server.state();
    let gauges_before = gauges(&server);

    assert_eq!(
        post(None, V, good_body.clone()),
        (401, "unauthorized".into())
    );
    assert_eq!(
        post(Some("not-a-token"), V, good_body.clone()),
        (401, "unauthorized".into())
    );
    assert_eq!(
        post(Some(&device.token), "99", good_body.clone()),
        (400, "unsupported_version".into())
    );
    let v99 = protocol::encode(&SyncRequest {
        version: 99,
        cursor: 0,
        push: vec![],
        want: vec![],
        resume: None,
    })
    .unwrap();
    assert_eq!(
        post(Some(&device.token), V, v99),
        (400, "unsupported_version".into())
    );
    assert_eq!(
        post(Some(&device.token), V, b"garbage".to_vec()),
        (400, "bad_request".into())
    );
    let full = protocol::encode(&SyncRequest {
        version: PROTOCOL_VERSION,
        cursor: 0,
        push: vec![push(DocId::new(), DocKind::Employer, vec![vec![7u8; 3000]])],
        want: vec![],
        resume: None,
    })
    .unwrap();
    for cut in [1, full.len() / 2, full.len() - 1] {
        assert_eq!(
            post(Some(&device.token), V, full[..cut].to_vec()),
            (400, "bad_request".into()),
            "cut at {cut}"
        );
    }
    assert_eq!(
        post(Some(&device.token), V, vec![0u8; 17 * 1024 * 1024]),
        (413, "payload_too_large".into())
    );
    assert_eq!(
        server.state(),
        before,
        "no refused request changed anything"
    );
    assert_eq!(gauges(&server), gauges_before);

    // Within one request: a forged actor, an unauthorised write and a garbled change are
    // refused one by one, while a good document in the same batch is accepted.
    let own = Phone::new();
    let good = employer(&own.store, "Good employer");
    let honest = RawDevice::enroll_with(
        &server,
        &server.code(&team.specialists[1]),
        &own.store.identity().actor,
    );
    let other_phone = Phone::new();
    let forged_employer = employer(&other_phone.store, "Forged");
    let forged = all_changes(&other_phone.store, forged_employer.doc());
    let unauthorised = honest.edit(&a.store, private.doc(), "name", "Not yours");
    let garbled_id = DocId::new();
    let before = server.state();
    let answer = honest.sync(
        &server,
        vec![
            push(forged_employer.doc(), DocKind::Employer, forged),
            push(private.doc(), DocKind::Seeker, vec![unauthorised]),
            push(garbled_id, DocKind::Employer, vec![vec![1, 2, 3]]),
            push(
                good.doc(),
                DocKind::Employer,
                all_changes(&own.store, good.doc()),
            ),
        ],
    );
    let codes: Vec<_> = answer.rejected.iter().map(|r| (r.id, r.code)).collect();
    assert_eq!(codes.len(), 3, "{codes:?}");
    assert!(
        codes.contains(&(forged_employer.doc(), RejectCode::ForeignActor)),
        "{codes:?}"
    );
    assert!(codes.contains(&(private.doc(), RejectCode::Forbidden)));
    assert!(codes.contains(&(garbled_id, RejectCode::Malformed)));
    let unauthorised_reason = &answer
        .rejected
        .iter()
        .find(|r| r.id == private.doc())
        .unwrap()
        .reason;
    assert_eq!(
        unauthorised_reason, NO_SUCH,
        "indistinguishable from a missing document"
    );
    assert!(
        answer.docs.iter().all(|d| d.id != private.doc()),
        "nothing of it is revealed"
    );
    // The only new writes are the good document's changes; each refusal is audited.
    let writes = |state: &str| {
        serde_json::from_str::<serde_json::Value>(state)
            .unwrap()
            .as_array()
            .unwrap()
            .clone()
    };
    let (old, now) = (writes(&before), writes(&server.state()));
    let accepted: std::collections::BTreeSet<String> = now[..now.len() - old.len()]
        .iter()
        .map(|r| {
            format!(
                "{} {}",
                r["action"].as_str().unwrap(),
                r["doc_id"].as_str().unwrap_or("-")
            )
        })
        .collect();
    assert_eq!(
        accepted,
        [format!("change {}", good.doc())].into_iter().collect()
    );
    let refusals: std::collections::BTreeSet<String> = server
        .audit()
        .iter()
        .filter(|r| r["action"] == "refuse")
        .map(|r| r["doc_id"].as_str().unwrap_or("-").to_string())
        .collect();
    for refused in [forged_employer.doc(), private.doc(), garbled_id] {
        assert!(
            refusals.contains(&refused.to_string()),
            "the refusal of {refused} is audited"
        );
    }
    let docs_before = gauges_before
        .iter()
        .find_map(|g| g.strip_prefix("fieldbook_documents "))
        .unwrap()
        .parse::<u64>()
        .unwrap();
    assert_eq!(
        gauge(&server, "fieldbook_documents"),
        docs_before + 1,
        "only the good document was stored"
    );

    // Enrollment: a wrong code is refused, and repeated failures are rate-limited.
    let enroll = |code: &str| {
        let resp = http
            .post(format!("{}{}", server.url(), protocol::ENROLL_PATH))
            .header(VERSION_HEADER, V)
            .header("content-type", "application/json")
            .body(
                serde_json::to_vec(&EnrollRequest {
                    version: PROTOCOL_VERSION,
                    code: code.into(),
                    actor: hex_actor(),
                    device_name: "x".into(),
                })
                .unwrap(),
            )
            .send()
            .unwrap();
        resp.status().as_u16()
    };
    let code = server.code(&team.specialists[1]);
    let _ = RawDevice::enroll_with(&server, &code, &hex_actor());
    assert_eq!(enroll(&code), 403, "a used code does not work twice");
    let statuses: Vec<u16> = (0..10).map(|_| enroll("AAAA-BBBB-CCCC")).collect();
    assert_eq!(&statuses[..9], &[403; 9]);
    assert_eq!(
        statuses[9], 429,
        "the eleventh failure from one address is rate-limited"
    );
}

#[test]
fn a_server_killed_mid_sync_loses_nothing() {
    let mut server = Server::start();
    let team = Team::create(&server, 2);
    let a = Phone::enrolled(&server, &team.specialists[0]);
    let b = Phone::enrolled(&server, &team.specialists[1]);
    let mut employers: Vec<EmployerId> = Vec::new();
    let mut expected = 0;
    for round in 0..5u64 {
        for i in 0..20 {
            let e = employer(&a.store, &format!("Employer {round}-{i}"));
            visit(&a.store, e, &[], "first contact");
            employers.push(e);
            expected += 1;
        }
        thread::scope(|s| {
            let syncing = s.spawn(|| a.store.sync(None).map(|_| ()));
            thread::sleep(Duration::from_millis(5 + 15 * round));
            server.kill();
            let _ = syncing.join().unwrap();
        });
        server.restart();
        sync_all(&[&a, &b]);
        assert_eq!(a.store.pending_changes().unwrap(), 0);
        let visits: usize = employers
            .iter()
            .map(|e| b.store.employer(*e).unwrap().visits.len())
            .sum();
        assert_eq!(
            visits, expected,
            "round {round}: every visit reached the other phone"
        );
    }
}

/// A long day offline: a document gathers more changes than a write keeps appended, and the
/// phone compacts before it finds a signal. Every change still reaches the server and the
/// other phone, once, and nothing is left waiting.
#[test]
fn changes_folded_into_a_snapshot_before_sync_still_reach_everyone() {
    let server = Server::start();
    let team = Team::create(&server, 2);
    let a = Phone::enrolled(&server, &team.specialists[0]);
    let b = Phone::enrolled(&server, &team.specialists[1]);
    let shop = employer(&a.store, "Riverbend Hardware");
    sync_all(&[&a, &b]);
    for i in 0..40 {
        visit(&a.store, shop, &[], &format!("visit {i}"));
        if i == 25 {
            a.store.compact().unwrap();
        }
    }
    assert_eq!(a.store.pending_changes().unwrap(), 40);
    sync_all(&[&a, &b]);
    assert_eq!(a.store.pending_changes().unwrap(), 0);
    assert_eq!(b.store.employer(shop).unwrap().visits.len(), 40);
    assert_eq!(
        b.store.history(shop.doc()).unwrap().len(),
        a.store.history(shop.doc()).unwrap().len()
    );
    // Sent and folded: the phone keeps nothing twice, and the next visit syncs alone.
    visit(&a.store, shop, &[], "visit 40");
    let report = a.store.sync(None).unwrap();
    assert_eq!(report.sent, 1);
    sync_all(&[&b]);
    assert_eq!(b.store.employer(shop).unwrap().visits.len(), 41);
}

#[test]
fn steady_state_sync_costs_one_round_trip_and_bytes_in_proportion_to_the_edit() {
    let server = Server::start();
    let team = Team::create(&server, 2);
    let big = Phone::enrolled(&server, &team.specialists[0]);
    let small = Phone::enrolled(&server, &team.specialists[1]);
    let mut shops = Vec::new();
    for i in 0..150 {
        shops.push(employer(&big.store, &format!("Employer {i}")));
    }
    for i in 0..49 {
        seeker(&big.store, &format!("Job seeker {i}"));
    }
    sync_all(&[&big]);
    sync_all(&[&big, &small]);
    assert!(big.store.documents().unwrap().len() >= 200);

    let measure = |phone: &Phone, shop: EmployerId| {
        visit(&phone.store, shop, &[], "a short visit");
        phone.store.sync(None).unwrap()
    };
    let edit_on_big = measure(&big, shops[3]);
    assert!(edit_on_big.round_trips <= 2, "{edit_on_big:?}");
    assert_eq!(edit_on_big.sent, 1);
    // The other phone: same edit, far fewer documents of its own on disk (only the 150
    // employers it synced, but no job seekers).
    let fresh = Phone::enrolled(&server, &team.supervisor);
    sync_all(&[&fresh]);
    let edit_on_fresh = measure(&fresh, shops[4]);
    assert!(edit_on_big.bytes_up < 1500, "{edit_on_big:?}");
    assert!(
        edit_on_big.bytes_up.abs_diff(edit_on_fresh.bytes_up) < 200,
        "{edit_on_big:?} vs {edit_on_fresh:?}"
    );
    // Receiving those two edits costs the other phone bytes for two visits.
    let received = small.store.sync(None).unwrap();
    eprintln!("big: {edit_on_big:?}\nfresh: {edit_on_fresh:?}\nreceived: {received:?}");
    assert_eq!(received.round_trips, 1);
    assert!(received.bytes_down < 3000, "{received:?}");
    assert_eq!(received.received, 2);
}

#[test]
fn https_with_a_self_signed_certificate_and_no_plain_http_off_this_machine() {
    let cert = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
    let server = Server::start_tls(&cert.cert.pem(), &cert.signing_key.serialize_pem());
    let team = Team::create(&server, 1);
    let phone = Phone::new();
    let enrollment = fieldbook_core::Enrollment {
        server_url: server.url(),
        code: server.code(&team.specialists[0]),
        device_name: "tls phone".into(),
        ca_certificate_pem: None,
    };
    // Without trusting the certificate the phone refuses the server.
    assert!(matches!(
        phone.store.enroll(&enrollment),
        Err(Error::Network(_))
    ));
    let trusted = fieldbook_core::Enrollment {
        ca_certificate_pem: Some(cert.cert.pem().into_bytes()),
        ..enrollment
    };
    phone.store.enroll(&trusted).unwrap();
    employer(&phone.store, "Over TLS");
    let report = phone.store.sync(None).unwrap();
    assert_eq!(report.sent, 1);

    let plain = Phone::new();
    for url in ["http://192.168.1.20:8080", "http://fieldbook.example.org"] {
        let refused = plain.store.enroll(&fieldbook_core::Enrollment {
            server_url: url.into(),
            code: "AAAA-BBBB-CCCC".into(),
            device_name: "x".into(),
            ca_certificate_pem: None,
        });
        assert!(
            matches!(&refused, Err(Error::Invalid { field, .. }) if field == "server_url"),
            "{url}: {refused:?}"
        );
    }
}

#[test]
fn the_demo_program_enrolls_and_syncs_as_printed() {
    let mut server = Server::start_demo();
    let code_of = |banner: &str, name: &str| -> String {
        let line = banner
            .lines()
            .find(|l| l.trim_start().starts_with(name))
            .unwrap_or_else(|| panic!("{name} in {banner}"));
        line.split_whitespace().last().unwrap().to_string()
    };
    let banner = server.banner.clone();
    let ana = Phone::new();
    ana.enroll(&server, &code_of(&banner, "Ana Ruiz")).unwrap();
    sync_all(&[&ana]);
    assert_eq!(
        ana.store.caseload(fieldbook_core::today()).unwrap().len(),
        10
    );
    assert_eq!(
        ana.store.employers().unwrap().len(),
        24,
        "the team's employers"
    );
    assert!(
        ana.store
            .week_summary(fieldbook_core::today())
            .unwrap()
            .caseload
            == 10
    );
    let jordan = Phone::new();
    jordan
        .enroll(&server, &code_of(&banner, "Jordan Lee"))
        .unwrap();
    sync_all(&[&jordan]);
    assert_eq!(jordan.store.documents().unwrap().len(), 1);
    // A restart keeps the data and prints fresh codes without seeding twice.
    server.restart();
    let marcus = Phone::new();
    marcus
        .enroll(&server, &code_of(&server.banner, "Marcus Bell"))
        .unwrap();
    sync_all(&[&marcus]);
    assert_eq!(
        marcus
            .store
            .caseload(fieldbook_core::today())
            .unwrap()
            .len(),
        10
    );
    assert_eq!(marcus.store.employers().unwrap().len(), 24);
}

#[test]
fn a_repeated_request_is_harmless_and_the_server_stops_cleanly() {
    let mut server = Server::start();
    let team = Team::create(&server, 1);
    let own = Phone::new();
    let shop = employer(&own.store, "Repeat Hardware");
    visit(&own.store, shop, &[], "first visit");
    let device = RawDevice::enroll_with(
        &server,
        &server.code(&team.specialists[0]),
        &own.store.identity().actor,
    );
    let batch = vec![push(
        shop.doc(),
        DocKind::Employer,
        all_changes(&own.store, shop.doc()),
    )];
    let first = device.sync(&server, batch.clone());
    assert!(first.rejected.is_empty());
    let before = server.state();
    let gauges_before = gauges(&server);
    // The answer was lost; the phone sends the same request again.
    let again = device.sync(&server, batch);
    assert!(again.rejected.is_empty());
    assert_eq!(server.state(), before, "nothing stored twice");
    assert_eq!(gauges(&server), gauges_before);

    let health = reqwest::blocking::get(format!("{}/healthz", server.url())).unwrap();
    assert_eq!(health.status().as_u16(), 200);
    assert_eq!(health.text().unwrap().trim(), "ok");
    let status = server.terminate();
    assert!(
        status.success(),
        "SIGTERM ends the server cleanly: {status:?}"
    );
}

fn gauge(server: &Server, name: &str) -> u64 {
    gauges(server)
        .iter()
        .find_map(|g| {
            g.strip_prefix(&format!("{name} "))
                .map(|v| v.parse().unwrap())
        })
        .unwrap_or_else(|| panic!("{name} in /metrics"))
}

/// The server's counters that only writes move.
fn gauges(server: &Server) -> Vec<String> {
    let text = reqwest::blocking::get(format!("{}/metrics", server.url()))
        .unwrap()
        .text()
        .unwrap();
    text.lines()
        .filter(|l| {
            [
                "fieldbook_documents ",
                "fieldbook_changes ",
                "fieldbook_feed_position ",
                "fieldbook_devices ",
            ]
            .iter()
            .any(|p| l.starts_with(p))
        })
        .map(str::to_string)
        .collect()
}

/// The protocol version header every good request carries.
const V: &str = "2";

/// A specialist's offline work on a job seeker reaches the record and the new specialist even
/// when it syncs after the job seeker was reassigned (ADR 0003, hand-over).
#[test]
fn work_done_before_a_reassignment_reaches_the_new_specialist() {
    let server = Server::start();
    let team = Team::create(&server, 2);
    let ana = Phone::enrolled(&server, &team.specialists[0]);
    let luis = Phone::enrolled(&server, &team.specialists[1]);
    let erik = seeker(&ana.store, "Erik Lund");
    sync_all(&[&ana, &luis]);
    // Offline, Ana writes a case note and a plan step for Erik…
    ana.store
        .add_note(erik, "Interested in warehouse work", None)
        .unwrap();
    let visit_warehouse = step(&ana.store, erik, "Visit the warehouse with Erik");
    // …while the supervisor gives Erik to Luis.
    reassign(&server, erik, &team.specialists[1]);
    let report = ana.store.sync(None).unwrap();
    assert!(report.rejected.is_empty(), "{:?}", report.rejected);
    assert_eq!(report.sent, 2, "the note and the step went up");
    assert_eq!(
        report.removed, 2,
        "then Erik's record and notes left Ana's phone"
    );
    assert!(ana.store.seeker(erik).is_err());
    sync_all(&[&luis]);
    let record = luis.store.seeker(erik).unwrap();
    assert!(record.plan.steps.contains_key(&visit_warehouse));
    let notes = luis.store.notes(erik).unwrap();
    assert!(notes
        .iter()
        .any(|(_, n)| n.text == "Interested in warehouse work"));
}

/// Work the server refuses is kept: the team's supervisor sees who wrote what on which
/// record, and can accept it into the record (or dismiss it, keeping it listed).
#[test]
fn a_supervisor_sees_refused_work_and_accepts_it() {
    let server = Server::start();
    let team = Team::create(&server, 2);
    let ana = Phone::enrolled(&server, &team.specialists[0]);
    let luis = Phone::enrolled(&server, &team.specialists[1]);
    let erik = seeker(&ana.store, "Erik Lund");
    sync_all(&[&ana]);
    reassign(&server, erik, &team.specialists[1]);
    sync_all(&[&ana, &luis]);
    // A second phone of Ana's, already past the reassignment, still writes to Erik's record.
    let tablet = RawDevice::enroll(&server, &server.code(&team.specialists[0]));
    let caught_up = tablet.sync_at(&server, 0, vec![]).unwrap().cursor;
    let edit = tablet.edit(&luis.store, erik.doc(), "phone", "555-0142");
    let answer = tablet
        .sync_at(
            &server,
            caught_up,
            vec![push(erik.doc(), DocKind::Seeker, vec![edit])],
        )
        .unwrap();
    assert_eq!(answer.rejected.len(), 1, "refused: Erik is Luis's now");

    let session = server.web_session(&team.supervisor, "sue");
    let (status, body) = server.get("/api/v1/refused", &session);
    assert_eq!(status, 200, "{body}");
    let work: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(work.as_array().unwrap().len(), 1);
    assert_eq!(work[0]["record"], "job seeker Erik Lund");
    assert_eq!(work[0]["by"], "Specialist 0");
    assert_eq!(work[0]["code"], "forbidden");
    let (status, page) = server.get("/refused", &session);
    assert_eq!(status, 200);
    assert!(page.contains("Erik Lund") && page.contains("Accept into the record"));

    let id = work[0]["id"].as_i64().unwrap();
    let http = fieldbook_test_support::http_builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let accept = |session: &str| {
        http.post(format!("{}/refused/{id}/accept", server.url()))
            .header("cookie", format!("fieldbook_session={session}"))
            .send()
            .unwrap()
            .status()
            .as_u16()
    };
    assert_eq!(accept(&session), 303);
    assert_eq!(accept(&session), 400, "dealt with already");
    sync_all(&[&luis]);
    assert_eq!(
        luis.store.seeker(erik).unwrap().profile.phone.as_deref(),
        Some("555-0142"),
        "the accepted work is in the record"
    );
    let (_, body) = server.get("/api/v1/refused", &session);
    let work: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(work[0]["resolution"], "accepted");
    assert_eq!(work[0]["resolved_by"], "Sue Pervisor");
}

/// Ana and her supervisor both change Jordan's phone number offline (issue 14): after both
/// sync, neither value is lost silently — both phones list the field with both values and
/// who wrote each, the history shows each edit as old → new — and one edit settles it for
/// everyone.
#[test]
fn a_field_changed_on_two_phones_at_once_is_shown_and_settled() {
    let server = Server::start();
    let team = Team::create(&server, 1);
    let ana = Phone::enrolled(&server, &team.specialists[0]);
    let sue = Phone::enrolled(&server, &team.supervisor);
    let jordan = seeker(&ana.store, "Jordan Lee");
    let mut profile = ana.store.seeker(jordan).unwrap().profile;
    profile.phone = Some("555-0101".into());
    ana.store.update_profile(jordan, profile).unwrap();
    sync_all(&[&ana, &sue]);
    assert!(ana.store.conflicts(jordan.doc()).unwrap().is_empty());

    // Offline, both change the number.
    let before = chrono::Utc::now().timestamp();
    for (phone, number) in [(&ana, "555-0199"), (&sue, "555-0123")] {
        let mut profile = phone.store.seeker(jordan).unwrap().profile;
        profile.phone = Some(number.into());
        phone.store.update_profile(jordan, profile).unwrap();
    }
    sync_all(&[&ana, &sue, &ana]);

    for phone in [&ana, &sue] {
        let conflicts = phone.store.conflicts(jordan.doc()).unwrap();
        assert_eq!(conflicts.len(), 1, "{conflicts:?}");
        assert_eq!(conflicts[0].field, "profile.phone");
        let mut values: Vec<(String, String)> = conflicts[0]
            .values
            .iter()
            .map(|v| {
                (
                    v.value.as_ref().unwrap().as_str().unwrap().to_string(),
                    v.user_name.clone().unwrap_or_default(),
                )
            })
            .collect();
        // Each value says when it was written: during the offline edits above.
        for v in &conflicts[0].values {
            let at = v.at.expect("when the value was written").timestamp();
            assert!(
                at >= before && at <= chrono::Utc::now().timestamp(),
                "{v:?}"
            );
        }
        // The value shown now comes first, on both phones alike.
        let shown = phone.store.seeker(jordan).unwrap().profile.phone.unwrap();
        assert_eq!(values[0].0, shown);
        values.sort();
        assert_eq!(
            values,
            vec![
                ("555-0123".to_string(), "Sue Pervisor".to_string()),
                ("555-0199".to_string(), "Specialist 0".to_string()),
            ]
        );
        // Each edit's history says what the number was and what it became.
        let edits: Vec<(Option<String>, Option<String>)> = phone
            .store
            .history(jordan.doc())
            .unwrap()
            .iter()
            .flat_map(|h| h.changes.iter().filter(|c| c.field == "profile.phone"))
            .map(|c| {
                let text = |v: &Option<serde_json::Value>| {
                    v.as_ref().and_then(|v| v.as_str()).map(str::to_string)
                };
                (text(&c.from), text(&c.to))
            })
            .collect();
        assert!(
            edits.contains(&(Some("555-0101".into()), Some("555-0199".into()))),
            "{edits:?}"
        );
        assert!(
            edits.contains(&(Some("555-0101".into()), Some("555-0123".into()))),
            "{edits:?}"
        );
    }

    // Settling on a value the field does not hold is refused, naming what it holds.
    let wrong = sue
        .store
        .settle(
            jordan.doc(),
            "profile.phone",
            &serde_json::json!("555-0000"),
        )
        .unwrap_err()
        .to_string();
    assert!(
        wrong.contains("555-0123") && wrong.contains("555-0199"),
        "{wrong}"
    );
    // Sue calls Jordan and settles it: one value again, everywhere.
    sue.store
        .settle(
            jordan.doc(),
            "profile.phone",
            &serde_json::json!("555-0123"),
        )
        .unwrap();
    sync_all(&[&sue, &ana]);
    for phone in [&ana, &sue] {
        assert!(phone.store.conflicts(jordan.doc()).unwrap().is_empty());
        assert_eq!(
            phone.store.seeker(jordan).unwrap().profile.phone.as_deref(),
            Some("555-0123")
        );
    }
}

/// A case note written while the sync that brings Erik's reassignment is on its way (issue
/// 14): the record leaves Ana's phone with the note unsent. The phone keeps it and names it,
/// shows it to the server once at its next sync, and the supervisor finds it with the
/// refused work and accepts it into the record, where Luis, Erik's specialist now, reads it.
#[test]
fn a_note_written_while_a_reassignment_arrives_reaches_the_supervisor() {
    let server = Server::start();
    let team = Team::create(&server, 2);
    // Ana's phone enrolls through the raw API, so the test can speak for it on the wire.
    let ana = Phone::new();
    let actor = ana.store.identity().actor.clone();
    let enrolled = fieldbook_test_support::raw::enroll_raw(
        &server,
        &server.code(&team.specialists[0]),
        &actor,
    )
    .unwrap();
    ana.store
        .accept_enrollment(&server.url(), &enrolled, None)
        .unwrap();
    let luis = Phone::enrolled(&server, &team.specialists[1]);
    let erik = seeker(&ana.store, "Erik Lund");
    sync_all(&[&ana]);
    reassign(&server, erik, &team.specialists[1]);

    let http = fieldbook_test_support::http();
    let wrote = std::cell::Cell::new(false);
    let exchange = |body: Vec<u8>| -> Result<Vec<u8>, fieldbook_core::Refusal> {
        // The request is on its way when Ana saves the note.
        if !wrote.replace(true) {
            ana.store
                .add_note(erik, "Called about Friday's interview", None)
                .unwrap();
        }
        let resp = http
            .post(format!("{}{}", server.url(), protocol::SYNC_PATH))
            .bearer_auth(&enrolled.token)
            .header(VERSION_HEADER, PROTOCOL_VERSION.to_string())
            .header("content-type", protocol::SYNC_CONTENT_TYPE)
            .header("content-encoding", "gzip")
            .body(body)
            .send()
            .unwrap();
        assert!(resp.status().is_success());
        Ok(resp.bytes().unwrap().to_vec())
    };
    let report = ana.store.sync_with(&exchange, None).unwrap();
    assert_eq!(report.rejected.len(), 1, "{report:?}");
    assert_eq!(report.rejected[0].record, "case notes of Erik Lund");
    assert_eq!(report.rejected[0].what, vec!["note.add".to_string()]);
    // The note, and the notes document's first change that came with it.
    let kept = ana.store.pending().unwrap().refused;
    assert!(
        kept.iter().any(|r| r.what.as_deref() == Some("note.add")),
        "{kept:?}"
    );

    // The next sync shows it to the server, which keeps it for the supervisor; the one after
    // does not send it again.
    let session = server.web_session(&team.supervisor, "sue");
    let refused = || -> serde_json::Value {
        let (status, body) = server.get("/api/v1/refused", &session);
        assert_eq!(status, 200, "{body}");
        serde_json::from_str(&body).unwrap()
    };
    assert_eq!(refused().as_array().unwrap().len(), 0);
    for _ in 0..2 {
        let report = ana.store.sync(None).unwrap();
        assert!(
            report.rejected.is_empty(),
            "named once, at the reassignment"
        );
    }
    let work = refused();
    assert_eq!(work.as_array().unwrap().len(), 1, "{work}");
    assert_eq!(work[0]["record"], "case notes of Erik Lund");
    assert_eq!(work[0]["by"], "Specialist 0");
    let still = ana.store.pending().unwrap().refused;
    assert_eq!(still.len(), kept.len(), "still listed on Ana's phone");
    assert!(
        still.iter().all(|r| r.reason.contains("supervisor")),
        "{still:?}"
    );

    let id = work[0]["id"].as_i64().unwrap();
    let accepted = fieldbook_test_support::http_builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(format!("{}/refused/{id}/accept", server.url()))
        .header("cookie", format!("fieldbook_session={session}"))
        .send()
        .unwrap();
    assert_eq!(accepted.status().as_u16(), 303);
    sync_all(&[&luis]);
    let notes = luis.store.notes(erik).unwrap();
    assert!(
        notes
            .iter()
            .any(|(_, n)| n.text == "Called about Friday's interview"),
        "the accepted note is in Erik's record"
    );
}
