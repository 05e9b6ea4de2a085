//! The visit form through a real store file: what it shows, what it refuses and in which
//! words, what it saves, and that its draft survives the screen being rebuilt.

use std::sync::Arc;

use chrono::{Duration, FixedOffset, Utc};
use fieldbook_core::ids::{EmployerId, SeekerId};
use fieldbook_core::model::{EmployerContact, EmployerInfo, SeekerProfile};
use fieldbook_core::{NewEmployer, NewSeeker, Store};
use fieldbook_presentation::form::SaveOutcome;
use fieldbook_presentation::visit_form::VisitFormState;
use fieldbook_presentation::{Language, Screens};

/// Minnesota in winter.
const CENTRAL: i32 = -360;

fn phone() -> (tempfile::TempDir, Arc<Screens>) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("phone.db"), None).unwrap();
    (dir, Screens::new(Arc::new(store), Language::English))
}

fn employer(screens: &Screens, name: &str) -> EmployerId {
    screens
        .store()
        .create_employer(NewEmployer {
            id: None,
            info: EmployerInfo {
                name: name.into(),
                ..Default::default()
            },
        })
        .unwrap()
}

fn seeker(screens: &Screens, name: &str) -> SeekerId {
    screens
        .store()
        .create_seeker(NewSeeker {
            id: None,
            profile: SeekerProfile {
                name: name.into(),
                ..Default::default()
            },
            status: None,
            status_date: None,
        })
        .unwrap()
}

/// Every sentence and label of the state, to look for untranslated or missing messages.
fn all_words(state: &VisitFormState) -> Vec<String> {
    let mut out = vec![state.title.clone(), state.save_label.clone()];
    out.extend(state.message.clone());
    for f in [
        &state.employer_search,
        &state.date,
        &state.time,
        &state.seeker_search,
        &state.outcome,
        &state.next_step,
        &state.next_step_date,
    ] {
        out.push(f.label.clone());
        out.extend(f.error.clone());
    }
    for c in [
        &state.employer,
        &state.contact,
        &state.seeker,
        &state.mode,
        &state.purpose,
        &state.followed_preference,
    ] {
        out.push(c.label.clone());
        out.extend(c.error.clone());
        out.extend(c.chosen_label.clone());
        out.extend(c.options.iter().map(|o| o.label.clone()));
    }
    out
}

#[test]
fn a_visit_form_without_a_chosen_employer_cannot_be_saved() {
    let (_dir, screens) = phone();
    let bakery = employer(&screens, "Maple Street Bakery");
    let form = Arc::clone(&screens).visit_form(None, CENTRAL);
    assert_eq!(
        form.state().employer.error,
        None,
        "no error before a save is tried"
    );
    form.search_employer("maple".into());
    form.set_next_step("Bring Ana's résumé".into());
    let before = screens.store().pending_changes().unwrap();

    let outcome = form.save();
    assert_eq!(
        outcome,
        SaveOutcome::NotSaved {
            message: "Not saved yet: see the fields marked.".into()
        }
    );
    let state = form.state();
    assert_eq!(
        state.employer.error.as_deref(),
        Some("Choose the employer you visited.")
    );
    assert_eq!(
        state.next_step.value, "Bring Ana's résumé",
        "nothing typed is lost"
    );
    assert_eq!(screens.store().pending_changes().unwrap(), before);
    assert!(screens.store().employer(bakery).unwrap().visits.is_empty());
}

#[test]
fn a_visit_with_an_employer_found_by_search_is_saved_with_everything_entered() {
    let (_dir, screens) = phone();
    let bakery = employer(&screens, "Maple Street Bakery");
    employer(&screens, "Café Olé");
    let kim = screens
        .store()
        .add_contact(
            bakery,
            EmployerContact {
                name: "Kim Baker".into(),
                role: Some("Owner".into()),
                phone: None,
                email: None,
            },
        )
        .unwrap();
    let ana = seeker(&screens, "Ana López");
    let form = Arc::clone(&screens).visit_form(None, CENTRAL);

    form.search_employer("MAPLE st".into());
    let found = form.state().employer.options;
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].label, "Maple Street Bakery");
    form.choose_employer(found[0].id.clone());
    let state = form.state();
    assert_eq!(
        state.employer.chosen_label.as_deref(),
        Some("Maple Street Bakery")
    );
    assert_eq!(state.contact.options.len(), 1);
    assert_eq!(state.contact.options[0].label, "Kim Baker");
    form.choose_contact(Some(kim.to_string()));
    form.search_seeker("lopez".into());
    let ana_found = form.state().seeker.options;
    assert_eq!(ana_found[0].label, "Ana López");
    form.toggle_seeker(ana_found[0].id.clone());
    assert_eq!(form.state().seekers_chosen[0].label, "Ana López");
    form.set_outcome("Owner wants to meet Ana".into());
    form.choose_purpose("present_candidate".into());
    form.choose_followed_preference("yes".into());
    let yesterday =
        (Utc::now() - Duration::days(1)).with_timezone(&FixedOffset::west_opt(6 * 3600).unwrap());
    form.set_date(yesterday.format("%Y-%m-%d").to_string());
    form.set_time("09:15".into());
    form.set_next_step("Call back about the baker opening".into());

    let SaveOutcome::Saved { id, message } = form.save() else {
        panic!("not saved: {:?}", form.state());
    };
    assert_eq!(message, "Visit saved.");
    let visits = screens.store().employer(bakery).unwrap().visits;
    let (visit_id, visit) = visits.iter().next().unwrap();
    assert_eq!(visit_id.to_string(), id);
    assert_eq!(visit.contact_id, Some(kim));
    assert_eq!(visit.seekers, vec![ana]);
    assert_eq!(visit.followed_preference, Some(true));
    assert_eq!(visit.purpose.as_str(), "present_candidate");
    assert_eq!(
        visit.at.to_rfc3339(),
        format!("{}T09:15:00-06:00", yesterday.format("%Y-%m-%d"))
    );
    assert_eq!(
        visit.next_step.as_deref(),
        Some("Call back about the baker opening")
    );
    let ana_doc = screens.store().seeker(ana).unwrap();
    assert_eq!(
        ana_doc.activities.len(),
        1,
        "the visit is in Ana's record too"
    );
    let fresh = form.state();
    assert_eq!(
        fresh.employer.chosen, None,
        "after saving the form starts a new visit"
    );
    assert_eq!(fresh.next_step.value, "");
}

#[test]
fn the_search_offers_every_employer_it_finds_and_every_one_when_blank() {
    let (_dir, screens) = phone();
    for n in 1..=20 {
        employer(&screens, &format!("Corner Shop {n}"));
    }
    let bakery = employer(&screens, "Maple Street Bakery");
    let earlier = Arc::clone(&screens).visit_form(None, CENTRAL);
    earlier.choose_employer(bakery.to_string());
    assert!(matches!(earlier.save(), SaveOutcome::Saved { .. }));

    let form = Arc::clone(&screens).visit_form(None, CENTRAL);
    let all = form.state().employer.options;
    assert_eq!(all.len(), 21, "with nothing typed, every employer");
    assert_eq!(
        all[0].label, "Maple Street Bakery",
        "the most recently visited first"
    );
    form.search_employer("corner".into());
    assert_eq!(form.state().employer.options.len(), 20);
    form.search_employer("shop 2".into());
    assert_eq!(
        form.state()
            .employer
            .options
            .iter()
            .map(|o| o.label.as_str())
            .collect::<Vec<_>>(),
        ["Corner Shop 2", "Corner Shop 20"]
    );
}

#[test]
fn job_seekers_are_toggled_and_a_blank_search_offers_the_caseload() {
    let (_dir, screens) = phone();
    let ana = seeker(&screens, "Ana López");
    let ben = seeker(&screens, "Ben Ortiz");
    let form = Arc::clone(&screens).visit_form(None, CENTRAL);
    assert_eq!(form.state().seeker.options.len(), 2);
    form.toggle_seeker(ana.to_string());
    form.toggle_seeker(ben.to_string());
    form.toggle_seeker(ana.to_string());
    let chosen = form.state().seekers_chosen;
    assert_eq!(
        chosen.iter().map(|c| c.label.as_str()).collect::<Vec<_>>(),
        ["Ben Ortiz"]
    );
}

#[test]
fn the_date_and_time_default_to_now_on_the_phones_clock() {
    let (_dir, screens) = phone();
    let before = Utc::now().with_timezone(&FixedOffset::west_opt(6 * 3600).unwrap());
    let state = Arc::clone(&screens).visit_form(None, CENTRAL).state();
    let after = Utc::now().with_timezone(&FixedOffset::west_opt(6 * 3600).unwrap());
    let dates = [
        before.format("%Y-%m-%d").to_string(),
        after.format("%Y-%m-%d").to_string(),
    ];
    let times = [
        before.format("%H:%M").to_string(),
        after.format("%H:%M").to_string(),
    ];
    assert!(dates.contains(&state.date.value), "{}", state.date.value);
    assert!(times.contains(&state.time.value), "{}", state.time.value);
    assert_eq!(state.date.error, None);
    assert_eq!(state.mode.chosen.as_deref(), Some("in_person"));
    assert_eq!(state.mode.chosen_label.as_deref(), Some("In person"));
    assert_eq!(state.followed_preference.chosen.as_deref(), Some("unknown"));
}

#[test]
fn dates_the_core_refuses_are_named_with_the_value_and_nothing_is_written() {
    let (_dir, screens) = phone();
    let bakery = employer(&screens, "Maple Street Bakery");
    let form = Arc::clone(&screens).visit_form(None, CENTRAL);
    form.choose_employer(bakery.to_string());

    form.set_date("tomorrow".into());
    let error = form.state().date.error.unwrap();
    assert_eq!(error, "Date “tomorrow” is not a date like 2026-11-24.");

    let next_week = (Utc::now() + Duration::days(7))
        .format("%Y-%m-%d")
        .to_string();
    form.set_date(next_week.clone());
    let error = form.state().date.error.unwrap();
    assert!(error.starts_with("The date and time ("), "{error}");
    assert!(
        error.contains(&next_week) && error.ends_with("is in the future."),
        "{error}"
    );

    form.set_date("2026-03-10".into());
    form.set_time("25:00".into());
    assert_eq!(
        form.state().time.error.as_deref(),
        Some("Time “25:00” is not a time like 14:30.")
    );
    form.set_time("10:00".into());
    form.set_next_step_date("2026-03-01".into());
    assert_eq!(
        form.state().next_step_date.error.as_deref(),
        Some("The next step's date (2026-03-01) cannot be before the visit date (2026-03-10).")
    );
    assert!(matches!(form.save(), SaveOutcome::NotSaved { .. }));
    assert!(screens.store().employer(bakery).unwrap().visits.is_empty());

    form.set_next_step_date("".into());
    assert!(matches!(form.save(), SaveOutcome::Saved { .. }));
    assert_eq!(screens.store().employer(bakery).unwrap().visits.len(), 1);
}

#[test]
fn a_refusal_by_the_core_shows_on_its_field_until_the_field_changes() {
    let (_dir, screens) = phone();
    let bakery = employer(&screens, "Maple Street Bakery");
    let form = Arc::clone(&screens).visit_form(None, CENTRAL);
    form.choose_employer(bakery.to_string());
    // A contact of no employer on this phone (deleted by another phone, say).
    form.choose_contact(Some(fieldbook_core::ids::ContactId::new().to_string()));
    let SaveOutcome::NotSaved { message } = form.save() else {
        panic!("saved with an unknown contact");
    };
    assert_eq!(message, "This contact is not on this phone.");
    assert_eq!(form.state().contact.error, Some(message));
    assert!(screens.store().employer(bakery).unwrap().visits.is_empty());
    form.choose_contact(None);
    assert_eq!(form.state().contact.error, None);
}

#[test]
fn choosing_another_employer_drops_the_contact_of_the_first() {
    let (_dir, screens) = phone();
    let bakery = employer(&screens, "Maple Street Bakery");
    let cafe = employer(&screens, "Café Olé");
    let kim = screens
        .store()
        .add_contact(
            bakery,
            EmployerContact {
                name: "Kim Baker".into(),
                role: None,
                phone: None,
                email: None,
            },
        )
        .unwrap();
    let form = Arc::clone(&screens).visit_form(None, CENTRAL);
    form.choose_employer(bakery.to_string());
    form.choose_contact(Some(kim.to_string()));
    assert_eq!(
        form.state().contact.chosen_label.as_deref(),
        Some("Kim Baker")
    );
    form.choose_employer(cafe.to_string());
    let state = form.state();
    assert_eq!(state.contact.chosen, None);
    assert!(state.contact.options.is_empty());
}

#[test]
fn the_draft_survives_the_screen_being_rebuilt() {
    let (_dir, screens) = phone();
    let bakery = employer(&screens, "Maple Street Bakery");
    let form = Arc::clone(&screens).visit_form(None, CENTRAL);
    form.search_employer("maple".into());
    form.choose_employer(bakery.to_string());
    form.set_time("08:05".into());
    form.choose_mode("phone".into());
    form.set_next_step("Send the job description".into());
    let shown = form.state();
    let draft = form.draft();
    drop(form);

    let rebuilt = Arc::clone(&screens).visit_form(Some(draft), CENTRAL);
    assert_eq!(rebuilt.state(), shown);
}

#[test]
fn the_form_is_worded_in_every_language_with_no_message_missing() {
    let (_dir, screens) = phone();
    let bakery = employer(&screens, "Maple Street Bakery");
    for language in Language::ALL {
        screens.set_language(language);
        let form = Arc::clone(&screens).visit_form(None, CENTRAL);
        form.search_employer("maple".into());
        form.set_time("99".into());
        form.set_next_step_date("soon".into());
        let _ = form.save();
        let state = form.state();
        assert!(state.employer.error.is_some() && state.time.error.is_some());
        for words in all_words(&state) {
            assert!(!words.contains('⟦'), "{}: {words}", language.tag());
        }
        form.choose_employer(bakery.to_string());
        assert!(!all_words(&form.state()).iter().any(|w| w.contains('⟦')));
    }
    screens.set_language(Language::Spanish);
    let form = Arc::clone(&screens).visit_form(None, CENTRAL);
    let _ = form.save();
    let state = form.state();
    assert_eq!(state.title, "Registrar una visita");
    assert_eq!(
        state.employer.error.as_deref(),
        Some("Elija el empleador que visitó.")
    );
    form.set_time("25:00".into());
    assert_eq!(
        form.state().time.error.as_deref(),
        Some("Hora «25:00» no es una hora como 14:30.")
    );
}

#[test]
fn a_logged_visit_is_corrected_with_the_same_form_but_not_moved_to_another_employer() {
    let (_dir, screens) = phone();
    let bakery = employer(&screens, "Maple Street Bakery");
    let cafe = employer(&screens, "Café Olé");
    let form = Arc::clone(&screens).visit_form(None, CENTRAL);
    form.choose_employer(bakery.to_string());
    form.set_date("2026-03-10".into());
    form.set_time("09:15".into());
    form.set_outcome("Met the owner".into());
    let SaveOutcome::Saved { id, .. } = form.save() else {
        panic!("not logged");
    };

    // Corrected from a phone in another offset: the visit keeps the time as it was lived.
    let correction = Arc::clone(&screens).visit_correction(bakery.to_string(), id.clone(), None);
    let state = correction.state();
    assert!(state.correcting);
    assert_eq!(state.title, "Correct the visit");
    assert_eq!(
        (state.date.value.as_str(), state.time.value.as_str()),
        ("2026-03-10", "09:15")
    );
    assert_eq!(
        state.employer.chosen_label.as_deref(),
        Some("Maple Street Bakery")
    );
    assert_eq!(state.outcome.value, "Met the owner");
    correction.choose_employer(cafe.to_string());
    assert_eq!(
        correction.state().employer.chosen,
        Some(bakery.to_string()),
        "the employer stays"
    );
    correction.set_time("10:00".into());
    correction.set_outcome("Met the owner and the manager".into());
    assert_eq!(
        correction.save(),
        SaveOutcome::Saved {
            id: id.clone(),
            message: "Visit corrected.".into()
        }
    );
    let visits = screens.store().employer(bakery).unwrap().visits;
    assert_eq!(visits.len(), 1, "corrected, not logged again");
    let visit = visits.values().next().unwrap();
    assert_eq!(visit.at.to_rfc3339(), "2026-03-10T10:00:00-06:00");
    assert_eq!(
        visit.outcome.as_deref(),
        Some("Met the owner and the manager")
    );
    assert_eq!(
        correction.state().time.value,
        "10:00",
        "the form shows the visit as saved"
    );
}

#[test]
fn correcting_a_visit_not_on_the_phone_says_so_and_logs_nothing() {
    let (_dir, screens) = phone();
    let bakery = employer(&screens, "Maple Street Bakery");
    let form = Arc::clone(&screens).visit_correction(
        bakery.to_string(),
        fieldbook_core::ids::VisitId::new().to_string(),
        None,
    );
    assert_eq!(
        form.state().message.as_deref(),
        Some("This visit is not on this phone.")
    );
    form.choose_employer(bakery.to_string());
    assert_eq!(
        form.save(),
        SaveOutcome::NotSaved {
            message: "This visit is not on this phone.".into()
        }
    );
    assert!(screens.store().employer(bakery).unwrap().visits.is_empty());
}
