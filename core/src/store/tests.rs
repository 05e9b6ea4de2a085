//! How the store keeps a growing document: rewritten as a snapshot every 16 appended changes
//! while it is small, geometrically less often as it grows, so a long visit log costs O(N).

use chrono::{Duration, FixedOffset, TimeZone};

use crate::ids::{EmployerId, SeekerId};
use crate::model::{ContactMode, EmployerInfo, SeekerProfile, VisitPurpose};
use crate::{NewEmployer, NewSeeker, NewVisit, Store};

/// A new employer named `name` (the store's other tests use it too).
pub(super) fn employer(store: &Store, name: &str) -> EmployerId {
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

/// A new job seeker named `name`.
pub(super) fn seeker(store: &Store, name: &str) -> SeekerId {
    store
        .create_seeker(NewSeeker {
            id: None,
            profile: SeekerProfile {
                name: name.into(),
                ..Default::default()
            },
            status: None,
            status_date: None,
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

/// The caseload's consent warnings come from the consent index, kept with each write of a
/// record and filled for records stored before it existed.
#[test]
fn consent_warnings_come_from_the_index_also_after_an_upgrade() {
    use crate::model::{ReleaseTo, SeekerProfile};
    use crate::{NewConsent, NewSeeker};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("phone.db");
    let store = Store::open(&path, None).unwrap();
    let day = |s: &str| s.parse::<chrono::NaiveDate>().unwrap();
    let ana = store
        .create_seeker(NewSeeker {
            id: None,
            profile: SeekerProfile {
                name: "Ana Ruiz".into(),
                ..Default::default()
            },
            status: None,
            status_date: None,
        })
        .unwrap();
    store
        .add_consent(
            ana,
            NewConsent {
                scope: "work history".into(),
                recipient: "Employers".into(),
                release_to: ReleaseTo::Employers,
                signed: day("2025-12-20"),
                expires: None,
            },
        )
        .unwrap();
    let warned = |store: &Store| -> Vec<(String, i64)> {
        store
            .caseload(day("2026-12-01"))
            .unwrap()
            .into_iter()
            .flat_map(|e| e.consent_alerts)
            .map(|a| (a.recipient, a.days_left))
            .collect()
    };
    let expected = vec![("Employers".to_string(), 19)];
    assert_eq!(warned(&store), expected);
    let rows = |store: &Store| -> i64 {
        store
            .query(|c| Ok(c.query_row("SELECT count(*) FROM consent_index", [], |r| r.get(0))?))
            .unwrap()
    };
    assert_eq!(rows(&store), 1, "one index row per consent");
    // A store from before the index (and the name and merge indexes, the stranded mark, the
    // refused changes' names and the conflict index after it): the upgrade fills it from the
    // stored records.
    store
        .exec(|c| {
            c.execute_batch(
                "DROP TABLE consent_index; DROP TABLE name_index; DROP VIEW merged_records;
                 DROP TABLE merge_index; ALTER TABLE rejected DROP COLUMN stranded;
                 ALTER TABLE rejected DROP COLUMN name; ALTER TABLE rejected DROP COLUMN cause;
                 DROP TABLE conflict_index; PRAGMA user_version = 5;",
            )?;
            Ok(())
        })
        .unwrap();
    drop(store);
    let store = Store::open(&path, None).unwrap();
    assert_eq!(rows(&store), 1);
    assert_eq!(warned(&store), expected);
    // A renewal replaces the warning; the index follows the write.
    store
        .add_consent(
            ana,
            NewConsent {
                scope: "work history".into(),
                recipient: "Employers".into(),
                release_to: ReleaseTo::Employers,
                signed: day("2026-11-30"),
                expires: None,
            },
        )
        .unwrap();
    assert_eq!(rows(&store), 2);
    assert!(warned(&store).is_empty());
}
