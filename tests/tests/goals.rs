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
