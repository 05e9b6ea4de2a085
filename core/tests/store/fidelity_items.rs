//! The fidelity items issue 15 corrected, each on a small team counted by hand in its
//! comments: competitive jobs are current jobs, follow-along supports count the specialist's
//! face-to-face contacts, employer contacts take the closest scale point, and what a mean leaves
//! out (people past day 30, contacts with no answer) is counted beside it.

use crate::common::*;
use fieldbook_core::fidelity::*;
use fieldbook_core::ids::*;
use fieldbook_core::model::*;

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
fn scores_by_the_programs_own_bands_are_marked() {
    let team = Team {
        specialists: vec![UserId::new()],
        ..Default::default()
    };
    let own = |settings: &FidelitySettings| -> Vec<ItemKey> {
        fidelity(&team.data(), Scope::Team, period(), settings)
            .items
            .iter()
            .filter(|i| i.own_bands)
            .map(|i| i.key)
            .collect()
    };
    // The scale's bands: nothing marked.
    assert_eq!(own(&FidelitySettings::default()), vec![]);
    // A program that scores rapid job search by its own bands and asks 5 current jobs for
    // "competitive jobs": those two, and only those, are the program's scores.
    let settings = FidelitySettings::from_toml(
        "competitive_min_jobs = 5\n[rapid_job_search]\ndirection = \"lower_is_better\"\nbands = [20.0, 40.0, 100.0, 200.0]\n",
    )
    .unwrap();
    assert_eq!(
        own(&settings),
        vec![ItemKey::RapidJobSearch, ItemKey::CompetitiveJobs]
    );
    // The weekly goal shown to specialists is a setting, but no item's score depends on it.
    let goal = FidelitySettings {
        weekly_contact_goal: 4,
        ..FidelitySettings::default()
    };
    assert_eq!(own(&goal), vec![]);
}
