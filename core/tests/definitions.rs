//! The definitions issue 15 corrected, each on a small team counted by hand in its comments:
//! competitive jobs are current jobs, follow-along supports count the specialist's contacts,
//! employer contacts take the closest scale point, job starts and "served" begin at program
//! entry, non-competitive jobs are no outcome, "kept a job 90 days" counts people.

mod common;

use common::*;
use fieldbook_core::fidelity::*;
use fieldbook_core::ids::*;
use fieldbook_core::model::*;
use fieldbook_core::{NewJob, NewSeeker, Store};

/// Monday 2026-10-05 to Sunday 2026-11-01: four weeks.
fn period() -> Period {
    Period::new(d("2026-10-05"), d("2026-11-01")).unwrap()
}

fn item(r: &FidelityReport, key: ItemKey) -> &FidelityItem {
    r.items.iter().find(|i| i.key == key).unwrap()
}

fn scored(r: &FidelityReport, key: ItemKey) -> (Option<f64>, Option<u8>) {
    let i = item(r, key);
    (i.measure, i.score)
}

fn searching(name: &str, since: &str) -> SeekerDoc {
    let mut s = seeker(name, None, Some(since), Some(true));
    status(&mut s, SeekerStatus::JobSearch, since);
    s
}

#[test]
fn competitive_jobs_are_the_current_jobs_of_people_on_the_caseload() {
    let mut team = Team::default();
    // P0..P9, on the caseload, each hold a competitive job from 10-01: 10 current jobs.
    for i in 0..10 {
        let mut p = searching(&format!("P{i}"), "2026-09-01");
        job(&mut p, (None, "Store"), "Clerk", "2026-10-01", None, true);
        if i == 0 {
            // A sheltered job that ended in the period: not current.
            job(
                &mut p,
                (None, "Workshop"),
                "Assembler",
                "2026-09-01",
                Some(("2026-10-10", "2026-10-10")),
                false,
            );
        }
        team.seekers.push(p);
    }
    // Q closed on 10-20 and still holds an enclave job: not on the caseload on 11-01.
    let mut q = searching("Q", "2026-09-01");
    status(&mut q, SeekerStatus::Closed, "2026-10-20");
    job(
        &mut q,
        (None, "Enclave"),
        "Packer",
        "2026-10-01",
        None,
        false,
    );
    team.seekers.push(q);
    // R's non-competitive job ended the day before the period's last day: not current.
    let mut r = searching("R", "2026-09-01");
    job(
        &mut r,
        (None, "Sorting"),
        "Sorter",
        "2026-10-01",
        Some(("2026-10-31", "2026-10-31")),
        false,
    );
    team.seekers.push(r);
    team.specialists.push(UserId::new());

    // Held at any time in the period, as before: 10 of 13 = 76.9 %, scoring 3. Current on
    // 11-01 by people on the caseload: 10 of 10, at least 10 jobs: 100 %, scoring 5.
    let report = fidelity(
        &team.data(),
        Scope::Team,
        period(),
        &FidelitySettings::default(),
    );
    assert_eq!(
        scored(&report, ItemKey::CompetitiveJobs),
        (Some(100.0), Some(5))
    );

    // One current job fewer (P9's ends on 10-31): 9 current jobs, fewer than 10, scores 1.
    let p9 = &mut team.seekers[9];
    let only = *p9.jobs.keys().next().unwrap();
    p9.jobs.get_mut(&only).unwrap().end = Some(JobEnd {
        date: d("2026-10-31"),
        reason: "moved".into(),
        learned: None,
    });
    let report = fidelity(
        &team.data(),
        Scope::Team,
        period(),
        &FidelitySettings::default(),
    );
    assert_eq!(
        scored(&report, ItemKey::CompetitiveJobs),
        (Some(100.0), Some(1))
    );
}

#[test]
fn follow_along_supports_count_only_the_specialists_face_to_face_contacts() {
    let mut s = searching("S", "2026-09-01");
    job(&mut s, (None, "Bakery"), "Baker", "2026-10-12", None, true);
    // Requirements whose window ends in the period, for a job starting Monday 10-12:
    // the week before (10-05..10-11), 3 days after (10-12..10-15), weeks 1, 2 and 3 of the
    // first month (10-12..10-18, 10-19..10-25, 10-26..11-01): 5 due.
    support_by(&mut s, "2026-10-08", true, SupportGiver::Family); // week before: family
    support(&mut s, "2026-10-13", true); // 3 days after and week 1: the specialist
    support_by(&mut s, "2026-10-20", true, SupportGiver::Employer); // week 2: the employer
    support(&mut s, "2026-10-27", false); // week 3: a phone call, not face to face
    let team = Team {
        seekers: vec![s],
        specialists: vec![UserId::new()],
        ..Default::default()
    };
    // Anyone's supports counted: 4 of 5 (80 %, scoring 4). The specialist's face-to-face
    // contacts only: 2 of 5 (40 %, scoring 2).
    let report = fidelity(
        &team.data(),
        Scope::Team,
        period(),
        &FidelitySettings::default(),
    );
    assert_eq!(
        scored(&report, ItemKey::TimeUnlimitedSupports),
        (Some(40.0), Some(2))
    );
}

#[test]
fn employer_contacts_score_at_the_closest_scale_point() {
    let a = UserId::new();
    let contacts = |n: usize| {
        let mut e = employer("Hardware store");
        for i in 0..n {
            let day = d("2026-10-05") + chrono::Duration::days((i % 28) as i64);
            visit(
                &mut e,
                &day.to_string(),
                a,
                ContactMode::InPerson,
                &mut [],
                None,
            );
        }
        let team = Team {
            employers: vec![e],
            specialists: vec![a],
            ..Default::default()
        };
        let report = fidelity(
            &team.data(),
            Scope::Team,
            period(),
            &FidelitySettings::default(),
        );
        scored(&report, ItemKey::EmployerContacts)
    };
    // 23 contacts in 4 weeks: 5.75 a week, closest to 6 (5); flooring gave 4.
    assert_eq!(contacts(23), (Some(5.75), Some(5)));
    // 13 contacts: 3.25 a week, closer to 4 (3) than to 2; flooring gave 2.
    assert_eq!(contacts(13), (Some(3.25), Some(3)));
    // 12 contacts: 3 a week, halfway between 2 and 4: the lower score.
    assert_eq!(contacts(12), (Some(3.0), Some(2)));
    // 7 contacts: 1.75 a week, fewer than 2: 1.
    assert_eq!(contacts(7), (Some(1.75), Some(1)));
}

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

fn store() -> (tempfile::TempDir, Store) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("phone.db"), None).unwrap();
    (dir, store)
}

fn new_seeker(store: &Store, referral: &str, meeting: &str) -> SeekerId {
    store
        .create_seeker(NewSeeker {
            id: None,
            profile: SeekerProfile {
                name: "Nina Petrova".into(),
                referral_date: Some(d(referral)),
                first_meeting: Some(d(meeting)),
                ..Default::default()
            },
            status: None,
            status_date: None,
        })
        .unwrap()
}

fn new_job(start: &str, competitive: bool) -> NewJob {
    NewJob {
        id: None,
        employer_id: None,
        employer_name: Some("Riverside Workshop".into()),
        title: "Assembler".into(),
        job_type: None,
        soc_code: None,
        start: d(start),
        hours_per_week: Some(20.0),
        hourly_wage_cents: None,
        permanent: None,
        competitive,
        disclosed: None,
    }
}

#[test]
fn a_job_start_never_dates_a_status_before_program_entry() {
    let (_dir, store) = store();
    // Referred 09-01, met 09-10 (engaging from 09-10); a job found on 06-01, recorded now.
    let id = new_seeker(&store, "2026-09-01", "2026-09-10");
    store.start_job(id, new_job("2026-06-01", true)).unwrap();
    let doc = store.seeker(id).unwrap();
    let dates: Vec<_> = doc.status_history.values().map(|c| c.date).collect();
    assert!(
        dates.iter().all(|day| *day >= d("2026-09-01")),
        "no status before entry: {dates:?}"
    );
    let (_, now) = doc.current_status().unwrap();
    assert_eq!(
        (now.status, now.date),
        (SeekerStatus::Working, d("2026-09-10"))
    );
    let team = Team {
        seekers: vec![doc],
        ..Default::default()
    };
    let q2 = quarter_outcomes(&team.data(), Scope::Team, "2026Q2".parse().unwrap());
    assert_eq!(q2.served, 0, "not served before entry");
}

#[test]
fn a_non_competitive_job_does_not_make_a_person_working() {
    let (_dir, store) = store();
    let id = new_seeker(&store, "2026-09-01", "2026-09-10");
    store
        .set_status(id, SeekerStatus::JobSearch, d("2026-09-20"), None)
        .unwrap();
    store.start_job(id, new_job("2026-10-01", false)).unwrap();
    let doc = store.seeker(id).unwrap();
    assert_eq!(
        doc.current_status().map(|(_, c)| c.status),
        Some(SeekerStatus::JobSearch)
    );
    assert_eq!(doc.jobs.len(), 1, "the job itself is recorded");
    // A competitive job afterwards does.
    store.start_job(id, new_job("2026-10-15", true)).unwrap();
    let doc = store.seeker(id).unwrap();
    assert_eq!(
        doc.current_status().map(|(_, c)| (c.status, c.date)),
        Some((SeekerStatus::Working, d("2026-10-15")))
    );
}

#[test]
fn rapid_job_search_shows_who_is_past_day_30_without_a_contact() {
    let a = UserId::new();
    let mut hardware = employer("Hardware store");
    // K met the specialist 09-01, first face-to-face employer contact 10-06: 35 days.
    let mut k = searching("K", "2026-09-01");
    visit(
        &mut hardware,
        "2026-10-06",
        a,
        ContactMode::InPerson,
        &mut [&mut k],
        Some(true),
    );
    // G met 09-01, no contact: 61 days on 11-01. I met 09-15, first contact 11-05 (after
    // the period): 47 days on 11-01. H met 10-05: 27 days, not past yet. J, closed 10-15
    // without a contact, is no longer on the caseload.
    let g = searching("G", "2026-09-01");
    let mut i = searching("I", "2026-09-15");
    visit(
        &mut hardware,
        "2026-11-05",
        a,
        ContactMode::InPerson,
        &mut [&mut i],
        Some(true),
    );
    let h = searching("H", "2026-10-05");
    let mut j = searching("J", "2026-08-01");
    status(&mut j, SeekerStatus::Closed, "2026-10-15");
    let team = Team {
        seekers: vec![k, g, i, h, j],
        employers: vec![hardware],
        specialists: vec![a],
        ..Default::default()
    };
    let report = fidelity(
        &team.data(),
        Scope::Team,
        period(),
        &FidelitySettings::default(),
    );
    let rapid = item(&report, ItemKey::RapidJobSearch);
    // The mean holds K alone (35 days, scoring 4); G and I are shown beside it.
    assert_eq!((rapid.measure, rapid.score), (Some(35.0), Some(4)));
    assert_eq!(
        rapid.beside,
        vec![Aside {
            count: 2,
            label: "past day 30 without a face-to-face employer contact".into()
        }]
    );
}

#[test]
fn contacts_with_no_answer_to_followed_preference_are_counted() {
    let a = UserId::new();
    let mut e = employer("Diner");
    let mut s = searching("S", "2026-09-01");
    for (day, followed) in [
        ("2026-10-06", Some(true)),
        ("2026-10-07", Some(false)),
        ("2026-10-08", None),
    ] {
        visit(
            &mut e,
            day,
            a,
            ContactMode::InPerson,
            &mut [&mut s],
            followed,
        );
    }
    // A general contact (no job seeker) is not about preferences at all.
    visit(
        &mut e,
        "2026-10-09",
        a,
        ContactMode::InPerson,
        &mut [],
        None,
    );
    let team = Team {
        seekers: vec![s],
        employers: vec![e],
        specialists: vec![a],
        ..Default::default()
    };
    let report = fidelity(
        &team.data(),
        Scope::Team,
        period(),
        &FidelitySettings::default(),
    );
    let search = item(&report, ItemKey::IndividualizedSearch);
    // 1 of the 2 answered contacts followed the preference: 50 % (scoring 3); the third
    // contact had no answer and is counted beside, not dropped silently.
    assert_eq!((search.measure, search.score), (Some(50.0), Some(3)));
    assert_eq!(search.beside.len(), 1);
    assert_eq!(search.beside[0].count, 1);
    assert!(
        search.detail.contains("1 with no answer"),
        "{}",
        search.detail
    );
}

#[test]
fn the_softwares_own_measures_are_marked_as_proxies() {
    let team = Team {
        specialists: vec![UserId::new()],
        ..Default::default()
    };
    let report = fidelity(
        &team.data(),
        Scope::Team,
        period(),
        &FidelitySettings::default(),
    );
    let proxies: Vec<ItemKey> = report
        .items
        .iter()
        .filter(|i| i.proxy.is_some())
        .map(|i| i.key)
        .collect();
    assert_eq!(
        proxies,
        vec![ItemKey::TimeUnlimitedSupports, ItemKey::CommunityBased]
    );
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
        .any(|n| n.contains("1 job start(s) that are not competitive")));
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
fn a_status_set_the_day_a_person_joined_is_the_one_in_force() {
    let (_dir, store) = store();
    // Twenty people, each "engaging" from 09-10 and set to "job search" the same day: the
    // entry recorded later is in force for every one of them (ties used to go by random id).
    for _ in 0..20 {
        let id = new_seeker(&store, "2026-09-01", "2026-09-10");
        store
            .set_status(id, SeekerStatus::JobSearch, d("2026-09-10"), None)
            .unwrap();
        let doc = store.seeker(id).unwrap();
        assert_eq!(
            doc.current_status().map(|(_, c)| c.status),
            Some(SeekerStatus::JobSearch)
        );
    }
    let caseload = store.caseload(d("2026-11-01")).unwrap();
    assert!(caseload
        .iter()
        .all(|c| c.status == Some(SeekerStatus::JobSearch)));
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
