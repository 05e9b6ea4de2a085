//! Editing a contact at an employer through the shared record form: it starts with the
//! contact as saved, saves through the store (core `update_contact`), and an unknown
//! contact is said so in words.

use std::sync::Arc;

use fieldbook_core::model::{EmployerContact, EmployerInfo};
use fieldbook_core::{NewEmployer, Store};
use fieldbook_presentation::form::SaveOutcome;
use fieldbook_presentation::record_form::{FormKind, FormState, RecordForm};
use fieldbook_presentation::{Language, Screens};

fn phone(language: Language) -> (tempfile::TempDir, Arc<Screens>) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("phone.db"), None).unwrap();
    (dir, Screens::new(Arc::new(store), language))
}

fn value(state: &FormState, name: &str) -> String {
    let field = state.fields.iter().find(|f| f.name == name).unwrap();
    field.value.clone()
}

fn save(form: &RecordForm) -> Result<String, String> {
    match form.save() {
        SaveOutcome::Saved { id, .. } => Ok(id),
        SaveOutcome::NotSaved { message } => Err(message),
    }
}

/// A bakery with one contact, Lee the manager; the kind of its edit form.
fn bakery_with_lee(screens: &Screens) -> FormKind {
    let store = screens.store();
    let employer = store
        .create_employer(NewEmployer {
            id: None,
            info: EmployerInfo {
                name: "Maple Street Bakery".into(),
                ..Default::default()
            },
        })
        .unwrap();
    let contact = store
        .add_contact(
            employer,
            EmployerContact {
                name: "Lee Vang".into(),
                role: Some("Manager".into()),
                phone: Some("612-555-0101".into()),
                email: None,
            },
        )
        .unwrap();
    FormKind::EditContact {
        employer_id: employer.to_string(),
        contact_id: contact.to_string(),
    }
}

#[test]
fn a_contact_edit_starts_with_the_contact_and_saves_the_change() {
    let (_dir, screens) = phone(Language::English);
    let kind = bakery_with_lee(&screens);
    let form = Arc::clone(&screens).record_form(kind.clone());
    let state = form.state();
    assert_eq!(state.title, "Edit the contact");
    assert_eq!(value(&state, "name"), "Lee Vang");
    assert_eq!(value(&state, "role"), "Manager");
    form.set("role".into(), "Owner".into());
    save(&form).unwrap();
    let FormKind::EditContact {
        employer_id,
        contact_id,
    } = kind
    else {
        unreachable!()
    };
    let employer = screens
        .store()
        .employer(employer_id.parse().unwrap())
        .unwrap();
    let lee = &employer.contacts[&contact_id.parse().unwrap()];
    assert_eq!(lee.role.as_deref(), Some("Owner"));
    assert_eq!(lee.phone.as_deref(), Some("612-555-0101"));
    assert_eq!(employer.contacts.len(), 1, "edited, not added");
}

#[test]
fn a_contact_edit_without_a_name_is_refused_in_spanish_and_changes_nothing() {
    let (_dir, screens) = phone(Language::Spanish);
    let kind = bakery_with_lee(&screens);
    let form = Arc::clone(&screens).record_form(kind);
    assert_eq!(form.state().title, "Editar el contacto");
    form.set("name".into(), "  ".into());
    let refused = save(&form).unwrap_err();
    assert!(!refused.contains('⟦'), "{refused}");
    let employers = screens.store().employers().unwrap();
    let employer = screens.store().employer(employers[0].employer_id).unwrap();
    assert_eq!(employer.contacts.values().next().unwrap().name, "Lee Vang");
}

#[test]
fn an_unknown_contact_is_said_so_in_each_language() {
    for language in Language::ALL {
        let (_dir, screens) = phone(language);
        let FormKind::EditContact { employer_id, .. } = bakery_with_lee(&screens) else {
            unreachable!()
        };
        let form = Arc::clone(&screens).record_form(FormKind::EditContact {
            employer_id,
            contact_id: "not-a-contact".into(),
        });
        let message = form.state().message.unwrap();
        assert!(!message.contains('⟦'), "{language:?}: {message}");
        assert!(save(&form).is_err());
    }
}

#[test]
fn each_contact_of_an_employer_has_an_edit_button_naming_it_that_opens_its_form() {
    let (_dir, screens) = phone(Language::English);
    let kind = bakery_with_lee(&screens);
    let FormKind::EditContact {
        employer_id,
        contact_id,
    } = kind.clone()
    else {
        unreachable!()
    };
    let edits = screens.contact_edits(employer_id.clone()).unwrap();
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0].contact_id, contact_id);
    assert_eq!(edits[0].form, kind);
    assert_eq!(edits[0].label, "Edit Lee Vang");
    assert_eq!(
        edits[0].accessibility_label,
        "Edit the contact Lee Vang at Maple Street Bakery"
    );
    // The button's form saves the contact; the next buttons carry its new name.
    let form = Arc::clone(&screens).record_form(edits[0].form.clone());
    form.set("name".into(), "Lee Vang-Her".into());
    save(&form).unwrap();
    let after = screens.contact_edits(employer_id.clone()).unwrap();
    assert_eq!(after[0].label, "Edit Lee Vang-Her");

    screens.set_language(Language::Spanish);
    let spanish = screens.contact_edits(employer_id).unwrap();
    assert_eq!(spanish[0].label, "Editar a Lee Vang-Her");
}

#[test]
fn the_edit_buttons_of_an_employer_not_on_this_phone_are_refused_in_words() {
    for language in Language::ALL {
        let (_dir, screens) = phone(language);
        for id in ["not-an-id", "00000000-0000-4000-8000-000000000000"] {
            let Err(fieldbook_presentation::seeker::ScreenError::Unavailable { words }) =
                screens.contact_edits(id.into())
            else {
                panic!("{language:?}: {id} was not refused");
            };
            assert!(
                !words.is_empty() && !words.contains('⟦'),
                "{language:?}: {words}"
            );
        }
    }
}
