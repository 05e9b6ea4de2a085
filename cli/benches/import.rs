//! Importing a caseload's history: `fieldbook import` of generated JSON Lines, timed end to
//! end (the process, the encrypted store, every write durable). Two shapes: a year of a
//! team's employer contacts (10,000 visits over 150 employers, a third of them naming one of
//! 20 job seekers) and one employer's long log (2,000 visits, with 500 and 1,000 to show how
//! the cost grows with the log).
//!
//! Run: `cargo bench --workspace --bench import`. `FIELDBOOK_BIN=path/to/fieldbook` times
//! another build of the terminal phone (an older version, to compare); the files use only
//! operations every version understands. `IMPORT_BENCH_ONLY=one-employer` runs one shape.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The terminal phone to time.
fn binary() -> PathBuf {
    std::env::var_os("FIELDBOOK_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_fieldbook")))
}

/// A small deterministic generator (no dependency, same file for every version).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// JSON Lines: `employers` employers, `seekers` job seekers, then `visits` visits spread over
/// the employers and the past year; every third names a job seeker.
fn history(employers: u64, seekers: u64, visits: u64) -> String {
    let mut out = String::new();
    for e in 0..employers {
        let _ = writeln!(
            out,
            r#"{{"op":"employer.add","id":"E{e}","name":"Employer {e}","industry":"retail"}}"#
        );
    }
    for s in 0..seekers {
        let _ = writeln!(
            out,
            r#"{{"op":"seeker.add","id":"S{s}","name":"Job Seeker {s}","referral_date":"2025-10-01"}}"#
        );
    }
    let mut rng = Lcg(7);
    for v in 0..visits {
        let employer = if employers == 1 {
            0
        } else {
            rng.below(employers)
        };
        let day = 1 + rng.below(28);
        let month = 1 + rng.below(10);
        let hour = 8 + rng.below(9);
        let seekers = if seekers > 0 && v % 3 == 0 {
            format!(r#","seekers":["S{}"]"#, rng.below(seekers))
        } else {
            String::new()
        };
        let _ = writeln!(
            out,
            r#"{{"op":"visit.log","employer":"E{employer}","at":"2026-{month:02}-{day:02} {hour:02}:15"{seekers},"outcome":"Talked with the manager about openings (visit {v})"}}"#
        );
    }
    out
}

/// Imports `jsonl` into a fresh phone; returns the seconds it took.
fn import(dir: &Path, name: &str, jsonl: &str) -> f64 {
    let file = dir.join(format!("{name}.jsonl"));
    std::fs::write(&file, jsonl).expect("write the import file");
    let key = dir.join(format!("{name}.key"));
    // Older versions make no key outside enrollment: every version is given one.
    let hex: String = (0..32).map(|i| format!("{:02x}", i * 7 + 3)).collect();
    std::fs::write(&key, hex).expect("write the key");
    let started = Instant::now();
    let out = Command::new(binary())
        .arg("--data")
        .arg(dir.join(name))
        .arg("--key-file")
        .arg(&key)
        .arg("--json")
        .arg("import")
        .arg(&file)
        .output()
        .expect("run fieldbook");
    let seconds = started.elapsed().as_secs_f64();
    assert!(
        out.status.success(),
        "import {name} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    seconds
}

fn main() {
    // `cargo bench` passes --bench; this harness has no options of its own.
    let only = std::env::var("IMPORT_BENCH_ONLY").unwrap_or_default();
    let dir = tempfile::tempdir().expect("temp dir");
    println!("binary: {}", binary().display());
    println!("| import | visits | seconds | ms per visit |");
    println!("|---|---|---|---|");
    let row = |label: &str, employers: u64, seekers: u64, visits: u64| {
        let name = label.replace(' ', "-");
        let seconds = import(dir.path(), &name, &history(employers, seekers, visits));
        println!(
            "| {label} | {visits} | {seconds:.1} | {:.2} |",
            seconds * 1000.0 / visits as f64
        );
    };
    if only.is_empty() || only == "team-year" {
        row("150 employers, 20 job seekers", 150, 20, 10_000);
    }
    if only.is_empty() || only == "one-employer" {
        for visits in [500, 1_000, 2_000] {
            row(&format!("one employer {visits}"), 1, 0, visits);
        }
    }
}
