//! The week screen on a real store file: face-to-face employer contacts against the goal
//! (plural forms, progress), the day-30 warnings by name, in every language.

use crate::support::{assert_worded, noon, Phone};
use chrono::{Duration, NaiveDate};
use fieldbook_core::ids::{EmployerId, SeekerId};
use fieldbook_core::model::{ContactMode, EmployerInfo, SeekerProfile, VisitPurpose};
use fieldbook_core::{today, NewEmployer, NewSeeker, NewVisit};
use fieldbook_presentation::week::{progress, WeekScreen};
use fieldbook_presentation::Language;

fn seeker(phone: &Phone, name: &str, first_meeting_days_ago: i64) -> SeekerId {
    phone
        .store
        .create_seeker(NewSeeker {
            id: None,
            profile: SeekerProfile {
                name: name.into(),
                first_meeting: Some(today() - Duration::days(first_meeting_days_ago)),
                ..Default::default()
            },
            status: None,
            status_date: None,
        })
        .unwrap()
}

fn employer(phone: &Phone) -> EmployerId {
    phone
        .store
        .create_employer(NewEmployer {
            id: None,
            info: EmployerInfo {
                name: "Riverbend Hardware".into(),
                ..Default::default()
            },
        })
        .unwrap()
}

fn visit(
    phone: &Phone,
    employer: EmployerId,
    day: NaiveDate,
    mode: ContactMode,
    for_: &[SeekerId],
) {
    phone
        .store
        .log_visit(NewVisit {
            id: None,
            employer_id: employer,
            at: noon(day, 0) - Duration::hours(2),
            specialist: None,
            contact_id: None,
            location: None,
            mode,
            purpose: VisitPurpose::PresentCandidate,
            seekers: for_.to_vec(),
            followed_preference: Some(true),
            outcome: None,
            next_step: None,
            next_step_date: None,
        })
        .unwrap();
}

fn week(phone: &Phone) -> WeekScreen {
    phone.screens.week_at(noon(today(), 0)).unwrap()
}

#[test]
fn the_week_counts_face_to_face_contacts_against_the_goal() {
    let phone = Phone::new(Language::English);
    let empty = week(&phone);
    assert_eq!(
        empty.headline,
        "0 of 6 face-to-face employer contacts this week"
    );
    assert_eq!(empty.to_goal, "6 more to reach the goal");
    assert_eq!(empty.all_contacts, "0 employer contacts of any kind");
    assert_eq!(empty.progress, 0.0);
    assert_eq!(
        empty.no_warnings.as_deref(),
        Some("Every job seeker has met an employer in time.")
    );

    let shop = employer(&phone);
    visit(&phone, shop, today(), ContactMode::InPerson, &[]);
    let one = week(&phone);
    assert_eq!(one.face_to_face, 1);
    assert_eq!(
        one.headline,
        "1 of 6 face-to-face employer contacts this week"
    );
    assert_eq!(one.to_goal, "5 more to reach the goal");
    assert_eq!(one.all_contacts, "1 employer contact of any kind");
    assert!((one.progress - 1.0 / 6.0).abs() < 1e-6, "{}", one.progress);

    // A phone call is a contact, not a face-to-face one.
    visit(&phone, shop, today(), ContactMode::Phone, &[]);
    let call = week(&phone);
    assert_eq!(call.face_to_face, 1);
    assert_eq!(call.all_contacts, "2 employer contacts of any kind");

    for _ in 0..5 {
        visit(&phone, shop, today(), ContactMode::InPerson, &[]);
    }
    let met = week(&phone);
    assert_eq!(
        met.headline,
        "6 of 6 face-to-face employer contacts this week"
    );
    assert_eq!(met.to_goal, "The week's goal is met.");
    assert_eq!(met.progress, 1.0);
    visit(&phone, shop, today(), ContactMode::InPerson, &[]);
    assert_eq!(week(&phone).progress, 1.0, "progress stops at the goal");
    assert_eq!(week(&phone).to_goal, "The week's goal is met.");
}

#[test]
fn a_visit_of_last_week_does_not_count_this_week() {
    let phone = Phone::new(Language::English);
    let shop = employer(&phone);
    visit(
        &phone,
        shop,
        today() - Duration::days(7),
        ContactMode::InPerson,
        &[],
    );
    assert_eq!(week(&phone).face_to_face, 0);
}

#[test]
fn job_seekers_near_or_past_day_30_are_named() {
    let phone = Phone::new(Language::English);
    let ana = seeker(&phone, "Ana López", 34);
    seeker(&phone, "Erik Lund", 25);
    seeker(&phone, "Mai Vang", 3);
    let screen = week(&phone);
    let texts: Vec<&str> = screen.warnings.iter().map(|w| w.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Ana López: day 34, past day 30 with no employer contact",
            "Erik Lund: day 25 of 30, no employer contact yet",
        ]
    );
    assert!(screen.warnings[0].past && !screen.warnings[1].past);
    assert_eq!(screen.warnings[0].seeker_id, ana.to_string());
    assert_eq!(screen.no_warnings, None);
    assert_eq!(screen.warnings_title, "No employer contact yet");

    // A face-to-face visit for Ana clears her warning.
    let shop = employer(&phone);
    visit(&phone, shop, today(), ContactMode::InPerson, &[ana]);
    let screen = week(&phone);
    assert_eq!(screen.warnings.len(), 1);
    assert!(screen.warnings[0].text.starts_with("Erik Lund: "));
}

#[test]
fn the_week_reads_in_every_language() {
    let phone = Phone::new(Language::Spanish);
    seeker(&phone, "Ana López", 34);
    seeker(&phone, "Erik Lund", 25);
    let shop = employer(&phone);
    visit(&phone, shop, today(), ContactMode::InPerson, &[]);
    let spanish = week(&phone);
    assert_eq!(
        spanish.headline,
        "1 de 6 contactos presenciales con empleadores esta semana"
    );
    assert_eq!(spanish.to_goal, "Faltan 5 para la meta");
    assert_eq!(
        spanish.warnings[0].text,
        "Ana López: día 34, pasado el día 30 sin contacto con empleadores"
    );
    for language in Language::ALL {
        phone.screens.set_language(language);
        let w = week(&phone);
        let mut texts = vec![
            w.title.as_str(),
            &w.range,
            &w.headline,
            &w.to_goal,
            &w.all_contacts,
            &w.warnings_title,
        ];
        texts.extend(w.warnings.iter().map(|w| w.text.as_str()));
        assert_worded(&texts);
        assert!(w.warnings[0].text.contains("Ana López"), "{language:?}");
    }
}

#[test]
fn progress_is_a_share_of_the_goal() {
    assert_eq!(progress(3, 6), 0.5);
    assert_eq!(progress(9, 6), 1.0);
    assert_eq!(progress(0, 0), 1.0);
}
