//! The employers list and an employer's page on a real store file: visits counted and the
//! last one said relative to today, search through the core's name index, each visit's
//! time, mode, purpose and outcome worded, in every language.

use crate::support::{assert_worded, noon, Phone};
use chrono::{Duration, FixedOffset};
use fieldbook_core::ids::EmployerId;
use fieldbook_core::model::{ContactMode, EmployerContact, EmployerInfo, VisitPurpose};
use fieldbook_core::{today, NewEmployer, NewVisit};
use fieldbook_presentation::employers::EmployerProblem;
use fieldbook_presentation::Language;
use fieldbook_test_support::fixtures::seeker;

fn employer(phone: &Phone, name: &str, industry: Option<&str>) -> EmployerId {
    phone
        .store
        .create_employer(NewEmployer {
            id: None,
            info: EmployerInfo {
                name: name.into(),
                industry: industry.map(Into::into),
                business_needs: Some("Night stockers".into()),
                ..Default::default()
            },
        })
        .unwrap()
}

/// Riverbend Hardware: two visits, the last yesterday at 10:00 (UTC-6), for Erik; Hy-Vee:
/// none.
fn employers_phone(language: Language) -> (Phone, EmployerId) {
    let phone = Phone::new(language);
    let erik = seeker(&phone.store, "Erik Lund");
    let shop = employer(&phone, "Riverbend Hardware", Some("Retail"));
    employer(&phone, "Hy-Vee", None);
    for (days_ago, mode, purpose, outcome) in [
        (5, ContactMode::Phone, VisitPurpose::IntroduceIps, None),
        (
            1,
            ContactMode::InPerson,
            VisitPurpose::PresentCandidate,
            Some("Interview on Friday"),
        ),
    ] {
        phone
            .store
            .log_visit(NewVisit {
                id: None,
                employer_id: shop,
                at: noon(today() - Duration::days(days_ago), -6) - Duration::hours(2),
                specialist: None,
                contact_id: None,
                location: None,
                mode,
                purpose,
                seekers: if days_ago == 1 {
                    vec![erik]
                } else {
                    Vec::new()
                },
                followed_preference: Some(true),
                outcome: outcome.map(Into::into),
                next_step: None,
                next_step_date: None,
            })
            .unwrap();
    }
    phone
        .store
        .add_contact(
            shop,
            EmployerContact {
                name: "Dana Cole".into(),
                role: Some("Store manager".into()),
                phone: Some("555-0100".into()),
                email: None,
            },
        )
        .unwrap();
    (phone, shop)
}

#[test]
fn the_list_counts_visits_and_says_the_last_one() {
    let (phone, shop) = employers_phone(Language::English);
    let screen = phone.screens.employers_at("", noon(today(), -6)).unwrap();
    let lines: Vec<(&str, &str)> = screen
        .rows
        .iter()
        .map(|r| (r.name.as_str(), r.visits.as_str()))
        .collect();
    assert_eq!(
        lines,
        [
            ("Hy-Vee", "No visits yet"),
            ("Riverbend Hardware", "2 visits, last yesterday"),
        ]
    );
    assert_eq!(screen.rows[1].employer_id, shop.to_string());
    assert_eq!(
        screen.rows[1].accessibility_label,
        "Riverbend Hardware. Retail. 2 visits, last yesterday"
    );
    assert_eq!(screen.empty_line, None);

    let found = phone
        .screens
        .employers_at("river", noon(today(), -6))
        .unwrap();
    assert_eq!(found.rows.len(), 1);
    assert_eq!(found.rows[0].name, "Riverbend Hardware");
    let none = phone
        .screens
        .employers_at("walmart", noon(today(), -6))
        .unwrap();
    assert!(none.rows.is_empty());
    assert_eq!(
        none.empty_line.as_deref(),
        Some("No employer matches “walmart”.")
    );
}

#[test]
fn one_visit_is_said_in_the_singular() {
    let phone = Phone::new(Language::English);
    let shop = employer(&phone, "Hy-Vee", None);
    // A fixed morning and noon, so the test means the same at any hour (the fixture's visit is
    // half an hour ago: "yesterday" when run just after midnight).
    let mut visit = fieldbook_test_support::fixtures::new_visit(shop, "Met the manager");
    visit.at = noon(today(), 0) - chrono::Duration::hours(3);
    phone.store.log_visit(visit).unwrap();
    let screen = phone.screens.employers_at("", noon(today(), 0)).unwrap();
    assert_eq!(screen.rows[0].visits, "1 visit, last today");
}

#[test]
fn an_empty_phone_says_it_has_no_employers() {
    let phone = Phone::new(Language::English);
    let screen = phone.screens.employers_at("", noon(today(), 0)).unwrap();
    assert_eq!(
        screen.empty_line.as_deref(),
        Some("No employers on this phone yet.")
    );
}

#[test]
fn an_employers_page_words_its_visits_and_contacts() {
    let (phone, shop) = employers_phone(Language::English);
    let minneapolis = FixedOffset::west_opt(6 * 3600).unwrap();
    let page = phone.screens.employer_at(shop, minneapolis).unwrap();
    assert_eq!(page.name, "Riverbend Hardware");
    assert_eq!(page.about.as_deref(), Some("Retail · Night stockers"));
    assert_eq!(page.contacts, ["Dana Cole, Store manager, 555-0100"]);
    assert_eq!(page.no_contacts, None);
    assert_eq!(page.visits.len(), 2);
    let newest = &page.visits[0];
    assert!(
        newest
            .line
            .ends_with(", 10:00 AM: In person, Present a job seeker"),
        "{}",
        newest.line
    );
    assert_eq!(newest.outcome.as_deref(), Some("Interview on Friday"));
    assert_eq!(newest.seekers.as_deref(), Some("For 1 job seeker"));
    assert!(
        page.visits[1].line.ends_with(": Phone, Introduce IPS"),
        "{}",
        page.visits[1].line
    );
    assert_eq!(page.visits[1].seekers, None);
    for visit in &page.visits {
        assert!(
            !visit.line.contains("Erik"),
            "no job seeker's name on the employer's page"
        );
    }

    // Hy-Vee has neither contacts nor visits, and says so.
    let hy_vee = phone
        .screens
        .employers_at("hy", noon(today(), -6))
        .unwrap()
        .rows[0]
        .employer_id
        .clone();
    let page = phone.screens.employer(hy_vee, -360).unwrap();
    assert_eq!(page.no_visits.as_deref(), Some("No visits logged yet."));
    assert_eq!(
        page.no_contacts.as_deref(),
        Some("No contacts recorded yet.")
    );
}

#[test]
fn an_unknown_employer_is_refused_in_words() {
    let (phone, _) = employers_phone(Language::English);
    for id in ["not-an-id".to_owned(), EmployerId::new().to_string()] {
        let EmployerProblem::NotShown { words } = phone.screens.employer(id, 0).unwrap_err();
        assert_eq!(words, "This employer is not on this phone.");
    }
}

#[test]
fn the_employers_screens_read_in_every_language() {
    let (phone, shop) = employers_phone(Language::Spanish);
    let utc = FixedOffset::east_opt(0).unwrap();
    let list = phone.screens.employers_at("", noon(today(), 0)).unwrap();
    assert_eq!(list.rows[1].visits, "2 visitas, la última ayer");
    let page = phone.screens.employer_at(shop, utc).unwrap();
    assert!(
        page.visits[0]
            .line
            .ends_with(": En persona, Presentar a una persona que busca empleo"),
        "{}",
        page.visits[0].line
    );
    for language in Language::ALL {
        phone.screens.set_language(language);
        let list = phone.screens.employers_at("", noon(today(), 0)).unwrap();
        let page = phone.screens.employer_at(shop, utc).unwrap();
        let mut texts = vec![
            list.title.as_str(),
            &list.search_label,
            &page.contacts_title,
            &page.visits_title,
        ];
        texts.extend(list.rows.iter().map(|r| r.visits.as_str()));
        texts.extend(page.visits.iter().map(|v| v.line.as_str()));
        texts.extend(page.visits.iter().filter_map(|v| v.seekers.as_deref()));
        assert_worded(&texts);
    }
}
