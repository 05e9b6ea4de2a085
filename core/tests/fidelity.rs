//! Fidelity items and quarterly outcomes on a hand-built team, every expected figure worked
//! out by hand below. Period: Monday 2026-10-05 to Sunday 2026-11-01, four weeks.
//!
//! People (A and B are the team's two specialists):
//! - S1 (A): referred 09-10, first meeting 09-20, unemployed at entry. Face-to-face contacts
//!   10-06 (first) and 10-07. Job J1 cashier at Hy-Vee (by id) from 10-20, competitive.
//!   In-person supports 10-15, 10-21, 10-28.
//! - S2 (A): referred 10-01, no first meeting yet, unemployed at entry. Contact 10-13.
//! - S3 (B): first meeting 08-01, no referral date. Contact 10-20. Job J3 dishwasher from
//!   07-10, ended 10-15 (learned 10-16), competitive. Job J2 cashier at "Target" (by name)
//!   from 10-26, not competitive. Phone support 10-17.
//! - S4 (B): job search from 06-01, closed 09-30. Job J4 from 09-15 to 09-29 (starts and
//!   ends in Q3), competitive. Unemployed at entry.
//! - S5 (A and B): first meeting 10-10, not unemployed at entry, in school 09-01..12-15.
//!
//! Employer contacts: V1 10-06 A in person [S1] followed; V2 10-13 A in person [S2] not
//! followed; V3 10-14 A phone, general; V4 10-20 B in person [S3] followed; V5 10-21 B in
//! person, general; V6 11-05 B in person (after the period); V7 10-07 A in person [S1]
//! followed. No contacts at all in the week of 10-26.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use fieldbook_core::fidelity::*;
use fieldbook_core::ids::*;
use fieldbook_core::model::*;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("{s}T10:00:00-05:00")).unwrap()
}

struct Team {
    a: UserId,
    b: UserId,
    seekers: Vec<SeekerDoc>,
    employers: Vec<EmployerDoc>,
    assignments: BTreeMap<SeekerId, Vec<UserId>>,
    specialists: Vec<UserId>,
}

fn seeker(
    name: &str,
    referral: Option<&str>,
    meeting: Option<&str>,
    unemployed: Option<bool>,
) -> SeekerDoc {
    SeekerDoc {
        id: SeekerId::new(),
        profile: SeekerProfile {
            name: name.into(),
            referral_date: referral.map(d),
            first_meeting: meeting.map(d),
            unemployed_at_entry: unemployed,
            ..Default::default()
        },
        status_history: BTreeMap::new(),
        benefits: Default::default(),
        consents: BTreeMap::new(),
        career: Default::default(),
        work_history: BTreeMap::new(),
        plan: Default::default(),
        activities: BTreeMap::new(),
        jobs: BTreeMap::new(),
        supports: BTreeMap::new(),
        education: BTreeMap::new(),
    }
}

fn status(s: &mut SeekerDoc, st: SeekerStatus, date: &str) {
    s.status_history.insert(
        StatusChangeId::new(),
        StatusChange {
            status: st,
            date: d(date),
            reason: None,
        },
    );
}

fn job(
    s: &mut SeekerDoc,
    employer: (Option<EmployerId>, &str),
    title: &str,
    start: &str,
    end: Option<(&str, &str)>,
    competitive: bool,
) {
    s.jobs.insert(
        JobId::new(),
        Job {
            employer_id: employer.0,
            employer_name: employer.1.into(),
            title: title.into(),
            job_type: None,
            soc_code: None,
            start: d(start),
            hours_per_week: Some(20.0),
            hourly_wage_cents: Some(1500),
            permanent: Some(true),
            competitive,
            disclosed: None,
            end: end.map(|(e, learned)| JobEnd {
                date: d(e),
                reason: "moved".into(),
                learned: Some(d(learned)),
            }),
        },
    );
}

fn support(s: &mut SeekerDoc, date: &str, in_person: bool) {
    s.supports.insert(
        SupportId::new(),
        SupportContact {
            date: d(date),
            in_person,
            given_by: SupportGiver::Specialist,
            kind: "check-in".into(),
            job_id: None,
            note: None,
        },
    );
}

fn employer(name: &str) -> EmployerDoc {
    EmployerDoc {
        id: EmployerId::new(),
        info: EmployerInfo {
            name: name.into(),
            ..Default::default()
        },
        contacts: BTreeMap::new(),
        visits: BTreeMap::new(),
    }
}

#[allow(clippy::too_many_arguments)]
fn visit(
    e: &mut EmployerDoc,
    on: &str,
    by: UserId,
    mode: ContactMode,
    people: &mut [&mut SeekerDoc],
    followed: Option<bool>,
) {
    let id = VisitId::new();
    let v = Visit {
        at: at(on),
        specialist: Some(by),
        contact_id: None,
        location: None,
        mode,
        purpose: VisitPurpose::LearnBusinessNeeds,
        seekers: people.iter().map(|p| p.id).collect(),
        followed_preference: followed,
        outcome: None,
        next_step: None,
        next_step_date: None,
        external_id: None,
    };
    for p in people.iter_mut() {
        p.activities.insert(
            id,
            JobSearchActivity {
                at: v.at,
                employer_id: e.id,
                employer_name: e.info.name.clone(),
                mode,
                purpose: v.purpose,
                followed_preference: followed,
                outcome: None,
                next_step: None,
            },
        );
    }
    e.visits.insert(id, v);
}

fn team() -> Team {
    let (a, b) = (UserId::new(), UserId::new());
    let mut s1 = seeker("S1", Some("2026-09-10"), Some("2026-09-20"), Some(true));
    let mut s2 = seeker("S2", Some("2026-10-01"), None, Some(true));
    let mut s3 = seeker("S3", None, Some("2026-08-01"), None);
    let mut s4 = seeker("S4", None, None, Some(true));
    let mut s5 = seeker("S5", None, Some("2026-10-10"), Some(false));
    status(&mut s1, SeekerStatus::Engaging, "2026-09-20");
    status(&mut s2, SeekerStatus::Engaging, "2026-10-01");
    status(&mut s3, SeekerStatus::JobSearch, "2026-08-01");
    status(&mut s4, SeekerStatus::JobSearch, "2026-06-01");
    status(&mut s4, SeekerStatus::Closed, "2026-09-30");
    status(&mut s5, SeekerStatus::Engaging, "2026-10-10");
    let mut hy_vee = employer("Hy-Vee");
    let mut target = employer("Target");
    job(
        &mut s1,
        (Some(hy_vee.id), "Hy-Vee"),
        "Cashier",
        "2026-10-20",
        None,
        true,
    );
    job(
        &mut s3,
        (None, "Target"),
        "Cashier",
        "2026-10-26",
        None,
        false,
    );
    job(
        &mut s3,
        (None, "Cafe"),
        "Dishwasher",
        "2026-07-10",
        Some(("2026-10-15", "2026-10-16")),
        true,
    );
    job(
        &mut s4,
        (None, "Mill"),
        "Packer",
        "2026-09-15",
        Some(("2026-09-29", "2026-09-29")),
        true,
    );
    for day in ["2026-10-15", "2026-10-21", "2026-10-28"] {
        support(&mut s1, day, true);
    }
    support(&mut s3, "2026-10-17", false);
    s5.education.insert(
        EducationId::new(),
        EducationSpell {
            program: "GED".into(),
            start: d("2026-09-01"),
            end: Some(d("2026-12-15")),
        },
    );
    visit(
        &mut hy_vee,
        "2026-10-06",
        a,
        ContactMode::InPerson,
        &mut [&mut s1],
        Some(true),
    );
    visit(
        &mut hy_vee,
        "2026-10-13",
        a,
        ContactMode::InPerson,
        &mut [&mut s2],
        Some(false),
    );
    visit(
        &mut hy_vee,
        "2026-10-14",
        a,
        ContactMode::Phone,
        &mut [],
        None,
    );
    visit(
        &mut target,
        "2026-10-20",
        b,
        ContactMode::InPerson,
        &mut [&mut s3],
        Some(true),
    );
    visit(
        &mut target,
        "2026-10-21",
        b,
        ContactMode::InPerson,
        &mut [],
        None,
    );
    visit(
        &mut target,
        "2026-11-05",
        b,
        ContactMode::InPerson,
        &mut [],
        None,
    );
    visit(
        &mut target,
        "2026-10-07",
        a,
        ContactMode::InPerson,
        &mut [&mut s1],
        Some(true),
    );
    let mut assignments = BTreeMap::new();
    assignments.insert(s1.id, vec![a]);
    assignments.insert(s2.id, vec![a]);
    assignments.insert(s3.id, vec![b]);
    assignments.insert(s4.id, vec![b]);
    assignments.insert(s5.id, vec![a, b]);
    Team {
        a,
        b,
        seekers: vec![s1, s2, s3, s4, s5],
        employers: vec![hy_vee, target],
        assignments,
        specialists: vec![a, b],
    }
}

fn data(t: &Team) -> TeamData<'_> {
    TeamData {
        seekers: &t.seekers,
        employers: &t.employers,
        assignments: &t.assignments,
        specialists: &t.specialists,
    }
}

fn get(r: &FidelityReport, key: ItemKey) -> (Option<f64>, Option<u8>) {
    let i = r.items.iter().find(|i| i.key == key).unwrap();
    (i.measure, i.score)
}

fn period() -> Period {
    Period::new(d("2026-10-05"), d("2026-11-01")).unwrap()
}

#[test]
fn team_items_match_the_hand_count() {
    let t = team();
    let data = data(&t);
    let r = fidelity(&data, Scope::Team, period(), &FidelitySettings::default());
    // 4 active on 11-01 (S4 closed) over 2 specialists.
    assert_eq!(get(&r, ItemKey::CaseloadSize), (Some(2.0), Some(5)));
    // First contacts in the period: S1 16 days after meeting, S3 80; S2 has no first meeting.
    assert_eq!(get(&r, ItemKey::RapidJobSearch), (Some(48.0), Some(4)));
    // 5 face-to-face contacts in the period (V1 V2 V4 V5 V7) / 2 specialists / 4 weeks.
    assert_eq!(get(&r, ItemKey::EmployerContacts), (Some(0.63), Some(1)));
    // V1 V4 V7 followed, V2 did not: 3 of 4.
    assert_eq!(
        get(&r, ItemKey::IndividualizedSearch),
        (Some(75.0), Some(4))
    );
    // Starts in the period: J1 and J2, both cashiers, at two employers.
    assert_eq!(get(&r, ItemKey::JobTypeDiversity), (Some(50.0), Some(2)));
    assert_eq!(get(&r, ItemKey::EmployerDiversity), (Some(100.0), Some(5)));
    // Held in the period: J1, J3 competitive, J2 not: 66.67%, but fewer than 10 jobs → 1.
    assert_eq!(get(&r, ItemKey::CompetitiveJobs), (Some(66.67), Some(1)));
    // Requirements due in the period: J1 week-before, 3-days-after, week 1 (all met);
    // J2 the same three (none met); J3 month 2 (09-08..10-07, unmet) and the end contact
    // (10-16..10-19, met by the phone call): 4 of 8.
    assert_eq!(
        get(&r, ItemKey::TimeUnlimitedSupports),
        (Some(50.0), Some(3))
    );
    // 6 contacts (5 in person) + 4 specialist supports (3 in person): 8 of 10.
    assert_eq!(get(&r, ItemKey::CommunityBased), (Some(80.0), Some(5)));
    assert_eq!((r.total, r.max), (5 + 4 + 1 + 4 + 2 + 5 + 1 + 3 + 5, 45));
}

#[test]
fn specialist_scope_counts_only_their_caseload_and_contacts() {
    let t = team();
    let data = data(&t);
    let r = fidelity(
        &data,
        Scope::Specialist(t.a),
        period(),
        &FidelitySettings::default(),
    );
    assert_eq!(get(&r, ItemKey::CaseloadSize), (Some(3.0), Some(5)));
    assert_eq!(get(&r, ItemKey::EmployerContacts), (Some(0.75), Some(1)));
    assert_eq!(
        get(&r, ItemKey::IndividualizedSearch),
        (Some(66.67), Some(3))
    );
    // A's people with first contacts in the period: S1 only (S2 has no first meeting).
    assert_eq!(get(&r, ItemKey::RapidJobSearch), (Some(16.0), Some(5)));
}

#[test]
fn entry_basis_setting_changes_rapid_job_search() {
    let t = team();
    let data = data(&t);
    let s = FidelitySettings {
        entry_basis: EntryBasis::Referral,
        ..Default::default()
    };
    let r = fidelity(&data, Scope::Team, period(), &s);
    // S1 26 days after referral, S2 12; S3 has no referral date: mean 19.
    assert_eq!(get(&r, ItemKey::RapidJobSearch), (Some(19.0), Some(5)));
}

#[test]
fn a_week_with_no_contacts_scores_one_and_shows_as_zero() {
    let t = team();
    let data = data(&t);
    let quiet = Period::new(d("2026-10-26"), d("2026-11-01")).unwrap();
    let r = fidelity(&data, Scope::Team, quiet, &FidelitySettings::default());
    assert_eq!(get(&r, ItemKey::EmployerContacts), (Some(0.0), Some(1)));
    assert_eq!(get(&r, ItemKey::IndividualizedSearch), (None, None));
    assert!(r.max < 45, "unmeasurable items are not scored");
    let weekly = weekly_face_to_face(&data, period());
    let a = weekly.iter().find(|w| w.specialist == t.a).unwrap();
    let b = weekly.iter().find(|w| w.specialist == t.b).unwrap();
    assert_eq!(
        a.weeks.iter().map(|w| w.1).collect::<Vec<_>>(),
        vec![2, 1, 0, 0]
    );
    assert_eq!(
        b.weeks.iter().map(|w| w.1).collect::<Vec<_>>(),
        vec![0, 0, 2, 0]
    );
    assert_eq!(a.weeks[3].0, d("2026-10-26"));
}

#[test]
fn quarter_outcomes_across_the_boundary() {
    let t = team();
    let data = data(&t);
    let q3 = quarter_outcomes(&data, Scope::Team, "2026Q3".parse().unwrap());
    // Served in Q3: S1 (from 09-20), S3, S4 (closed 09-30, the quarter's last day).
    assert_eq!(q3.served, 3);
    // Worked competitively in Q3: S3 (J3) and S4 (J4, started and ended in Q3).
    assert_eq!(q3.worked_competitive, 2);
    assert_eq!(q3.employment_rate, Some(66.7));
    // Out of work at entry: S1 and S4; of them S4 worked.
    assert_eq!(
        (q3.served_unemployed_at_entry, q3.worked_unemployed_at_entry),
        (2, 1)
    );
    assert_eq!(q3.employment_rate_unemployed_at_entry, Some(50.0));
    assert_eq!((q3.new_job_starts, q3.job_ends, q3.left_program), (2, 1, 1));
    assert_eq!(
        (q3.employer_contacts, q3.in_education, q3.kept_job_90_days),
        (0, 0, 0)
    );

    let q4 = quarter_outcomes(&data, Scope::Team, "2026Q4".parse().unwrap());
    // S4 closed on 09-30 is not served in Q4; S1 S2 S3 S5 are.
    assert_eq!(q4.served, 4);
    // S1 (J1) and S3 (J3 until 10-15); J2 is not competitive.
    assert_eq!((q4.worked_competitive, q4.employment_rate), (2, Some(50.0)));
    assert_eq!(
        (q4.served_unemployed_at_entry, q4.worked_unemployed_at_entry),
        (2, 1)
    );
    assert_eq!((q4.new_job_starts, q4.job_ends, q4.left_program), (2, 1, 0));
    // J3 reached 90 days on 10-08; S5 is in school.
    assert_eq!((q4.kept_job_90_days, q4.in_education), (1, 1));
    assert_eq!((q4.employer_contacts, q4.face_to_face_contacts), (7, 6));
}

#[test]
fn per_person_rows_carry_no_names() {
    let t = team();
    let data = data(&t);
    let rows = person_rows(
        &data,
        "2026Q4".parse().unwrap(),
        EntryBasis::FirstMeeting,
        &|id| format!("P-{}", &id.to_string()[..8]),
    );
    assert_eq!(rows.len(), 4);
    let s1 = rows
        .iter()
        .find(|r| r.person_key == format!("P-{}", &t.seekers[0].id.to_string()[..8]))
        .unwrap();
    assert_eq!(s1.days_entry_to_first_employer_contact, Some(16));
    assert!(s1.worked_competitive);
    assert_eq!(s1.hourly_wage, Some(15.0));
    let text = serde_json::to_string(&rows).unwrap();
    for name in ["S1", "S2", "S3", "S5"] {
        assert!(
            !text.contains(&format!("\"{name}\"")),
            "a name leaked: {text}"
        );
    }
}
