//! A half-typed visit kept as text (where iOS restores a screen after the process was
//! killed) and restored from it into a new form on the same store file; a damaged or
//! foreign text is refused with its field and value named, and restores nothing.

use std::sync::Arc;

use fieldbook_core::model::{EmployerInfo, SeekerProfile};
use fieldbook_core::{NewEmployer, NewSeeker, Store};
use fieldbook_presentation::form::SaveOutcome;
use fieldbook_presentation::visit_form::{visit_draft_from_text, visit_draft_text, DraftError};
use fieldbook_presentation::{Language, Screens};

fn screens_on(path: &std::path::Path) -> Arc<Screens> {
    Screens::new(
        Arc::new(Store::open(path, None).unwrap()),
        Language::English,
    )
}

#[test]
fn a_half_typed_visit_kept_as_text_is_the_same_visit_in_a_new_process_and_saves() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("phone.db");
    let screens = screens_on(&path);
    let hy_vee = screens
        .store()
        .create_employer(NewEmployer {
            id: None,
            info: EmployerInfo {
                name: "Hy-Vee".into(),
                ..Default::default()
            },
        })
        .unwrap();
    let erik = screens
        .store()
        .create_seeker(NewSeeker {
            id: None,
            profile: SeekerProfile {
                name: "Erik Lund".into(),
                ..Default::default()
            },
            status: None,
            status_date: None,
        })
        .unwrap();
    let form = Arc::clone(&screens).visit_form(None, -360);
    form.search_employer("Hy".into());
    form.choose_employer(hy_vee.to_string());
    form.toggle_seeker(erik.to_string());
    form.choose_mode("phone".into());
    form.choose_purpose("present_candidate".into());
    form.choose_followed_preference("yes".into());
    form.set_outcome("Manager wants to meet Erik — \"Thursday\" at 3\nbring résumé".into());
    form.set_next_step_date("2026-12-0".into()); // half typed
    let kept = visit_draft_text(form.draft());
    drop((form, screens));

    // The process is killed; the next one opens the same store and restores the text.
    let screens = screens_on(&path);
    let restored = visit_draft_from_text(kept).unwrap();
    let form = Arc::clone(&screens).visit_form(Some(restored.clone()), -360);
    assert_eq!(form.draft(), restored);
    let state = form.state();
    assert_eq!(state.outcome.value, restored.outcome);
    assert!(restored.outcome.contains("résumé"));
    assert_eq!(restored.seeker_ids, [erik.to_string()]);
    assert_eq!(restored.followed_preference, Some(true));
    assert_eq!(restored.next_step_date, "2026-12-0");
    form.set_next_step_date("2026-12-04".into());
    assert!(
        matches!(form.save(), SaveOutcome::Saved { .. }),
        "{:?}",
        form.state()
    );
    let visits = screens.store().employer(hy_vee).unwrap().visits;
    assert_eq!(visits.len(), 1);
    let visit = visits.values().next().unwrap();
    assert_eq!(visit.outcome.as_deref(), Some(restored.outcome.trim()));
}

#[test]
fn a_damaged_or_foreign_draft_is_refused_naming_the_field_and_value() {
    let good = visit_draft_text(fieldbook_presentation::visit_form::VisitDraft::new(
        chrono::Utc::now(),
        -360,
    ));
    let with = |field: &str, value: serde_json::Value| {
        let mut v: serde_json::Value = serde_json::from_str(&good).unwrap();
        v[field] = value;
        v.to_string()
    };
    let cases = [
        ("not json".to_owned(), "draft", "\"not json\""),
        ("[1,2]".to_owned(), "draft", "[1,2]"),
        (with("version", 2.into()), "version", "2"),
        (with("mode", "by pigeon".into()), "mode", "\"by pigeon\""),
        (with("purpose", 7.into()), "purpose", "7"),
        (
            with("offset_minutes", 100_000.into()),
            "offset_minutes",
            "100000",
        ),
        (
            with("seeker_ids", serde_json::json!(["a", 1])),
            "seeker_ids",
            "[\"a\",1]",
        ),
        (
            with("followed_preference", "maybe".into()),
            "followed_preference",
            "\"maybe\"",
        ),
        (with("outcome", serde_json::Value::Null), "outcome", "null"),
        (
            with("employer_id", serde_json::json!({})),
            "employer_id",
            "{}",
        ),
        (
            with("tried_to_save", "no".into()),
            "tried_to_save",
            "\"no\"",
        ),
    ];
    for (text, field, value) in cases {
        assert_eq!(
            visit_draft_from_text(text.clone()),
            Err(DraftError::Malformed {
                field: field.into(),
                value: value.into()
            }),
            "{text}"
        );
    }
    // A long damaged text is named cut short, not whole.
    let Err(DraftError::Malformed { value, .. }) = visit_draft_from_text("x".repeat(10_000)) else {
        panic!("a long damaged text was read");
    };
    assert!(
        value.chars().count() <= 81 && value.ends_with('…'),
        "{value}"
    );
}
