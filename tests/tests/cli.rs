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

/// Copies the files of one directory into another (a phone's data directory: its store).
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

/// Work the server refuses is never silent on the phone: Ana's phone, restored from a
/// backup, writes a plan step the server cannot take (it does not follow her last change to
/// Erik's record). Her sync names the record and the change and fails; `pending` lists it
/// and exports it; the supervisor sees it on the server.
#[test]
fn refused_work_is_named_in_the_sync_kept_on_the_phone_and_exported() {
    let server = Server::start();
    let team = Team::create(&server, 1);
    let ana = CliPhone::with_key_file();
    ana.enroll(&server, &server.code(&team.specialists[0]));
    ana.run(&["seeker", "add", "--id", "erik", "--name", "Erik Lund"]);
    ana.run(&["sync"]);
    let backup = ana.dir.path().join("backup");
    copy_dir(&ana.data(), &backup);
    ana.run(&[
        "plan",
        "step",
        "add",
        "--seeker",
        "erik",
        "--what",
        "Call the warehouse",
    ]);
    let pending = ana.run(&["pending"]);
    assert_eq!(pending["unsent"][0]["record"], "job seeker Erik Lund");
    assert_eq!(pending["unsent"][0]["what"][0], "plan.step.add");
    assert!(pending["refused"].as_array().unwrap().is_empty());
    ana.run(&["sync"]);
    assert!(ana.run(&["pending"])["unsent"]
        .as_array()
        .unwrap()
        .is_empty());

    // The phone is restored from the backup; a step is written again, differently.
    std::fs::remove_dir_all(ana.data()).unwrap();
    copy_dir(&backup, &ana.data());
    ana.run(&[
        "plan",
        "step",
        "add",
        "--seeker",
        "erik",
        "--what",
        "Visit the warehouse",
    ]);
    let (ok, report) = ana.report(&["sync"]);
    assert!(!ok, "a sync with refused work fails: {report}");
    let refused = &report["rejected"][0];
    assert_eq!(refused["record"], "job seeker Erik Lund", "{report}");
    assert_eq!(refused["what"][0], "plan.step.add");
    assert!(!refused["reason"].as_str().unwrap().is_empty());
    let text = ana.command().arg("sync").output().unwrap();
    let says = String::from_utf8_lossy(&text.stdout);
    assert!(text.status.success(), "nothing new is refused: {says}");

    // Kept, named, exportable.
    let export = ana.dir.path().join("refused.json");
    let pending = ana.run(&["pending", "--export", export.to_str().unwrap()]);
    let kept = &pending["refused"][0];
    assert_eq!(kept["record"], "job seeker Erik Lund");
    assert_eq!(kept["what"], "plan.step.add");
    let exported: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&export).unwrap()).unwrap();
    assert_eq!(exported, pending, "the export is what `pending` shows");
    assert!(
        !kept["change"].as_str().unwrap().is_empty(),
        "with the change"
    );
    let text = ana.command().arg("pending").output().unwrap();
    let says = String::from_utf8_lossy(&text.stdout);
    assert!(
        says.contains("Erik Lund") && says.contains("plan.step.add"),
        "{says}"
    );

    // The server kept it for the supervisor, on the same record.
    let session = server.web_session(&team.supervisor, "sue");
    let (status, body) = server.get("/api/v1/refused", &session);
    assert_eq!(status, 200, "{body}");
    let work: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(work[0]["record"], "job seeker Erik Lund", "{work}");
    assert_eq!(work[0]["what"][0], "plan.step.add");
    // The phone holds the server's copy again: the first step, not the refused one.
    let erik = ana.run(&["seeker", "show", "erik"]);
    let steps: Vec<&str> = erik["plan"]["steps"]
        .as_object()
        .unwrap()
        .values()
        .map(|s| s["what"].as_str().unwrap())
        .collect();
    assert_eq!(steps, ["Call the warehouse"]);
}

/// Finding records by the start of their name, and taking back entries made in error, from
/// the terminal: the void entries stay listed, marked, and leave the counts.
#[test]
fn find_by_name_and_void_entries_from_the_terminal() {
    let phone = CliPhone::with_key_file();
    phone.run(&[
        "seeker",
        "add",
        "--name",
        "José Luis Ortega",
        "--preferred-name",
        "Pepe",
    ]);
    phone.run(&["seeker", "add", "--name", "Josefina Ruiz"]);
    phone.run(&["employer", "add", "--name", "Café Crème"]);
    let names = |found: Value| -> Vec<String> {
        found
            .as_array()
            .unwrap()
            .iter()
            .map(|f| s(&f["name"]).to_string())
            .collect()
    };
    assert_eq!(
        names(phone.run(&["seeker", "find", "JOS"])),
        ["Josefina Ruiz", "José Luis Ortega"],
        "by the name they go by: Josefina, then Pepe"
    );
    assert_eq!(
        names(phone.run(&["seeker", "find", "jose lu"])),
        ["José Luis Ortega"]
    );
    assert_eq!(
        names(phone.run(&["seeker", "find", "pep"])),
        ["José Luis Ortega"]
    );
    assert!(phone
        .run(&["seeker", "find", "luisa"])
        .as_array()
        .unwrap()
        .is_empty());
    assert_eq!(
        names(phone.run(&["employer", "find", "creme"])),
        ["Café Crème"]
    );
    assert!(
        !phone.raw(&["seeker", "find", "--", "-"]).status.success(),
        "no letters"
    );

    phone.run(&[
        "visit",
        "log",
        "--id",
        "v1",
        "--employer",
        "Café Crème",
        "--seeker",
        "Josefina Ruiz",
        "--outcome",
        "Met the owner",
    ]);
    phone.run(&[
        "visit",
        "log",
        "--id",
        "v2",
        "--employer",
        "Café Crème",
        "--outcome",
        "Twice",
    ]);
    let visits = |phone: &CliPhone| phone.run(&["employer", "list"])[0]["visits"].clone();
    assert_eq!(visits(&phone), 2);
    let refused = phone.raw(&[
        "visit",
        "void",
        "--employer",
        "Café Crème",
        "--visit",
        "v2",
        "--reason",
        "",
    ]);
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("reason"));
    phone.run(&[
        "visit",
        "void",
        "--employer",
        "Café Crème",
        "--visit",
        "v2",
        "--reason",
        "logged twice",
    ]);
    assert_eq!(visits(&phone), 1, "the void visit leaves the count");
    let shown = phone.run(&["employer", "show", "Café Crème"]);
    assert_eq!(shown["visits"].as_array().unwrap().len(), 1);
    let log = shown["employer"]["visits"].as_object().unwrap();
    assert_eq!(log.len(), 2, "both stay in the record");
    assert!(log
        .values()
        .any(|v| v["voided"]["reason"] == "logged twice"));

    phone.run(&[
        "notes",
        "add",
        "--seeker",
        "Josefina Ruiz",
        "--text",
        "Meant for José",
    ]);
    phone.run(&[
        "notes",
        "void",
        "--seeker",
        "Josefina Ruiz",
        "--note",
        "meant for josé",
        "--reason",
        "wrong person",
    ]);
    let notes = phone.run(&["notes", "list", "--seeker", "Josefina Ruiz"]);
    assert_eq!(notes[0]["voided"]["reason"], "wrong person");
    let text = phone
        .command()
        .args(["notes", "list", "--seeker", "Josefina Ruiz"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&text.stdout).contains("VOID (wrong person)"));
    let history = phone.run(&["history", "Café Crème"]);
    assert!(history
        .as_array()
        .unwrap()
        .iter()
        .any(|h| h["op"] == "visit.void"));
}
