//! Consent that does something, on a real phone store: a visit that discloses a job seeker to
//! an employer is refused without a current release to employers or against a "do not
//! disclose" preference, and nothing is written; Minnesota's one year runs to the
//! anniversary; consents to renew show in the week and on the caseload.

use chrono::{FixedOffset, NaiveDate, TimeZone};
use fieldbook_core::ids::{ConsentId, EmployerId, SeekerId};
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

fn new_seeker(store: &Store, name: &str) -> SeekerId {
    store
        .create_seeker(NewSeeker {
            id: None,
            profile: SeekerProfile {
                name: name.into(),
                first_meeting: Some(d("2025-05-01")),
                ..Default::default()
            },
            status: Some(SeekerStatus::JobSearch),
            status_date: None,
        })
        .unwrap()
}

fn new_employer(store: &Store) -> EmployerId {
    store
        .create_employer(NewEmployer {
            id: None,
            info: EmployerInfo {
                name: "Maple Street Bakery".into(),
                ..Default::default()
            },
        })
        .unwrap()
}

fn consent(store: &Store, seeker: SeekerId, to: ReleaseTo, signed: &str) -> ConsentId {
    store
        .add_consent(
            seeker,
            NewConsent {
                scope: "employment services".into(),
                recipient: to.words().into(),
                release_to: to,
                signed: d(signed),
                expires: None,
            },
        )
        .unwrap()
}

/// A candidate presented to the employer on `day`, naming `seekers`.
fn presenting(employer: EmployerId, day: &str, seekers: Vec<SeekerId>) -> NewVisit {
    let tz = FixedOffset::west_opt(6 * 3600).unwrap();
    NewVisit {
        id: None,
        employer_id: employer,
        at: tz
            .from_local_datetime(&d(day).and_hms_opt(10, 0, 0).unwrap())
            .unwrap(),
        specialist: None,
        contact_id: None,
        location: None,
        mode: ContactMode::InPerson,
        purpose: VisitPurpose::PresentCandidate,
        seekers,
        followed_preference: Some(true),
        outcome: Some("left a résumé".into()),
        next_step: None,
        next_step_date: None,
    }
}

/// Asserts a refused disclosure of `seeker` for `why`, with nothing written.
fn assert_refused(seeker: SeekerId, why: DisclosureBar, result: Result<impl std::fmt::Debug>) {
    match result {
        Err(Error::DisclosureRefused { seeker: s, bar }) => {
            assert_eq!((s, bar), (seeker, why));
        }
        other => panic!("expected a refused disclosure, got {other:?}"),
    }
}

#[test]
fn disclosing_without_a_release_to_employers_is_refused_and_writes_nothing() {
    let (_dir, store) = store();
    let ana = new_seeker(&store, "Ana Lima");
    let bakery = new_employer(&store);
    let before = store.documents().unwrap();
    let pending = store.pending_changes().unwrap();
    let refused =
        store.log_disclosing_visit(presenting(bakery, "2026-06-10", vec![ana]), vec![ana]);
    assert_refused(
        ana,
        DisclosureBar::NoRelease(ReleaseMissing::NoConsent),
        refused,
    );
    assert!(store.employer(bakery).unwrap().visits.is_empty());
    assert!(store.seeker(ana).unwrap().activities.is_empty());
    assert_eq!(store.documents().unwrap(), before);
    assert_eq!(
        store.pending_changes().unwrap(),
        pending,
        "nothing queued to sync"
    );
    // The error says which consent is missing, in words.
    let text = store
        .log_disclosing_visit(presenting(bakery, "2026-06-10", vec![ana]), vec![ana])
        .unwrap_err()
        .to_string();
    assert!(
        text.contains("no consent to release information to employers"),
        "{text}"
    );

    // A release to the state agency is no release to employers.
    consent(&store, ana, ReleaseTo::StateAgency, "2026-01-02");
    assert_refused(
        ana,
        DisclosureBar::NoRelease(ReleaseMissing::NoConsent),
        store.log_disclosing_visit(presenting(bakery, "2026-06-10", vec![ana]), vec![ana]),
    );

    // Naming the job seeker without disclosing stays allowed.
    let visit = store
        .log_visit(presenting(bakery, "2026-06-10", vec![ana]))
        .unwrap();
    let doc = store.seeker(ana).unwrap();
    assert!(!doc.activities[&visit].disclosed);
    assert!(store.employer(bakery).unwrap().visits[&visit]
        .disclosed
        .is_empty());
}

#[test]
fn a_release_to_employers_lasts_exactly_one_year() {
    let (_dir, store) = store();
    let ana = new_seeker(&store, "Ana Lima");
    let bakery = new_employer(&store);
    // Signed 2025-06-10 with no end stated: in force through 2026-06-10.
    let signed = consent(&store, ana, ReleaseTo::Employers, "2025-06-10");
    assert_eq!(
        store.seeker(ana).unwrap().consents[&signed].expires,
        d("2026-06-10")
    );

    let on_the_last_day = store
        .log_disclosing_visit(presenting(bakery, "2026-06-10", vec![ana]), vec![ana])
        .unwrap();
    let employer = store.employer(bakery).unwrap();
    assert_eq!(employer.visits[&on_the_last_day].disclosed, vec![ana]);
    assert!(store.seeker(ana).unwrap().activities[&on_the_last_day].disclosed);

    assert_refused(
        ana,
        DisclosureBar::NoRelease(ReleaseMissing::Expired {
            consent: signed,
            expired: d("2026-06-10"),
        }),
        store.log_disclosing_visit(presenting(bakery, "2026-06-11", vec![ana]), vec![ana]),
    );
    // Before it was signed, it allowed nothing either.
    assert_refused(
        ana,
        DisclosureBar::NoRelease(ReleaseMissing::NotYetSigned {
            consent: signed,
            signed: d("2025-06-10"),
        }),
        store.log_disclosing_visit(presenting(bakery, "2025-06-09", vec![ana]), vec![ana]),
    );
    assert_eq!(store.employer(bakery).unwrap().visits.len(), 1);

    // Renewed: disclosure is allowed again.
    consent(&store, ana, ReleaseTo::Employers, "2026-06-12");
    store
        .log_disclosing_visit(presenting(bakery, "2026-06-12", vec![ana]), vec![ana])
        .unwrap();
}

#[test]
fn a_do_not_disclose_preference_wins_over_any_consent() {
    let (_dir, store) = store();
    let ana = new_seeker(&store, "Ana Lima");
    let ben = new_seeker(&store, "Ben Ortiz");
    let bakery = new_employer(&store);
    consent(&store, ana, ReleaseTo::Employers, "2026-01-02");
    store
        .set_disclosure(
            ana,
            DisclosurePreference {
                choice: Some(Disclosure::DoNotDisclose),
                how: Some("  Not to employers, ever  ".into()),
            },
        )
        .unwrap();
    let doc = store.seeker(ana).unwrap();
    assert_eq!(
        doc.career.disclosure.how.as_deref(),
        Some("Not to employers, ever")
    );
    assert_refused(
        ana,
        DisclosureBar::DoNotDisclose,
        store.log_disclosing_visit(presenting(bakery, "2026-06-10", vec![ana, ben]), vec![ana]),
    );

    // Ben may be disclosed (a release, no preference recorded) while Ana is only named.
    consent(&store, ben, ReleaseTo::Employers, "2026-01-02");
    let visit = store
        .log_disclosing_visit(presenting(bakery, "2026-06-10", vec![ana, ben]), vec![ben])
        .unwrap();
    assert!(!store.seeker(ana).unwrap().activities[&visit].disclosed);
    assert!(store.seeker(ben).unwrap().activities[&visit].disclosed);

    // Ana changes her mind: the same visit is allowed.
    store
        .set_disclosure(
            ana,
            DisclosurePreference {
                choice: Some(Disclosure::Disclose),
                how: None,
            },
        )
        .unwrap();
    store
        .log_disclosing_visit(presenting(bakery, "2026-06-11", vec![ana]), vec![ana])
        .unwrap();
    // The rest of the career profile was left alone by the preference.
    assert_eq!(store.seeker(ana).unwrap().career.work_goal, None);
}

#[test]
fn only_job_seekers_discussed_can_be_disclosed() {
    let (_dir, store) = store();
    let ana = new_seeker(&store, "Ana Lima");
    let ben = new_seeker(&store, "Ben Ortiz");
    let bakery = new_employer(&store);
    consent(&store, ben, ReleaseTo::Employers, "2026-01-02");
    let before = store.documents().unwrap();
    match store.log_disclosing_visit(presenting(bakery, "2026-06-10", vec![ana]), vec![ben]) {
        Err(Error::Invalid { field, reason, .. }) => {
            assert_eq!(field, "disclosed");
            assert!(reason.contains(&ben.to_string()), "{reason}");
        }
        other => panic!("expected invalid disclosed, got {other:?}"),
    }
    assert_eq!(store.documents().unwrap(), before);
}

#[test]
fn consents_to_renew_show_in_the_week_and_on_the_caseload() {
    let (_dir, store) = store();
    let ana = new_seeker(&store, "Ana Lima");
    let ben = new_seeker(&store, "Ben Ortiz");
    let cy = new_seeker(&store, "Cy Young");
    // Asked on 2026-11-30. Ana's release to employers ends 2026-12-20 (20 days); Ben's
    // release to the state agency ended 2026-11-01 (29 days ago); Cy's runs to 2027-06-01.
    let ana_consent = consent(&store, ana, ReleaseTo::Employers, "2025-12-20");
    let ben_consent = consent(&store, ben, ReleaseTo::StateAgency, "2025-11-01");
    consent(&store, cy, ReleaseTo::Employers, "2026-06-01");
    let as_of = d("2026-11-30");

    let week = store.week_summary(as_of).unwrap();
    let seen: Vec<(ConsentId, &str, i64, bool)> = week
        .consent_alerts
        .iter()
        .map(|a| {
            (
                a.consent_id,
                a.display_name.as_str(),
                a.days_left,
                a.expired,
            )
        })
        .collect();
    assert_eq!(
        seen,
        vec![
            (ben_consent, "Ben Ortiz", -29, true),
            (ana_consent, "Ana Lima", 20, false)
        ]
    );
    assert_eq!(
        week.consent_alerts[1].release_to,
        Some(ReleaseTo::Employers)
    );

    let caseload = store.caseload(as_of).unwrap();
    let line = |id: SeekerId| caseload.iter().find(|c| c.seeker_id == id).unwrap();
    assert_eq!(line(ana).consent_alerts.len(), 1);
    assert!(line(ben).consent_alerts[0].expired);
    assert!(line(cy).consent_alerts.is_empty());

    // Ben signs a new release: the expired one is no longer flagged.
    consent(&store, ben, ReleaseTo::StateAgency, "2026-11-30");
    let after = store.consent_alerts(as_of).unwrap();
    assert_eq!(
        after.iter().map(|a| a.consent_id).collect::<Vec<_>>(),
        vec![ana_consent]
    );
    // Exactly 30 days before its last day a consent is flagged; 31 days before it is not.
    let flags_ana = |day: &str| {
        store
            .consent_alerts(d(day))
            .unwrap()
            .iter()
            .any(|a| a.consent_id == ana_consent)
    };
    assert!(flags_ana("2026-11-20"));
    assert!(!flags_ana("2026-11-19"));
}

#[test]
fn a_consent_needs_its_kind_and_a_valid_end() {
    let (_dir, store) = store();
    let ana = new_seeker(&store, "Ana Lima");
    let before = store.documents().unwrap();
    let bad = store.add_consent(
        ana,
        NewConsent {
            scope: "records".into(),
            recipient: "  ".into(),
            release_to: ReleaseTo::Family,
            signed: d("2026-10-03"),
            expires: None,
        },
    );
    assert!(matches!(bad, Err(Error::Invalid { ref field, .. }) if field == "recipient"));
    let long = store.set_disclosure(
        ana,
        DisclosurePreference {
            choice: Some(Disclosure::Partial),
            how: Some("x".repeat(10_001)),
        },
    );
    assert!(matches!(long, Err(Error::Invalid { ref field, .. }) if field == "how"));
    assert_eq!(store.documents().unwrap(), before);
    let kept = consent(&store, ana, ReleaseTo::Family, "2026-10-03");
    assert_eq!(
        store.seeker(ana).unwrap().consents[&kept].release_to,
        Some(ReleaseTo::Family)
    );
}

#[test]
fn moving_a_disclosing_visit_to_a_day_without_a_release_is_refused() {
    let (_dir, store) = store();
    let ana = new_seeker(&store, "Ana Lima");
    let bakery = new_employer(&store);
    consent(&store, ana, ReleaseTo::Employers, "2026-06-12");
    let visit = store
        .log_disclosing_visit(presenting(bakery, "2026-06-15", vec![ana]), vec![ana])
        .unwrap();
    let moved = |day: &str| {
        let v = presenting(bakery, day, vec![ana]);
        VisitEdit {
            at: v.at,
            contact_id: None,
            location: None,
            mode: v.mode,
            purpose: v.purpose,
            followed_preference: v.followed_preference,
            outcome: v.outcome,
            next_step: None,
            next_step_date: None,
        }
    };
    // Before the release was signed: refused, naming Ana, and the visit keeps its day.
    let before = store.documents().unwrap();
    match store.edit_visit(bakery, visit, moved("2026-06-10")) {
        Err(Error::DisclosureRefused { seeker, .. }) => assert_eq!(seeker, ana),
        other => panic!("expected a refused disclosure, got {other:?}"),
    }
    assert_eq!(store.documents().unwrap(), before);
    // A day the release covers is fine; the activity follows.
    store
        .edit_visit(bakery, visit, moved("2026-06-20"))
        .unwrap();
    let activity = &store.seeker(ana).unwrap().activities[&visit];
    assert_eq!(
        (activity.at.date_naive(), activity.disclosed),
        (d("2026-06-20"), true)
    );
}
