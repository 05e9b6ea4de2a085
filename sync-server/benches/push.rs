//! The cost of one push by the history of the document it lands in, in process (no HTTP, no
//! disk waits: the database lives in memory-backed storage when the machine has it), so it
//! can be counted in instructions: run it under `valgrind --tool=callgrind` with
//! `PUSH_COUNT=0` and with `PUSH_COUNT=200`; the difference divided by 200 is one push.
//!
//! `PUSH_HISTORY` (default 1000): visits the employer holds before the pushes.

mod program;

use std::time::Instant;

use fieldbook_server::db::Location;

fn main() {
    let var = |name: &str, default: usize| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let (history, count) = (var("PUSH_HISTORY", 1000), var("PUSH_COUNT", 200));
    let base = std::path::Path::new("/dev/shm");
    let dir = if base.is_dir() {
        tempfile::tempdir_in(base)
    } else {
        tempfile::tempdir()
    }
    .expect("dir");
    let (service, mut phones) = program::seed_open(
        &Location::Sqlite(dir.path().to_path_buf()),
        1,
        1,
        1,
        1,
        history,
    );
    let phone = &mut phones[1];
    let started = Instant::now();
    for _ in 0..count {
        let push = phone.visit(0);
        program::push_in(&service, phone, vec![push]);
    }
    let per = started.elapsed().as_secs_f64() * 1000.0 / count.max(1) as f64;
    println!("{count} pushes to an employer with {history} visits: {per:.3} ms each");
}
