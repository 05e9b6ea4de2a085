//! `admin migrate` on a generated program: teams of specialists whose phones created job
//! seekers and employers through the sync service on SQLite, copied into PostgreSQL, with
//! every table's rows and digest equal in both. A small program runs in the test command; the
//! program of 5,000 job seekers is run by hand (`--ignored`) and its figures are in
//! `docs/benchmarks.md`.

#[allow(dead_code)]
#[path = "conformance/device.rs"]
mod device;

use std::sync::Arc;
use std::time::Instant;

use fieldbook_core::document::DocKind;
use fieldbook_core::ids::{DocId, SeekerId};
use fieldbook_core::model::Role;
use fieldbook_server::db::copy::sqlite_to_postgres;
use fieldbook_server::db::sqlite::SqliteDb;
use fieldbook_server::service::accounts::NewUser;
use fieldbook_server::service::Service;
use fieldbook_test_support::postgres::{skipped, Scratch};
use serde_json::json;

use device::Device;

/// Seeds `teams` teams of five specialists and a supervisor, each with `seekers` job seekers
/// and `employers` employers, through the service on SQLite in `dir`.
fn seed(dir: &std::path::Path, teams: usize, seekers: usize, employers: usize) {
    let service = Service::new(Arc::new(SqliteDb::open(dir).unwrap())).unwrap();
    for t in 0..teams {
        let team = service.add_team(&format!("Team {t}")).unwrap().id;
        let mut staff: Vec<Device> = [Role::Supervisor]
            .into_iter()
            .chain([Role::Specialist; 5])
            .enumerate()
            .map(|(i, role)| {
                let user = service
                    .add_user(&NewUser {
                        team_id: team,
                        name: format!("Staff {t}-{i}"),
                        role,
                        seeker_id: None,
                    })
                    .unwrap();
                Device::enroll(&service, user.id)
            })
            .collect();
        for batch in 0..seekers.div_ceil(20) {
            let phone = &mut staff[1 + batch % 5];
            let pushes = (batch * 20..((batch + 1) * 20).min(seekers))
                .map(|s| {
                    phone.create(
                        DocKind::Seeker,
                        SeekerId::new().doc(),
                        &json!({"profile": {"name": format!("Job seeker {t}-{s}"), "referral_date": "2026-09-01"}}),
                    )
                })
                .collect();
            assert!(phone.sync(&service, pushes).unwrap().rejected.is_empty());
        }
        let pushes = (0..employers)
            .map(|e| {
                staff[1].create(
                    DocKind::Employer,
                    DocId::new(),
                    &json!({"name": format!("Employer {t}-{e}")}),
                )
            })
            .collect();
        assert!(staff[1].sync(&service, pushes).unwrap().rejected.is_empty());
        for phone in &mut staff {
            phone.pull_all(&service).unwrap();
        }
    }
}

fn program_moves_whole(test: &str, teams: usize, seekers: usize, employers: usize) {
    let Some(db) = Scratch::database() else {
        skipped(test);
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    seed(dir.path(), teams, seekers, employers);
    let seeded = started.elapsed();
    let started = Instant::now();
    let report = sqlite_to_postgres(dir.path(), db.url()).expect("migrate");
    let copied = started.elapsed();
    assert!(report.differing().is_empty(), "{report:?}");
    let rows = |name: &str| {
        report
            .tables
            .iter()
            .find(|t| t.table == name)
            .map(|t| t.target_rows)
            .unwrap()
    };
    let documents = teams * (seekers + employers + 1);
    assert_eq!(rows("documents") as usize, documents);
    assert_eq!(rows("devices") as usize, teams * 6);
    assert!(rows("changes") as usize >= documents * 2);
    println!(
        "{teams} teams, {} job seekers: seeded in {:.1} s; {} rows copied and compared in {:.1} s",
        teams * seekers,
        seeded.as_secs_f64(),
        report.rows(),
        copied.as_secs_f64()
    );
}

#[test]
fn a_small_program_moves_to_postgres_whole() {
    program_moves_whole("a_small_program_moves_to_postgres_whole", 3, 40, 10);
}

#[test]
#[ignore = "5,000 job seekers take minutes to seed: run by hand with --ignored"]
fn a_program_of_5000_job_seekers_moves_to_postgres_whole() {
    program_moves_whole(
        "a_program_of_5000_job_seekers_moves_to_postgres_whole",
        50,
        100,
        30,
    );
}
