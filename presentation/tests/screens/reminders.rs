//! The local notifications planned from a real store: steps coming due and the day-30 rule,
//! at 09:00 on the phone's clock, none in the past, worded in each language.

use crate::support::{assert_worded, noon, Phone};
use chrono::{DateTime, Duration};
use fieldbook_core::model::{SeekerProfile, StepOwner};
use fieldbook_core::{today, NewSeeker, NewStep};
use fieldbook_presentation::reminders::ReminderKind;
use fieldbook_presentation::Language;
use fieldbook_test_support::fixtures::{employer, visit};

fn seeker_met(phone: &Phone, name: &str, days_ago: i64) -> fieldbook_core::ids::SeekerId {
    phone
        .store
        .create_seeker(NewSeeker {
            id: None,
            profile: SeekerProfile {
                name: name.into(),
                first_meeting: Some(today() - Duration::days(days_ago)),
                ..Default::default()
            },
            status: None,
            status_date: None,
        })
        .unwrap()
}

fn add_step(phone: &Phone, seeker: fieldbook_core::ids::SeekerId, what: &str, due_in: i64) {
    phone
        .store
        .add_step(
            seeker,
            NewStep {
                id: None,
                what: what.into(),
                who: StepOwner::Specialist,
                due: Some(today() + Duration::days(due_in)),
            },
        )
        .unwrap();
}

#[test]
fn steps_due_and_the_day_30_rule_are_planned_at_nine_on_the_phones_clock() {
    let phone = Phone::new(Language::English);
    let ana = seeker_met(&phone, "Ana López", 25);
    add_step(&phone, ana, "Call Hy-Vee", 7);
    add_step(&phone, ana, "Overdue call", -1);
    add_step(&phone, ana, "Too far ahead", 30);
    // Erik had his first face-to-face employer contact: no day-30 reminder.
    let erik = seeker_met(&phone, "Erik Lund", 25);
    let shop = employer(&phone.store, "Riverbend Hardware");
    visit(&phone.store, shop, &[erik], "met the manager");

    let reminders = phone.screens.reminders_at(noon(today(), -6)).unwrap();
    let planned: Vec<(ReminderKind, &str, &str, &str)> = reminders
        .iter()
        .map(|r| (r.kind, r.title.as_str(), r.body.as_str(), r.at.as_str()))
        .collect();
    let words = fieldbook_presentation::Words::new(Language::English);
    let deadline = fieldbook_presentation::format::date(&words, today() + Duration::days(5));
    let first_contact_body =
        format!("IPS aims for a first face-to-face employer contact within 30 days: by {deadline}");
    let at = |days: i64| format!("{}T09:00:00-06:00", today() + Duration::days(days));
    assert_eq!(
        planned,
        vec![
            (
                ReminderKind::FirstEmployerContact,
                "Ana López has no employer contact yet",
                first_contact_body.as_str(),
                at(5).as_str()
            ),
            (
                ReminderKind::StepDue,
                "Plan step for Ana López",
                "Due today: Call Hy-Vee",
                at(7).as_str()
            ),
        ],
        "the day-30 warning a week before is already past; the overdue and far steps are not planned"
    );
    assert!(reminders.iter().all(|r| r.seeker_id == ana.to_string()));

    // Planned again, the keys are the same (the apps replace, not duplicate).
    let again = phone.screens.reminders_at(noon(today(), -6)).unwrap();
    assert_eq!(
        again.iter().map(|r| &r.key).collect::<Vec<_>>(),
        reminders.iter().map(|r| &r.key).collect::<Vec<_>>()
    );
}

#[test]
fn a_reminder_already_past_on_the_phones_clock_is_not_planned() {
    let phone = Phone::new(Language::English);
    let ana = seeker_met(&phone, "Ana López", 2);
    add_step(&phone, ana, "Call Hy-Vee", 0);
    // Noon: 09:00 today has passed. Early morning: it is still to come.
    let noon_today = noon(today(), 0);
    assert!(phone
        .screens
        .reminders_at(noon_today)
        .unwrap()
        .iter()
        .all(|r| r.kind != ReminderKind::StepDue));
    let early = DateTime::parse_from_rfc3339(&format!("{}T06:00:00+00:00", today())).unwrap();
    let planned = phone.screens.reminders_at(early).unwrap();
    let step = planned
        .iter()
        .find(|r| r.kind == ReminderKind::StepDue)
        .unwrap();
    assert_eq!(step.at, format!("{}T09:00:00+00:00", today()));
}

#[test]
fn reminders_are_worded_in_every_language() {
    let phone = Phone::new(Language::Spanish);
    let ana = seeker_met(&phone, "Ana López", 25);
    add_step(&phone, ana, "Llamar a Hy-Vee", 3);
    let planned = phone.screens.reminders_at(noon(today(), 0)).unwrap();
    assert_eq!(planned[0].body, "Para hoy: Llamar a Hy-Vee");
    assert_eq!(
        planned[1].title,
        "Ana López todavía no tiene contacto con empleadores"
    );
    for language in Language::ALL {
        phone.screens.set_language(language);
        for r in phone.screens.reminders_at(noon(today(), 0)).unwrap() {
            assert_worded(&[&r.title, &r.body, &r.public_text]);
            assert!(
                !r.public_text.contains("Ana"),
                "names nobody: {}",
                r.public_text
            );
        }
    }
}
