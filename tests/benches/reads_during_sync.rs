//! Reads and writes during a large first sync (issue 14): a new phone pulls a team of about
//! 8 MB (several 4 MB answer pages) from a real server on loopback, while the app reads the
//! caseload and employers screens every few milliseconds and logs a visit now and then.
//! Prints how long the reads and the visits took, beside how long each page's merge held the
//! writer (taken from the core's own log, `sync page applied merge_ms=…`): before #14 the
//! screens read through the writer, so a read could wait that long.
//!
//! Run: `cargo build --workspace --release && cargo bench --workspace --bench reads_during_sync`.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use fieldbook_ffi::{
    set_log_sink, ContactMode, EmployerInput, Fieldbook, LogLevel, LogLine, LogSink, SeekerInput,
    VisitInput, VisitPurpose,
};
use fieldbook_test_support::fixtures::employers_with_long_notes;
use fieldbook_test_support::{Phone, Server, Team};

const RUNS: usize = 3;

/// The `merge_ms` of every page the core logs.
#[derive(Clone, Default)]
struct Merges(Arc<Mutex<Vec<u64>>>);

impl LogSink for Merges {
    fn log(&self, line: LogLine) {
        if !line.message.starts_with("sync page applied") {
            return;
        }
        let ms = line
            .message
            .split(' ')
            .find_map(|f| f.strip_prefix("merge_ms=")?.parse().ok());
        if let Some(ms) = ms {
            self.0.lock().unwrap().push(ms);
        }
    }
}

fn ms(d: Duration) -> String {
    format!("{:.2}", d.as_secs_f64() * 1000.0)
}

fn pct(sorted: &[Duration], p: usize) -> Duration {
    sorted[(sorted.len() - 1) * p / 100]
}

fn visit_at(employer: &str) -> VisitInput {
    VisitInput {
        employer_id: employer.into(),
        at: None,
        mode: ContactMode::InPerson,
        purpose: VisitPurpose::LearnBusinessNeeds,
        seeker_ids: Vec::new(),
        contact_id: None,
        location: None,
        disclosed_seeker_ids: Vec::new(),
        followed_preference: None,
        outcome: Some("Met the manager".into()),
        next_step: None,
        next_step_date: None,
    }
}

fn main() {
    let server = Server::start();
    let team = Team::create(&server, 2);
    let colleague = Phone::enrolled(&server, &team.specialists[0]);
    employers_with_long_notes(&colleague.store, 12, 100, 9_900);
    colleague.store.sync(None).expect("the colleague's sync");
    let merges = Merges::default();
    set_log_sink(Some(Box::new(merges.clone())), LogLevel::Debug);

    println!("| run | pages | page merge max ms | reads | read p50 ms | read p99 ms | read max ms | idle read max ms | visits | visit max ms |");
    println!("|---|---|---|---|---|---|---|---|---|---|");
    for run in 1..=RUNS {
        let dir = tempfile::tempdir().unwrap();
        let fb = Fieldbook::open(dir.path().join("phone.db").display().to_string(), None).unwrap();
        for i in 0..20 {
            fb.create_seeker(
                SeekerInput {
                    name: format!("Job seeker {i}"),
                    preferred_name: None,
                    phone: None,
                    county: None,
                    referral_date: None,
                    first_meeting: None,
                    unemployed_at_entry: None,
                },
                None,
            )
            .unwrap();
        }
        let own = fb
            .create_employer(EmployerInput {
                name: "Corner Bakery".into(),
                industry: None,
                address: None,
                phone: None,
                website: None,
                business_needs: None,
                hiring_notes: None,
            })
            .unwrap();
        fb.enroll(
            server.url(),
            server.code(&team.specialists[1]),
            "bench".into(),
            None,
        )
        .unwrap();
        let read = |fb: &Fieldbook| {
            let t = Instant::now();
            fb.caseload(None).unwrap();
            fb.employers().unwrap();
            t.elapsed()
        };
        let mut idle: Vec<Duration> = (0..100).map(|_| read(&fb)).collect();
        idle.sort();
        merges.0.lock().unwrap().clear();

        let done = AtomicBool::new(false);
        let (mut reads, mut visits) = (Vec::new(), Vec::new());
        std::thread::scope(|s| {
            let sync = s.spawn(|| {
                fb.sync(None).expect("sync");
                done.store(true, Ordering::SeqCst);
            });
            let mut i = 0;
            while !done.load(Ordering::SeqCst) {
                reads.push(read(&fb));
                if i % 5 == 0 {
                    let t = Instant::now();
                    fb.log_visit(visit_at(&own)).unwrap();
                    visits.push(t.elapsed());
                }
                i += 1;
                std::thread::sleep(Duration::from_millis(3));
            }
            sync.join().unwrap();
        });
        reads.sort();
        visits.sort();
        let pages = merges.0.lock().unwrap().clone();
        println!(
            "| {run} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            pages.len(),
            pages.iter().max().unwrap_or(&0),
            reads.len(),
            ms(pct(&reads, 50)),
            ms(pct(&reads, 99)),
            ms(*reads.last().unwrap()),
            ms(*idle.last().unwrap()),
            visits.len(),
            ms(*visits.last().unwrap()),
        );
    }
    set_log_sink(None, LogLevel::Error);
}
