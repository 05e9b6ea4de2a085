//! Editing jobs, supports and visits on a real phone store: each edit is checked as the
//! entry's creation is and changes nothing when refused, a void entry cannot be edited, a
//! visit's edit reaches the job seekers' activity and the caseload, and two phones editing
//! different fields of one job both keep their edit.

use crate::common::*;
use chrono::{Duration, Local};
use fieldbook_core::ids::*;
use fieldbook_core::model::*;
use fieldbook_core::{Error, JobEdit, NewEmployer, NewJob, NewSeeker, NewVisit, Store, VisitEdit};

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("phone.db"), None).unwrap();
    (dir, store)
}

fn seeker(store: &Store) -> SeekerId {
    store
        .create_seeker(NewSeeker {
            id: None,
            profile: SeekerProfile {
                name: "Erik Lund".into(),
                first_meeting: Some(d("2026-09-01")),
                ..Default::default()
            },
            status: Some(SeekerStatus::JobSearch),
            status_date: Some(d("2026-09-01")),
        })
        .unwrap()
}

fn employer(store: &Store, name: &str) -> EmployerId {
    store
        .create_employer(NewEmployer {
            id: None,
            info: EmployerInfo {
                name: name.into(),
                ..Default::default()
            },
        })
        .unwrap()
}

fn form(start: &str) -> JobEdit {
    JobEdit {
        employer_id: None,
        employer_name: Some("Maple Street Bakery".into()),
        title: "Counter clerk".into(),
        job_type: None,
        soc_code: None,
        start: d(start),
        hours_per_week: Some(20.0),
        hourly_wage_cents: Some(1550),
        permanent: None,
        competitive: true,
        disclosed: None,
    }
}

fn start(store: &Store, seeker: SeekerId) -> JobId {
    let f = form("2026-10-05");
    store
        .start_job(
            seeker,
            NewJob {
                id: None,
                employer_id: f.employer_id,
                employer_name: f.employer_name,
                title: f.title,
                job_type: f.job_type,
                soc_code: f.soc_code,
                start: f.start,
                hours_per_week: f.hours_per_week,
                hourly_wage_cents: f.hourly_wage_cents,
                permanent: f.permanent,
                competitive: f.competitive,
                disclosed: f.disclosed,
            },
        )
        .unwrap()
}

fn invalid_field(r: fieldbook_core::Result<()>) -> String {
    match r {
        Err(Error::Invalid { field, .. }) => field,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[test]
fn a_job_edit_is_checked_as_a_job_start_and_keeps_the_end() {
    let (_dir, store) = store();
    let erik = seeker(&store);
    let job = start(&store, erik);
    let bakery = employer(&store, "Maple Street Bakery & Café");
    let history = store.history(erik.doc()).unwrap().len();
    let refused = [
        JobEdit {
            hours_per_week: Some(0.0),
            ..form("2026-10-05")
        },
        JobEdit {
            hourly_wage_cents: Some(-1),
            ..form("2026-10-05")
        },
        JobEdit {
            title: "  ".into(),
            ..form("2026-10-05")
        },
        JobEdit {
            employer_name: None,
            ..form("2026-10-05")
        },
    ];
    let fields: Vec<String> = refused
        .into_iter()
        .map(|f| invalid_field(store.edit_job(erik, job, f)))
        .collect();
    assert_eq!(
        fields,
        [
            "hours_per_week",
            "hourly_wage_cents",
            "title",
            "employer_name"
        ]
    );
    assert!(matches!(
        store.edit_job(erik, JobId::new(), form("2026-10-05")),
        Err(Error::NotFound { kind: "job", .. })
    ));
    assert_eq!(store.history(erik.doc()).unwrap().len(), history);

    // The employer from the team's list gives its name; hours and wage change.
    store
        .edit_job(
            erik,
            job,
            JobEdit {
                employer_id: Some(bakery),
                employer_name: None,
                hours_per_week: Some(24.0),
                hourly_wage_cents: Some(1600),
                ..form("2026-10-06")
            },
        )
        .unwrap();
    let stored = &store.seeker(erik).unwrap().jobs[&job];
    assert_eq!(
        (
            stored.employer_name.as_str(),
            stored.start,
            stored.hours_per_week,
            stored.hourly_wage_cents
        ),
        (
            "Maple Street Bakery & Café",
            d("2026-10-06"),
            Some(24.0),
            Some(1600)
        )
    );

    // With an end recorded, the start may not move past it; the end stays through edits.
    let end = JobEnd {
        date: d("2026-12-20"),
        reason: "seasonal".into(),
        learned: None,
    };
    store.end_job(erik, job, end.clone()).unwrap();
    assert_eq!(
        invalid_field(store.edit_job(erik, job, form("2026-12-21"))),
        "start"
    );
    store.edit_job(erik, job, form("2026-10-05")).unwrap();
    assert_eq!(store.seeker(erik).unwrap().jobs[&job].end, Some(end));

    store.void_job(erik, job, "entered twice").unwrap();
    assert_eq!(
        invalid_field(store.edit_job(erik, job, form("2026-10-05"))),
        "job"
    );
}

#[test]
fn a_support_edit_is_checked_as_logging_it() {
    let (_dir, store) = store();
    let erik = seeker(&store);
    let job = start(&store, erik);
    let contact = SupportContact {
        date: d("2026-10-06"),
        in_person: true,
        given_by: SupportGiver::Specialist,
        kind: "check-in at work".into(),
        job_id: Some(job),
        note: None,
        voided: None,
    };
    let support = store.log_support(erik, contact.clone()).unwrap();
    let before = store.history(erik.doc()).unwrap().len();
    let blank = SupportContact {
        kind: " ".into(),
        ..contact.clone()
    };
    assert_eq!(
        invalid_field(store.edit_support(erik, support, blank)),
        "kind"
    );
    let stranger = SupportContact {
        job_id: Some(JobId::new()),
        ..contact.clone()
    };
    assert!(matches!(
        store.edit_support(erik, support, stranger),
        Err(Error::NotFound { kind: "job", .. })
    ));
    assert!(matches!(
        store.edit_support(erik, SupportId::new(), contact.clone()),
        Err(Error::NotFound {
            kind: "support",
            ..
        })
    ));
    assert_eq!(store.history(erik.doc()).unwrap().len(), before);

    let phoned = SupportContact {
        date: d("2026-10-07"),
        in_person: false,
        note: Some("  Called at the break ".into()),
        ..contact.clone()
    };
    store.edit_support(erik, support, phoned).unwrap();
    let stored = &store.seeker(erik).unwrap().supports[&support];
    assert_eq!(
        (stored.date, stored.in_person, stored.note.as_deref()),
        (d("2026-10-07"), false, Some("Called at the break"))
    );
    store.void_support(erik, support, "wrong person").unwrap();
    assert_eq!(
        invalid_field(store.edit_support(erik, support, contact)),
        "support"
    );
}

#[test]
fn a_visit_edit_reaches_the_activity_and_the_caseload_but_not_a_void_visit() {
    let (_dir, store) = store();
    let erik = seeker(&store);
    let bakery = employer(&store, "Maple Street Bakery");
    let three_days_ago = Local::now().fixed_offset() - Duration::days(3);
    let visit = store
        .log_visit(NewVisit {
            id: None,
            employer_id: bakery,
            at: three_days_ago,
            specialist: None,
            contact_id: None,
            location: None,
            mode: ContactMode::Phone,
            purpose: VisitPurpose::LearnBusinessNeeds,
            seekers: vec![erik],
            followed_preference: None,
            outcome: None,
            next_step: None,
            next_step_date: None,
        })
        .unwrap();
    let today = fieldbook_core::today();
    let first = |s: &Store| s.caseload(today).unwrap()[0].first_face_to_face;
    assert_eq!(first(&store), None, "a phone call is not face to face");
    let edit = VisitEdit {
        at: three_days_ago - Duration::days(7),
        contact_id: None,
        location: None,
        mode: ContactMode::InPerson,
        purpose: VisitPurpose::PresentCandidate,
        followed_preference: Some(true),
        outcome: Some(" Interview Friday ".into()),
        next_step: None,
        next_step_date: None,
    };

    // Refused as logging refuses, and nothing written.
    let before = store.history(bakery.doc()).unwrap().len();
    let future = VisitEdit {
        at: Local::now().fixed_offset() + Duration::days(3),
        ..edit.clone()
    };
    assert_eq!(invalid_field(store.edit_visit(bakery, visit, future)), "at");
    let backwards = VisitEdit {
        next_step_date: Some(d("2000-01-01")),
        ..edit.clone()
    };
    assert_eq!(
        invalid_field(store.edit_visit(bakery, visit, backwards)),
        "next_step_date"
    );
    let nobody = VisitEdit {
        contact_id: Some(ContactId::new()),
        ..edit.clone()
    };
    assert!(matches!(
        store.edit_visit(bakery, visit, nobody),
        Err(Error::NotFound {
            kind: "contact",
            ..
        })
    ));
    assert!(matches!(
        store.edit_visit(bakery, VisitId::new(), edit.clone()),
        Err(Error::NotFound { kind: "visit", .. })
    ));
    assert_eq!(store.history(bakery.doc()).unwrap().len(), before);

    store.edit_visit(bakery, visit, edit.clone()).unwrap();
    let ten_days_ago = edit.at.date_naive();
    assert_eq!(first(&store), Some(ten_days_ago));
    let logged = &store.employer(bakery).unwrap().visits[&visit];
    assert_eq!(
        (
            logged.mode,
            logged.outcome.as_deref(),
            logged.seekers.clone()
        ),
        (ContactMode::InPerson, Some("Interview Friday"), vec![erik])
    );
    let activity = &store.seeker(erik).unwrap().activities[&visit];
    assert_eq!(
        (activity.at, activity.purpose, activity.outcome.as_deref()),
        (
            edit.at,
            VisitPurpose::PresentCandidate,
            Some("Interview Friday")
        )
    );
    let listed = store.employer_visits(bakery).unwrap();
    assert_eq!(listed[0].at, edit.at);

    store
        .void_visit(bakery, visit, "logged at the wrong employer")
        .unwrap();
    let refused = store.edit_visit(bakery, visit, edit);
    assert!(
        matches!(&refused, Err(Error::Invalid { field, reason, .. }) if field == "visit" && reason.contains("log it again")),
        "{refused:?}"
    );
}

#[test]
fn two_phones_editing_different_fields_of_a_job_both_keep_their_edit() {
    let (_a_dir, a) = store();
    let (_b_dir, b) = store();
    let erik = seeker(&a);
    let job = start(&a, erik);
    b.merge_remote(vec![a.export(erik.doc()).unwrap()]).unwrap();
    a.edit_job(
        erik,
        job,
        JobEdit {
            hourly_wage_cents: Some(1700),
            ..form("2026-10-05")
        },
    )
    .unwrap();
    b.edit_job(
        erik,
        job,
        JobEdit {
            hours_per_week: Some(30.0),
            ..form("2026-10-05")
        },
    )
    .unwrap();
    a.merge_remote(vec![b.export(erik.doc()).unwrap()]).unwrap();
    b.merge_remote(vec![a.export(erik.doc()).unwrap()]).unwrap();
    for phone in [&a, &b] {
        let j = &phone.seeker(erik).unwrap().jobs[&job];
        assert_eq!(
            (j.hourly_wage_cents, j.hours_per_week),
            (Some(1700), Some(30.0))
        );
    }
}
