//! Status changes on a real phone store: a job start never dates "working" before program
//! entry or the status in force, a non-competitive job changes no status, and of two statuses
//! set the same day the later one is in force.

use crate::common::*;
use fieldbook_core::fidelity::*;
use fieldbook_core::ids::*;
use fieldbook_core::model::*;
use fieldbook_core::{NewJob, NewSeeker, Store};

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("phone.db"), None).unwrap();
    (dir, store)
}

fn new_seeker(store: &Store, referral: &str, meeting: &str) -> SeekerId {
    store
        .create_seeker(NewSeeker {
            id: None,
            profile: SeekerProfile {
                name: "Nina Petrova".into(),
                referral_date: Some(d(referral)),
                first_meeting: Some(d(meeting)),
                ..Default::default()
            },
            status: None,
            status_date: None,
        })
        .unwrap()
}

fn new_job(start: &str, competitive: bool) -> NewJob {
    NewJob {
        id: None,
        employer_id: None,
        employer_name: Some("Riverside Workshop".into()),
        title: "Assembler".into(),
        job_type: None,
        soc_code: None,
        start: d(start),
        hours_per_week: Some(20.0),
        hourly_wage_cents: None,
        permanent: None,
        competitive,
        disclosed: None,
    }
}

#[test]
fn a_job_start_never_dates_a_status_before_program_entry() {
    let (_dir, store) = store();
    // Referred 09-01, met 09-10 (engaging from 09-10); a job found on 06-01, recorded now.
    let id = new_seeker(&store, "2026-09-01", "2026-09-10");
    store.start_job(id, new_job("2026-06-01", true)).unwrap();
    let doc = store.seeker(id).unwrap();
    let dates: Vec<_> = doc.status_history.values().map(|c| c.date).collect();
    assert!(
        dates.iter().all(|day| *day >= d("2026-09-01")),
        "no status before entry: {dates:?}"
    );
    let (_, now) = doc.current_status().unwrap();
    assert_eq!(
        (now.status, now.date),
        (SeekerStatus::Working, d("2026-09-10"))
    );
    let team = Team {
        seekers: vec![doc],
        ..Default::default()
    };
    let q2 = quarter_outcomes(&team.data(), Scope::Team, "2026Q2".parse().unwrap());
    assert_eq!(q2.served, 0, "not served before entry");
}

#[test]
fn a_non_competitive_job_does_not_make_a_person_working() {
    let (_dir, store) = store();
    let id = new_seeker(&store, "2026-09-01", "2026-09-10");
    store
        .set_status(id, SeekerStatus::JobSearch, d("2026-09-20"), None)
        .unwrap();
    store.start_job(id, new_job("2026-10-01", false)).unwrap();
    let doc = store.seeker(id).unwrap();
    assert_eq!(
        doc.current_status().map(|(_, c)| c.status),
        Some(SeekerStatus::JobSearch)
    );
    assert_eq!(doc.jobs.len(), 1, "the job itself is recorded");
    // A competitive job afterwards does.
    store.start_job(id, new_job("2026-10-15", true)).unwrap();
    let doc = store.seeker(id).unwrap();
    assert_eq!(
        doc.current_status().map(|(_, c)| (c.status, c.date)),
        Some((SeekerStatus::Working, d("2026-10-15")))
    );
}

#[test]
fn a_status_set_the_day_a_person_joined_is_the_one_in_force() {
    let (_dir, store) = store();
    // Twenty people, each "engaging" from 09-10 and set to "job search" the same day: the
    // entry recorded later is in force for every one of them (ties used to go by random id).
    for _ in 0..20 {
        let id = new_seeker(&store, "2026-09-01", "2026-09-10");
        store
            .set_status(id, SeekerStatus::JobSearch, d("2026-09-10"), None)
            .unwrap();
        let doc = store.seeker(id).unwrap();
        assert_eq!(
            doc.current_status().map(|(_, c)| c.status),
            Some(SeekerStatus::JobSearch)
        );
    }
    let caseload = store.caseload(d("2026-11-01")).unwrap();
    assert!(caseload
        .iter()
        .all(|c| c.status == Some(SeekerStatus::JobSearch)));
}
