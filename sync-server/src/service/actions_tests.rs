//! What needs action, counted by hand on a made-up team on Wednesday 2026-03-18 (last week:
//! Monday 03-09 to Sunday 03-15; default settings: goal 6 a week, first contact by day 30
//! from the first meeting, "near" from day 20).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use fieldbook_core::fidelity::{FidelitySettings, Scope};
use fieldbook_core::ids::*;
use fieldbook_core::model::*;

use super::actions::actions;
use super::reports::Team;
use super::test_docs::*;

#[test]
fn the_action_list_names_the_people_counted_by_hand() {
    let (ana, ben) = (UserId::new(), UserId::new());
    let mut shop = employer("Hy-Vee");
    // Day 45 and day 22 without an employer contact: past and near day 30.
    let mut pat = seeker("Pat Past", "2026-02-01");
    let mut nora = seeker("Nora Near", "2026-02-24");
    // Day 8: not yet near. Cal was taken to an employer on day 22. Cora's case closed.
    let eli = seeker("Eli Early", "2026-03-10");
    let mut cal = seeker("Cal Contacted", "2026-01-10");
    visit(&mut shop, "2026-02-01", ana, &mut [&mut cal]);
    let mut cora = seeker("Cora Closed", "2026-01-01");
    status(&mut cora, SeekerStatus::Closed, "2026-02-01");
    // Ed's job ended on 03-05 (learned 03-06) and nobody saw him within 3 days (by 03-09).
    let mut ed = seeker("Ed Ended", "2025-10-01");
    visit(&mut shop, "2025-10-20", ana, &mut [&mut ed]);
    job(
        &mut ed,
        "stocker",
        "2025-11-01",
        Some(("2026-03-05", "2026-03-06")),
    );
    for (day, by) in [("2025-10-31", true), ("2025-11-02", true)] {
        support(&mut ed, day, by, SupportGiver::Specialist);
    }
    // Wes started on Monday 03-09: week 2 of the job (03-16 to 03-22) is open and only his
    // mother has seen him in it, which does not count.
    let mut wes = seeker("Wes Working", "2025-12-01");
    visit(&mut shop, "2025-12-05", ben, &mut [&mut wes]);
    job(&mut wes, "cashier", "2026-03-09", None);
    support(&mut wes, "2026-03-17", true, SupportGiver::Family);
    // Consents: Pat's release ends in 23 days, Nora's ended on 03-01, Cal's in 75 days.
    consent(&mut pat, ReleaseTo::StateAgency, "2025-04-11", "2026-04-10");
    consent(&mut nora, ReleaseTo::Employers, "2025-03-02", "2026-03-01");
    consent(&mut cal, ReleaseTo::StateAgency, "2025-06-02", "2026-06-01");
    // Last week: Ana met 6 employers face to face (the goal), Ben 2.
    for day in ["09", "10", "11", "12", "13", "13"] {
        visit(&mut shop, &format!("2026-03-{day}"), ana, &mut []);
    }
    for day in ["10", "12"] {
        visit(&mut shop, &format!("2026-03-{day}"), ben, &mut []);
    }

    let mut assignments = BTreeMap::new();
    for s in [&pat, &nora, &eli, &cal, &cora, &ed] {
        assignments.insert(s.id, vec![ana]);
    }
    assignments.insert(wes.id, vec![ben]);
    let team = Team::new(
        TeamId::new(),
        "River Bend",
        vec![pat, nora, eli, cal, cora, ed, wes],
        vec![shop],
        assignments,
        vec![(ana, "Ana Ruiz".into()), (ben, "Ben Okafor".into())],
    );
    let settings = FidelitySettings::default();
    let a = actions(&team, Scope::Team, &settings, d("2026-03-18"));

    let first: Vec<(&str, i64, bool)> = a
        .first_contact
        .iter()
        .map(|f| (f.person.name.as_str(), f.days_since_entry, f.past))
        .collect();
    assert_eq!(
        first,
        vec![("Pat Past", 45, true), ("Nora Near", 22, false)]
    );
    assert_eq!(a.first_contact[0].person.specialists, vec!["Ana Ruiz"]);

    let under: Vec<(&str, u32)> = a
        .under_goal
        .iter()
        .map(|u| (u.name.as_str(), u.face_to_face))
        .collect();
    assert_eq!(under, vec![("Ben Okafor", 2)]);
    assert_eq!(a.under_goal[0].week_start, d("2026-03-09"));

    let ends: Vec<(&str, NaiveDate, bool)> = a
        .job_ends
        .iter()
        .map(|j| (j.person.name.as_str(), j.due_by, j.overdue))
        .collect();
    assert_eq!(ends, vec![("Ed Ended", d("2026-03-09"), true)]);

    let due: Vec<(&str, &str, NaiveDate)> = a
        .supports_due
        .iter()
        .map(|s| (s.person.name.as_str(), s.what.as_str(), s.due_by))
        .collect();
    assert_eq!(
        due,
        vec![("Wes Working", "week 2 of the job", d("2026-03-22"))]
    );

    let consents: Vec<(&str, i64, bool)> = a
        .consents
        .iter()
        .map(|c| {
            (
                c.alert.display_name.as_str(),
                c.alert.days_left,
                c.alert.expired,
            )
        })
        .collect();
    assert_eq!(
        consents,
        vec![("Nora Near", -17, true), ("Pat Past", 23, false)]
    );

    assert_eq!(a.counts.first_contact_past, 1);
    assert_eq!(a.counts.first_contact_near, 1);
    assert_eq!(a.counts.consents_expiring, 1);
    assert_eq!(a.counts.consents_expired, 1);

    // Ben's own page: only his caseload and himself.
    let b = actions(&team, Scope::Specialist(ben), &settings, d("2026-03-18"));
    assert!(b.first_contact.is_empty() && b.job_ends.is_empty() && b.consents.is_empty());
    assert_eq!(b.supports_due.len(), 1);
    assert_eq!(b.under_goal.len(), 1);
    let a_only = actions(&team, Scope::Specialist(ana), &settings, d("2026-03-18"));
    assert!(a_only.under_goal.is_empty(), "Ana met the goal");

    // An admin gets the same counts and no names.
    let counts = a.counts.clone();
    let hidden = a.counts_only();
    assert_eq!(hidden.counts, counts);
    assert!(hidden.first_contact.is_empty() && hidden.consents.is_empty());
    assert!(hidden.job_ends.is_empty() && hidden.supports_due.is_empty());
}

#[test]
fn a_job_entered_in_error_asks_for_no_contact() {
    let ana = UserId::new();
    // Ed's job ended on 03-05 with no contact; Wes's started on 03-09 and week 2 is open.
    let mut ed = seeker("Ed Ended", "2025-10-01");
    job(
        &mut ed,
        "stocker",
        "2025-11-01",
        Some(("2026-03-05", "2026-03-06")),
    );
    let mut wes = seeker("Wes Working", "2025-12-01");
    job(&mut wes, "cashier", "2026-03-09", None);
    let lists = |people: Vec<SeekerDoc>| {
        let assignments = people.iter().map(|s| (s.id, vec![ana])).collect();
        let names = vec![(ana, "Ana Ruiz".into())];
        let team = Team::new(
            TeamId::new(),
            "River Bend",
            people,
            vec![],
            assignments,
            names,
        );
        let a = actions(
            &team,
            Scope::Team,
            &FidelitySettings::default(),
            d("2026-03-18"),
        );
        (a.job_ends.len(), a.supports_due.len())
    };
    assert_eq!(lists(vec![ed.clone(), wes.clone()]), (1, 1));
    // Both jobs were entered on the wrong job seekers: nothing is due for them.
    let void = Voided {
        at: at("2026-03-10"),
        by: Some(ana),
        reason: "entered on the wrong job seeker".into(),
    };
    for s in [&mut ed, &mut wes] {
        for j in s.jobs.values_mut() {
            j.voided = Some(void.clone());
        }
    }
    assert_eq!(lists(vec![ed, wes]), (0, 0));
}
