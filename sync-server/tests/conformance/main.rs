//! The conformance suite: the storage and protocol tests every backend runs, and the
//! randomized access-rule test. Each backend is listed in [`backends`]; SQLite always runs,
//! PostgreSQL when the test command provides a database.

mod access;
mod device;
mod protocol;
mod storage;

use std::path::PathBuf;
use std::sync::Arc;

use fieldbook_server::db::postgres::PgDb;
use fieldbook_server::db::sqlite::SqliteDb;
use fieldbook_server::db::{Database, DbResult, ReadTx, WriteTx};
use fieldbook_server::service::Service;
use fieldbook_test_support::postgres::Scratch;

/// A backend under test: makes a fresh, empty database per call.
struct Backend {
    name: &'static str,
    fresh: Box<dyn Fn() -> Arc<dyn Database>>,
}

/// Where throw-away databases go: memory-backed when the machine has it (the randomized
/// test makes thousands).
fn scratch() -> PathBuf {
    let shm = PathBuf::from("/dev/shm");
    if shm.is_dir() {
        shm
    } else {
        std::env::temp_dir()
    }
}

fn backends() -> Vec<Backend> {
    let mut all = vec![Backend {
        name: "sqlite",
        fresh: Box::new(|| {
            let dir = tempfile::Builder::new()
                .prefix("fieldbook-conformance")
                .tempdir_in(scratch())
                .expect("temp dir")
                .keep();
            let db = SqliteDb::open(&dir).expect("open sqlite");
            Arc::new(Holding {
                db,
                _scratch: RemoveDir(dir),
            }) as Arc<dyn Database>
        }),
    }];
    if fieldbook_test_support::postgres::url().is_some() {
        all.push(Backend {
            name: "postgres",
            fresh: Box::new(|| {
                let scratch = Scratch::schema().expect("a test database");
                let db = PgDb::open(scratch.url(), 8).expect("open postgres");
                Arc::new(Holding {
                    db,
                    _scratch: scratch,
                }) as Arc<dyn Database>
            }),
        });
    } else {
        fieldbook_test_support::postgres::skipped("the conformance suite on PostgreSQL");
    }
    all
}

/// A database with the scratch space it lives in (a directory, a PostgreSQL schema), which
/// is removed after the database is closed.
struct Holding<D, S> {
    db: D,
    _scratch: S,
}

impl<D: Database, S: Send + Sync + 'static> Database for Holding<D, S> {
    fn read(&self) -> DbResult<Box<dyn ReadTx + '_>> {
        self.db.read()
    }
    fn lookup(&self) -> DbResult<Box<dyn ReadTx + '_>> {
        self.db.lookup()
    }
    fn write(&self) -> DbResult<Box<dyn WriteTx + '_>> {
        self.db.write()
    }
    fn write_relaxed(&self) -> DbResult<Box<dyn WriteTx + '_>> {
        self.db.write_relaxed()
    }
}

/// A directory removed when dropped.
struct RemoveDir(PathBuf);

impl Drop for RemoveDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[test]
fn storage() {
    for backend in backends() {
        for (name, test) in storage::all() {
            println!("{} / {name}", backend.name);
            test(&*(backend.fresh)());
        }
    }
}

#[test]
fn protocol() {
    for backend in backends() {
        for (name, test) in protocol::all() {
            println!("{} / {name}", backend.name);
            test(&Service::new((backend.fresh)()).expect("service"));
        }
    }
}

/// Cases of the randomized access-rule test (`FIELDBOOK_ACCESS_CASES` to change). The rules
/// live in the service, above the backends, so PostgreSQL (where every case makes a fresh
/// schema and runs over the network) runs a tenth of them unless told otherwise
/// (`FIELDBOOK_ACCESS_CASES_POSTGRES`): enough to exercise every query the rules use.
fn access_cases(backend: &str) -> u64 {
    let var = |name: &str| std::env::var(name).ok().and_then(|v| v.parse().ok());
    match backend {
        "postgres" => var("FIELDBOOK_ACCESS_CASES_POSTGRES").unwrap_or(200),
        _ => var("FIELDBOOK_ACCESS_CASES").unwrap_or(2000),
    }
}

#[test]
fn access_rules_hold_for_random_programs() {
    for backend in backends() {
        let started = std::time::Instant::now();
        let cases = access_cases(backend.name);
        access::run(
            &|| Service::new((backend.fresh)()).expect("service"),
            cases,
            0x1F5_2026,
        );
        println!(
            "{}: {cases} cases in {:.1} s",
            backend.name,
            started.elapsed().as_secs_f64()
        );
    }
}
