//! Phone-side benchmark (issue 2) on a generated year of one specialist's data: 20 job
//! seekers, 150 employers, ~300 face-to-face visits, plan edits. Prints a table of p50/p99.
//!
//! Run: `cargo bench --workspace --bench store`.

use std::time::{Duration as StdDuration, Instant};

use chrono::{Duration, FixedOffset, Local, TimeZone};
use fieldbook_core::ids::{EmployerId, SeekerId};
use fieldbook_core::model::*;
use fieldbook_core::*;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

const KEY: [u8; 32] = [9; 32];

fn visit(
    employer: EmployerId,
    seekers: Vec<SeekerId>,
    days_ago: i64,
    rng: &mut StdRng,
) -> NewVisit {
    let tz = FixedOffset::west_opt(6 * 3600).unwrap();
    let day = today() - Duration::days(days_ago);
    NewVisit {
        id: None,
        employer_id: employer,
        at: tz
            .from_local_datetime(&day.and_hms_opt(rng.random_range(8..17), 0, 0).unwrap())
            .unwrap(),
        specialist: None,
        contact_id: None,
        location: None,
        mode: if rng.random_range(0..10) == 0 {
            ContactMode::Phone
        } else {
            ContactMode::InPerson
        },
        purpose: VisitPurpose::LearnBusinessNeeds,
        seekers,
        followed_preference: Some(true),
        outcome: Some("Met the hiring manager; follow up next week".into()),
        next_step: Some("Bring a candidate profile".into()),
        next_step_date: None,
    }
}

fn year_of_data(store: &Store, rng: &mut StdRng) -> (Vec<SeekerId>, Vec<EmployerId>) {
    let seekers: Vec<SeekerId> = (0..20)
        .map(|i| {
            store
                .create_seeker(NewSeeker {
                    id: None,
                    profile: SeekerProfile {
                        name: format!("Job seeker {i}"),
                        referral_date: Some(today() - Duration::days(rng.random_range(30..365))),
                        first_meeting: Some(today() - Duration::days(rng.random_range(1..30))),
                        ..Default::default()
                    },
                    status: Some(SeekerStatus::JobSearch),
                    status_date: Some(today() - Duration::days(20)),
                })
                .unwrap()
        })
        .collect();
    let employers: Vec<EmployerId> = (0..150)
        .map(|i| {
            store
                .create_employer(NewEmployer {
                    id: None,
                    info: EmployerInfo {
                        name: format!("Employer {i}"),
                        ..Default::default()
                    },
                })
                .unwrap()
        })
        .collect();
    for _ in 0..300 {
        let e = employers[rng.random_range(0..employers.len())];
        let s = vec![seekers[rng.random_range(0..seekers.len())]];
        let days_ago = rng.random_range(0..365);
        store.log_visit(visit(e, s, days_ago, rng)).unwrap();
    }
    for s in &seekers {
        for k in 0..5 {
            let step = store
                .add_step(
                    *s,
                    NewStep {
                        id: None,
                        what: format!("Step {k}"),
                        who: StepOwner::Seeker,
                        due: Some(today() + Duration::days(k)),
                    },
                )
                .unwrap();
            if k < 2 {
                store.complete_step(*s, step, today()).unwrap();
            }
        }
    }
    (seekers, employers)
}

fn percentiles(mut samples: Vec<StdDuration>) -> (f64, f64) {
    samples.sort();
    let ms = |d: StdDuration| d.as_secs_f64() * 1000.0;
    let at = |p: f64| samples[((samples.len() as f64 * p) as usize).min(samples.len() - 1)];
    (ms(at(0.5)), ms(at(0.99)))
}

fn time<R>(n: usize, mut f: impl FnMut() -> R) -> Vec<StdDuration> {
    (0..n)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .collect()
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("phone.db");
    let mut rng = StdRng::seed_from_u64(1);
    let (seekers, employers) = {
        let store = Store::open(&path, Some(&KEY)).unwrap();
        let data = year_of_data(&store, &mut rng);
        // What the last sync would have done.
        store.compact().unwrap();
        data
    };
    let store = Store::open(&path, Some(&KEY)).unwrap();
    // A second connection counts the pages a visit writes (WAL frames).
    let probe = rusqlite::Connection::open(&path).unwrap();
    probe
        .execute_batch(&format!(
            "PRAGMA key = \"x'{}'\"; PRAGMA cipher_hmac_algorithm = HMAC_SHA256;",
            KEY.iter().map(|b| format!("{b:02x}")).collect::<String>()
        ))
        .unwrap();
    let frames = |c: &rusqlite::Connection| -> i64 {
        c.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| r.get(1))
            .unwrap()
    };
    probe
        .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()))
        .unwrap();
    for _ in 0..20 {
        let e = employers[rng.random_range(0..employers.len())];
        let s = vec![seekers[rng.random_range(0..seekers.len())]];
        store
            .log_visit(NewVisit {
                at: Local::now().fixed_offset(),
                ..visit(e, s, 0, &mut rng)
            })
            .unwrap();
    }
    let pages_per_visit = frames(&probe) as f64 / 20.0;
    let mut log_now = || {
        let e = employers[rng.random_range(0..employers.len())];
        let s = vec![seekers[rng.random_range(0..seekers.len())]];
        store
            .log_visit(NewVisit {
                at: Local::now().fixed_offset(),
                ..visit(e, s, 0, &mut rng)
            })
            .unwrap()
    };
    // Just after opening: about half of these are the first write to their employer since
    // then, which loads its document from disk.
    let log = time(300, &mut log_now);
    for e in &employers {
        store.employer(*e).unwrap();
    }
    // Every document already in memory, as while the app stays open.
    let log_warm = time(300, &mut log_now);
    drop(store);
    let open = time(50, || Store::open(&path, Some(&KEY)).unwrap());
    // The first caseload after opening: nothing of the job seekers' documents in memory yet.
    let caseload_cold = time(50, || {
        Store::open(&path, Some(&KEY))
            .unwrap()
            .caseload(today())
            .unwrap()
    });
    let store = Store::open(&path, Some(&KEY)).unwrap();
    let caseload = time(300, || store.caseload(today()).unwrap());
    let week_start = store::week_start(today());
    let week = time(300, || {
        store
            .visits_by_week(None, week_start, week_start + Duration::days(6))
            .unwrap()
    });
    let one_plan = time(300, || store.seeker(seekers[3]).unwrap());

    println!("fieldbook-core on a year of one specialist's data (SQLCipher, synchronous=FULL)");
    println!("| operation | p50 ms | p99 ms | target |");
    println!("|---|---|---|---|");
    for (name, samples, target) in [
        (
            "log a visit (durable), just after opening",
            log,
            "p50 < 1 ms",
        ),
        (
            "log a visit (durable), documents in memory",
            log_warm,
            "p50 < 1 ms",
        ),
        ("open the store cold", open, "< 50 ms"),
        ("caseload query", caseload, "< 5 ms"),
        (
            "open the store and read the caseload",
            caseload_cold,
            "< 50 ms",
        ),
        ("this week's visits", week, "-"),
        ("one job seeker's plan", one_plan, "-"),
    ] {
        let (p50, p99) = percentiles(samples);
        println!("| {name} | {p50:.3} | {p99:.3} | {target} |");
    }
    println!("pages written per visit (WAL frames, each encrypted): {pages_per_visit:.1}");
}

mod store {
    pub use fieldbook_core::week_start;
}
