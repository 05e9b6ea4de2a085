//! Corrections on a real phone store, counted by hand: a job entered twice counts once after
//! one copy is voided, a job entered on the wrong person leaves her figures and gives her
//! status back, a void support meets no requirement, a void step leaves the plan — and the
//! void entries stay in the record and its history.

use crate::common::*;
use fieldbook_core::fidelity::*;
use fieldbook_core::ids::*;
use fieldbook_core::model::*;
use fieldbook_core::{Error, NewJob, NewSeeker, NewStep, Store};

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("phone.db"), None).unwrap();
    (dir, store)
}

/// A job seeker referred and met on 09-01, searching from then.
fn searching_seeker(store: &Store, name: &str) -> SeekerId {
    store
        .create_seeker(NewSeeker {
            id: None,
            profile: SeekerProfile {
                name: name.into(),
                referral_date: Some(d("2026-09-01")),
                first_meeting: Some(d("2026-09-01")),
                unemployed_at_entry: Some(true),
                ..Default::default()
            },
            status: Some(SeekerStatus::JobSearch),
            status_date: Some(d("2026-09-01")),
        })
        .unwrap()
}

fn new_job(title: &str, employer: &str, start: &str) -> NewJob {
    NewJob {
        id: None,
        employer_id: None,
        employer_name: Some(employer.into()),
        title: title.into(),
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

fn specialist_support(day: &str) -> SupportContact {
    SupportContact {
        date: d(day),
        in_person: true,
        given_by: SupportGiver::Specialist,
        kind: "check-in at work".into(),
        job_id: None,
        note: None,
        voided: None,
    }
}

/// The team as the server would hold it: the phone's documents.
fn team(store: &Store, people: &[SeekerId]) -> Team {
    Team {
        seekers: people.iter().map(|p| store.seeker(*p).unwrap()).collect(),
        ..Default::default()
    }
}

/// Monday 2026-10-05 to Sunday 2026-11-01.
fn four_weeks() -> Period {
    Period::new(d("2026-10-05"), d("2026-11-01")).unwrap()
}

/// (detail, measure to a tenth) of the fidelity items a job or a support moves.
fn job_items(t: &Team) -> Vec<(String, Option<f64>)> {
    let r = fidelity(
        &t.data(),
        Scope::Team,
        four_weeks(),
        &FidelitySettings::default(),
    );
    [
        ItemKey::JobTypeDiversity,
        ItemKey::EmployerDiversity,
        ItemKey::CompetitiveJobs,
        ItemKey::TimeUnlimitedSupports,
    ]
    .into_iter()
    .map(|k| {
        let i = r.items.iter().find(|i| i.key == k).unwrap();
        let tenths = i.measure.map(|m| (m * 10.0).round() / 10.0);
        // The detail without any note on the score ("fewer than 10 current jobs…").
        let detail = i.detail.split(" (").next().unwrap_or_default();
        (detail.to_string(), tenths)
    })
    .collect()
}

fn q4(t: &Team) -> QuarterOutcomes {
    quarter_outcomes(&t.data(), Scope::Team, "2026Q4".parse().unwrap())
}

#[test]
fn a_job_entered_twice_counts_once_and_a_job_on_the_wrong_person_counts_nowhere() {
    let (_dir, store) = store();
    let erik = searching_seeker(&store, "Erik Lund");
    let maria = searching_seeker(&store, "Maria Santos");
    // Erik's counter job, entered twice; Maria's "line cook" was meant for someone else.
    let clerk = store
        .start_job(
            erik,
            new_job("Counter clerk", "Maple Street Bakery", "2026-10-05"),
        )
        .unwrap();
    let twice = store
        .start_job(
            erik,
            new_job("Counter clerk", "Maple Street Bakery", "2026-10-05"),
        )
        .unwrap();
    let cook = store
        .start_job(maria, new_job("Line cook", "Riverside Diner", "2026-10-12"))
        .unwrap();
    // Specialist's face-to-face supports for Erik on 10-06 and 10-13; the second was
    // logged by mistake (he was off sick that week).
    store
        .log_support(erik, specialist_support("2026-10-06"))
        .unwrap();
    let mistaken = store
        .log_support(erik, specialist_support("2026-10-13"))
        .unwrap();

    // Before: 3 job starts (2 + 1) in the four weeks, of 2 types at 2 employers; 3 current
    // jobs, all competitive. Support windows due in the period: per Erik copy, 10-05..10-08,
    // weeks 1–4 of the job (the week before ends 10-04, outside) = 5; Maria's job of 10-12:
    // the week before (10-05..10-11), 3 days after, weeks 1–3 (week 4 ends 11-08) = 5.
    // Met: per Erik copy, 10-06 meets "3 days after" and week 1, 10-13 meets week 2 = 3;
    // Maria none. 6 of 15.
    let before = team(&store, &[erik, maria]);
    assert_eq!(
        job_items(&before),
        [
            ("2 types among 3 job starts".into(), Some(66.7)),
            ("2 employers among 3 job starts".into(), Some(66.7)),
            (
                "3 of 3 jobs held on 2026-11-01 by people on the caseload".into(),
                Some(100.0)
            ),
            (
                "6 of 15 support requirements met by the employment specialist".into(),
                Some(40.0)
            ),
        ]
    );
    let o = q4(&before);
    assert_eq!(
        (o.served, o.worked_competitive, o.new_job_starts),
        (2, 2, 3)
    );

    let history = store.history(maria.doc()).unwrap().len();
    store.void_job(erik, twice, "entered twice").unwrap();
    store
        .void_job(maria, cook, "entered on the wrong job seeker")
        .unwrap();

    // After: 1 job start of 1 type at 1 employer; 1 current job; Erik's 5 windows, 3 met.
    let after = team(&store, &[erik, maria]);
    assert_eq!(
        job_items(&after),
        [
            ("1 types among 1 job starts".into(), Some(100.0)),
            ("1 employers among 1 job starts".into(), Some(100.0)),
            (
                "1 of 1 jobs held on 2026-11-01 by people on the caseload".into(),
                Some(100.0)
            ),
            (
                "3 of 5 support requirements met by the employment specialist".into(),
                Some(60.0)
            ),
        ]
    );
    let o = q4(&after);
    assert_eq!(
        (
            o.served,
            o.worked_competitive,
            o.new_job_starts,
            o.employment_rate
        ),
        (2, 1, 1, Some(50.0))
    );
    // No follow-along contact is due for a job that never was.
    let windows = support_windows(&after.seekers[0]);
    assert!(windows.iter().all(|w| w.job_id == clerk), "{windows:?}");
    assert!(support_windows(&after.seekers[1]).is_empty());

    // The void support meets nothing: 2 of 5.
    store
        .void_support(erik, mistaken, "he was off sick that week")
        .unwrap();
    let last = team(&store, &[erik, maria]);
    assert_eq!(
        job_items(&last)[3],
        (
            "2 of 5 support requirements met by the employment specialist".into(),
            Some(40.0)
        )
    );

    // Erik still works (the copy that stands keeps him working); Maria is searching again
    // from 09-01, as before the mistake, and nothing new was written to her statuses.
    let erik_doc = store.seeker(erik).unwrap();
    assert_eq!(
        erik_doc.current_status().unwrap().1.status,
        SeekerStatus::Working
    );
    let maria_doc = store.seeker(maria).unwrap();
    let (_, now) = maria_doc.current_status().unwrap();
    assert_eq!(
        (now.status, now.date),
        (SeekerStatus::JobSearch, d("2026-09-01"))
    );
    assert_eq!(maria_doc.status_history.len(), 2, "nothing new written");
    let working: Vec<&StatusChange> = maria_doc
        .status_history
        .values()
        .filter(|c| c.status == SeekerStatus::Working)
        .collect();
    assert_eq!(working.len(), 1);
    assert_eq!(
        working[0].voided.as_ref().map(|v| v.reason.as_str()),
        Some("entered on the wrong job seeker")
    );
    // The job stays in her record and its history, marked.
    assert_eq!(
        maria_doc.jobs[&cook].voided.as_ref().unwrap().reason,
        "entered on the wrong job seeker"
    );
    let ops: Vec<Option<String>> = store
        .history(maria.doc())
        .unwrap()
        .into_iter()
        .map(|h| h.op)
        .collect();
    assert_eq!(ops.len(), history + 1);
    assert_eq!(ops.last().unwrap().as_deref(), Some("job.void"));

    // The caseload shows Erik's one job, and no job for Maria.
    let caseload = store.caseload(d("2026-11-01")).unwrap();
    let line = |id: SeekerId| caseload.iter().find(|c| c.seeker_id == id).unwrap();
    assert_eq!(
        line(erik).current_job.as_deref(),
        Some("Counter clerk at Maple Street Bakery")
    );
    assert_eq!(line(maria).current_job, None);
    assert_eq!(line(maria).status, Some(SeekerStatus::JobSearch));
}

#[test]
fn voiding_is_refused_twice_for_unknown_ids_and_without_a_reason_and_writes_nothing() {
    let (_dir, store) = store();
    let erik = searching_seeker(&store, "Erik Lund");
    let job = store
        .start_job(
            erik,
            new_job("Counter clerk", "Maple Street Bakery", "2026-10-05"),
        )
        .unwrap();
    let support = store
        .log_support(erik, specialist_support("2026-10-06"))
        .unwrap();
    let step = store
        .add_step(
            erik,
            NewStep {
                id: None,
                what: "Update résumé".into(),
                who: StepOwner::Seeker,
                due: Some(d("2026-12-01")),
            },
        )
        .unwrap();
    let before = store.history(erik.doc()).unwrap().len();
    let field = |r: fieldbook_core::Result<()>| match r {
        Err(Error::Invalid { field, .. }) => field,
        other => panic!("expected a refusal, got {other:?}"),
    };
    assert_eq!(field(store.void_job(erik, job, " ")), "reason");
    assert!(matches!(
        store.void_job(erik, JobId::new(), "typo"),
        Err(Error::NotFound { kind: "job", .. })
    ));
    assert!(matches!(
        store.void_support(erik, SupportId::new(), "typo"),
        Err(Error::NotFound {
            kind: "support",
            ..
        })
    ));
    assert!(matches!(
        store.void_step(erik, StepId::new(), "typo"),
        Err(Error::NotFound { kind: "step", .. })
    ));
    assert!(matches!(
        store.void_job(SeekerId::new(), job, "typo"),
        Err(Error::NotFound { .. })
    ));
    assert_eq!(store.history(erik.doc()).unwrap().len(), before);

    store.void_job(erik, job, "entered twice").unwrap();
    store.void_support(erik, support, "wrong day").unwrap();
    store.void_step(erik, step, "added twice").unwrap();
    let after = store.history(erik.doc()).unwrap().len();
    let again = store.void_job(erik, job, "again");
    assert!(
        matches!(&again, Err(Error::Invalid { field, reason, .. }) if field == "job" && reason.contains(&job.to_string())),
        "{again:?}"
    );
    assert_eq!(field(store.void_support(erik, support, "again")), "support");
    assert_eq!(field(store.void_step(erik, step, "again")), "step");
    // A void entry is not changed any more: its end, a support for it, the step's status.
    let end = JobEnd {
        date: d("2026-12-01"),
        reason: "seasonal".into(),
        learned: None,
    };
    assert_eq!(field(store.end_job(erik, job, end)), "job");
    let mut for_it = specialist_support("2026-10-07");
    for_it.job_id = Some(job);
    assert!(matches!(
        store.log_support(erik, for_it),
        Err(Error::Invalid { field, .. }) if field == "job_id"
    ));
    assert_eq!(
        field(store.complete_step(erik, step, d("2026-11-02"))),
        "step"
    );
    assert_eq!(store.history(erik.doc()).unwrap().len(), after);
    // The first reason stands; the step left the plan and the caseload.
    let doc = store.seeker(erik).unwrap();
    assert_eq!(
        doc.jobs[&job].voided.as_ref().unwrap().reason,
        "entered twice"
    );
    assert!(doc.plan.ordered_steps().is_empty());
    let line = &store.caseload(d("2026-11-01")).unwrap()[0];
    assert_eq!((line.open_steps, line.next_step.as_deref()), (0, None));
    assert!(store.steps_due(d("2027-01-01")).unwrap().is_empty());
}

#[test]
fn the_status_a_void_job_set_gives_way_to_what_stands() {
    let (_dir, store) = store();
    // The same job entered twice: voiding the copy that wrote "working" leaves Erik working
    // (the other copy holds him there), and writes nothing.
    let erik = searching_seeker(&store, "Erik Lund");
    let first = store
        .start_job(
            erik,
            new_job("Counter clerk", "Maple Street Bakery", "2026-10-05"),
        )
        .unwrap();
    store
        .start_job(
            erik,
            new_job("Counter clerk", "Maple Street Bakery", "2026-10-05"),
        )
        .unwrap();
    store.void_job(erik, first, "entered twice").unwrap();
    let doc = store.seeker(erik).unwrap();
    let (_, now) = doc.current_status().unwrap();
    assert_eq!(
        (now.status, now.date),
        (SeekerStatus::Working, d("2026-10-05"))
    );
    assert!(doc.status_history.values().all(|c| c.voided.is_none()));

    // Ana's first job (10-05) was a mistake; her real job started 10-20 and wrote no status
    // (she was "working" already). Voiding the mistake makes her working from 10-20, as her
    // real job's start would have.
    let ana = searching_seeker(&store, "Ana Ruiz");
    let wrong = store
        .start_job(ana, new_job("Cashier", "Corner Market", "2026-10-05"))
        .unwrap();
    let real = store
        .start_job(ana, new_job("Baker", "Maple Street Bakery", "2026-10-20"))
        .unwrap();
    store
        .void_job(ana, wrong, "entered on the wrong job seeker")
        .unwrap();
    let doc = store.seeker(ana).unwrap();
    let (_, now) = doc.current_status().unwrap();
    assert_eq!(
        (now.status, now.date, now.job_id),
        (SeekerStatus::Working, d("2026-10-20"), Some(real))
    );
    let on = |day: &str| status_on(&doc, d(day));
    assert_eq!(on("2026-10-10"), Some(SeekerStatus::JobSearch));
    assert_eq!(on("2026-10-20"), Some(SeekerStatus::Working));

    // A non-competitive job never wrote a status; voiding it changes none.
    let lee = searching_seeker(&store, "Lee Owens");
    let mut sheltered = new_job("Assembler", "Riverside Workshop", "2026-10-05");
    sheltered.competitive = false;
    let sheltered = store.start_job(lee, sheltered).unwrap();
    store.void_job(lee, sheltered, "not an IPS job").unwrap();
    let doc = store.seeker(lee).unwrap();
    assert_eq!(doc.status_history.len(), 1);
    assert_eq!(
        doc.current_status().unwrap().1.status,
        SeekerStatus::JobSearch
    );
}

#[test]
fn a_void_travels_like_any_change() {
    let (_dir, phone) = store();
    let (_other_dir, other) = store();
    let erik = searching_seeker(&phone, "Erik Lund");
    let job = phone
        .start_job(
            erik,
            new_job("Counter clerk", "Maple Street Bakery", "2026-10-05"),
        )
        .unwrap();
    other
        .merge_remote(vec![phone.export(erik.doc()).unwrap()])
        .unwrap();
    assert_eq!(
        other.caseload(d("2026-11-01")).unwrap()[0].status,
        Some(SeekerStatus::Working)
    );
    phone
        .void_job(erik, job, "entered on the wrong job seeker")
        .unwrap();
    other
        .merge_remote(vec![phone.export(erik.doc()).unwrap()])
        .unwrap();
    let line = &other.caseload(d("2026-11-01")).unwrap()[0];
    assert_eq!(
        (line.status, line.current_job.as_deref()),
        (Some(SeekerStatus::JobSearch), None)
    );
    assert!(other.seeker(erik).unwrap().jobs[&job].voided.is_some());
}
