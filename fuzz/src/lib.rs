//! What the fuzz targets share: the panic policy, a real team on a real server (built once per
//! process), crafted changes, and the seed corpus each target can write for itself.
//!
//! Every target reads bytes that arrive from a device, the network or disk. A target fails
//! (libFuzzer saves the input) when the code under test panics out of its public call, or
//! when an invariant a user would notice breaks: a stored document that no longer loads, a
//! refused push that changed something, a phone store that no longer opens.
//!
//! Panics that the code under test catches itself (Automerge behind
//! `fieldbook_core::document::incoming::guarded`) are the designed boundary and do not fail a
//! run; they are reported on stderr. `FIELDBOOK_FUZZ_STRICT=1` makes every panic fail the run,
//! to hunt for changes the checks let through to Automerge.

pub mod craft;
pub mod fixture;
pub mod phone;
pub mod plan;

use std::cell::Cell;
use std::collections::HashSet;
use std::io::Write;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Set this to a directory to make a target write its seed corpus there and exit.
pub const SEEDS_ENV: &str = "FIELDBOOK_FUZZ_SEEDS";
/// Set this to make every panic, even one the code under test catches, fail the run.
pub const STRICT_ENV: &str = "FIELDBOOK_FUZZ_STRICT";

thread_local! {
    /// The harness itself is probing Automerge (taking a change apart): its panics are not
    /// findings.
    static PROBING: Cell<bool> = const { Cell::new(false) };
}

/// Locations of panics already reported, so a hot one is printed once.
static REPORTED: Mutex<Option<HashSet<String>>> = Mutex::new(None);

/// Installs the panic policy (call from `fuzz_target!`'s `init`, after libFuzzer's own hook):
/// a panic the code under test catches is reported once per location; one that escapes still
/// aborts through libfuzzer-sys and fails the run. Then, when [`SEEDS_ENV`] is set, writes
/// this target's seeds with `write` and exits.
pub fn init(write: impl FnOnce(&Path) -> std::io::Result<usize>) {
    let strict = std::env::var_os(STRICT_ENV).is_some();
    let libfuzzer_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if PROBING.with(Cell::get) {
            return;
        }
        if strict {
            libfuzzer_hook(info);
            return;
        }
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let mut seen = REPORTED.lock().unwrap_or_else(|p| p.into_inner());
        if seen.get_or_insert_with(HashSet::new).insert(place) {
            eprintln!("fieldbook-fuzz: panic (fails the run unless the code under test catches it): {info}");
        }
    }));
    if let Some(dir) = std::env::var_os(SEEDS_ENV) {
        let dir = PathBuf::from(dir);
        let written = std::fs::create_dir_all(&dir).and_then(|()| write(&dir));
        match written {
            Ok(n) => {
                eprintln!("wrote {n} seeds to {}", dir.display());
                std::process::exit(0);
            }
            Err(e) => {
                eprintln!("writing seeds to {}: {e}", dir.display());
                std::process::exit(1);
            }
        }
    }
}

/// Runs harness code that may panic inside Automerge (taking a crafted change apart) without
/// reporting it: `Err` when it panicked.
pub fn quietly<R>(f: impl FnOnce() -> R) -> Result<R, ()> {
    PROBING.with(|p| p.set(true));
    let out = catch_unwind(AssertUnwindSafe(f)).map_err(drop);
    PROBING.with(|p| p.set(false));
    out
}

/// Compresses a raw (postcard) body the way [`fieldbook_core::protocol::encode`] does, so a
/// fuzzer's mutations of the body itself reach the decoder past gzip's checksum.
pub fn gzip(raw: &[u8]) -> Vec<u8> {
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    // Writing into a Vec cannot fail.
    let _ = gz.write_all(raw);
    gz.finish().unwrap_or_default()
}

/// Set this to the directory scratch files go in (`scripts/fuzz` makes one per run and
/// removes it: the fixture's files live as long as the process, which exits without dropping
/// them).
pub const SCRATCH_ENV: &str = "FIELDBOOK_FUZZ_SCRATCH";

/// A directory for per-input scratch files: in memory when the machine has /dev/shm (the
/// server syncs every commit to disk, and a RAM disk makes that free).
pub fn scratch() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    let base = match std::env::var_os(SCRATCH_ENV) {
        Some(dir) => PathBuf::from(dir),
        None if shm.is_dir() => shm.to_path_buf(),
        None => std::env::temp_dir(),
    };
    tempfile::Builder::new()
        .prefix("fieldbook-fuzz")
        .tempdir_in(base)
        .expect("a scratch directory")
}

/// Writes `seeds` as files `NNN-name` in `dir`; returns how many.
pub fn write_seeds(dir: &Path, seeds: &[(String, Vec<u8>)]) -> std::io::Result<usize> {
    for (i, (name, bytes)) in seeds.iter().enumerate() {
        std::fs::write(dir.join(format!("{i:03}-{name}")), bytes)?;
    }
    Ok(seeds.len())
}
