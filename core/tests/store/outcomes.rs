//! Quarterly outcomes as issue 15 corrected them, each counted by hand in its comments:
//! "served" and "worked" begin at program entry, non-competitive jobs are shown apart and are
//! no outcome, "kept a job 90 days" counts people, an empty rate says why, and the state's
//! per-person export lists only people with a current release to the state agency.

use crate::common::*;
use fieldbook_core::fidelity::*;
use fieldbook_core::ids::*;
use fieldbook_core::model::*;

#[test]
fn new_job_starts_count_competitive_jobs_begun_in_the_program() {
    // A entered 09-01: a competitive job from 10-05 and a sheltered-workshop job from 11-02.
    let mut a = searching("A", "2026-09-01");
    job(
        &mut a,
        (None, "Hy-Vee"),
        "Cashier",
        "2026-10-05",
        None,
        true,
    );
    job(
        &mut a,
        (None, "Workshop"),
        "Assembler",
        "2026-11-02",
        None,
        false,
    );
    // B entered 11-01 with a competitive job found on their own on 10-15.
    let mut b = searching("B", "2026-11-01");
    job(&mut b, (None, "Diner"), "Cook", "2026-10-15", None, true);
    let team = Team {
        seekers: vec![a, b],
        ..Default::default()
    };
    let q4 = quarter_outcomes(&team.data(), Scope::Team, "2026Q4".parse().unwrap());
    // Every start counted, as before: 3. Competitive starts in the program: A's cashier job.
    assert_eq!(q4.new_job_starts, 1);
    // Both worked in a competitive job in Q4 after entry (B from 11-01 on).
    assert_eq!((q4.served, q4.worked_competitive), (2, 2));
}

#[test]
fn kept_a_job_90_days_counts_people() {
    // A holds two competitive jobs from 10-15 and 10-20: day 90 is 2027-01-13 and 01-18.
    let mut a = searching("A", "2026-09-01");
    job(&mut a, (None, "Bakery"), "Baker", "2026-10-15", None, true);
    job(&mut a, (None, "Cafe"), "Barista", "2026-10-20", None, true);
    // C's sheltered-workshop job reaches day 90 on 2027-01-13: no outcome.
    let mut c = searching("C", "2026-09-01");
    job(
        &mut c,
        (None, "Workshop"),
        "Assembler",
        "2026-10-15",
        None,
        false,
    );
    // D's job ended on 2027-01-20, before its day 90 (01-30).
    let mut dd = searching("D", "2026-09-01");
    job(
        &mut dd,
        (None, "Mill"),
        "Packer",
        "2026-11-01",
        Some(("2027-01-20", "2027-01-20")),
        true,
    );
    let team = Team {
        seekers: vec![a, c, dd],
        ..Default::default()
    };
    let q1 = quarter_outcomes(&team.data(), Scope::Team, "2027Q1".parse().unwrap());
    // Jobs reaching 90 days, as before: 3 (two of A's, C's). People: A alone.
    assert_eq!(q1.kept_job_90_days, 1);
}

#[test]
fn served_and_worked_start_at_program_entry() {
    // E was referred on 09-10 and met the specialist on 09-15; an older phone recorded a
    // sheltered job from 04-20 as "working" from 04-20.
    let mut e = seeker("E", Some("2026-09-10"), Some("2026-09-15"), Some(true));
    status(&mut e, SeekerStatus::Working, "2026-04-20");
    status(&mut e, SeekerStatus::Engaging, "2026-09-15");
    job(
        &mut e,
        (None, "Workshop"),
        "Assembler",
        "2026-04-20",
        None,
        false,
    );
    // F entered 08-01 holding a competitive job found on 07-15, ended 08-20.
    let mut f = seeker("F", None, Some("2026-08-01"), Some(false));
    status(&mut f, SeekerStatus::JobSearch, "2026-08-01");
    job(
        &mut f,
        (None, "Farm"),
        "Picker",
        "2026-07-15",
        Some(("2026-08-20", "2026-08-21")),
        true,
    );
    let team = Team {
        seekers: vec![e, f],
        ..Default::default()
    };
    let q2 = quarter_outcomes(&team.data(), Scope::Team, "2026Q2".parse().unwrap());
    // Before either entered: nobody served in Q2 (E was, by the old status).
    assert_eq!((q2.served, q2.worked_competitive), (0, 0));
    let q3 = quarter_outcomes(&team.data(), Scope::Team, "2026Q3".parse().unwrap());
    // Q3: both served; F worked competitively after entry (08-01..08-20); E's job is not
    // competitive. F's job began before entry: no new job start.
    assert_eq!((q3.served, q3.worked_competitive), (2, 1));
    assert_eq!(q3.new_job_starts, 0);
}

#[test]
fn other_job_starts_are_shown_apart() {
    let mut a = searching("A", "2026-09-01");
    a.profile.unemployed_at_entry = Some(true);
    job(
        &mut a,
        (None, "Hy-Vee"),
        "Cashier",
        "2026-10-05",
        None,
        true,
    );
    job(
        &mut a,
        (None, "Workshop"),
        "Assembler",
        "2026-11-02",
        None,
        false,
    );
    let team = Team {
        seekers: vec![a],
        ..Default::default()
    };
    let q4 = quarter_outcomes(&team.data(), Scope::Team, "2026Q4".parse().unwrap());
    assert_eq!((q4.new_job_starts, q4.other_job_starts), (1, 1));
    assert!(q4
        .notes
        .iter()
        .any(|n| n.contains("1 job start that is not competitive is shown apart")));
}

#[test]
fn an_empty_denominator_says_why() {
    let q = "2026Q4".parse::<Quarter>().unwrap();
    let outcomes = |answers: &[Option<bool>]| {
        let team = Team {
            seekers: answers
                .iter()
                .map(|a| {
                    let mut s = searching("S", "2026-09-01");
                    s.profile.unemployed_at_entry = *a;
                    s
                })
                .collect(),
            ..Default::default()
        };
        quarter_outcomes(&team.data(), Scope::Team, q)
    };
    let none_recorded = outcomes(&[None, None]);
    assert_eq!(none_recorded.employment_rate_unemployed_at_entry, None);
    assert_eq!(none_recorded.unemployed_at_entry_unrecorded, 2);
    assert!(
        none_recorded.notes[0]
            .starts_with("No one served has \"out of work at entry\" recorded (0 of 2)"),
        "{:?}",
        none_recorded.notes
    );
    let all_working = outcomes(&[Some(false), Some(false)]);
    assert_eq!(all_working.employment_rate_unemployed_at_entry, None);
    assert!(all_working.notes[0].starts_with("Everyone served with an answer (2) had work"));
    let nobody = outcomes(&[]);
    assert_eq!(nobody.employment_rate, None);
    assert!(nobody.notes[0].starts_with("No one was on the caseload"));
    let answered = outcomes(&[Some(true), Some(false)]);
    assert!(
        !answered.notes.iter().any(|n| n.contains("out of work")),
        "{:?}",
        answered.notes
    );
}

#[test]
fn the_state_export_lists_only_people_with_a_current_release_to_the_state() {
    let release = |s: &mut SeekerDoc, to: ReleaseTo, signed: &str, expires: &str| {
        s.consents.insert(
            ConsentId::new(),
            Consent {
                scope: "employment outcomes".into(),
                recipient: "DEED VRS".into(),
                release_to: Some(to),
                signed: d(signed),
                expires: d(expires),
            },
        );
    };
    // All four served in Q3. A: a release to the state signed 2026-01-15, a year: in force
    // through 2027-01-15. B: a release to the state that ended 2026-06-30. C: a release to
    // employers only. D: none.
    let mut a = searching("A", "2026-07-01");
    let a_signed = d("2026-01-15");
    release(
        &mut a,
        ReleaseTo::StateAgency,
        "2026-01-15",
        &Consent::default_expiry(a_signed).to_string(),
    );
    let mut b = searching("B", "2026-07-01");
    release(&mut b, ReleaseTo::StateAgency, "2025-07-01", "2026-06-30");
    let mut c = searching("C", "2026-07-01");
    release(&mut c, ReleaseTo::Employers, "2026-07-01", "2027-07-01");
    let dd = searching("D", "2026-07-01");
    let a_id = a.id;
    let team = Team {
        seekers: vec![a, b, c, dd],
        ..Default::default()
    };
    let q3: Quarter = "2026Q3".parse().unwrap();
    let key = |id: SeekerId| id.to_string();
    let export =
        |as_of: &str| state_export(&team.data(), q3, EntryBasis::FirstMeeting, d(as_of), &key);
    let now = export("2026-12-01");
    assert_eq!((now.served, now.not_listed), (4, 3));
    assert_eq!(
        now.rows
            .iter()
            .map(|r| r.person_key.clone())
            .collect::<Vec<_>>(),
        vec![a_id.to_string()]
    );
    // The quarter's totals still count everyone served.
    assert_eq!(quarter_outcomes(&team.data(), Scope::Team, q3).served, 4);
    // A's release: listed on its last day, a year after signing; not the day after.
    assert_eq!(export("2027-01-15").rows.len(), 1);
    let after = export("2027-01-16");
    assert_eq!((after.rows.len(), after.not_listed), (0, 4));
}
