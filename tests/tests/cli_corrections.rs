//! Corrections end to end: a specialist's terminal phone voids a job entered twice and
//! corrects a visit's outcome, syncs with a real `fieldbook-server`; a second specialist's
//! phone sees both, and the supervisor's outcomes count the job once.

use fieldbook_test_support::cli::CliPhone;
use fieldbook_test_support::{Server, Team};
use serde_json::Value;

fn s(v: &Value) -> String {
    v.as_str()
        .unwrap_or_else(|| panic!("not a string: {v}"))
        .to_string()
}

/// The supervisor's outcomes of 2026Q4, from the server's API.
fn q4(server: &Server, session: &str) -> Value {
    let (status, body) = server.get(
        "/api/v1/outcomes?from_quarter=2026Q4&to_quarter=2026Q4",
        session,
    );
    assert_eq!(status, 200, "{body}");
    let quarters: Value = serde_json::from_str(&body).unwrap();
    quarters[0].clone()
}

/// A server, a team of two specialists and a terminal phone enrolled for each.
fn two_specialists() -> (Server, Team, CliPhone, CliPhone) {
    let server = Server::start();
    let team = Team::create(&server, 2);
    let a = CliPhone::with_key_file();
    let b = CliPhone::with_key_file();
    a.enroll(&server, &server.code(&team.specialists[0]));
    b.enroll(&server, &server.code(&team.specialists[1]));
    (server, team, a, b)
}

#[test]
fn a_job_entered_twice_is_voided_a_visit_corrected_and_the_team_sees_both() {
    let (server, team, a, b) = two_specialists();
    let session = server.web_session(&team.supervisor, "sue");

    let maria = s(&a.run(&[
        "seeker",
        "add",
        "--id",
        "maria",
        "--name",
        "Maria Santos",
        "--referral-date",
        "2026-10-01",
        "--out-of-work-at-entry",
        "yes",
    ])["seeker_id"]);
    a.run(&[
        "employer",
        "add",
        "--id",
        "bakery",
        "--name",
        "Maple Street Bakery",
    ]);
    let visit = s(&a.run(&[
        "visit",
        "log",
        "--id",
        "v1",
        "--employer",
        "bakery",
        "--seeker",
        "maria",
        "--at",
        "2026-11-16 10:00",
        "--outcome",
        "Met the owner",
    ])["visit_id"]);
    let start = || {
        s(&a.run(&[
            "job",
            "start",
            "--seeker",
            "maria",
            "--employer",
            "bakery",
            "--title",
            "Counter clerk",
            "--start",
            "2026-11-20",
            "--wage",
            "15.50",
        ])["job_id"])
    };
    let kept = start();
    let twice = start();
    // Two jobs alike: the terminal asks for an id instead of guessing.
    let ambiguous = a.raw(&["job", "edit", "--seeker", "maria", "--job", "Counter clerk"]);
    assert!(!ambiguous.status.success());
    let said = String::from_utf8_lossy(&ambiguous.stderr);
    assert!(said.contains("2 jobs") && said.contains(&twice), "{said}");
    a.run(&["sync"]);
    let before = q4(&server, &session);
    assert_eq!(
        (&before["new_job_starts"], &before["worked_competitive"]),
        (&Value::from(2), &Value::from(1)),
        "{before}"
    );

    // The corrections, refused when wrong, then made.
    let blank = a.raw(&[
        "job", "void", "--seeker", "maria", "--job", &twice, "--reason", " ",
    ]);
    assert!(!blank.status.success());
    assert!(String::from_utf8_lossy(&blank.stderr).contains("reason"));
    let voided = a.run(&[
        "job",
        "void",
        "--seeker",
        "maria",
        "--job",
        &twice,
        "--reason",
        "entered twice",
    ]);
    assert_eq!(voided["op"], "job.void");
    let again = a.raw(&[
        "job", "void", "--seeker", "maria", "--job", &twice, "--reason", "again",
    ]);
    assert!(!again.status.success());
    assert!(String::from_utf8_lossy(&again.stderr).contains("void already"));
    a.run(&[
        "visit",
        "edit",
        "--employer",
        "bakery",
        "--visit",
        "v1",
        "--outcome",
        "Interview Friday",
    ]);
    // Now one job stands under the name, and edits name it so.
    a.run(&[
        "job",
        "edit",
        "--seeker",
        "maria",
        "--job",
        "Counter clerk",
        "--hours-per-week",
        "24",
    ]);
    let late = a.raw(&[
        "job",
        "edit",
        "--seeker",
        "maria",
        "--job",
        &twice,
        "--hours-per-week",
        "30",
    ]);
    assert!(!late.status.success(), "a void job is not edited");
    a.run(&["sync"]);

    // The second specialist's phone sees the void job, marked, and the corrected visit.
    server.admin(&[
        "assign",
        "--seeker",
        &maria,
        "--specialist",
        &team.specialists[1],
    ]);
    b.run(&["sync"]);
    let record = b.run(&["seeker", "show", &maria]);
    assert_eq!(record["jobs"][&twice]["voided"]["reason"], "entered twice");
    assert!(record["jobs"][&kept]["voided"].is_null());
    assert_eq!(record["jobs"][&kept]["hours_per_week"], 24.0);
    assert_eq!(record["activities"][&visit]["outcome"], "Interview Friday");
    let log = b.run(&["employer", "show", "Maple Street Bakery"]);
    assert_eq!(
        log["employer"]["visits"][&visit]["outcome"],
        "Interview Friday"
    );
    let caseload = b.run(&["caseload", "--as-of", "2026-11-30"]);
    assert_eq!(caseload[0]["status"], "working");
    assert_eq!(
        caseload[0]["current_job"],
        "Counter clerk at Maple Street Bakery"
    );
    assert_eq!(
        b.run(&["seeker", "show", &maria]),
        a.run(&["seeker", "show", &maria])
    );

    // The supervisor's figures count the job once.
    let after = q4(&server, &session);
    assert_eq!(
        (&after["new_job_starts"], &after["worked_competitive"]),
        (&Value::from(1), &Value::from(1)),
        "{after}"
    );
}

#[test]
fn an_employer_edited_on_two_phones_at_once_shows_both_values_who_and_when() {
    let (_server, _team, a, b) = two_specialists();
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
    // Offline, each writes the employer's needs differently.
    for (phone, needs) in [(&a, "Weekend counter staff"), (&b, "Early bakers")] {
        phone.run(&[
            "employer",
            "edit",
            "--employer",
            "bakery",
            "--business-needs",
            needs,
        ]);
    }
    for phone in [&a, &b, &a] {
        phone.run(&["sync"]);
    }
    let year = chrono::Utc::now().format(" on %Y-").to_string();
    for phone in [&a, &b] {
        let out = phone
            .command()
            .args(["employer", "show", "bakery"])
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(
            text.contains("business_needs: edited on more than one device at once"),
            "{text}"
        );
        for (needs, who) in [
            ("Weekend counter staff", "Specialist 0"),
            ("Early bakers", "Specialist 1"),
        ] {
            let line = text
                .lines()
                .find(|l| l.trim_start().starts_with(needs))
                .unwrap_or_else(|| panic!("{needs} not shown: {text}"));
            assert!(
                line.contains(&format!("by {who}")) && line.contains(&year),
                "{line}"
            );
        }
    }
}
