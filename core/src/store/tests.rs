//! How the store keeps a growing document: rewritten as a snapshot every 16 appended changes
//! while it is small, geometrically less often as it grows, so a long visit log costs O(N).

use chrono::{Duration, FixedOffset, TimeZone};

use crate::ids::EmployerId;
use crate::model::{ContactMode, EmployerInfo, VisitPurpose};
use crate::{NewEmployer, NewVisit, Store};

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

fn log(store: &Store, employer: EmployerId, n: i64) {
    let start = FixedOffset::west_opt(6 * 3600)
        .unwrap()
        .with_ymd_and_hms(2026, 1, 5, 9, 0, 0)
        .unwrap();
    store
        .log_visit(NewVisit {
            id: None,
            employer_id: employer,
            at: start + Duration::hours(n),
            specialist: None,
            contact_id: None,
            location: None,
            mode: ContactMode::InPerson,
            purpose: VisitPurpose::LearnBusinessNeeds,
            seekers: Vec::new(),
            followed_preference: Some(true),
            outcome: Some(format!("Visit {n}: talked about openings with the manager")),
            next_step: None,
            next_step_date: None,
        })
        .unwrap();
}

/// How many times the document was written as a whole, and its change rows since.
fn rewrites(store: &Store, employer: EmployerId) -> (i64, i64) {
    store
        .query(|c| {
            Ok(c.query_row(
                "SELECT version, (SELECT count(*) FROM doc_changes
                                  WHERE doc_id = d.id AND folded = 0)
                 FROM documents d WHERE id = ?1",
                [employer.to_string()],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?)
        })
        .unwrap()
}

#[test]
fn a_long_visit_log_is_rewritten_geometrically_less_often() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("phone.db");
    let store = Store::open(&path, None).unwrap();
    let small = employer(&store, "Corner Store");
    for n in 0..16 {
        log(&store, small, n);
    }
    assert_eq!(
        rewrites(&store, small),
        (2, 0),
        "a small document: every 16 changes"
    );

    let busy = employer(&store, "Maple Street Bakery");
    let mut rewritten_at = Vec::new();
    for n in 0..400 {
        log(&store, busy, n);
        let (version, _) = rewrites(&store, busy);
        if version as usize > rewritten_at.len() + 1 {
            rewritten_at.push(n);
        }
    }
    // Every 16 changes would be 25 rewrites of the whole log, 16 changes apart; here the
    // gaps grow with the log (its snapshot is ~30 bytes a visit, a change ~345).
    let gaps: Vec<i64> = rewritten_at.windows(2).map(|w| w[1] - w[0]).collect();
    assert!(rewritten_at.len() <= 20, "rewritten at {rewritten_at:?}");
    assert!(gaps.last().is_some_and(|g| *g >= 30), "gaps {gaps:?}");
    assert!(
        gaps.windows(2).all(|w| w[1] >= w[0]),
        "gaps never shrink: {gaps:?}"
    );
    drop(store);
    let store = Store::open(&path, None).unwrap();
    assert_eq!(store.employer(busy).unwrap().visits.len(), 400);
    assert_eq!(store.employer_visits(busy).unwrap().len(), 400);
}
