//! Property: a job or support entered and then voided counts nowhere. One phone enters a
//! random mix of jobs (competitive or not, some ended) and follow-along supports for two job
//! seekers and voids some of them, in random order; a second phone enters only the entries
//! that stand. Every figure agrees: quarterly outcomes, the fidelity report, the support
//! windows, the caseload's current job and the status in force. A third phone merging the
//! first's records agrees too.

use crate::common::*;
use chrono::Duration;
use fieldbook_core::fidelity::*;
use fieldbook_core::ids::*;
use fieldbook_core::model::*;
use fieldbook_core::{NewJob, NewSeeker, Store};
use proptest::prelude::*;

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("phone.db"), None).unwrap();
    (dir, store)
}

/// One entry: a job (competitive, type and employer, days until it ended) or a support
/// (face to face, by the specialist), `days` after 2026-09-01, for job seeker 0 or 1.
#[derive(Debug, Clone)]
enum Entry {
    Job {
        competitive: bool,
        kind: u8,
        ended_after: Option<i64>,
    },
    Support {
        in_person: bool,
        by_specialist: bool,
    },
}

fn entry() -> impl Strategy<Value = (usize, i64, Entry)> {
    let job = (any::<bool>(), 0u8..3, prop::option::of(0i64..90)).prop_map(
        |(competitive, kind, ended_after)| Entry::Job {
            competitive,
            kind,
            ended_after,
        },
    );
    let support =
        (any::<bool>(), any::<bool>()).prop_map(|(in_person, by_specialist)| Entry::Support {
            in_person,
            by_specialist,
        });
    (0usize..2, 0i64..150, prop_oneof![job, support])
}

/// Two job seekers, searching from 2026-09-01.
fn people(store: &Store) -> Vec<SeekerId> {
    ["Erik Lund", "Maria Santos"]
        .into_iter()
        .map(|name| {
            store
                .create_seeker(NewSeeker {
                    id: None,
                    profile: SeekerProfile {
                        name: name.into(),
                        first_meeting: Some(d("2026-09-01")),
                        unemployed_at_entry: Some(true),
                        ..Default::default()
                    },
                    status: Some(SeekerStatus::JobSearch),
                    status_date: Some(d("2026-09-01")),
                })
                .unwrap()
        })
        .collect()
}

/// What [`enter`] made, for a later void.
enum Entered {
    Job(JobId),
    Support(SupportId),
}

/// Enters one entry.
fn enter(store: &Store, seeker: SeekerId, days: i64, e: &Entry) -> Entered {
    let day = d("2026-09-01") + Duration::days(days);
    match e {
        Entry::Job {
            competitive,
            kind,
            ended_after,
        } => {
            let names = ["Counter clerk", "Line cook", "Stocker"];
            let job = store
                .start_job(
                    seeker,
                    NewJob {
                        id: None,
                        employer_id: None,
                        employer_name: Some(format!("Employer {kind}")),
                        title: names[*kind as usize].into(),
                        job_type: None,
                        soc_code: None,
                        start: day,
                        hours_per_week: Some(20.0),
                        hourly_wage_cents: Some(1500),
                        permanent: None,
                        competitive: *competitive,
                        disclosed: None,
                    },
                )
                .unwrap();
            if let Some(after) = ended_after {
                let end = JobEnd {
                    date: day + Duration::days(*after),
                    reason: "moved".into(),
                    learned: None,
                };
                store.end_job(seeker, job, end).unwrap();
            }
            Entered::Job(job)
        }
        Entry::Support {
            in_person,
            by_specialist,
        } => Entered::Support(
            store
                .log_support(
                    seeker,
                    SupportContact {
                        date: day,
                        in_person: *in_person,
                        given_by: if *by_specialist {
                            SupportGiver::Specialist
                        } else {
                            SupportGiver::Family
                        },
                        kind: "check-in".into(),
                        job_id: None,
                        note: None,
                        voided: None,
                    },
                )
                .unwrap(),
        ),
    }
}

/// Everything the figures say about a phone's two job seekers (job ids left out: the two
/// phones give the same jobs different ids).
fn figures(store: &Store, people: &[SeekerId]) -> String {
    let team = Team {
        seekers: people.iter().map(|p| store.seeker(*p).unwrap()).collect(),
        ..Default::default()
    };
    let data = team.data();
    let mut out = String::new();
    for q in ["2026Q3", "2026Q4", "2027Q1"] {
        let o = quarter_outcomes(&data, Scope::Team, q.parse().unwrap());
        out.push_str(&format!("{o:?}\n"));
    }
    for (from, to) in [("2026-09-07", "2026-10-04"), ("2026-10-05", "2026-12-27")] {
        let p = Period::new(d(from), d(to)).unwrap();
        let r = fidelity(&data, Scope::Team, p, &FidelitySettings::default());
        out.push_str(&format!("{r:?}\n"));
    }
    for s in &team.seekers {
        let windows: Vec<_> = support_windows(s)
            .into_iter()
            .map(|w| (w.kind, w.from, w.to, w.in_person, w.met_by(s)))
            .collect();
        let mut windows: Vec<String> = windows.iter().map(|w| format!("{w:?}")).collect();
        windows.sort();
        out.push_str(&format!(
            "{windows:?} {:?}\n",
            s.current_status().map(|(_, c)| c.status)
        ));
    }
    let mut lines: Vec<String> = store
        .caseload(d("2027-03-31"))
        .unwrap()
        .into_iter()
        // Whether a job is current (which of two starting the same day shows is by id).
        .map(|c| format!("{} {:?} {}", c.name, c.status, c.current_job.is_some()))
        .collect();
    lines.sort();
    out.push_str(&lines.join("\n"));
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(16))]
    #[test]
    fn voided_jobs_and_supports_never_count(
        entries in prop::collection::vec((entry(), any::<bool>()), 1..10),
        void_order in any::<prop::sample::Index>(),
    ) {
        let (_a_dir, all) = store();
        let (_b_dir, standing) = store();
        let on_all = people(&all);
        let on_standing = people(&standing);
        let mut to_void = Vec::new();
        for ((who, days, e), void) in &entries {
            let id = enter(&all, on_all[*who], *days, e);
            if *void {
                to_void.push((on_all[*who], id));
            } else {
                enter(&standing, on_standing[*who], *days, e);
            }
        }
        if !to_void.is_empty() {
            let k = void_order.index(to_void.len());
            to_void.rotate_left(k);
        }
        for (seeker, id) in to_void {
            match id {
                Entered::Job(job) => all.void_job(seeker, job, "entered in error").unwrap(),
                Entered::Support(support) => {
                    all.void_support(seeker, support, "entered in error").unwrap()
                }
            }
        }
        // The same names on both phones: compare by name, not id.
        let want = figures(&standing, &on_standing);
        prop_assert_eq!(figures(&all, &on_all), want.clone());
        let (_c_dir, merged) = store();
        let docs = on_all.iter().map(|s| all.export(s.doc()).unwrap()).collect();
        merged.merge_remote(docs).unwrap();
        prop_assert_eq!(figures(&merged, &on_all), want);
    }
}
