use chrono::{NaiveDate, TimeZone};
use fieldbook_core::ids::EmployerId;
use fieldbook_core::model::*;
use fieldbook_core::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn a_day_in_the_field() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("f.db"), Some(&[7u8; 32])).unwrap();
    let ana = store
        .create_seeker(NewSeeker {
            id: None,
            profile: SeekerProfile {
                name: "Ana Lopez".into(),
                first_meeting: Some(d("2026-11-02")),
                ..Default::default()
            },
            status: None,
            status_date: None,
        })
        .unwrap();
    let emp = store
        .create_employer(NewEmployer {
            id: None,
            info: EmployerInfo {
                name: "Hy-Vee".into(),
                ..Default::default()
            },
        })
        .unwrap();
    let tz = chrono::FixedOffset::west_opt(6 * 3600).unwrap();
    let v = store
        .log_visit(NewVisit {
            id: None,
            employer_id: emp,
            at: tz.with_ymd_and_hms(2026, 11, 10, 10, 30, 0).unwrap(),
            specialist: None,
            contact_id: None,
            location: None,
            mode: ContactMode::InPerson,
            purpose: VisitPurpose::LearnBusinessNeeds,
            seekers: vec![ana],
            followed_preference: Some(true),
            outcome: Some("met the manager".into()),
            next_step: None,
            next_step_date: None,
        })
        .unwrap();
    let step = store
        .add_step(
            ana,
            NewStep {
                id: None,
                what: "Update résumé".into(),
                who: StepOwner::Seeker,
                due: Some(d("2026-11-20")),
            },
        )
        .unwrap();
    let cl = store.caseload(d("2026-11-24")).unwrap();
    assert_eq!(cl.len(), 1);
    assert_eq!(cl[0].first_face_to_face, Some(d("2026-11-10")));
    assert_eq!(cl[0].days_since_first_meeting, Some(22));
    assert_eq!(cl[0].next_step_id, Some(step));
    let weeks = store
        .visits_by_week(None, d("2026-11-09"), d("2026-11-22"))
        .unwrap();
    assert_eq!(weeks.len(), 2);
    assert_eq!(weeks[0].face_to_face, 1);
    assert_eq!(weeks[0].visits[0].visit_id, v);
    assert_eq!(weeks[1].total, 0);
    let doc = store.seeker(ana).unwrap();
    assert_eq!(doc.activities[&v].employer_name, "Hy-Vee");
    let h = store.history(emp.doc()).unwrap();
    assert_eq!(h.len(), 2, "{h:#?}");
    assert!(
        h[1].fields.iter().any(|f| f.starts_with("visits.")),
        "{h:#?}"
    );
    store.add_note(ana, "Likes mornings", None).unwrap();
    assert_eq!(store.notes(ana).unwrap().len(), 1);
    assert!(matches!(
        store.log_visit(NewVisit {
            employer_id: EmployerId::new(),
            ..NewVisit {
                id: None,
                employer_id: emp,
                at: tz.with_ymd_and_hms(2026, 11, 10, 10, 30, 0).unwrap(),
                specialist: None,
                contact_id: None,
                location: None,
                mode: ContactMode::Phone,
                purpose: VisitPurpose::FollowUp,
                seekers: vec![],
                followed_preference: None,
                outcome: None,
                next_step: None,
                next_step_date: None
            }
        }),
        Err(Error::NotFound { .. })
    ));
    drop(store);
    assert!(matches!(
        Store::open(dir.path().join("f.db"), Some(&[8u8; 32])),
        Err(Error::WrongKey)
    ));
    assert!(matches!(
        Store::open(dir.path().join("f.db"), None),
        Err(Error::WrongKey)
    ));
    let again = Store::open(dir.path().join("f.db"), Some(&[7u8; 32])).unwrap();
    assert_eq!(again.caseload(d("2026-11-24")).unwrap().len(), 1);
    assert!(again.pending_changes().unwrap() >= 5);
}

/// Stores made before pages were sealed with HMAC-SHA256 still open, keep their data and
/// still refuse a wrong key.
#[test]
fn store_with_the_older_page_seal_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    let key = [5u8; 32];
    let raw = |seal: &str| {
        let c = rusqlite::Connection::open(&path).unwrap();
        c.execute_batch(&format!("PRAGMA key = \"x'{}'\"; {seal}", "05".repeat(32)))
            .unwrap();
        c.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
            r.get::<_, i64>(0)
        })
    };
    // A file made with SQLCipher's defaults, as stores used to be.
    raw("CREATE TABLE made_before (x);").unwrap();
    let store = Store::open(&path, Some(&key)).unwrap();
    let seeker = store
        .create_seeker(NewSeeker {
            id: None,
            profile: SeekerProfile {
                name: "Ana Lima".into(),
                ..Default::default()
            },
            status: None,
            status_date: None,
        })
        .unwrap();
    drop(store);
    assert!(raw("").unwrap() > 0, "the file kept its original seal");
    assert!(raw("PRAGMA cipher_hmac_algorithm = HMAC_SHA256;").is_err());
    let again = Store::open(&path, Some(&key)).unwrap();
    assert_eq!(again.seeker(seeker).unwrap().profile.name, "Ana Lima");
    drop(again);
    assert!(matches!(
        Store::open(&path, Some(&[6u8; 32])),
        Err(Error::WrongKey)
    ));
}
