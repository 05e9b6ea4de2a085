//! Signing out erases the phone; its confirmation names what would be lost first.

use std::sync::Arc;

use fieldbook_core::model::{EmployerInfo, SeekerProfile};
use fieldbook_core::{NewEmployer, NewSeeker, Store};
use fieldbook_presentation::{Language, Screens};

#[test]
fn the_confirmation_names_the_records_whose_changes_would_be_lost_then_signing_out_erases() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open(dir.path().join("phone.db"), None).unwrap());
    let screens = Screens::new(Arc::clone(&store), Language::English);
    let profile = SeekerProfile {
        name: "Ana María López".into(),
        preferred_name: Some("Mari".into()),
        ..Default::default()
    };
    let ana = store
        .create_seeker(NewSeeker {
            id: None,
            profile,
            status: None,
            status_date: None,
        })
        .unwrap();
    store
        .add_note(ana, "Asked about evening shifts", None)
        .unwrap();
    let info = EmployerInfo {
        name: "Maple Street Bakery".into(),
        ..Default::default()
    };
    store
        .create_employer(NewEmployer { id: None, info })
        .unwrap();

    let state = screens.sign_out_state();
    assert_eq!(state.title, "Sign out and erase this phone?");
    let mut lost = state.lost.clone();
    lost.sort();
    assert_eq!(
        lost,
        [
            "Case notes about Mari",
            "Employer Maple Street Bakery",
            "Job seeker Mari"
        ]
    );
    let changes = store.pending_changes().unwrap();
    assert!(
        state
            .message
            .starts_with(&format!("{changes} changes to 3 records have not reached")),
        "{}",
        state.message
    );
    assert!(state.message.ends_with("Sync first to keep them."));
    assert_eq!(state.sync_first_label.as_deref(), Some("Sync first"));

    for language in Language::ALL {
        screens.set_language(language);
        let state = screens.sign_out_state();
        let mut words = vec![
            state.title,
            state.message,
            state.confirm_label,
            state.cancel_label,
        ];
        words.extend(state.lost);
        words.extend(state.sync_first_label);
        assert!(
            words.iter().all(|w| !w.contains('⟦')),
            "{}: {words:?}",
            language.tag()
        );
    }
    screens.set_language(Language::Spanish);
    assert!(screens
        .sign_out_state()
        .message
        .contains("cambios en 3 registros"));

    screens.set_language(Language::English);
    assert_eq!(screens.sign_out(), None);
    assert!(store.employers().unwrap().is_empty());
    assert!(store.seeker(ana).is_err(), "the job seeker is erased");
    let after = screens.sign_out_state();
    assert!(after.lost.is_empty() && after.sync_first_label.is_none());
    assert!(after
        .message
        .starts_with("Everything on this phone is on your team's server"));
}
