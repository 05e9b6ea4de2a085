//! Whole records written at once (what an import row does) and external ids: a record is
//! created, updated or left unchanged, and says which; the ids people typed are found per
//! kind, held once per kind, survive a reopen and arrive with a merged document.

use chrono::{FixedOffset, NaiveDate, TimeZone};
use fieldbook_core::ids::{EmployerId, SeekerId};
use fieldbook_core::model::*;
use fieldbook_core::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("phone.db"), None).unwrap();
    (dir, store)
}

fn record(id: SeekerId, create: bool, profile: SeekerProfile) -> SeekerRecord {
    SeekerRecord {
        id,
        create,
        profile,
        status: None,
        status_date: None,
        benefits: None,
        career: None,
        plan: None,
        consents: Vec::new(),
        education: Vec::new(),
    }
}

fn profile(name: &str, external: Option<&str>) -> SeekerProfile {
    SeekerProfile {
        name: name.into(),
        referral_date: Some(d("2026-09-14")),
        external_id: external.map(str::to_string),
        ..Default::default()
    }
}

fn visit(employer: EmployerId, day: &str) -> NewVisit {
    let tz = FixedOffset::west_opt(6 * 3600).unwrap();
    NewVisit {
        id: None,
        employer_id: employer,
        at: tz
            .from_local_datetime(&d(day).and_hms_opt(10, 0, 0).unwrap())
            .unwrap(),
        specialist: None,
        contact_id: None,
        location: None,
        mode: ContactMode::InPerson,
        purpose: VisitPurpose::LearnBusinessNeeds,
        seekers: Vec::new(),
        followed_preference: None,
        outcome: Some("met the owner".into()),
        next_step: None,
        next_step_date: None,
    }
}

#[test]
fn a_record_written_twice_changes_nothing_the_second_time() {
    let (_dir, store) = store();
    let id = SeekerId::new();
    let consent = NewConsent {
        scope: "work history".into(),
        recipient: "employers".into(),
        release_to: ReleaseTo::Employers,
        signed: d("2026-09-16"),
        expires: None,
    };
    let school = EducationSpell {
        program: "GED classes".into(),
        start: d("2026-09-01"),
        end: None,
    };
    let full = |create| SeekerRecord {
        status: Some(SeekerStatus::JobSearch),
        benefits: Some(BenefitsPlanning {
            offered: Some(d("2026-09-30")),
            ..Default::default()
        }),
        consents: vec![consent.clone()],
        education: vec![school.clone()],
        ..record(id, create, profile("José Núñez", Some("C-1042")))
    };
    assert_eq!(
        store.save_seeker("seeker.add", full(true)).unwrap(),
        Saved::Created
    );
    let before = store.seeker(id).unwrap();
    assert_eq!(
        store.save_seeker("seeker.add", full(false)).unwrap(),
        Saved::Unchanged
    );
    assert_eq!(store.seeker(id).unwrap(), before, "not a value moved");
    assert_eq!(
        store.history(id.doc()).unwrap().len(),
        1,
        "one write in the history"
    );

    // One field changes: updated, the rest kept; the school's end is recorded on the spell.
    let mut changed = full(false);
    changed.profile.phone = Some("612-555-0101".into());
    changed.education[0].end = Some(d("2026-12-15"));
    assert_eq!(
        store.save_seeker("seeker.edit", changed).unwrap(),
        Saved::Updated
    );
    let after = store.seeker(id).unwrap();
    assert_eq!(
        after.consents.len(),
        1,
        "the same consent is not added twice"
    );
    assert_eq!(after.education.len(), 1);
    let spell = after.education.values().next().unwrap();
    assert_eq!(spell.end, Some(d("2026-12-15")));
    assert_eq!(
        after.status_history.len(),
        1,
        "the status in force is not repeated"
    );
    // An end not given again keeps the one recorded.
    let mut again = full(false);
    again.profile.phone = Some("612-555-0101".into());
    assert_eq!(
        store.save_seeker("seeker.edit", again).unwrap(),
        Saved::Unchanged
    );
    assert_eq!(store.seeker(id).unwrap(), after);
}

#[test]
fn a_bad_part_writes_no_part() {
    let (_dir, store) = store();
    let id = SeekerId::new();
    let bad = SeekerRecord {
        benefits: Some(BenefitsPlanning {
            referred: Some(d("2026-10-01")),
            offered: Some(d("2026-09-01")),
            ..Default::default()
        }),
        ..record(id, true, profile("Ana Lima", None))
    };
    let err = store.save_seeker("seeker.add", bad).unwrap_err();
    assert!(
        matches!(err, Error::Invalid { ref field, .. } if field == "offered"),
        "{err}"
    );
    assert!(store.seeker(id).is_err(), "nothing was written");
    assert!(store.caseload(d("2026-11-01")).unwrap().is_empty());
}

#[test]
fn external_ids_are_found_per_kind_and_held_once() {
    let (dir, store) = store();
    let seeker = SeekerId::new();
    store
        .save_seeker(
            "seeker.add",
            record(seeker, true, profile("Jo Park", Some("1"))),
        )
        .unwrap();
    let employer = store
        .create_employer(NewEmployer {
            id: None,
            info: EmployerInfo {
                name: "Corner Store".into(),
                external_id: Some("1".into()),
                ..Default::default()
            },
        })
        .unwrap();
    assert_eq!(
        store.find_external_id(Named::Seeker, " 1 ").unwrap(),
        vec![seeker.0]
    );
    assert_eq!(
        store.find_external_id(Named::Employer, "1").unwrap(),
        vec![employer.0]
    );
    assert!(store
        .find_external_id(Named::Seeker, "2")
        .unwrap()
        .is_empty());
    assert_eq!(
        store.find_by_name(Named::Employer, "corner STORE").unwrap(),
        vec![employer.0]
    );

    // A second job seeker may not take the id; the first keeps it through an edit.
    let twin = store.create_seeker(NewSeeker {
        id: None,
        profile: profile("Someone Else", Some("1")),
        status: None,
        status_date: None,
    });
    assert!(matches!(twin, Err(Error::Invalid { ref field, .. }) if field == "external_id"));
    store
        .update_profile(seeker, profile("Jo Park-Lee", Some("1")))
        .unwrap();

    // A visit's id is its employer's: the same id at another employer is another visit.
    let other = store
        .create_employer(NewEmployer {
            id: None,
            info: EmployerInfo {
                name: "Bakery".into(),
                ..Default::default()
            },
        })
        .unwrap();
    let v1 = store
        .log_visit_as(visit(employer, "2026-10-01"), Some("V-1"))
        .unwrap();
    store
        .log_visit_as(visit(other, "2026-10-02"), Some("V-1"))
        .unwrap();
    assert!(store
        .log_visit_as(visit(employer, "2026-10-03"), Some("v-1"))
        .is_err());
    assert_eq!(
        store
            .find_external_id(Named::Visit(employer), "V-1")
            .unwrap(),
        vec![v1.0]
    );
    assert_eq!(
        store
            .employer_visit(employer, v1)
            .unwrap()
            .unwrap()
            .external_id
            .as_deref(),
        Some("V-1")
    );

    // Kept through a reopen (the index is stored) and carried by a merged document.
    drop(store);
    let store = Store::open(dir.path().join("phone.db"), None).unwrap();
    assert_eq!(
        store.find_external_id(Named::Seeker, "1").unwrap(),
        vec![seeker.0]
    );
    let (_dir2, phone) = self::store();
    phone
        .merge_remote(vec![store.export(employer.doc()).unwrap()])
        .unwrap();
    assert_eq!(
        phone.find_external_id(Named::Employer, "1").unwrap(),
        vec![employer.0]
    );
    assert_eq!(
        phone
            .find_external_id(Named::Visit(employer), "V-1")
            .unwrap(),
        vec![v1.0]
    );
}

#[test]
fn an_app_form_without_the_external_id_never_erases_it() {
    let (_dir, store) = store();
    let id = SeekerId::new();
    store
        .save_seeker(
            "seeker.add",
            record(id, true, profile("Jo Park", Some("C-7"))),
        )
        .unwrap();
    // The app's profile form does not know the field: it sends none.
    store.update_profile(id, profile("Jo Park", None)).unwrap();
    assert_eq!(
        store.seeker(id).unwrap().profile.external_id.as_deref(),
        Some("C-7")
    );
    assert_eq!(
        store.find_external_id(Named::Seeker, "c-7").unwrap(),
        vec![id.0]
    );
}
