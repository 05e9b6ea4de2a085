//! The `fieldbook` terminal phone end to end: two specialists' phones and a job seeker's
//! phone (three `fieldbook` processes) and one `fieldbook-server` process.

use std::path::Path;

use fieldbook_test_support::cli::CliPhone;
use fieldbook_test_support::{Server, Team};
use serde_json::Value;

fn s(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("not a string: {v}"))
}

#[test]
fn two_cli_phones_and_a_job_seekers_phone_through_an_offline_week() {
    let server = Server::start();
    let team = Team::create(&server, 2);
    let a = CliPhone::with_key_file();
    let b = CliPhone::with_key_file();
    assert_eq!(
        a.enroll(&server, &server.code(&team.specialists[0]))["role"],
        "specialist"
    );
    b.enroll(&server, &server.code(&team.specialists[1]));
    assert!(
        Path::new(&a.key_file()).exists(),
        "a key was made for the encrypted store"
    );

    // The offline week on A: a spreadsheet of job seekers, then an import of operations
    // with two bad lines, then commands.
    let csv = a.write("seekers.csv", "id,name,county,referral_date,first_meeting\nmaria,Maria Santos,Pine,2026-11-02,2026-11-04\ntom,Tom Whitaker,Lake,2026-11-09,\n,,,,\n");
    let report = a.run(&["import", &csv]);
    assert_eq!(report["created"], 2, "{report}");
    assert_eq!(report["blank"], 1, "the empty row is passed over");
    let maria = s(&report["lines"][0]["seeker_id"]).to_string();

    let jsonl = a.write(
        "week.jsonl",
        &[
            r#"{"op":"employer.add","id":"bakery","name":"Maple Street Bakery","industry":"food service"}"#,
            r#"{"op":"contact.add","employer":"bakery","name":"Lee Owens","role":"owner"}"#,
            r#"{"op":"visit.log","employer":"nowhere","seekers":["maria"],"outcome":"never happened"}"#,
            r#"{"op":"visit.log","employer":"bakery","seekers":["maria","tom"],"at":"2026-11-23 10:00","outcome":"Met Lee"}"#,
            r#"{"op":"step.add","seeker":"maria","id":"resume","what":"Update résumé","due":"2026-12-01"}"#,
            r#"this is not json"#,
            r#"{"op":"step.done","seeker":"maria","step":"resume"}"#,
            r#"{"op":"note.add","seeker":"maria","text":"Prefers mornings"}"#,
        ]
        .join("\n"),
    );
    let (ok, report) = a.report(&["import", &jsonl]);
    assert!(!ok);
    assert_eq!(report["created"], 5, "{report}");
    assert_eq!(report["updated"], 1, "the step marked done");
    let failed: Vec<i64> = report["lines"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|l| l["action"] == "refused")
        .map(|f| f["line"].as_i64().unwrap())
        .collect();
    assert_eq!(failed, vec![3, 6]);
    let bakery = s(&report["lines"][0]["employer_id"]).to_string();
    let visit = a.run(&[
        "visit",
        "log",
        "--employer",
        "bakery",
        "--seeker",
        "maria",
        "--purpose",
        "present_candidate",
        "--outcome",
        "Interview Friday",
    ]);
    assert_eq!(
        s(&visit["employer_id"]),
        bakery,
        "names resolve to the same ids as in the import"
    );
    let job = a.run(&[
        "job",
        "start",
        "--seeker",
        "maria",
        "--employer",
        "bakery",
        "--title",
        "Baker's assistant",
        "--start",
        "2026-11-25",
        "--wage",
        "15.50",
    ]);
    assert!(job["job_id"].is_string());
    let caseload = a.run(&["caseload"]);
    assert_eq!(caseload.as_array().unwrap().len(), 2);
    let week = a.run(&["week", "--as-of", "2026-11-26"]);
    assert!(week["week"]["face_to_face"].as_u64().unwrap() >= 1);
    // A bad command writes nothing and says why.
    let bad = a.raw(&["seeker", "add", "--name", " "]);
    assert!(!bad.status.success());
    assert!(String::from_utf8_lossy(&bad.stderr).contains("name"));
    assert_eq!(a.run(&["caseload"]).as_array().unwrap().len(), 2);

    let synced = a.run(&["sync"]);
    assert_eq!(
        synced["sent"], 4,
        "two job seekers, the bakery, the notes: {synced}"
    );
    for field in [
        "received",
        "removed",
        "rejected",
        "bytes_up",
        "bytes_down",
        "round_trips",
        "ms",
    ] {
        assert!(!synced[field].is_null(), "sync --json has {field}");
    }

    // B shares Maria's caseload and visits the bakery too.
    server.admin(&[
        "assign",
        "--seeker",
        &maria,
        "--specialist",
        &team.specialists[1],
    ]);
    b.run(&["sync"]);
    b.run(&[
        "visit",
        "log",
        "--employer",
        &bakery,
        "--seeker",
        &maria,
        "--outcome",
        "Dropped off the profile",
    ]);
    b.run(&["sync"]);
    a.run(&["sync"]);
    let on_a = a.run(&["employer", "show", &bakery]);
    let on_b = b.run(&["employer", "show", &bakery]);
    assert_eq!(on_a["employer"], on_b["employer"]);
    assert_eq!(on_a["visits"].as_array().unwrap().len(), 3);
    assert_eq!(
        a.run(&["seeker", "show", &maria]),
        b.run(&["seeker", "show", &maria])
    );

    // Maria's own phone: her record only, read-only.
    let account = team.add_seeker_account(&server, &maria);
    let m = CliPhone::with_key_file();
    assert_eq!(m.enroll(&server, &server.code(&account))["role"], "seeker");
    m.run(&["sync"]);
    let record = m.run(&["seeker", "show", &maria]);
    assert_eq!(record["profile"]["name"], "Maria Santos");
    assert_eq!(record["activities"].as_object().unwrap().len(), 3);
    assert_eq!(record["jobs"].as_object().unwrap().len(), 1);
    assert!(m.run(&["employer", "list"]).as_array().unwrap().is_empty());
    assert!(!m.raw(&["seeker", "show", "tom"]).status.success());
    let refused = m.raw(&["visit", "log", "--employer", &bakery, "--outcome", "x"]);
    assert!(!refused.status.success());
    let history = a.run(&["history", &maria]);
    assert!(history.as_array().unwrap().len() >= 5);
}
