//! A job seeker's status changed through the shared record form (core `set_status`):
//! the choices are worded, the date starts today, and the change lands in the history.

use std::sync::Arc;

use fieldbook_core::model::{SeekerProfile, SeekerStatus};
use fieldbook_core::{NewSeeker, Store};
use fieldbook_presentation::form::SaveOutcome;
use fieldbook_presentation::record_form::FormKind;
use fieldbook_presentation::{Language, Screens};

fn phone(language: Language) -> (tempfile::TempDir, Arc<Screens>, String) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("phone.db"), None).unwrap();
    let seeker = store
        .create_seeker(NewSeeker {
            id: None,
            profile: SeekerProfile {
                name: "Ana López".into(),
                ..Default::default()
            },
            status: None,
            status_date: None,
        })
        .unwrap();
    (
        dir,
        Screens::new(Arc::new(store), language),
        seeker.to_string(),
    )
}

#[test]
fn a_status_change_is_saved_from_its_date_with_the_reason() {
    let (_dir, screens, seeker_id) = phone(Language::English);
    let form = Arc::clone(&screens).record_form(FormKind::Status {
        seeker_id: seeker_id.clone(),
    });
    let state = form.state();
    assert_eq!(state.title, "Change the status");
    let status = state.fields.iter().find(|f| f.name == "status").unwrap();
    assert!(status.options.iter().any(|o| o.label == "Job search"));
    let date = state.fields.iter().find(|f| f.name == "date").unwrap();
    assert_eq!(date.value, fieldbook_core::today().to_string());
    form.set("status".into(), "job_search".into());
    form.set("date".into(), "2026-11-02".into());
    form.set("reason".into(), "Ready to look for work".into());
    assert!(matches!(form.save(), SaveOutcome::Saved { .. }));
    let seeker = screens.store().seeker(seeker_id.parse().unwrap()).unwrap();
    let last = seeker
        .status_history
        .values()
        .find(|c| c.status == SeekerStatus::JobSearch)
        .unwrap();
    assert_eq!(last.status, SeekerStatus::JobSearch);
    assert_eq!(last.date.to_string(), "2026-11-02");
}

#[test]
fn a_status_form_without_a_status_cannot_be_saved_in_any_language() {
    for language in Language::ALL {
        let (_dir, screens, seeker_id) = phone(language);
        let form = Arc::clone(&screens).record_form(FormKind::Status {
            seeker_id: seeker_id.clone(),
        });
        let before = screens.store().seeker(seeker_id.parse().unwrap()).unwrap();
        let SaveOutcome::NotSaved { message } = form.save() else {
            panic!("{language:?}: saved without a status");
        };
        assert!(!message.contains('⟦'), "{language:?}: {message}");
        for field in form.state().fields {
            assert!(!field.label.contains('⟦'));
            for option in field.options {
                assert!(
                    !option.label.contains('⟦'),
                    "{language:?}: {}",
                    option.label
                );
            }
        }
        let after = screens.store().seeker(seeker_id.parse().unwrap()).unwrap();
        assert_eq!(before.status_history, after.status_history);
    }
}
