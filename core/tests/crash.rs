//! Crash test: a child process logs visits in a loop and is killed with SIGKILL at random
//! moments. After every kill the store opens, and every visit whose write returned `Ok`
//! is there — in the document and in the index the screens read.

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use chrono::Local;
use fieldbook_core::ids::EmployerId;
use fieldbook_core::model::*;
use fieldbook_core::*;
use rand::Rng;

const KILLS: usize = 50;
const CHILD_ENV: &str = "FIELDBOOK_CRASH_CHILD_STORE";
const EMPLOYER_ENV: &str = "FIELDBOOK_CRASH_CHILD_EMPLOYER";
const KEY: [u8; 32] = [42; 32];

/// The writer. Runs only when re-executed by the test below.
#[test]
fn crash_child_writer() {
    let (Ok(path), Ok(employer)) = (std::env::var(CHILD_ENV), std::env::var(EMPLOYER_ENV)) else {
        return;
    };
    let employer: EmployerId = employer.parse().unwrap();
    let store = Store::open(&path, Some(&KEY)).unwrap();
    let mut out = std::io::stdout().lock();
    for n in 0u64.. {
        let marker = format!("{}-{n}", std::process::id());
        store
            .log_visit(NewVisit {
                id: None,
                employer_id: employer,
                at: Local::now().fixed_offset(),
                specialist: None,
                contact_id: None,
                location: None,
                mode: ContactMode::InPerson,
                purpose: VisitPurpose::FollowUp,
                seekers: vec![],
                followed_preference: None,
                outcome: Some(marker.clone()),
                next_step: None,
                next_step_date: None,
            })
            .unwrap();
        writeln!(out, "ok {marker}").unwrap();
        out.flush().unwrap();
    }
}

#[test]
fn killed_writers_never_lose_an_acknowledged_visit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("phone.db");
    let employer = {
        let store = Store::open(&path, Some(&KEY)).unwrap();
        store
            .create_employer(NewEmployer {
                id: None,
                info: EmployerInfo {
                    name: "Riverbend Hardware".into(),
                    ..Default::default()
                },
            })
            .unwrap()
    };
    let mut acknowledged = BTreeSet::new();
    let mut rng = rand::rng();
    for round in 0..KILLS {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "crash_child_writer",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_ENV, &path)
            .env(EMPLOYER_ENV, employer.to_string())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(marker) = line.strip_prefix("ok ") {
                    let _ = tx.send(marker.to_string());
                }
            }
        });
        // Wait for the first acknowledged write, then kill at a random moment after it.
        let first = rx
            .recv_timeout(Duration::from_secs(60))
            .expect("child wrote");
        acknowledged.insert(first);
        let deadline = Instant::now() + Duration::from_millis(rng.random_range(0..40));
        while Instant::now() < deadline {
            std::hint::spin_loop();
        }
        child.kill().unwrap();
        child.wait().unwrap();
        reader.join().unwrap();
        acknowledged.extend(rx.try_iter());

        let store = Store::open(&path, Some(&KEY)).unwrap_or_else(|e| panic!("round {round}: {e}"));
        let doc = store.employer(employer).unwrap();
        let present: BTreeSet<String> = doc
            .visits
            .values()
            .filter_map(|v| v.outcome.clone())
            .collect();
        let missing: Vec<_> = acknowledged.difference(&present).collect();
        assert!(missing.is_empty(), "round {round}: lost {missing:?}");
        assert_eq!(
            store.employer_visits(employer).unwrap().len(),
            doc.visits.len(),
            "index follows the document"
        );
    }
    assert!(acknowledged.len() >= KILLS);
}
