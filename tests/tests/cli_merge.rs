//! Merging duplicates end to end: two specialists' terminal phones import the same
//! spreadsheet row, so one job seeker has two records; one phone logs a visit about the
//! duplicate offline while the other merges the two; after syncing with a real
//! `fieldbook-server` both phones and the supervisor's report show one person with both
//! visits, and the duplicate's id shows the record kept.

use fieldbook_test_support::cli::CliPhone;
use fieldbook_test_support::{Server, Team};
use serde_json::Value;

fn s(v: &Value) -> String {
    v.as_str()
        .unwrap_or_else(|| panic!("not a string: {v}"))
        .to_string()
}

/// The caseload's seeker ids, as a phone lists them.
fn caseload(phone: &CliPhone) -> Vec<String> {
    phone
        .run(&["caseload", "--as-of", "2026-11-30"])
        .as_array()
        .unwrap()
        .iter()
        .map(|line| s(&line["seeker_id"]))
        .collect()
}

/// The visit ids in a record's job-search activity, sorted.
fn activities(record: &Value) -> Vec<String> {
    let mut ids: Vec<String> = record["activities"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    ids.sort();
    ids
}

fn visit(phone: &CliPhone, seeker: &str, at: &str) -> String {
    s(&phone.run(&[
        "visit",
        "log",
        "--employer",
        "bakery",
        "--seeker",
        seeker,
        "--at",
        at,
    ])["visit_id"])
}

#[test]
fn a_duplicate_from_two_imports_is_merged_and_both_phones_and_the_report_show_one_person() {
    let server = Server::start();
    let team = Team::create(&server, 2);
    let a = CliPhone::with_key_file();
    let b = CliPhone::with_key_file();
    a.enroll(&server, &server.code(&team.specialists[0]));
    b.enroll(&server, &server.code(&team.specialists[1]));
    let session = server.web_session(&team.supervisor, "sue");

    // The same spreadsheet, imported on both phones before either synced.
    let row = [
        r#"{"op":"seeker.add","id":"maria","name":"Maria Santos","referral_date":"2026-11-02","status":"Job Search"}"#,
        r#"{"op":"step.add","seeker":"maria","id":"resume","what":"Update résumé"}"#,
    ]
    .join("\n");
    for phone in [&a, &b] {
        let file = phone.write("caseload.jsonl", &row);
        let (ok, report) = phone.report(&["import", &file]);
        assert!(ok, "{report}");
    }
    let kept = s(&a.run(&["seeker", "show", "maria"])["id"]);
    let duplicate = s(&b.run(&["seeker", "show", "maria"])["id"]);
    assert_ne!(kept, duplicate);
    a.run(&[
        "employer",
        "add",
        "--id",
        "bakery",
        "--name",
        "Maple Street Bakery",
    ]);
    a.run(&["sync"]);
    b.run(&["sync"]);
    // Both specialists work with Maria: each phone holds both records.
    for (record, specialist) in [
        (&kept, &team.specialists[1]),
        (&duplicate, &team.specialists[0]),
    ] {
        server.admin(&["assign", "--seeker", record, "--specialist", specialist]);
    }
    a.run(&["sync"]);
    b.run(&["sync"]);
    assert_eq!(caseload(&a).len(), 2, "two records of one person");
    let ambiguous = a.raw(&["seeker", "show", "maria"]);
    assert!(!ambiguous.status.success(), "the name finds both");

    // Offline, B logs a visit about the duplicate; A logs one about the record kept and
    // merges the duplicate into it.
    let offline = visit(&b, &duplicate, "2026-11-17 10:00");
    let on_kept = visit(&a, &kept, "2026-11-16 10:00");
    let refused = a.raw(&["seeker", "merge", &kept, &kept, "--reason", "same"]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("itself"));
    let merged = a.run(&[
        "seeker",
        "merge",
        &kept,
        &duplicate,
        "--reason",
        "imported twice",
    ]);
    assert_eq!(merged["op"], "seeker.merge");
    let late = a.raw(&[
        "notes",
        "add",
        "--seeker",
        &duplicate,
        "--text",
        "Late note",
    ]);
    assert!(!late.status.success(), "a merged record takes no writes");
    assert!(String::from_utf8_lossy(&late.stderr).contains(&kept));
    a.run(&["sync"]);
    // B learns of the merge and copies its visit's activity into the record kept; the
    // next syncs carry it to A.
    b.run(&["sync"]);
    b.run(&["sync"]);
    a.run(&["sync"]);

    let both = {
        let mut v = vec![offline.clone(), on_kept.clone()];
        v.sort();
        v
    };
    for phone in [&a, &b] {
        assert_eq!(caseload(phone), std::slice::from_ref(&kept));
        let record = phone.run(&["seeker", "show", "maria"]);
        assert_eq!(s(&record["id"]), kept);
        assert_eq!(activities(&record), both);
        // The step both imports made is one fact: it stands once.
        let line = &phone.run(&["caseload", "--as-of", "2026-11-30"])[0];
        assert_eq!(line["open_steps"], 1, "{line}");
        // The duplicate's id shows the record kept, and says so.
        let shown = phone.run(&["seeker", "show", &duplicate]);
        assert_eq!(s(&shown["id"]), kept);
        let text = phone
            .command()
            .args(["seeker", "show", &duplicate])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&text.stdout);
        assert!(text.contains("was merged into this record"), "{text}");
    }
    assert_eq!(
        a.run(&["seeker", "show", &kept]),
        b.run(&["seeker", "show", &kept])
    );

    // The supervisor's report: one active job seeker, reached on the 16th, and both
    // visits counted once each.
    let (status, body) = server.get("/api/v1/overview?from=2026-11-02&to=2026-11-29", &session);
    assert_eq!(status, 200, "{body}");
    let overview: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(overview["active_seekers"], 1, "{body}");
    let people = overview["first_contact"].as_array().unwrap();
    assert_eq!(people.len(), 1, "{body}");
    assert_eq!(s(&people[0]["seeker_id"]), kept);
    assert_eq!(people[0]["days"], 14, "{body}");
    let visits: u64 = overview["specialists"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|sp| sp["weeks"].as_array().unwrap().iter())
        .map(|w| w["face_to_face"].as_u64().unwrap())
        .sum();
    assert_eq!(visits, 2, "{body}");
}
