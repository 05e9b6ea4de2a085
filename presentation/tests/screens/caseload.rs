//! The caseload screen and the sync indicator on a real store file: every row says in words
//! where the job seeker is, alerts included, in each language, and search goes through the
//! core's name index.

use crate::support::{assert_worded, noon, Phone};
use chrono::Duration;
use fieldbook_core::model::{
    ContactMode, EmployerInfo, ReleaseTo, SeekerProfile, StepOwner, VisitPurpose,
};
use fieldbook_core::{today, NewConsent, NewEmployer, NewSeeker, NewStep, NewVisit};
use fieldbook_presentation::caseload::{AlertKind, CaseloadScreen};
use fieldbook_presentation::indicator::SyncLevel;
use fieldbook_presentation::Language;

fn seeker(phone: &Phone, name: &str, first_meeting_days_ago: i64) -> fieldbook_core::ids::SeekerId {
    phone
        .store
        .create_seeker(NewSeeker {
            id: None,
            profile: SeekerProfile {
                name: name.into(),
                referral_date: Some(today() - Duration::days(first_meeting_days_ago + 2)),
                first_meeting: Some(today() - Duration::days(first_meeting_days_ago)),
                ..Default::default()
            },
            status: None,
            status_date: None,
        })
        .unwrap()
}

/// Ana: met 34 days ago, no employer contact, consent with Hy-Vee ending in 3 days, a step
/// due yesterday. Erik: met 5 days ago, visited an employer 3 days ago.
fn caseload_phone(language: Language) -> Phone {
    let phone = Phone::new(language);
    let ana = seeker(&phone, "Ana López", 34);
    phone
        .store
        .add_consent(
            ana,
            NewConsent {
                scope: "employment".into(),
                recipient: "Hy-Vee".into(),
                release_to: ReleaseTo::Employers,
                signed: today() - Duration::days(300),
                expires: Some(today() + Duration::days(3)),
            },
        )
        .unwrap();
    phone
        .store
        .add_step(
            ana,
            NewStep {
                id: None,
                what: "Call Hy-Vee".into(),
                who: StepOwner::Specialist,
                due: Some(today() - Duration::days(1)),
            },
        )
        .unwrap();
    let erik = seeker(&phone, "Erik Lund", 5);
    let shop = phone
        .store
        .create_employer(NewEmployer {
            id: None,
            info: EmployerInfo {
                name: "Riverbend Hardware".into(),
                ..Default::default()
            },
        })
        .unwrap();
    phone
        .store
        .log_visit(NewVisit {
            id: None,
            employer_id: shop,
            at: noon(today() - Duration::days(3), -6),
            specialist: None,
            contact_id: None,
            location: None,
            mode: ContactMode::InPerson,
            purpose: VisitPurpose::LearnBusinessNeeds,
            seekers: vec![erik],
            followed_preference: Some(true),
            outcome: Some("Talked about stocking work".into()),
            next_step: None,
            next_step_date: None,
        })
        .unwrap();
    phone
}

fn row<'a>(
    screen: &'a CaseloadScreen,
    name: &str,
) -> &'a fieldbook_presentation::caseload::CaseloadItem {
    screen
        .rows
        .iter()
        .find(|r| r.name == name)
        .unwrap_or_else(|| panic!("{name} not on {screen:?}"))
}

#[test]
fn each_row_says_status_alerts_last_contact_and_next_step() {
    let phone = caseload_phone(Language::English);
    let screen = phone.screens.caseload_at("", noon(today(), 0)).unwrap();
    assert_eq!(screen.title, "Caseload");
    assert_eq!(screen.rows.len(), 2);
    assert_eq!(screen.empty_line, None);

    let ana = row(&screen, "Ana López");
    assert_eq!(ana.status, "Engaging");
    let alerts: Vec<(AlertKind, bool, &str)> = ana
        .alerts
        .iter()
        .map(|a| (a.kind, a.urgent, a.text.as_str()))
        .collect();
    assert_eq!(
        alerts,
        vec![
            (
                AlertKind::FirstEmployerContact,
                true,
                "No employer contact yet: 34 days, past the 30-day goal"
            ),
            (AlertKind::StepDue, true, "Step due yesterday: Call Hy-Vee"),
            (
                AlertKind::Consent,
                false,
                "Consent to share with Hy-Vee ends in 3 days"
            ),
        ]
    );
    assert_eq!(ana.last_contact, "No employer contact yet");
    assert_eq!(
        ana.next_step.as_deref(),
        Some("Next step: Call Hy-Vee, due yesterday")
    );
    // The row read aloud carries every state in words.
    for part in [
        "Ana López",
        "Engaging",
        "past the 30-day goal",
        "ends in 3 days",
    ] {
        assert!(
            ana.accessibility_label.contains(part),
            "{}",
            ana.accessibility_label
        );
    }

    let erik = row(&screen, "Erik Lund");
    assert!(erik.alerts.is_empty(), "{:?}", erik.alerts);
    assert_eq!(erik.last_contact, "Last employer contact: 3 days ago");
    assert_eq!(erik.next_step, None);
}

#[test]
fn the_last_contact_is_counted_on_the_phones_own_day() {
    let phone = caseload_phone(Language::English);
    // Erik's visit was at noon in UTC-6, three days before today: 18:00 UTC that day.
    // A phone at UTC+9 already saw that day end at 03:00 the next morning.
    let at = |offset| {
        let screen = phone
            .screens
            .caseload_at("", noon(today(), offset))
            .unwrap();
        row(&screen, "Erik Lund").last_contact.clone()
    };
    assert_eq!(at(-6), "Last employer contact: 3 days ago");
    assert_eq!(at(9), "Last employer contact: 2 days ago");
}

#[test]
fn search_finds_by_the_start_of_any_name_word() {
    let phone = caseload_phone(Language::English);
    let now = noon(today(), 0);
    let found = phone.screens.caseload_at("lun", now).unwrap();
    assert_eq!(
        found
            .rows
            .iter()
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>(),
        ["Erik Lund"]
    );
    let found = phone.screens.caseload_at("LOPEZ", now).unwrap();
    assert_eq!(
        found
            .rows
            .iter()
            .map(|r| r.name.as_str())
            .collect::<Vec<_>>(),
        ["Ana López"]
    );
    let none = phone.screens.caseload_at("zed", now).unwrap();
    assert!(none.rows.is_empty());
    assert_eq!(
        none.empty_line.as_deref(),
        Some("No job seeker’s name starts with “zed”")
    );
}

#[test]
fn the_caseload_reads_in_every_language() {
    let spanish = caseload_phone(Language::Spanish);
    let screen = spanish.screens.caseload_at("", noon(today(), 0)).unwrap();
    assert_eq!(screen.title, "Casos");
    let ana = row(&screen, "Ana López");
    assert_eq!(ana.status, "Primeros contactos");
    assert_eq!(ana.last_contact, "Sin contacto con empleadores todavía");
    assert_eq!(
        ana.alerts[2].text,
        "El consentimiento para compartir con Hy-Vee termina dentro de 3 días"
    );
    for language in Language::ALL {
        let phone = caseload_phone(language);
        let screen = phone.screens.caseload_at("", noon(today(), 0)).unwrap();
        let mut texts = vec![screen.title.as_str(), screen.search_label.as_str()];
        for r in &screen.rows {
            texts.extend([
                r.status.as_str(),
                r.last_contact.as_str(),
                r.accessibility_label.as_str(),
            ]);
            texts.extend(r.next_step.as_deref());
            texts.extend(r.alerts.iter().map(|a| a.text.as_str()));
        }
        assert_worded(&texts);
        let empty = Phone::new(language);
        let screen = empty.screens.caseload_at("", noon(today(), 0)).unwrap();
        assert_worded(&[screen.empty_line.as_deref().unwrap()]);
    }
}

#[test]
fn the_indicator_says_every_state_in_words() {
    let phone = Phone::new(Language::English);
    let now = noon(today(), 0);
    let indicator = phone.screens.sync_indicator_at(true, now).unwrap();
    assert_eq!(indicator.state, SyncLevel::NotEnrolled);
    assert_eq!(indicator.line, "Not connected to a team server yet");
    assert_eq!(indicator.last_sync, None);

    seeker(&phone, "Ana López", 3);
    let indicator = phone.screens.sync_indicator_at(false, now).unwrap();
    assert_eq!(indicator.state, SyncLevel::NotEnrolled);
    let waiting = phone.store.pending_changes().unwrap();
    assert_eq!(
        indicator.line,
        format!("Not connected to a team server yet · {waiting} changes waiting to sync")
    );
    assert_eq!(
        indicator.accessibility_label,
        indicator.line.replace(" · ", ". ")
    );
    for language in Language::ALL {
        phone.screens.set_language(language);
        let indicator = phone.screens.sync_indicator_at(false, now).unwrap();
        assert_worded(&[&indicator.line, &indicator.accessibility_label]);
    }
}
