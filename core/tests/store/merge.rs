//! Merging duplicate records on real phone stores, counted by hand: after a merge the record
//! kept holds every visit, activity, job, step and note of both, every list and count has
//! the person (and the employer) once, the duplicate's id resolves to the record kept, and
//! both records keep their history. Bad merges are refused with nothing written; two phones
//! merging concurrently, or one logging to the duplicate offline, end with one record.

use crate::common::d;
use chrono::{Duration, Local};
use fieldbook_core::fidelity::resolve_merges;
use fieldbook_core::ids::*;
use fieldbook_core::model::*;
use fieldbook_core::{Error, NameKind, NewEmployer, NewJob, NewSeeker, NewStep, NewVisit, Store};

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("phone.db"), None).unwrap();
    (dir, store)
}

fn seeker(store: &Store, name: &str) -> SeekerId {
    store
        .create_seeker(NewSeeker {
            id: None,
            profile: SeekerProfile {
                name: name.into(),
                first_meeting: Some(d("2026-09-01")),
                ..Default::default()
            },
            status: Some(SeekerStatus::JobSearch),
            status_date: Some(d("2026-09-01")),
        })
        .unwrap()
}

fn employer(store: &Store, name: &str) -> EmployerId {
    let info = EmployerInfo {
        name: name.into(),
        ..Default::default()
    };
    store
        .create_employer(NewEmployer { id: None, info })
        .unwrap()
}

/// A face-to-face visit `days_ago` about `seekers`.
fn visit(
    store: &Store,
    at: EmployerId,
    seekers: Vec<SeekerId>,
    days_ago: i64,
) -> Result<VisitId, Error> {
    store.log_visit(NewVisit {
        id: None,
        employer_id: at,
        at: Local::now().fixed_offset() - Duration::days(days_ago),
        specialist: None,
        contact_id: None,
        location: None,
        mode: ContactMode::InPerson,
        purpose: VisitPurpose::LearnBusinessNeeds,
        seekers,
        followed_preference: None,
        outcome: None,
        next_step: None,
        next_step_date: None,
    })
}

fn step(store: &Store, who: SeekerId, what: &str) -> StepId {
    store
        .add_step(
            who,
            NewStep {
                id: None,
                what: what.into(),
                who: StepOwner::Seeker,
                due: None,
            },
        )
        .unwrap()
}

fn job(title: &str) -> NewJob {
    NewJob {
        id: None,
        employer_id: None,
        employer_name: Some("Maple Street Bakery".into()),
        title: title.into(),
        job_type: None,
        soc_code: None,
        start: d("2026-10-05"),
        hours_per_week: Some(20.0),
        hourly_wage_cents: Some(1550),
        permanent: None,
        competitive: true,
        disclosed: None,
    }
}

/// Every document of `from` merged into `to`, as a sync would bring them.
fn send(from: &Store, to: &Store) {
    let docs = from
        .documents()
        .unwrap()
        .into_iter()
        .map(|(id, _)| from.export(id).unwrap())
        .collect();
    let outcome = to.merge_remote(docs).unwrap();
    assert!(outcome.failed.is_empty(), "{:?}", outcome.failed);
}

/// Phones exchanging everything until nothing new moves (each merge may copy entries).
fn settle(phones: &[&Store]) {
    for _ in 0..3 {
        for a in phones {
            for b in phones {
                if !std::ptr::eq(*a, *b) {
                    send(a, b);
                }
            }
        }
    }
}

/// What the screens count: caseload lines, employer lines with their visits, the week's
/// face-to-face contacts, search hits for "erik".
fn screens(store: &Store) -> (usize, Vec<u32>, u32, usize) {
    let today = fieldbook_core::today();
    let caseload = store.caseload(today).unwrap().len();
    let employers = store
        .employers()
        .unwrap()
        .iter()
        .map(|e| e.visits)
        .collect();
    let week = store.week_summary(today).unwrap();
    assert_eq!(week.caseload as usize, caseload);
    let found = store
        .find_by_name_prefix(NameKind::Seeker, "erik")
        .unwrap()
        .len();
    (caseload, employers, week.face_to_face, found)
}

#[test]
fn a_merged_pair_is_one_person_with_everything_of_both() {
    let (_dir, store) = store();
    let erik = seeker(&store, "Erik Lund");
    let twin = seeker(&store, "Erik Lund");
    let bakery = employer(&store, "Maple Street Bakery");
    let bakery_twin = employer(&store, "Maple St Bakery");
    let v1 = visit(&store, bakery, vec![erik], 0).unwrap();
    let v2 = visit(&store, bakery_twin, vec![twin], 1).unwrap();
    let v3 = visit(&store, bakery_twin, vec![], 0).unwrap();
    let clerk = store.start_job(twin, job("Counter clerk")).unwrap();
    step(&store, erik, "Update résumé");
    step(&store, twin, "Visit the library");
    let note = store.add_note(twin, "Prefers mornings", None).unwrap();
    // Two of everyone before; visits this week: v1 and v3 (v2 was yesterday, which may be
    // last week on a Monday).
    let this_week = |days_ago: i64| {
        let day = (Local::now() - Duration::days(days_ago)).date_naive();
        fieldbook_core::week_start(day) == fieldbook_core::week_start(fieldbook_core::today())
    };
    let face_to_face = 2 + u32::from(this_week(1));
    let (n, mut visits, week, found) = screens(&store);
    visits.sort();
    assert_eq!((n, visits, week, found), (2, vec![1, 2], face_to_face, 2));

    store.merge_seekers(erik, twin, "imported twice").unwrap();
    store
        .merge_employers(bakery, bakery_twin, "imported twice")
        .unwrap();

    // One person, one employer with its three visits; the week counts each visit once.
    assert_eq!(screens(&store), (1, vec![3], face_to_face, 1));
    let kept = store.seeker(erik).unwrap();
    assert_eq!(kept.activities.keys().copied().collect::<Vec<_>>(), {
        let mut v = vec![v1, v2];
        v.sort();
        v
    });
    assert!(kept.jobs.contains_key(&clerk));
    assert_eq!(kept.plan.standing_steps().count(), 2);
    let line = &store.caseload(fieldbook_core::today()).unwrap()[0];
    assert_eq!((line.seeker_id, line.open_steps), (erik, 2));
    assert_eq!(
        line.first_face_to_face,
        Some((Local::now() - Duration::days(1)).date_naive())
    );
    assert_eq!(
        line.current_job.as_deref(),
        Some("Counter clerk at Maple Street Bakery")
    );
    let notes = store.notes(erik).unwrap();
    assert_eq!(notes.iter().map(|(id, _)| *id).collect::<Vec<_>>(), [note]);
    let log = store.employer(bakery).unwrap();
    assert_eq!(log.visits.len(), 3);
    assert!([v1, v2, v3].iter().all(|v| log.visits.contains_key(v)));

    // The duplicates resolve to the records kept, and keep their history and entries.
    assert_eq!(store.survivor(twin.0).unwrap(), Some(erik.0));
    assert_eq!(store.survivor(bakery_twin.0).unwrap(), Some(bakery.0));
    assert_eq!(store.survivor(erik.0).unwrap(), None);
    let dup = store.seeker(twin).unwrap();
    let mark = dup.merged_into.as_ref().expect("marked");
    assert_eq!((mark.id, mark.reason.as_str()), (erik.0, "imported twice"));
    assert!(
        dup.jobs.contains_key(&clerk),
        "the duplicate keeps its entries"
    );
    let ops: Vec<String> = store
        .history(twin.doc())
        .unwrap()
        .into_iter()
        .filter_map(|h| h.op)
        .collect();
    assert_eq!(ops.last().map(String::as_str), Some("seeker.merge"));
    assert!(ops.contains(&"job.start".to_string()));
    let kept_ops: Vec<String> = store
        .history(erik.doc())
        .unwrap()
        .into_iter()
        .filter_map(|h| h.op)
        .collect();
    assert_eq!(kept_ops.last().map(String::as_str), Some("seeker.merge"));

    // Voiding a visit that named the duplicate voids the activity the record kept holds.
    store.void_visit(bakery, v2, "wrong day").unwrap();
    let line = &store.caseload(fieldbook_core::today()).unwrap()[0];
    assert_eq!(line.first_face_to_face, Some(fieldbook_core::today()));
    assert!(store.seeker(erik).unwrap().activities[&v2].voided.is_some());

    // Merging again changes nothing: the figures the server reads count the pair once.
    let (seekers, employers) = resolve_merges(
        vec![store.seeker(erik).unwrap(), store.seeker(twin).unwrap()],
        vec![
            store.employer(bakery).unwrap(),
            store.employer(bakery_twin).unwrap(),
        ],
    );
    assert_eq!(seekers.len(), 1);
    assert_eq!(seekers[0].jobs.len(), 1);
    assert_eq!(employers.len(), 1);
    assert_eq!(employers[0].visits.len(), 3);
}

#[test]
fn bad_merges_and_writes_to_a_merged_record_are_refused_with_nothing_written() {
    let (_dir, store) = store();
    let erik = seeker(&store, "Erik Lund");
    let twin = seeker(&store, "Erik Lund");
    let other = seeker(&store, "Maria Santos");
    let bakery = employer(&store, "Maple Street Bakery");
    let lengths = |s: &Store| {
        [erik.doc(), twin.doc(), other.doc(), bakery.doc()].map(|d| s.history(d).unwrap().len())
    };
    let before = lengths(&store);
    let invalid = |r: Result<(), Error>, want: &str| match r {
        Err(Error::Invalid { field, .. }) => assert_eq!(field, want),
        other => panic!("expected invalid {want}, got {other:?}"),
    };
    invalid(store.merge_seekers(erik, erik, "same"), "duplicate");
    invalid(store.merge_seekers(erik, twin, "  "), "reason");
    invalid(
        store.merge_seekers(erik, SeekerId(bakery.0), "x"),
        "duplicate",
    );
    invalid(
        store.merge_employers(EmployerId(erik.0), bakery, "x"),
        "kept",
    );
    assert!(matches!(
        store.merge_seekers(erik, SeekerId::new(), "x"),
        Err(Error::NotFound {
            kind: "job seeker",
            ..
        })
    ));
    assert_eq!(lengths(&store), before);

    store.merge_seekers(erik, twin, "imported twice").unwrap();
    let after = lengths(&store);
    let merged_into_erik = |r: Result<(), Error>| match r {
        Err(Error::Merged { id, into, .. }) => {
            assert_eq!((id, into), (twin.to_string(), erik.to_string()))
        }
        other => panic!("expected merged, got {other:?}"),
    };
    merged_into_erik(store.merge_seekers(other, twin, "again"));
    merged_into_erik(store.merge_seekers(twin, other, "into a merged record"));
    merged_into_erik(store.add_note(twin, "Late note", None).map(drop));
    merged_into_erik(visit(&store, bakery, vec![other, twin], 0).map(drop));
    merged_into_erik(step_result(&store, twin));
    assert_eq!(lengths(&store), after);

    // A visit or a job at a merged employer is refused, naming the employer kept.
    let bakery_twin = employer(&store, "Maple St Bakery");
    store
        .merge_employers(bakery, bakery_twin, "imported twice")
        .unwrap();
    let names_bakery = |r: Result<(), Error>| match r {
        Err(Error::Merged { kind, into, .. }) => {
            assert_eq!((kind, into), ("employer", bakery.to_string()))
        }
        other => panic!("expected merged, got {other:?}"),
    };
    names_bakery(visit(&store, bakery_twin, vec![erik], 0).map(drop));
    let at_twin = NewJob {
        employer_id: Some(bakery_twin),
        employer_name: None,
        ..job("Baker")
    };
    names_bakery(store.start_job(erik, at_twin).map(drop));
    assert!(store.seeker(erik).unwrap().jobs.is_empty());
}

fn step_result(store: &Store, who: SeekerId) -> Result<(), Error> {
    store
        .add_step(
            who,
            NewStep {
                id: None,
                what: "Call back".into(),
                who: StepOwner::Seeker,
                due: None,
            },
        )
        .map(drop)
}

#[test]
fn a_visit_logged_to_the_duplicate_offline_reaches_the_record_kept_on_every_phone() {
    let (_a_dir, ana) = store();
    let (_b_dir, ben) = store();
    let erik = seeker(&ana, "Erik Lund");
    let twin = seeker(&ana, "Erik Lund");
    let bakery = employer(&ana, "Maple Street Bakery");
    visit(&ana, bakery, vec![erik], 0).unwrap();
    settle(&[&ana, &ben]);
    // Offline: Ben logs a visit about the duplicate and a note on it; Ana merges.
    let offline = visit(&ben, bakery, vec![twin], 0).unwrap();
    ben.add_note(twin, "Asked about evening shifts", None)
        .unwrap();
    ana.merge_seekers(erik, twin, "imported twice").unwrap();
    settle(&[&ana, &ben]);
    for phone in [&ana, &ben] {
        assert_eq!(screens(phone), (1, vec![2], 2, 1));
        let kept = phone.seeker(erik).unwrap();
        assert!(kept.activities.contains_key(&offline));
        assert_eq!(phone.notes(erik).unwrap().len(), 1);
        assert!(phone.conflicts(erik.doc()).unwrap().is_empty());
    }
    assert_eq!(ana.seeker(erik).unwrap(), ben.seeker(erik).unwrap());
    assert_eq!(ana.employer(bakery).unwrap(), ben.employer(bakery).unwrap());
}

#[test]
fn two_phones_merging_a_pair_in_opposite_directions_keep_the_lower_id() {
    let (_a_dir, ana) = store();
    let (_b_dir, ben) = store();
    let x = seeker(&ana, "Erik Lund");
    let y = seeker(&ana, "Erik Lund");
    let bakery = employer(&ana, "Maple Street Bakery");
    let vx = visit(&ana, bakery, vec![x], 0).unwrap();
    let vy = visit(&ana, bakery, vec![y], 0).unwrap();
    settle(&[&ana, &ben]);
    ana.merge_seekers(x, y, "imported twice").unwrap();
    ben.merge_seekers(y, x, "imported twice").unwrap();
    settle(&[&ana, &ben]);
    let low = x.min(y);
    for phone in [&ana, &ben] {
        let caseload = phone.caseload(fieldbook_core::today()).unwrap();
        assert_eq!(caseload.len(), 1);
        assert_eq!(caseload[0].seeker_id, low);
        let high = if low == x { y } else { x };
        assert_eq!(phone.survivor(high.0).unwrap(), Some(low.0));
        assert_eq!(phone.survivor(low.0).unwrap(), None);
        let kept = phone.seeker(low).unwrap();
        assert!(kept.activities.contains_key(&vx) && kept.activities.contains_key(&vy));
        // The record kept still takes writes.
        phone.add_note(low, "Still here", None).unwrap();
    }
}

/// The server's figures before every copy has arrived: a duplicate marked merged whose job
/// and visit were never copied into the record kept (a phone logged them offline) still
/// count once, for the record kept; the duplicate counts nowhere.
#[test]
fn reports_count_a_merged_pair_once_before_the_copies_arrive() {
    use crate::common::{
        employer as employer_doc, job as add_job, searching, visit as add_visit, Team,
    };
    use fieldbook_core::fidelity::{first_contact_days, quarter_outcomes, EntryBasis, Scope};

    let ana = UserId::new();
    let kept = searching("Erik Lund", "2026-09-01");
    let mut twin = searching("Erik Lund", "2026-09-01");
    let bakery = employer_doc("Maple Street Bakery");
    let mut bakery_twin = employer_doc("Maple St Bakery");
    // Logged on a phone that had not seen the merges: about the duplicate, at the duplicate.
    add_visit(
        &mut bakery_twin,
        "2026-10-06",
        ana,
        ContactMode::InPerson,
        &mut [&mut twin],
        Some(true),
    );
    add_job(
        &mut twin,
        (Some(bakery_twin.id), "Maple St Bakery"),
        "Counter clerk",
        "2026-10-12",
        None,
        true,
    );
    let mark = |id: uuid::Uuid| Merged {
        id,
        at: chrono::DateTime::parse_from_rfc3339("2026-10-20T09:00:00-05:00").unwrap(),
        by: None,
        reason: "imported twice".into(),
    };
    twin.merged_into = Some(mark(kept.id.0));
    bakery_twin.merged_into = Some(mark(bakery.id.0));
    let before_merge = |mut s: SeekerDoc| {
        s.merged_into = None;
        s
    };
    // Without the marks the team would count two people.
    let raw = Team {
        seekers: vec![kept.clone(), before_merge(twin.clone())],
        ..Default::default()
    };
    let q4 = "2026Q4".parse().unwrap();
    assert_eq!(quarter_outcomes(&raw.data(), Scope::Team, q4).served, 2);

    let (seekers, employers) = resolve_merges(
        vec![kept.clone(), twin.clone()],
        vec![bakery.clone(), bakery_twin.clone()],
    );
    let team = Team {
        seekers,
        employers,
        specialists: vec![ana],
        ..Default::default()
    };
    let out = quarter_outcomes(&team.data(), Scope::Team, q4);
    assert_eq!(
        (out.served, out.worked_competitive, out.new_job_starts),
        (1, 1, 1)
    );
    let days = first_contact_days(&team.data(), Scope::Team, EntryBasis::FirstMeeting);
    assert_eq!(days, vec![(kept.id, "Erik Lund".to_string(), Some(35))]);
    let log = &team.employers[0];
    assert_eq!(log.id, bakery.id);
    let visit = log
        .visits
        .values()
        .next()
        .expect("the visit counts for the bakery kept");
    assert_eq!(visit.seekers, [kept.id], "the visit names the record kept");
    let job = team.seekers[0].jobs.values().next().unwrap();
    assert_eq!(job.employer_id, Some(bakery.id));
}
