//! The core's log reaches the app's sink at the level the app chose, and never carries a
//! record's content: job seekers' records are mental-health data. Its own test binary, as
//! the sink is one per process.

use std::sync::{Arc, Mutex};

use fieldbook_ffi::{
    set_log_sink, ContactMode, EmployerInput, Fieldbook, LogLevel, LogLine, LogSink, SeekerInput,
    VisitInput, VisitPurpose,
};
use fieldbook_test_support::cli::CliPhone;
use fieldbook_test_support::{Server, Team};

#[derive(Clone, Default)]
struct Collected(Arc<Mutex<Vec<LogLine>>>);

impl Collected {
    fn take(&self) -> Vec<LogLine> {
        std::mem::take(&mut *self.0.lock().unwrap())
    }
}

impl LogSink for Collected {
    fn log(&self, line: LogLine) {
        self.0.lock().unwrap().push(line);
    }
}

/// Words of the records written below; none may reach the log.
const PRIVATE: &[&str] = &[
    "Zelda",
    "Quixote",
    "voices",
    "Lumen",
    "Laundromat",
    "psychiatrist",
];

fn assert_private(lines: &[LogLine]) {
    for line in lines {
        for word in PRIVATE {
            assert!(
                !line.message.contains(word) && !line.target.contains(word),
                "{word:?} in the log: {line:?}"
            );
        }
    }
}

fn has(lines: &[LogLine], level: LogLevel, message: &str) -> bool {
    lines
        .iter()
        .any(|l| l.level == level && l.message.starts_with(message))
}

#[test]
fn log_lines_reach_the_sink_at_the_chosen_level_without_record_content() {
    let mut server = Server::start();
    let team = Team::create(&server, 1);
    let dir = tempfile::tempdir().unwrap();
    let fb = Fieldbook::open(dir.path().join("phone.db").display().to_string(), None).unwrap();
    let sink = Collected::default();
    set_log_sink(Some(Box::new(sink.clone())), LogLevel::Info);

    let seeker = fb
        .create_seeker(
            SeekerInput {
                name: "Zelda Quixote".into(),
                preferred_name: None,
                phone: Some("555-0199".into()),
                county: None,
                referral_date: None,
                first_meeting: None,
                unemployed_at_entry: None,
            },
            None,
        )
        .unwrap();
    fb.add_note(
        seeker.clone(),
        "Hears voices at night; sees her psychiatrist on Mondays".into(),
    )
    .unwrap();
    let employer = fb
        .create_employer(EmployerInput {
            name: "Lumen Laundromat".into(),
            industry: None,
            address: None,
            phone: None,
            website: None,
            business_needs: None,
            hiring_notes: None,
        })
        .unwrap();
    fb.log_visit(VisitInput {
        employer_id: employer,
        at: None,
        mode: ContactMode::InPerson,
        purpose: VisitPurpose::LearnBusinessNeeds,
        seeker_ids: vec![seeker],
        contact_id: None,
        location: None,
        disclosed_seeker_ids: Vec::new(),
        followed_preference: None,
        outcome: Some("Talked about Zelda Quixote's hours".into()),
        next_step: None,
        next_step_date: None,
    })
    .unwrap();
    fb.enroll(
        server.url(),
        server.code(&team.specialists[0]),
        "phone".into(),
        None,
    )
    .unwrap();

    // At Info: a sync's start and end with its counts, nothing more detailed.
    let report = fb.sync(None).unwrap();
    let info = sink.take();
    assert!(has(&info, LogLevel::Info, "sync started"), "{info:#?}");
    let finished = info
        .iter()
        .find(|l| l.message.starts_with("sync finished"))
        .expect("the end of the sync is logged");
    assert!(
        finished
            .message
            .contains(&format!(" sent={} ", report.sent))
            && finished
                .message
                .contains(&format!(" round_trips={} ", report.round_trips)),
        "{finished:?}"
    );
    assert!(
        finished.target.starts_with("fieldbook_core"),
        "{finished:?}"
    );
    assert!(
        info.iter()
            .all(|l| matches!(l.level, LogLevel::Info | LogLevel::Warn | LogLevel::Error)),
        "nothing below Info: {info:#?}"
    );
    assert_private(&info);

    // At Debug: each request and page too.
    set_log_sink(Some(Box::new(sink.clone())), LogLevel::Debug);
    fb.add_note(
        fb.caseload(None).unwrap()[0].seeker_id.clone(),
        "Zelda Quixote said the voices are quieter".into(),
    )
    .unwrap();
    fb.sync(None).unwrap();
    let debug = sink.take();
    assert!(has(&debug, LogLevel::Debug, "sync request"), "{debug:#?}");
    assert!(
        has(&debug, LogLevel::Debug, "sync page applied"),
        "{debug:#?}"
    );
    assert!(has(&debug, LogLevel::Info, "sync finished"), "{debug:#?}");
    assert_private(&debug);

    // A cancel with nothing running is not logged; a sync that fails is, at Warn.
    server.terminate();
    assert!(fb.sync(None).is_err(), "the server is gone");
    let failed = sink.take();
    assert!(has(&failed, LogLevel::Warn, "sync failed"), "{failed:#?}");
    assert_private(&failed);

    // No sink: nothing more arrives.
    set_log_sink(None, LogLevel::Trace);
    let _ = fb.sync(None);
    assert!(sink.take().is_empty());
}

/// The terminal phone prints the same log to stderr with `-v` (info) or `-vv` (debug), and
/// nothing without.
#[test]
fn the_cli_prints_the_log_with_v_and_no_record_content() {
    let mut server = Server::start();
    let team = Team::create(&server, 1);
    let phone = CliPhone::new();
    phone.run(&["seeker", "add", "--name", "Zelda Quixote"]);
    phone.enroll(&server, &server.code(&team.specialists[0]));
    let stderr = |args: &[&str]| {
        let out = phone.command().args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        String::from_utf8(out.stderr).unwrap()
    };
    assert!(!stderr(&["sync"]).contains("sync finished"));
    phone.run(&["seeker", "add", "--name", "Lumen Quixote"]);
    let info = stderr(&["-v", "sync"]);
    assert!(info.contains("sync finished"), "{info}");
    assert!(info.contains("sent=1"), "{info}");
    assert!(
        !info.contains("sync request"),
        "debug lines only with -vv: {info}"
    );
    let debug = stderr(&["-vv", "sync"]);
    assert!(debug.contains("sync request"), "{debug}");
    for text in [&info, &debug] {
        for word in PRIVATE {
            assert!(!text.contains(word), "{word:?} in the log: {text}");
        }
    }
    server.terminate();
}
