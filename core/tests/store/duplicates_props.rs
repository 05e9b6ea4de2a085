//! Property test of merging duplicates: three phones hold three records of one job seeker
//! and two of one employer, and at random log visits, add steps, start jobs, write notes,
//! correct visits, void visits, jobs and steps, and merge records into one another — also the same pair in
//! opposite directions, or one record into two — while syncing with one another in random
//! orders. Afterwards every phone holds the same documents, every record resolves to the
//! same survivor everywhere, nothing is orphaned (each counted visit's job seekers resolve
//! to a standing record holding its activity; each activity's employer resolves to a
//! standing employer logging the visit), and the counts leave out void and merged entries.

use std::collections::BTreeSet;

use chrono::{Duration, Local};
use fieldbook_core::ids::{EmployerId, SeekerId, VisitId};
use fieldbook_core::model::*;
use fieldbook_core::*;
use proptest::prelude::*;

const PHONES: usize = 3;
const SEEKERS: usize = 3;
const EMPLOYERS: usize = 2;

#[derive(Debug, Clone)]
enum Op {
    Visit {
        employer: usize,
        seeker: Option<usize>,
    },
    VoidFirstVisit {
        employer: usize,
    },
    EditFirstVisit {
        employer: usize,
    },
    Step {
        seeker: usize,
    },
    VoidFirstStep {
        seeker: usize,
    },
    Job {
        seeker: usize,
    },
    VoidFirstJob {
        seeker: usize,
    },
    Note {
        seeker: usize,
    },
    MergeSeekers {
        kept: usize,
        duplicate: usize,
    },
    MergeEmployers {
        kept: usize,
        duplicate: usize,
    },
    Sync {
        from: usize,
        to: usize,
    },
}

fn op() -> impl Strategy<Value = (usize, Op)> {
    let s = 0..SEEKERS;
    let e = 0..EMPLOYERS;
    let kind = prop_oneof![
        4 => (e.clone(), prop::option::of(s.clone()))
            .prop_map(|(employer, seeker)| Op::Visit { employer, seeker }),
        1 => e.clone().prop_map(|employer| Op::VoidFirstVisit { employer }),
        1 => e.clone().prop_map(|employer| Op::EditFirstVisit { employer }),
        2 => s.clone().prop_map(|seeker| Op::Step { seeker }),
        1 => s.clone().prop_map(|seeker| Op::VoidFirstStep { seeker }),
        2 => s.clone().prop_map(|seeker| Op::Job { seeker }),
        1 => s.clone().prop_map(|seeker| Op::VoidFirstJob { seeker }),
        1 => s.clone().prop_map(|seeker| Op::Note { seeker }),
        2 => (s.clone(), s).prop_map(|(kept, duplicate)| Op::MergeSeekers { kept, duplicate }),
        1 => (e.clone(), e).prop_map(|(kept, duplicate)| Op::MergeEmployers { kept, duplicate }),
        3 => (0..PHONES, 0..PHONES).prop_map(|(from, to)| Op::Sync { from, to }),
    ];
    (0..PHONES, kind)
}

struct Phone {
    _dir: tempfile::TempDir,
    store: Store,
}

fn phone() -> Phone {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("p.db"), None).unwrap();
    Phone { _dir: dir, store }
}

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

/// What a phone may answer to an operation on records it knows merged: a refusal naming
/// the record kept, or (for a merge) a typed refusal of a bad pair. Anything else fails.
fn allowed<T>(r: Result<T>) -> Option<T> {
    match r {
        Ok(t) => Some(t),
        Err(Error::Merged { .. }) => None,
        Err(Error::Invalid { field, .. }) if field == "duplicate" => None,
        Err(e) => panic!("unexpected error: {e}"),
    }
}

/// Applies one operation. Returns a visit it logged.
fn apply(
    store: &Store,
    seekers: &[SeekerId],
    employers: &[EmployerId],
    op: &Op,
    n: usize,
) -> Option<VisitId> {
    match op {
        Op::Visit { employer, seeker } => allowed(store.log_visit(NewVisit {
            id: None,
            employer_id: employers[*employer],
            at: Local::now().fixed_offset() - Duration::minutes(n as i64),
            specialist: None,
            contact_id: None,
            location: None,
            mode: ContactMode::InPerson,
            purpose: VisitPurpose::FollowUp,
            seekers: seeker.iter().map(|s| seekers[*s]).collect(),
            followed_preference: None,
            outcome: Some(format!("visit {n}")),
            next_step: None,
            next_step_date: None,
        })),
        Op::VoidFirstVisit { employer } => {
            let log = store.employer(employers[*employer]).unwrap();
            if let Some((visit, _)) = log.visits.iter().find(|(_, v)| v.counts()) {
                allowed(store.void_visit(employers[*employer], *visit, "wrong employer"));
            }
            None
        }
        Op::EditFirstVisit { employer } => {
            let log = store.employer(employers[*employer]).unwrap();
            if let Some((visit, v)) = log.visits.iter().find(|(_, v)| v.counts()) {
                let edit = VisitEdit {
                    at: v.at,
                    contact_id: v.contact_id,
                    location: v.location.clone(),
                    mode: v.mode,
                    purpose: v.purpose,
                    followed_preference: v.followed_preference,
                    outcome: Some(format!("corrected {n}")),
                    next_step: v.next_step.clone(),
                    next_step_date: v.next_step_date,
                };
                allowed(store.edit_visit(employers[*employer], *visit, edit));
            }
            None
        }
        Op::Step { seeker } => {
            let step = NewStep {
                id: None,
                what: format!("step {n}"),
                who: StepOwner::Seeker,
                due: None,
            };
            allowed(store.add_step(seekers[*seeker], step));
            None
        }
        Op::VoidFirstStep { seeker } => {
            let doc = store.seeker(seekers[*seeker]).unwrap();
            if let Some((step, _)) = doc.plan.ordered_steps().first() {
                allowed(store.void_step(seekers[*seeker], *step, "added twice"));
            }
            None
        }
        Op::Job { seeker } => {
            let job = NewJob {
                id: None,
                employer_id: None,
                employer_name: Some("Riverbend Hardware".into()),
                title: format!("job {n}"),
                job_type: None,
                soc_code: None,
                start: today() - Duration::days(n as i64),
                hours_per_week: Some(20.0),
                hourly_wage_cents: Some(1500),
                permanent: None,
                competitive: true,
                disclosed: None,
            };
            allowed(store.start_job(seekers[*seeker], job));
            None
        }
        Op::VoidFirstJob { seeker } => {
            let doc = store.seeker(seekers[*seeker]).unwrap();
            if let Some((job, _)) = doc.standing_jobs().next() {
                allowed(store.void_job(seekers[*seeker], *job, "entered twice"));
            }
            None
        }
        Op::Note { seeker } => {
            allowed(store.add_note(seekers[*seeker], &format!("note {n}"), None));
            None
        }
        Op::MergeSeekers { kept, duplicate } => {
            allowed(store.merge_seekers(seekers[*kept], seekers[*duplicate], "the same person"));
            None
        }
        Op::MergeEmployers { kept, duplicate } => {
            allowed(store.merge_employers(
                employers[*kept],
                employers[*duplicate],
                "the same employer",
            ));
            None
        }
        Op::Sync { .. } => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn concurrent_merges_converge_with_nothing_orphaned(
        ops in proptest::collection::vec(op(), 1..40),
    ) {
        let phones: Vec<Phone> = (0..PHONES).map(|_| phone()).collect();
        let first = &phones[0].store;
        let seekers: Vec<SeekerId> = (0..SEEKERS)
            .map(|i| {
                first.create_seeker(NewSeeker {
                    id: None,
                    profile: SeekerProfile { name: format!("Jordan Lee {i}"), ..Default::default() },
                    status: Some(SeekerStatus::JobSearch),
                    status_date: Some(today()),
                }).unwrap()
            })
            .collect();
        let employers: Vec<EmployerId> = (0..EMPLOYERS)
            .map(|i| {
                first.create_employer(NewEmployer {
                    id: None,
                    info: EmployerInfo { name: format!("Riverbend Hardware {i}"), ..Default::default() },
                }).unwrap()
            })
            .collect();
        for p in &phones[1..] {
            send(first, &p.store);
        }
        let mut logged: BTreeSet<VisitId> = BTreeSet::new();
        for (n, (who, op)) in ops.iter().enumerate() {
            if let Op::Sync { from, to } = op {
                if from != to {
                    send(&phones[*from].store, &phones[*to].store);
                }
                continue;
            }
            logged.extend(apply(&phones[*who].store, &seekers, &employers, op, n));
        }
        // Everyone hears from everyone until nothing moves (a merge may copy entries).
        for _ in 0..3 {
            for to in 0..PHONES {
                for from in 0..PHONES {
                    if from != to {
                        send(&phones[from].store, &phones[to].store);
                    }
                }
            }
        }
        // Identical documents and the same survivors everywhere.
        let docs = |s: &Store| -> Vec<serde_json::Value> {
            let mut out = Vec::new();
            for id in &seekers {
                out.push(serde_json::to_value(s.seeker(*id).unwrap()).unwrap());
                out.push(serde_json::to_value(s.notes(*id).unwrap()).unwrap());
            }
            for id in &employers {
                out.push(serde_json::to_value(s.employer(*id).unwrap()).unwrap());
            }
            out
        };
        let survivors = |s: &Store| -> Vec<Option<uuid::Uuid>> {
            seekers.iter().map(|x| x.0).chain(employers.iter().map(|x| x.0))
                .map(|id| s.survivor(id).unwrap())
                .collect()
        };
        for p in &phones[1..] {
            prop_assert_eq!(docs(&p.store), docs(first));
            prop_assert_eq!(survivors(&p.store), survivors(first));
        }
        let seeker_of = |id: SeekerId| SeekerId(first.survivor(id.0).unwrap().unwrap_or(id.0));
        let employer_of =
            |id: EmployerId| EmployerId(first.survivor(id.0).unwrap().unwrap_or(id.0));
        let standing_seekers: BTreeSet<SeekerId> = seekers.iter().map(|s| seeker_of(*s)).collect();
        let standing_employers: BTreeSet<EmployerId> =
            employers.iter().map(|e| employer_of(*e)).collect();
        // Every logged visit is in a standing employer's log; those that count name job
        // seekers standing with the activity, whose employer is standing with the visit.
        let mut counted = 0;
        for e in &standing_employers {
            let log = first.employer(*e).unwrap();
            for (id, v) in &log.visits {
                prop_assert!(logged.contains(id), "visit {} came from nowhere", id);
                if !v.counts() {
                    continue;
                }
                counted += 1;
                for s in &v.seekers {
                    let s = seeker_of(*s);
                    prop_assert!(standing_seekers.contains(&s));
                    let record = first.seeker(s).unwrap();
                    let activity = record.activities.get(id);
                    prop_assert!(activity.is_some_and(|a| a.counts()), "visit {} orphaned", id);
                }
            }
        }
        let in_logs: BTreeSet<VisitId> = standing_employers
            .iter()
            .flat_map(|e| first.employer(*e).unwrap().visits.into_keys())
            .collect();
        prop_assert_eq!(&in_logs, &logged, "a visit was lost");
        for s in &standing_seekers {
            for (id, a) in &first.seeker(*s).unwrap().activities {
                let e = employer_of(a.employer_id);
                prop_assert!(standing_employers.contains(&e));
                let visit = first.employer(e).unwrap().visits.get(id).cloned();
                prop_assert!(visit.is_some(), "activity {} orphaned", id);
                prop_assert_eq!(visit.is_some_and(|v| v.counts()), a.counts());
            }
        }
        // Counts: one line per standing record; merged and void entries count nowhere.
        for p in &phones {
            let caseload = p.store.caseload(today()).unwrap();
            let lines: BTreeSet<SeekerId> = caseload.iter().map(|c| c.seeker_id).collect();
            prop_assert_eq!(&lines, &standing_seekers);
            for line in &caseload {
                let record = first.seeker(line.seeker_id).unwrap();
                let open = record.plan.ordered_steps().iter()
                    .filter(|(_, s)| s.status == StepStatus::Open).count() as u32;
                prop_assert_eq!(line.open_steps, open);
            }
            let listed = p.store.employers().unwrap();
            let ids: BTreeSet<EmployerId> = listed.iter().map(|e| e.employer_id).collect();
            prop_assert_eq!(&ids, &standing_employers);
            let visits: u32 = listed.iter().map(|e| e.visits).sum();
            prop_assert_eq!(visits as usize, counted);
        }
        let (folded_seekers, folded_employers) = fidelity::resolve_merges(
            seekers.iter().map(|s| first.seeker(*s).unwrap()).collect(),
            employers.iter().map(|e| first.employer(*e).unwrap()).collect(),
        );
        prop_assert_eq!(folded_seekers.len(), standing_seekers.len());
        let folded_visits: usize = folded_employers
            .iter()
            .map(|e| e.visits.values().filter(|v| v.counts()).count())
            .sum();
        prop_assert_eq!(folded_visits, counted);
    }
}
