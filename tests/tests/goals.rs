//! The server's fidelity settings reach the phones (issue 15, item 4): a server started with
//! a weekly contact goal of 5 and a first-contact deadline of 45 days; a terminal phone syncs
//! and its `week` says "of 5" and counts to day 45. Changed settings reach the phone at its
//! next sync. Before the fix the directory always carried the defaults (6 and 30).

use fieldbook_test_support::cli::CliPhone;
use fieldbook_test_support::{Server, Team};

/// Wednesday; Lee was referred 40 days before.
const AS_OF: &str = "2026-11-26";

#[test]
fn a_phone_shows_the_servers_weekly_goal_and_first_contact_deadline() {
    let dir = tempfile::tempdir().unwrap();
    let settings = dir.path().join("fidelity.toml");
    std::fs::write(
        &settings,
        "weekly_contact_goal = 5\nfirst_contact_days = 45\n",
    )
    .unwrap();
    let mut server = Server::start_demo_with(&["--fidelity-settings", settings.to_str().unwrap()]);
    let team = Team::create(&server, 1);
    let phone = CliPhone::new();
    phone.enroll(&server, &server.code(&team.specialists[0]));
    phone.run(&[
        "seeker",
        "add",
        "--id",
        "lee",
        "--name",
        "Lee Park",
        "--referral-date",
        "2026-10-17",
    ]);
    phone.run(&["sync"]);

    let week = phone.run(&["week", "--as-of", AS_OF]);
    assert_eq!(week["week"]["face_to_face_goal"], 5, "{week}");
    // Day 40 of 45: near the deadline, not past it (with the default 30 it would be past).
    let alerts = week["first_contact_alerts"].as_array().unwrap();
    assert_eq!(alerts.len(), 1, "{week}");
    assert_eq!(alerts[0]["display_name"], "Lee Park");
    assert_eq!(alerts[0]["days_since_entry"], 40);
    assert_eq!(alerts[0]["deadline_days"], 45);
    assert_eq!(alerts[0]["past"], false);
    // What the specialist reads on the terminal says the same.
    let text = phone
        .command()
        .args(["week", "--as-of", AS_OF])
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&text.stdout);
    assert!(text.contains("of 5"), "{text}");
    assert!(!text.contains("of 6"), "{text}");

    // The supervisor lowers the goal to 4 and brings the deadline back to 30: the phone
    // learns both at its next sync.
    std::fs::write(
        &settings,
        "weekly_contact_goal = 4\nfirst_contact_days = 30\n",
    )
    .unwrap();
    server.restart();
    phone.run(&["sync"]);
    let week = phone.run(&["week", "--as-of", AS_OF]);
    assert_eq!(week["week"]["face_to_face_goal"], 4, "{week}");
    let alerts = week["first_contact_alerts"].as_array().unwrap();
    assert_eq!(alerts[0]["deadline_days"], 30);
    assert_eq!(alerts[0]["past"], true, "day 40 is past day 30: {week}");
}

/// One program-entry rule on the phone, the supervisor's action list and the fidelity item
/// (issue 15): the date the settings' basis names, or the other one when that is not
/// recorded. Before, the phone always counted from the first meeting, the action list fell
/// back to the earlier date, and the fidelity item left out people without the basis date.
#[test]
fn the_phone_and_the_supervisor_count_days_from_the_same_program_entry() {
    let today = chrono::Local::now().date_naive();
    let ago = |n: i64| (today - chrono::Duration::days(n)).to_string();
    let dir = tempfile::tempdir().unwrap();
    let settings = dir.path().join("fidelity.toml");
    std::fs::write(
        &settings,
        "entry_basis = \"referral\"\nfirst_contact_days = 30\n",
    )
    .unwrap();
    let server = Server::start_demo_with(&["--fidelity-settings", settings.to_str().unwrap()]);
    let team = Team::create(&server, 1);
    let phone = CliPhone::new();
    phone.enroll(&server, &server.code(&team.specialists[0]));
    let add = |id: &str, name: &str, dates: &[&str]| {
        let mut args = vec!["seeker", "add", "--id", id, "--name", name];
        args.extend_from_slice(dates);
        phone.run(&args);
    };
    // Referred 40 days ago, met 20 days ago: day 40 by the referral (past), 20 by the meeting.
    let (r40, m20) = (ago(40), ago(20));
    add(
        "lee",
        "Lee Park",
        &["--referral-date", &r40, "--first-meeting", &m20],
    );
    // No referral recorded, met 35 days ago: the meeting stands in (past).
    let m35 = ago(35);
    add("kim", "Kim Oyelaran", &["--first-meeting", &m35]);
    // Referred 10 days ago: nothing due yet.
    let r10 = ago(10);
    add("ray", "Ray Dunn", &["--referral-date", &r10]);
    phone.run(&["sync"]);

    let week = phone.run(&["week", "--as-of", &today.to_string()]);
    let on_phone: Vec<(String, i64, bool)> = week["first_contact_alerts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["display_name"].as_str().unwrap().to_string(),
                a["days_since_entry"].as_i64().unwrap(),
                a["past"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        on_phone,
        vec![
            ("Lee Park".to_string(), 40, true),
            ("Kim Oyelaran".to_string(), 35, true)
        ],
        "{week}"
    );

    let session = server.web_session(&team.supervisor, "sue");
    let (status, body) = server.get(
        &format!("/api/v1/overview?from={}&to={today}", ago(90)),
        &session,
    );
    assert_eq!(status, 200, "{body}");
    let overview: serde_json::Value = serde_json::from_str(&body).unwrap();
    let on_page: Vec<(String, i64, bool)> = overview["actions"]["first_contact"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["name"].as_str().unwrap().to_string(),
                a["days_since_entry"].as_i64().unwrap(),
                a["past"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(on_page, on_phone, "the page and the phone agree: {body}");
    // The fidelity item counts the same two as waiting past the deadline.
    let rapid = overview["fidelity"]["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["key"] == "rapid_job_search")
        .unwrap()
        .clone();
    let waiting = rapid["beside"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["label"].as_str().unwrap().contains("without"))
        .unwrap_or_else(|| panic!("a 'past day 30 without contact' count: {rapid}"));
    assert_eq!(waiting["count"], 2, "{rapid}");
}
