//! How long each shared screen takes to build on a phone with a full caseload (25 job
//! seekers, 40 employers, 12 employer contacts per job seeker, 3 steps and a consent each):
//! the apps build a screen on every change, so each must stay well under a frame budget on
//! the UI thread's side. Prints a table of medians; run with
//! `cargo bench --workspace --bench screens` on a release build.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::{Duration as Days, FixedOffset, NaiveTime};
use fieldbook_core::model::{ReleaseTo, StepOwner};
use fieldbook_core::{today, NewConsent, NewStep, Store};
use fieldbook_presentation::sync_report::{sync_report_words, LastSync};
use fieldbook_presentation::{Language, Screens};
use fieldbook_test_support::fixtures::{employer, new_visit, seeker};

const SEEKERS: usize = 25;
const EMPLOYERS: usize = 40;
const CONTACTS_EACH: usize = 12;
const RUNS: usize = 41;

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time(runs: usize, mut f: impl FnMut()) -> Duration {
    f(); // warm the document cache as a screen shown before has
    median(
        (0..runs)
            .map(|_| {
                let t = Instant::now();
                f();
                t.elapsed()
            })
            .collect(),
    )
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open(dir.path().join("phone.db"), None).unwrap());
    let employers: Vec<_> = (0..EMPLOYERS)
        .map(|e| employer(&store, &format!("Employer {e}")))
        .collect();
    let mut seekers = Vec::new();
    for s in 0..SEEKERS {
        let id = seeker(&store, &format!("Job Seeker {s}"));
        for step in 0..3 {
            store
                .add_step(
                    id,
                    NewStep {
                        id: None,
                        what: format!("Step {step}"),
                        who: StepOwner::Specialist,
                        due: Some(today() + Days::days(step)),
                    },
                )
                .unwrap();
        }
        store
            .add_consent(
                id,
                NewConsent {
                    scope: "employment".into(),
                    recipient: "Employers".into(),
                    release_to: ReleaseTo::Employers,
                    signed: today() - Days::days(340),
                    expires: None,
                },
            )
            .unwrap();
        for c in 0..CONTACTS_EACH {
            let mut visit = new_visit(employers[(s + c) % EMPLOYERS], "talked about openings");
            visit.seekers = vec![id];
            store.log_visit(visit).unwrap();
        }
        seekers.push(id);
    }
    let screens = Screens::new(Arc::clone(&store), Language::English);
    let now = today()
        .and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap())
        .and_local_timezone(FixedOffset::west_opt(6 * 3600).unwrap())
        .unwrap();
    let last = LastSync {
        at: now.to_rfc3339(),
        background: true,
        sent: 3,
        received: 2,
        removed: 1,
        refused: 1,
        failed: 1,
        failure: None,
        server_status: 0,
    };
    let rows: Vec<(&str, Duration)> = vec![
        (
            "caseload (25 rows)",
            time(RUNS, || {
                screens.caseload_at("", now).unwrap();
            }),
        ),
        (
            "caseload, searched",
            time(RUNS, || {
                screens.caseload_at("seeker 1", now).unwrap();
            }),
        ),
        (
            "job seeker screen",
            time(RUNS, || {
                screens.seeker_at(seekers[0], now).unwrap();
            }),
        ),
        (
            "pending changes (65 records)",
            time(RUNS, || {
                screens.changes_at(*now.offset()).unwrap();
            }),
        ),
        (
            "sync indicator",
            time(RUNS, || {
                screens.sync_indicator_at(true, now).unwrap();
            }),
        ),
        (
            "reminders",
            time(RUNS, || {
                screens.reminders_at(now).unwrap();
            }),
        ),
        (
            "week",
            time(RUNS, || {
                screens.week_at(now).unwrap();
            }),
        ),
        (
            "employers (40 rows)",
            time(RUNS, || {
                screens.employers_at("", now).unwrap();
            }),
        ),
        (
            "employers, searched",
            time(RUNS, || {
                screens.employers_at("employer 1", now).unwrap();
            }),
        ),
        (
            "employer page (12 visits)",
            time(RUNS, || {
                // Employer 12 holds a visit from job seekers 1 to 12: the busiest.
                screens.employer_at(employers[12], *now.offset()).unwrap();
            }),
        ),
        (
            "last sync worded",
            time(RUNS, || {
                sync_report_words(&screens.words(), &last, now);
            }),
        ),
    ];
    println!(
        "{SEEKERS} job seekers, {EMPLOYERS} employers, {CONTACTS_EACH} contacts each; median of {RUNS}"
    );
    println!("| screen | median |");
    println!("|---|---|");
    for (name, d) in rows {
        println!("| {name} | {:.3} ms |", d.as_secs_f64() * 1000.0);
    }
}
