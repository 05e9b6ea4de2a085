//! Property test of merging: copies of the same records on several phones make random edits
//! (visits, plan steps, jobs, profile fields, voids and corrections) and are merged in random
//! orders. Every copy ends identical, no visit, step or job is lost, and every phone's
//! caseload line leaves out the void jobs and steps.

use chrono::{Duration, Local};
use fieldbook_core::ids::{EmployerId, JobId, SeekerId, StepId};
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
    StartJob,
    VoidFirstJob,
    CorrectFirstJob(u16),
    VoidFirstStep,
    CorrectFirstVisit(u8),
}

fn edit() -> impl Strategy<Value = (usize, Edit)> {
    let kind = prop_oneof![
        3 => any::<bool>().prop_map(|with_seeker| Edit::Visit { with_seeker }),
        2 => Just(Edit::Step),
        1 => Just(Edit::CompleteFirstStep),
        1 => any::<u16>().prop_map(Edit::Phone),
        1 => any::<u8>().prop_map(Edit::Goal),
        2 => Just(Edit::StartJob),
        1 => Just(Edit::VoidFirstJob),
        1 => any::<u16>().prop_map(Edit::CorrectFirstJob),
        1 => Just(Edit::VoidFirstStep),
        1 => any::<u8>().prop_map(Edit::CorrectFirstVisit),
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

/// The first job of the record that stands (not void), by id.
fn first_job(store: &Store, seeker: SeekerId) -> Option<(JobId, Job)> {
    store
        .seeker(seeker)
        .unwrap()
        .standing_jobs()
        .next()
        .map(|(id, j)| (*id, j.clone()))
}

fn job_form(n: usize, wage: u16) -> JobEdit {
    JobEdit {
        employer_id: None,
        employer_name: Some("Riverbend Hardware".into()),
        title: format!("job {n}"),
        job_type: None,
        soc_code: None,
        start: today() - Duration::days(n as i64),
        hours_per_week: Some(20.0),
        hourly_wage_cents: Some(i64::from(wage)),
        permanent: None,
        competitive: n.is_multiple_of(2),
        disclosed: None,
    }
}

/// Applies one edit; returns the visits, steps and jobs it added.
fn apply(
    store: &Store,
    seeker: SeekerId,
    employer: EmployerId,
    edit: &Edit,
    n: usize,
) -> (usize, usize, usize) {
    let none = (0, 0, 0);
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
            (1, 0, 0)
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
            (0, 1, 0)
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
            none
        }
        Edit::Phone(p) => {
            let mut profile = store.seeker(seeker).unwrap().profile;
            profile.phone = Some(format!("555-{p:05}"));
            store.update_profile(seeker, profile).unwrap();
            none
        }
        Edit::Goal(g) => {
            let mut info = store.seeker(seeker).unwrap().plan.info;
            info.goal = Some(format!("goal {g}"));
            store.update_plan(seeker, info).unwrap();
            none
        }
        Edit::StartJob => {
            let f = job_form(n, 1500);
            let new = NewJob {
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
            };
            store.start_job(seeker, new).unwrap();
            (0, 0, 1)
        }
        Edit::VoidFirstJob => {
            if let Some((job, _)) = first_job(store, seeker) {
                store.void_job(seeker, job, "entered in error").unwrap();
            }
            none
        }
        Edit::CorrectFirstJob(wage) => {
            if let Some((job, j)) = first_job(store, seeker) {
                let form = JobEdit {
                    title: j.title,
                    start: j.start,
                    competitive: j.competitive,
                    ..job_form(n, *wage)
                };
                store.edit_job(seeker, job, form).unwrap();
            }
            none
        }
        Edit::VoidFirstStep => {
            let first = store
                .seeker(seeker)
                .unwrap()
                .plan
                .ordered_steps()
                .first()
                .map(|(id, _)| *id);
            if let Some(step) = first {
                store.void_step(seeker, step, "added twice").unwrap();
            }
            none
        }
        Edit::CorrectFirstVisit(k) => {
            let log = store.employer(employer).unwrap();
            if let Some((visit, v)) = log.visits.iter().find(|(_, v)| v.counts()) {
                let edit = VisitEdit {
                    at: v.at,
                    contact_id: v.contact_id,
                    location: v.location.clone(),
                    mode: v.mode,
                    purpose: v.purpose,
                    followed_preference: v.followed_preference,
                    outcome: Some(format!("corrected {k}")),
                    next_step: v.next_step.clone(),
                    next_step_date: v.next_step_date,
                };
                store.edit_visit(employer, *visit, edit).unwrap();
            }
            none
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
        let (mut visits, mut steps, mut jobs) = (0, 0, 0);
        // Edits interleaved with partial merges in a random order.
        let mut pending_merges = merges.into_iter();
        for (n, (who, e)) in edits.iter().enumerate() {
            let (v, s, j) = apply(&phones[*who].store, seeker, employer, e, n);
            visits += v;
            steps += s;
            jobs += j;
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
        prop_assert_eq!(first_seeker.jobs.len(), jobs);
        // What the caseload line should say, from the record's standing entries.
        let current_job = first_seeker
            .jobs
            .values()
            .filter(|j| j.counts() && j.end.is_none())
            .max_by_key(|j| j.start)
            .map(|j| format!("{} at {}", j.title, j.employer_name));
        let open_steps = first_seeker
            .plan
            .ordered_steps()
            .iter()
            .filter(|(_, s)| s.status == StepStatus::Open)
            .count() as u32;
        let status = first_seeker.current_status().map(|(_, c)| c.status);
        for p in &phones[1..] {
            prop_assert_eq!(&p.store.seeker(seeker).unwrap(), &first_seeker);
            prop_assert_eq!(&p.store.employer(employer).unwrap(), &first_employer);
        }
        for p in &phones {
            // The index tables followed the merges, voids and edits.
            let counted = first_employer.visits.values().filter(|v| v.counts()).count();
            prop_assert_eq!(p.store.employer_visits(employer).unwrap().len(), counted);
            let line = &p.store.caseload(today()).unwrap()[0];
            prop_assert_eq!(&line.current_job, &current_job);
            prop_assert_eq!(line.open_steps, open_steps);
            prop_assert_eq!(line.status, status);
        }
    }
}
