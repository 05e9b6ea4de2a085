//! Every operation and query of the phone, with the bad inputs a specialist can type: each
//! bad input is a typed error naming the field, and nothing is written.

use chrono::{Duration, FixedOffset, NaiveDate, TimeZone};
use fieldbook_core::ids::{EmployerId, SeekerId, StepId};
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

fn new_seeker(store: &Store, name: &str, met: Option<&str>) -> SeekerId {
    store
        .create_seeker(NewSeeker {
            id: None,
            profile: SeekerProfile {
                name: name.into(),
                referral_date: Some(d("2026-10-01")),
                first_meeting: met.map(d),
                ..Default::default()
            },
            status: None,
            status_date: None,
        })
        .unwrap()
}

fn new_employer(store: &Store, name: &str) -> EmployerId {
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

fn visit_at(
    employer: EmployerId,
    day: &str,
    mode: ContactMode,
    seekers: Vec<SeekerId>,
) -> NewVisit {
    let tz = FixedOffset::west_opt(5 * 3600).unwrap();
    let date = d(day);
    NewVisit {
        id: None,
        employer_id: employer,
        at: tz
            .from_local_datetime(&date.and_hms_opt(10, 0, 0).unwrap())
            .unwrap(),
        specialist: None,
        contact_id: None,
        location: None,
        mode,
        purpose: VisitPurpose::LearnBusinessNeeds,
        seekers,
        followed_preference: Some(true),
        outcome: Some("met the manager".into()),
        next_step: None,
        next_step_date: None,
    }
}

fn new_step(what: &str, due: &str) -> NewStep {
    NewStep {
        id: None,
        what: what.into(),
        who: StepOwner::Seeker,
        due: Some(d(due)),
    }
}

/// Asserts an `Invalid` error naming `field`, and that the store's documents did not change.
fn assert_invalid<T: std::fmt::Debug>(store: &Store, field: &str, result: Result<T>) {
    let before: Vec<_> = store.documents().unwrap();
    match result {
        Err(Error::Invalid { field: f, .. }) => assert_eq!(f, field),
        other => panic!("expected invalid {field}, got {other:?}"),
    }
    assert_eq!(store.documents().unwrap(), before);
}

#[test]
fn job_seeker_profile_status_benefits_and_consents() {
    let (_dir, store) = store();
    assert_invalid(
        &store,
        "name",
        store.create_seeker(NewSeeker {
            id: None,
            profile: SeekerProfile::default(),
            status: None,
            status_date: None,
        }),
    );
    assert!(
        store.documents().unwrap().is_empty(),
        "nothing written for a bad job seeker"
    );
    let id = new_seeker(&store, "  Maria Santos ", Some("2026-10-03"));
    let doc = store.seeker(id).unwrap();
    assert_eq!(doc.profile.name, "Maria Santos", "trimmed");

    let mut profile = doc.profile.clone();
    profile.phone = Some("555-0100".into());
    profile.first_meeting = Some(d("2026-09-01"));
    assert_invalid(
        &store,
        "first_meeting",
        store.update_profile(id, profile.clone()),
    );
    profile.first_meeting = Some(d("2026-10-03"));
    store.update_profile(id, profile).unwrap();
    assert_eq!(
        store.seeker(id).unwrap().profile.phone.as_deref(),
        Some("555-0100")
    );

    store
        .set_status(id, SeekerStatus::JobSearch, d("2026-10-10"), None)
        .unwrap();
    store
        .set_status(
            id,
            SeekerStatus::Working,
            d("2026-11-01"),
            Some("started at the bakery".into()),
        )
        .unwrap();
    let doc = store.seeker(id).unwrap();
    assert_eq!(
        doc.status_history.len(),
        3,
        "engaging on creation, then two changes"
    );
    assert_eq!(
        doc.current_status().map(|(_, s)| s.status),
        Some(SeekerStatus::Working)
    );

    store
        .update_benefits(
            id,
            BenefitsPlanning {
                referred: Some(d("2026-10-05")),
                offered: Some(d("2026-10-06")),
                completed: None,
                planner: Some("Pat".into()),
            },
        )
        .unwrap();
    assert_eq!(
        store.seeker(id).unwrap().benefits.planner.as_deref(),
        Some("Pat")
    );
    assert!(store
        .update_benefits(
            id,
            BenefitsPlanning {
                referred: Some(d("2026-10-05")),
                offered: None,
                completed: Some(d("2026-10-01")),
                planner: None
            }
        )
        .is_err());

    let consent = store
        .add_consent(
            id,
            NewConsent {
                scope: "employer contact".into(),
                recipient: "Maple Bakery".into(),
                release_to: ReleaseTo::Employers,
                signed: d("2026-10-03"),
                expires: None,
            },
        )
        .unwrap();
    assert_eq!(
        store.seeker(id).unwrap().consents[&consent].expires,
        d("2027-10-03"),
        "a year by default"
    );
    assert_invalid(
        &store,
        "expires",
        store.add_consent(
            id,
            NewConsent {
                scope: "x".into(),
                recipient: "y".into(),
                release_to: ReleaseTo::Other,
                signed: d("2026-10-03"),
                expires: Some(d("2026-10-01")),
            },
        ),
    );
    assert!(matches!(
        store.set_status(SeekerId::new(), SeekerStatus::Closed, d("2026-11-01"), None),
        Err(Error::NotFound { .. })
    ));
}

#[test]
fn career_profile_work_history_and_education() {
    let (_dir, store) = store();
    let id = new_seeker(&store, "Sam Patel", None);
    store
        .update_career(
            id,
            CareerProfile {
                work_goal: Some("Bike mechanic".into()),
                preferred_job_types: vec!["repair".into()],
                preferred_hours_per_week: Some(20.0),
                ..Default::default()
            },
        )
        .unwrap();
    assert_eq!(
        store.seeker(id).unwrap().career.work_goal.as_deref(),
        Some("Bike mechanic")
    );
    let job = store
        .add_work_history(
            id,
            WorkHistoryEntry {
                employer: "Valley Bikes".into(),
                title: "Helper".into(),
                start: Some(d("2020-01-01")),
                end: Some(d("2021-01-01")),
                liked: None,
                disliked: None,
                reason_for_leaving: None,
            },
        )
        .unwrap();
    assert!(store.seeker(id).unwrap().work_history.contains_key(&job));
    assert!(store
        .add_work_history(
            id,
            WorkHistoryEntry {
                employer: "X".into(),
                title: "Y".into(),
                start: Some(d("2021-01-01")),
                end: Some(d("2020-01-01")),
                liked: None,
                disliked: None,
                reason_for_leaving: None
            }
        )
        .is_err());
    let spell = store
        .record_education(
            id,
            None,
            EducationSpell {
                program: "GED".into(),
                start: d("2026-09-01"),
                end: None,
            },
        )
        .unwrap();
    store
        .record_education(
            id,
            Some(spell),
            EducationSpell {
                program: "GED".into(),
                start: d("2026-09-01"),
                end: Some(d("2026-11-15")),
            },
        )
        .unwrap();
    let doc = store.seeker(id).unwrap();
    assert_eq!(doc.education.len(), 1);
    assert_eq!(doc.education[&spell].end, Some(d("2026-11-15")));
    assert_invalid(
        &store,
        "program",
        store.record_education(
            id,
            None,
            EducationSpell {
                program: " ".into(),
                start: d("2026-09-01"),
                end: None,
            },
        ),
    );
}

#[test]
fn plan_goal_and_steps_add_edit_reorder_complete() {
    let (_dir, store) = store();
    let id = new_seeker(&store, "Grace Kim", None);
    store
        .update_plan(
            id,
            PlanInfo {
                goal: Some("Part-time library work".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let a = store
        .add_step(id, new_step("Update résumé", "2026-11-20"))
        .unwrap();
    let b = store
        .add_step(id, new_step("Visit the library", "2026-11-25"))
        .unwrap();
    let c = store
        .add_step(id, new_step("Meet benefits planner", "2026-12-01"))
        .unwrap();
    assert_invalid(
        &store,
        "what",
        store.add_step(id, new_step("", "2026-12-01")),
    );
    let order = |store: &Store| -> Vec<StepId> {
        store
            .seeker(id)
            .unwrap()
            .plan
            .ordered_steps()
            .into_iter()
            .map(|(s, _)| s)
            .collect()
    };
    assert_eq!(order(&store), vec![a, b, c]);
    store.move_step(id, c, None).unwrap();
    assert_eq!(order(&store), vec![c, a, b]);
    store.move_step(id, c, Some(a)).unwrap();
    assert_eq!(order(&store), vec![a, c, b]);
    assert_invalid(&store, "after", store.move_step(id, a, Some(a)));
    store
        .edit_step(
            id,
            b,
            StepEdit {
                what: "Visit the county library".into(),
                who: StepOwner::Specialist,
                due: Some(d("2026-11-26")),
            },
        )
        .unwrap();
    store.complete_step(id, a, d("2026-11-19")).unwrap();
    let plan = store.seeker(id).unwrap().plan;
    assert_eq!(plan.info.goal.as_deref(), Some("Part-time library work"));
    assert_eq!(plan.steps[&a].status, StepStatus::Done);
    assert_eq!(plan.steps[&a].done_on, Some(d("2026-11-19")));
    assert_eq!(plan.steps[&b].what, "Visit the county library");
    store.set_step_status(id, a, StepStatus::Open).unwrap();
    assert_eq!(store.seeker(id).unwrap().plan.steps[&a].done_on, None);
    // Steps due: open steps only, by date.
    store.set_step_status(id, c, StepStatus::Dropped).unwrap();
    let due: Vec<StepId> = store
        .steps_due(d("2026-11-30"))
        .unwrap()
        .into_iter()
        .map(|s| s.step_id)
        .collect();
    assert_eq!(due, vec![a, b]);
    assert!(matches!(
        store.complete_step(id, StepId::new(), d("2026-11-19")),
        Err(Error::NotFound { .. })
    ));
    // The caseload shows the next open step.
    assert_eq!(
        store.caseload(d("2026-11-24")).unwrap()[0].next_step_id,
        Some(a)
    );
}

#[test]
fn employers_contacts_and_visits() {
    let (_dir, store) = store();
    let maria = new_seeker(&store, "Maria Santos", Some("2026-10-03"));
    let tom = new_seeker(&store, "Tom Whitaker", Some("2026-10-05"));
    let bakery = new_employer(&store, "Maple Street Bakery");
    assert_invalid(
        &store,
        "name",
        store.create_employer(NewEmployer {
            id: None,
            info: EmployerInfo::default(),
        }),
    );
    store
        .update_employer(
            bakery,
            EmployerInfo {
                name: "Maple Street Bakery".into(),
                industry: Some("food".into()),
                ..Default::default()
            },
        )
        .unwrap();
    let owner = store
        .add_contact(
            bakery,
            EmployerContact {
                name: "Lee Owens".into(),
                role: Some("owner".into()),
                phone: None,
                email: None,
            },
        )
        .unwrap();
    store
        .update_contact(
            bakery,
            owner,
            EmployerContact {
                name: "Lee Owens".into(),
                role: Some("owner".into()),
                phone: Some("555-0199".into()),
                email: None,
            },
        )
        .unwrap();
    assert_eq!(
        store.employer(bakery).unwrap().contacts[&owner]
            .phone
            .as_deref(),
        Some("555-0199")
    );

    let mut v = visit_at(
        bakery,
        "2026-11-10",
        ContactMode::InPerson,
        vec![maria, tom],
    );
    v.contact_id = Some(owner);
    let first = store.log_visit(v).unwrap();
    store
        .log_visit(visit_at(
            bakery,
            "2026-11-18",
            ContactMode::Phone,
            vec![maria],
        ))
        .unwrap();
    // The visit is in each job seeker's record, naming the employer and no other person.
    let record = store.seeker(maria).unwrap();
    assert_eq!(record.activities.len(), 2);
    let json = serde_json::to_string(&record.activities).unwrap();
    assert!(
        json.contains("Maple Street Bakery")
            && !json.contains("Tom")
            && !json.contains(&tom.to_string())
    );
    assert_eq!(store.seeker(tom).unwrap().activities.len(), 1);

    let visits = store.employer_visits(bakery).unwrap();
    assert_eq!(visits.len(), 2);
    assert!(visits
        .iter()
        .any(|v| v.visit_id == first && v.face_to_face && v.seekers == 2));
    let employers = store.employers().unwrap();
    assert_eq!(employers[0].visits, 2);
    let weeks = store
        .visits_by_week(None, d("2026-11-09"), d("2026-11-22"))
        .unwrap();
    assert_eq!((weeks[0].face_to_face, weeks[0].total), (1, 1));
    assert_eq!(
        (weeks[1].face_to_face, weeks[1].total),
        (0, 1),
        "a phone call is not face to face"
    );
    let caseload = store.caseload(d("2026-11-24")).unwrap();
    assert!(caseload
        .iter()
        .all(|c| c.first_face_to_face == Some(d("2026-11-10"))));

    // Bad visits: unknown employer or job seeker, far future, next step before the visit.
    let before = store.employer(bakery).unwrap();
    assert!(matches!(
        store.log_visit(visit_at(
            EmployerId::new(),
            "2026-11-10",
            ContactMode::InPerson,
            vec![]
        )),
        Err(Error::NotFound { .. })
    ));
    assert!(matches!(
        store.log_visit(visit_at(
            bakery,
            "2026-11-10",
            ContactMode::InPerson,
            vec![SeekerId::new()]
        )),
        Err(Error::NotFound { .. })
    ));
    let future = (today() + Duration::days(3)).to_string();
    assert_invalid(
        &store,
        "at",
        store.log_visit(visit_at(bakery, &future, ContactMode::InPerson, vec![])),
    );
    let mut bad = visit_at(bakery, "2026-11-10", ContactMode::InPerson, vec![]);
    bad.next_step_date = Some(d("2026-11-01"));
    assert_invalid(&store, "next_step_date", store.log_visit(bad));
    assert_eq!(
        store.employer(bakery).unwrap(),
        before,
        "nothing of a refused visit was written"
    );
    assert_eq!(store.seeker(tom).unwrap().activities.len(), 1);
}

#[test]
fn job_starts_ends_supports_and_notes() {
    let (_dir, store) = store();
    let id = new_seeker(&store, "Nina Petrova", Some("2026-10-02"));
    store
        .set_status(id, SeekerStatus::JobSearch, d("2026-10-10"), None)
        .unwrap();
    let bakery = new_employer(&store, "Maple Street Bakery");
    let job = NewJob {
        id: None,
        employer_id: Some(bakery),
        employer_name: None,
        title: "Baker's assistant".into(),
        job_type: None,
        soc_code: None,
        start: d("2026-10-15"),
        hours_per_week: Some(20.0),
        hourly_wage_cents: Some(1500),
        permanent: Some(true),
        competitive: true,
        disclosed: Some(false),
    };
    let job_id = store.start_job(id, job.clone()).unwrap();
    let doc = store.seeker(id).unwrap();
    assert_eq!(doc.jobs[&job_id].employer_name, "Maple Street Bakery");
    assert_eq!(
        doc.current_status().map(|(_, s)| s.status),
        Some(SeekerStatus::Working)
    );
    assert_invalid(
        &store,
        "title",
        store.start_job(
            id,
            NewJob {
                title: " ".into(),
                ..job.clone()
            },
        ),
    );
    assert_invalid(
        &store,
        "date",
        store.end_job(
            id,
            job_id,
            JobEnd {
                date: d("2026-10-01"),
                reason: "quit".into(),
                learned: None,
            },
        ),
    );
    store
        .end_job(
            id,
            job_id,
            JobEnd {
                date: d("2026-11-20"),
                reason: "moved away".into(),
                learned: Some(d("2026-11-21")),
            },
        )
        .unwrap();
    assert_eq!(
        store.seeker(id).unwrap().jobs[&job_id]
            .end
            .as_ref()
            .map(|e| e.date),
        Some(d("2026-11-20"))
    );

    let support = store
        .log_support(
            id,
            SupportContact {
                date: d("2026-10-20"),
                in_person: true,
                given_by: SupportGiver::Specialist,
                kind: "check-in at work".into(),
                job_id: Some(job_id),
                note: None,
                voided: None,
            },
        )
        .unwrap();
    assert!(store.seeker(id).unwrap().supports.contains_key(&support));
    assert_invalid(
        &store,
        "kind",
        store.log_support(
            id,
            SupportContact {
                date: d("2026-10-20"),
                in_person: true,
                given_by: SupportGiver::Specialist,
                kind: "".into(),
                job_id: None,
                note: None,
                voided: None,
            },
        ),
    );

    store.add_note(id, "Prefers mornings", None).unwrap();
    assert_invalid(&store, "text", store.add_note(id, "  ", None));
    let notes = store.notes(id).unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].1.text, "Prefers mornings");
    // Notes live in their own document, so a job seeker's phone never receives them.
    assert!(!serde_json::to_string(&store.seeker(id).unwrap())
        .unwrap()
        .contains("Prefers mornings"));
}

#[test]
fn history_names_what_changed_and_when() {
    let (_dir, store) = store();
    let id = new_seeker(&store, "Isaac Cohen", None);
    store
        .add_step(id, new_step("Call the hardware store", "2026-12-01"))
        .unwrap();
    let history = store.history(id.doc()).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].op.as_deref(), Some("seeker.add"));
    assert_eq!(history[1].op.as_deref(), Some("plan.step.add"));
    assert!(
        history[1]
            .fields
            .iter()
            .any(|f| f.starts_with("plan.steps")),
        "{history:?}"
    );
    assert_eq!(history[1].actor, store.identity().actor);
    assert!(history[0].at <= history[1].at);
}

#[test]
fn history_shows_each_field_before_and_after() {
    let (_dir, store) = store();
    let id = new_seeker(&store, "Jordan Lee", None);
    let mut profile = store.seeker(id).unwrap().profile;
    profile.phone = Some("555-0101".into());
    store.update_profile(id, profile.clone()).unwrap();
    profile.phone = Some("555-0199".into());
    profile.county = Some("Story".into());
    store.update_profile(id, profile).unwrap();

    let history = store.history(id.doc()).unwrap();
    let last = history.last().unwrap();
    let change = |field: &str| {
        last.changes
            .iter()
            .find(|c| c.field == field)
            .unwrap_or_else(|| panic!("{field} in {:?}", last.changes))
            .clone()
    };
    let phone = change("profile.phone");
    assert_eq!(
        (phone.from, phone.to),
        (Some("555-0101".into()), Some("555-0199".into()))
    );
    let county = change("profile.county");
    assert_eq!((county.from, county.to), (None, Some("Story".into())));
    assert_eq!(
        last.fields,
        last.changes
            .iter()
            .map(|c| c.field.clone())
            .collect::<Vec<_>>()
    );
    // The edit before it set the phone for the first time.
    let first = &history[history.len() - 2];
    let set = first
        .changes
        .iter()
        .find(|c| c.field == "profile.phone")
        .unwrap();
    assert_eq!(
        (set.from.clone(), set.to.clone()),
        (None, Some("555-0101".into()))
    );
}

#[test]
fn listeners_hear_every_changed_document() {
    let (_dir, store) = store();
    let heard = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = heard.clone();
    let handle = store.subscribe(std::sync::Arc::new(
        move |ids: &[fieldbook_core::ids::DocId]| sink.lock().unwrap().extend_from_slice(ids),
    ));
    let id = new_seeker(&store, "Olivia Chen", None);
    let shop = new_employer(&store, "Downtown Thrift");
    store
        .log_visit(visit_at(
            shop,
            "2026-11-10",
            ContactMode::InPerson,
            vec![id],
        ))
        .unwrap();
    let heard_now = heard.lock().unwrap().clone();
    // Creating each document, then the visit touching both.
    assert_eq!(heard_now.len(), 4, "{heard_now:?}");
    assert_eq!(&heard_now[..2], &[id.doc(), shop.doc()]);
    assert!(heard_now[2..].contains(&id.doc()) && heard_now[2..].contains(&shop.doc()));
    store.unsubscribe(handle);
    new_employer(&store, "Summit Fitness");
    assert_eq!(
        heard.lock().unwrap().len(),
        heard_now.len(),
        "no call after unsubscribing"
    );
}

/// Two connections to one file (the app and a background worker in another process): each
/// sees the other's writes, through compactions, and no write is lost.
#[test]
fn two_stores_on_one_file_lose_nothing() {
    let (dir, a) = store();
    let b = Store::open(dir.path().join("phone.db"), None).unwrap();
    let ana = new_seeker(&a, "Ana", Some("2026-10-02"));
    let bakery = new_employer(&a, "Bakery");
    for i in 0..20 {
        let (writer, reader) = if i % 3 == 0 { (&a, &b) } else { (&b, &a) };
        let day = format!("2026-10-{:02}", i + 5);
        writer
            .log_visit(visit_at(bakery, &day, ContactMode::InPerson, vec![ana]))
            .unwrap();
        assert_eq!(reader.employer(bakery).unwrap().visits.len(), i + 1);
        assert_eq!(reader.seeker(ana).unwrap().activities.len(), i + 1);
    }
    drop((a, b));
    let fresh = Store::open(dir.path().join("phone.db"), None).unwrap();
    assert_eq!(fresh.employer_visits(bakery).unwrap().len(), 20);
    assert_eq!(fresh.employer(bakery).unwrap().visits.len(), 20);
}

/// Compaction folds appended changes into snapshots without losing a visit or the history.
#[test]
fn compaction_folds_changes_and_keeps_everything() {
    let (dir, store) = store();
    let ana = new_seeker(&store, "Ana", Some("2026-10-02"));
    let bakery = new_employer(&store, "Bakery");
    for i in 0..6 {
        let day = format!("2026-10-{:02}", i + 5);
        store
            .log_visit(visit_at(bakery, &day, ContactMode::InPerson, vec![ana]))
            .unwrap();
    }
    let raw = rusqlite::Connection::open(dir.path().join("phone.db")).unwrap();
    let appended = || -> i64 {
        raw.query_row(
            "SELECT count(*) FROM doc_changes WHERE folded = 0",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    assert_eq!(appended(), 12);
    let history = store.history(bakery.doc()).unwrap().len();
    // Two genesis changes, two creations, six visits on each of two documents.
    let unsent = store.pending_changes().unwrap();
    assert_eq!(unsent, 16);
    assert_eq!(store.compact().unwrap(), 2);
    assert_eq!(appended(), 0);
    // Folding changes into the snapshot does not take them off the way to the server.
    assert_eq!(store.pending_changes().unwrap(), unsent);
    assert_eq!(store.compact().unwrap(), 0);
    assert_eq!(store.employer(bakery).unwrap().visits.len(), 6);
    drop(store);
    let reopened = Store::open(dir.path().join("phone.db"), None).unwrap();
    assert_eq!(reopened.employer(bakery).unwrap().visits.len(), 6);
    assert_eq!(reopened.seeker(ana).unwrap().activities.len(), 6);
    assert_eq!(reopened.history(bakery.doc()).unwrap().len(), history);
    reopened
        .log_visit(visit_at(bakery, "2026-10-20", ContactMode::Phone, vec![]))
        .unwrap();
    assert_eq!(reopened.employer_visits(bakery).unwrap().len(), 7);
}

/// Visits logged one after another (each brings the indexes up to date from the new visit
/// alone, also the first after the store is opened again): the employer list's count and
/// last visit and the caseload's first face-to-face contact follow every one, earlier or
/// later, in person or not, and agree with a fresh store reading the same file.
#[test]
fn visits_one_after_another_keep_the_lists_right() {
    let (dir, mut store) = store();
    let ana = new_seeker(&store, "Ana Lima", Some("2026-10-02"));
    let bakery = new_employer(&store, "Bakery");
    let first_contact =
        |store: &Store| store.caseload(d("2026-11-20")).unwrap()[0].first_face_to_face;
    let summary = |store: &Store| {
        let e = store.employers().unwrap().remove(0);
        (e.visits, e.last_visit.map(|t| t.date_naive().to_string()))
    };
    // (day, mode) → (first face-to-face after it, last visit after it)
    let steps = [
        ("2026-11-03", ContactMode::Phone, None, "2026-11-03"),
        (
            "2026-11-05",
            ContactMode::InPerson,
            Some("2026-11-05"),
            "2026-11-05",
        ),
        (
            "2026-10-28",
            ContactMode::Phone,
            Some("2026-11-05"),
            "2026-11-05",
        ),
        (
            "2026-10-30",
            ContactMode::InPerson,
            Some("2026-10-30"),
            "2026-11-05",
        ),
        (
            "2026-11-12",
            ContactMode::InPerson,
            Some("2026-10-30"),
            "2026-11-12",
        ),
    ];
    for (n, (day, mode, first, last)) in steps.into_iter().enumerate() {
        if n == 3 {
            store = Store::open(dir.path().join("phone.db"), None).unwrap();
        }
        store
            .log_visit(visit_at(bakery, day, mode, vec![ana]))
            .unwrap();
        assert_eq!(
            first_contact(&store),
            first.map(d),
            "after the visit on {day}"
        );
        assert_eq!(summary(&store), (n as u32 + 1, Some(last.to_string())));
    }
    // The same instant written with another offset: the list shows one of them whichever
    // way the visits came in.
    let later = visit_at(bakery, "2026-11-12", ContactMode::InPerson, vec![]);
    let same_instant = NewVisit {
        at: later
            .at
            .with_timezone(&FixedOffset::west_opt(6 * 3600).unwrap()),
        ..later
    };
    store.log_visit(same_instant).unwrap();
    let listed = store.employers().unwrap()[0].last_visit.unwrap();
    assert_eq!(listed.offset().local_minus_utc(), -5 * 3600);
    assert_eq!(store.employer_visits(bakery).unwrap().len(), 6);
    let fresh = Store::open(dir.path().join("phone.db"), None).unwrap();
    assert_eq!(fresh.employers().unwrap(), store.employers().unwrap());
    assert_eq!(
        fresh.caseload(d("2026-11-20")).unwrap(),
        store.caseload(d("2026-11-20")).unwrap()
    );
}

/// A document from elsewhere that fails while being merged (here the store refuses one of its
/// index rows) leaves nothing behind: not its change, not half its index rows. The other
/// documents of the batch are merged.
#[test]
fn a_document_failing_mid_merge_leaves_nothing_behind() {
    let (_other_dir, other) = store();
    let bakery = new_employer(&other, "Bakery");
    let diner = new_employer(&other, "Diner");
    let (dir, phone) = store();
    phone
        .merge_remote(vec![
            other.export(bakery.doc()).unwrap(),
            other.export(diner.doc()).unwrap(),
        ])
        .unwrap();
    let mut boom = visit_at(bakery, "2026-11-02", ContactMode::InPerson, vec![]);
    boom.outcome = Some("boom".into());
    other.log_visit(boom).unwrap();
    other
        .log_visit(visit_at(diner, "2026-11-02", ContactMode::InPerson, vec![]))
        .unwrap();
    let raw = rusqlite::Connection::open(dir.path().join("phone.db")).unwrap();
    raw.execute_batch(
        "CREATE TRIGGER refuse BEFORE INSERT ON visit_index WHEN NEW.outcome = 'boom'
         BEGIN SELECT RAISE(ABORT, 'refused'); END;",
    )
    .unwrap();
    let outcome = phone
        .merge_remote(vec![
            other.export(bakery.doc()).unwrap(),
            other.export(diner.doc()).unwrap(),
        ])
        .unwrap();
    assert_eq!(outcome.changed, vec![diner.doc()]);
    assert_eq!(outcome.failed.len(), 1);
    assert_eq!(outcome.failed[0].0, bakery.doc());
    let reopened = Store::open(dir.path().join("phone.db"), None).unwrap();
    for store in [&phone, &reopened] {
        assert!(store.employer(bakery).unwrap().visits.is_empty());
        assert!(store.employer_visits(bakery).unwrap().is_empty());
        assert_eq!(store.employer(diner).unwrap().visits.len(), 1);
    }
    // Once the store takes it, the same merge goes through.
    raw.execute_batch("DROP TRIGGER refuse").unwrap();
    let outcome = reopened
        .merge_remote(vec![other.export(bakery.doc()).unwrap()])
        .unwrap();
    assert_eq!(outcome.changed, vec![bakery.doc()]);
    assert_eq!(reopened.employer_visits(bakery).unwrap().len(), 1);
}
