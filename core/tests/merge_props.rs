//! Property test of merging: copies of the same records on several phones make random edits
//! (visits, plan steps, profile fields) and are merged in random orders. Every copy ends
//! identical, and no visit or step is lost.

use chrono::{Duration, Local};
use fieldbook_core::ids::{EmployerId, SeekerId, StepId};
use fieldbook_core::model::*;
use fieldbook_core::*;
use proptest::prelude::*;

const PHONES: usize = 3;

#[derive(Debug, Clone)]
enum Edit {
    Visit { with_seeker: bool },
    Step,
    CompleteFirstStep,
    Phone(u16),
    Goal(u8),
}

fn edit() -> impl Strategy<Value = (usize, Edit)> {
    let kind = prop_oneof![
        3 => any::<bool>().prop_map(|with_seeker| Edit::Visit { with_seeker }),
        2 => Just(Edit::Step),
        1 => Just(Edit::CompleteFirstStep),
        1 => any::<u16>().prop_map(Edit::Phone),
        1 => any::<u8>().prop_map(Edit::Goal),
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

/// Sends every document of `from` to `to`, as sync would.
fn merge(from: &Store, to: &Store) {
    let docs = from
        .documents()
        .unwrap()
        .into_iter()
        .map(|(id, _)| from.export(id).unwrap())
        .collect();
    let outcome = to.merge_remote(docs).unwrap();
    assert!(outcome.failed.is_empty(), "{:?}", outcome.failed);
}

fn apply(
    store: &Store,
    seeker: SeekerId,
    employer: EmployerId,
    edit: &Edit,
    n: usize,
) -> (usize, usize) {
    match edit {
        Edit::Visit { with_seeker } => {
            store
                .log_visit(NewVisit {
                    id: None,
                    employer_id: employer,
                    at: Local::now().fixed_offset() - Duration::minutes(n as i64),
                    specialist: None,
                    contact_id: None,
                    location: None,
                    mode: ContactMode::InPerson,
                    purpose: VisitPurpose::FollowUp,
                    seekers: if *with_seeker { vec![seeker] } else { vec![] },
                    followed_preference: None,
                    outcome: Some(format!("visit {n}")),
                    next_step: None,
                    next_step_date: None,
                })
                .unwrap();
            (1, 0)
        }
        Edit::Step => {
            store
                .add_step(
                    seeker,
                    NewStep {
                        id: None,
                        what: format!("step {n}"),
                        who: StepOwner::Seeker,
                        due: None,
                    },
                )
                .unwrap();
            (0, 1)
        }
        Edit::CompleteFirstStep => {
            let first: Option<StepId> = store
                .seeker(seeker)
                .unwrap()
                .plan
                .ordered_steps()
                .first()
                .map(|(id, _)| *id);
            if let Some(step) = first {
                store.complete_step(seeker, step, today()).unwrap();
            }
            (0, 0)
        }
        Edit::Phone(p) => {
            let mut profile = store.seeker(seeker).unwrap().profile;
            profile.phone = Some(format!("555-{p:05}"));
            store.update_profile(seeker, profile).unwrap();
            (0, 0)
        }
        Edit::Goal(g) => {
            let mut info = store.seeker(seeker).unwrap().plan.info;
            info.goal = Some(format!("goal {g}"));
            store.update_plan(seeker, info).unwrap();
            (0, 0)
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn forked_copies_converge_without_losing_visits_or_steps(
        edits in proptest::collection::vec(edit(), 1..30),
        merges in proptest::collection::vec((0..PHONES, 0..PHONES), 0..12),
    ) {
        let phones: Vec<Phone> = (0..PHONES).map(|_| phone()).collect();
        let seeker = phones[0].store.create_seeker(NewSeeker {
            id: None,
            profile: SeekerProfile { name: "Jordan Lee".into(), ..Default::default() },
            status: None,
            status_date: None,
        }).unwrap();
        let employer = phones[0].store.create_employer(NewEmployer {
            id: None,
            info: EmployerInfo { name: "Riverbend Hardware".into(), ..Default::default() },
        }).unwrap();
        for p in &phones[1..] {
            merge(&phones[0].store, &p.store);
        }
        let (mut visits, mut steps) = (0, 0);
        // Edits interleaved with partial merges in a random order.
        let mut pending_merges = merges.into_iter();
        for (n, (who, e)) in edits.iter().enumerate() {
            let (v, s) = apply(&phones[*who].store, seeker, employer, e, n);
            visits += v;
            steps += s;
            if n % 3 == 0 {
                if let Some((from, to)) = pending_merges.next() {
                    merge(&phones[from].store, &phones[to].store);
                }
            }
        }
        // Then everyone hears from everyone.
        for to in 0..PHONES {
            for from in 0..PHONES {
                if from != to {
                    merge(&phones[from].store, &phones[to].store);
                }
            }
        }
        for to in 1..PHONES {
            merge(&phones[to].store, &phones[0].store);
        }
        for to in 1..PHONES {
            merge(&phones[0].store, &phones[to].store);
        }
        let first_seeker = phones[0].store.seeker(seeker).unwrap();
        let first_employer = phones[0].store.employer(employer).unwrap();
        prop_assert_eq!(first_employer.visits.len(), visits);
        prop_assert_eq!(first_seeker.plan.steps.len(), steps);
        for p in &phones[1..] {
            prop_assert_eq!(&p.store.seeker(seeker).unwrap(), &first_seeker);
            prop_assert_eq!(&p.store.employer(employer).unwrap(), &first_employer);
            // The index tables followed the merge.
            prop_assert_eq!(p.store.employer_visits(employer).unwrap().len(), visits);
        }
    }
}
