//! The forms that edit a record start with its values, save it keeping what they do not
//! show, and are refused in words; and the plan's one-tap actions. Real store file.

use std::sync::Arc;

use fieldbook_core::ids::{EmployerId, SeekerId, StepId};
use fieldbook_core::model::{Disclosure, EmployerInfo, SeekerProfile, StepOwner, StepStatus};
use fieldbook_core::{NewEmployer, NewSeeker, NewStep, Store};
use fieldbook_presentation::form::SaveOutcome;
use fieldbook_presentation::record_form::{FormKind, FormState, RecordForm};
use fieldbook_presentation::{Language, Screens};

fn phone() -> (tempfile::TempDir, Arc<Screens>) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("phone.db"), None).unwrap();
    (dir, Screens::new(Arc::new(store), Language::English))
}

fn ana(screens: &Screens) -> SeekerId {
    let profile = SeekerProfile {
        name: "Ana López".into(),
        phone: Some("612-555-0101".into()),
        benefits_held: vec!["SSI".into()],
        ..Default::default()
    };
    let new = NewSeeker {
        id: None,
        profile,
        status: None,
        status_date: None,
    };
    screens.store().create_seeker(new).unwrap()
}

fn value(state: &FormState, name: &str) -> String {
    state
        .fields
        .iter()
        .find(|f| f.name == name)
        .unwrap()
        .value
        .clone()
}

fn error(form: &RecordForm, name: &str) -> Option<String> {
    let state = form.state();
    state
        .fields
        .iter()
        .find(|f| f.name == name)
        .unwrap()
        .error
        .clone()
}

fn save(form: &RecordForm) -> Result<String, String> {
    match form.save() {
        SaveOutcome::Saved { id, .. } => Ok(id),
        SaveOutcome::NotSaved { message } => Err(message),
    }
}

#[test]
fn a_profile_edit_starts_with_the_record_and_keeps_what_it_does_not_show() {
    let (_dir, screens) = phone();
    let id = ana(&screens);
    let form = Arc::clone(&screens).record_form(FormKind::EditSeeker {
        seeker_id: id.to_string(),
    });
    let state = form.state();
    assert_eq!(state.title, "Edit the profile");
    assert_eq!(value(&state, "name"), "Ana López");
    assert_eq!(value(&state, "phone"), "612-555-0101");
    form.set("preferred_name".into(), "Anita".into());
    form.set("name".into(), " ".into());
    assert_eq!(
        save(&form).unwrap_err(),
        "Not saved yet: see the fields marked."
    );
    assert_eq!(
        error(&form, "name").as_deref(),
        Some("The name is required.")
    );
    form.set("name".into(), "Ana López Ruiz".into());
    save(&form).unwrap();
    let profile = screens.store().seeker(id).unwrap().profile;
    assert_eq!(profile.name, "Ana López Ruiz");
    assert_eq!(profile.preferred_name.as_deref(), Some("Anita"));
    assert_eq!(
        profile.benefits_held,
        ["SSI"],
        "what the form does not show is kept"
    );
    assert_eq!(
        value(&form.state(), "name"),
        "Ana López Ruiz",
        "the form shows what was saved"
    );
}

#[test]
fn an_edit_form_for_a_record_not_on_the_phone_says_so_and_saves_nothing() {
    let (_dir, screens) = phone();
    let form = Arc::clone(&screens).record_form(FormKind::EditEmployer {
        employer_id: EmployerId::new().to_string(),
    });
    assert_eq!(
        form.state().message.as_deref(),
        Some("This employer is not on this phone.")
    );
    form.set("name".into(), "Café Olé".into());
    assert_eq!(
        save(&form).unwrap_err(),
        "This employer is not on this phone."
    );
    assert!(screens.store().employers().unwrap().is_empty());
}

#[test]
fn an_employer_edit_keeps_its_website() {
    let (_dir, screens) = phone();
    let info = EmployerInfo {
        name: "Maple Street Bakery".into(),
        website: Some("https://maple.example".into()),
        ..Default::default()
    };
    let id = screens
        .store()
        .create_employer(NewEmployer { id: None, info })
        .unwrap();
    let form = Arc::clone(&screens).record_form(FormKind::EditEmployer {
        employer_id: id.to_string(),
    });
    form.set("hiring_notes".into(), "Hires bakers in spring".into());
    save(&form).unwrap();
    let info = screens.store().employer(id).unwrap().info;
    assert_eq!(info.hiring_notes.as_deref(), Some("Hires bakers in spring"));
    assert_eq!(info.website.as_deref(), Some("https://maple.example"));
}

#[test]
fn a_consent_ending_before_it_was_signed_is_refused_on_its_end() {
    let (_dir, screens) = phone();
    let id = ana(&screens);
    let form = Arc::clone(&screens).record_form(FormKind::Consent {
        seeker_id: id.to_string(),
    });
    assert_eq!(value(&form.state(), "release_to"), "employers");
    for (name, v) in [
        ("recipient", "Employers we contact together"),
        ("scope", "Work history and job goals"),
        ("signed", "2026-05-01"),
        ("expires", "2026-04-01"),
    ] {
        form.set(name.into(), v.into());
    }
    let refused = save(&form).unwrap_err();
    assert_eq!(
        refused,
        "The end of the consent (2026-04-01) cannot be before the signing date (2026-05-01)."
    );
    assert_eq!(error(&form, "expires"), Some(refused));
    assert!(screens.store().seeker(id).unwrap().consents.is_empty());
    form.set("expires".into(), String::new());
    save(&form).unwrap();
    let consents = screens.store().seeker(id).unwrap().consents;
    assert_eq!(
        consents.values().next().unwrap().expires.to_string(),
        "2027-05-01"
    );
}

#[test]
fn the_career_profile_keeps_the_disclosure_preference() {
    let (_dir, screens) = phone();
    let id = ana(&screens);
    let form = Arc::clone(&screens).record_form(FormKind::Career {
        seeker_id: id.to_string(),
    });
    let state = form.state();
    let disclosure = state
        .fields
        .iter()
        .find(|f| f.name == "disclosure")
        .unwrap();
    assert_eq!(
        disclosure.label,
        "Telling employers about their mental illness"
    );
    assert_eq!(disclosure.options.len(), 4);
    form.set("disclosure".into(), "do_not_disclose".into());
    form.set("preferred_job_types".into(), "baking, retail ,".into());
    form.set("preferred_hours_per_week".into(), "95".into());
    let refused = save(&form).unwrap_err();
    assert_eq!(
        refused,
        "Preferred hours per week must be between 0 and 80, not 95."
    );
    assert_eq!(error(&form, "preferred_hours_per_week"), Some(refused));
    form.set("preferred_hours_per_week".into(), "20".into());
    save(&form).unwrap();
    let career = screens.store().seeker(id).unwrap().career;
    assert_eq!(career.disclosure.choice, Some(Disclosure::DoNotDisclose));
    assert_eq!(career.preferred_job_types, ["baking", "retail"]);
    let again = Arc::clone(&screens).record_form(FormKind::Career {
        seeker_id: id.to_string(),
    });
    assert_eq!(value(&again.state(), "disclosure"), "do_not_disclose");
    assert_eq!(
        value(&again.state(), "preferred_job_types"),
        "baking, retail"
    );
}

#[test]
fn the_plan_goal_is_saved_and_shown_again() {
    let (_dir, screens) = phone();
    let id = ana(&screens);
    let form = Arc::clone(&screens).record_form(FormKind::Plan {
        seeker_id: id.to_string(),
    });
    form.set("goal".into(), "Work in a bakery by spring".into());
    form.set(
        "target_employers".into(),
        "Maple Street Bakery, Café Olé".into(),
    );
    save(&form).unwrap();
    let info = screens.store().seeker(id).unwrap().plan.info;
    assert_eq!(info.goal.as_deref(), Some("Work in a bakery by spring"));
    assert_eq!(info.target_employers, ["Maple Street Bakery", "Café Olé"]);
    assert_eq!(value(&form.state(), "goal"), "Work in a bakery by spring");
}

fn step(screens: &Screens, seeker: SeekerId, what: &str) -> StepId {
    let new = NewStep {
        id: None,
        what: what.into(),
        who: StepOwner::Specialist,
        due: None,
    };
    screens.store().add_step(seeker, new).unwrap()
}

#[test]
fn a_step_is_edited_completed_and_moved() {
    let (_dir, screens) = phone();
    let id = ana(&screens);
    let first = step(&screens, id, "Update the résumé");
    let second = step(&screens, id, "Visit the job club");
    let form = Arc::clone(&screens).record_form(FormKind::EditStep {
        seeker_id: id.to_string(),
        step_id: second.to_string(),
    });
    assert_eq!(value(&form.state(), "what"), "Visit the job club");
    form.set("who".into(), "seeker".into());
    form.set("due".into(), "2026-12-01".into());
    save(&form).unwrap();
    let plan = screens.store().seeker(id).unwrap().plan;
    assert_eq!(plan.steps[&second].who, StepOwner::Seeker);

    assert_eq!(
        screens.move_step(id.to_string(), second.to_string(), None),
        None
    );
    let plan = screens.store().seeker(id).unwrap().plan;
    assert!(
        plan.steps[&second].position < plan.steps[&first].position,
        "moved first"
    );
    let refused = screens.move_step(id.to_string(), first.to_string(), Some(first.to_string()));
    assert_eq!(
        refused.map(|p| p.message).as_deref(),
        Some("A step cannot be moved after itself.")
    );

    assert_eq!(
        screens.complete_step(id.to_string(), first.to_string()),
        None
    );
    let plan = screens.store().seeker(id).unwrap().plan;
    assert_eq!(plan.steps[&first].status, StepStatus::Done);
    let missing = screens
        .complete_step(id.to_string(), "no-step".into())
        .unwrap();
    assert_eq!(missing.message, "This step is not on this phone.");
}

#[test]
fn benefits_planning_dates_are_checked_in_order() {
    let (_dir, screens) = phone();
    let id = ana(&screens);
    let form = Arc::clone(&screens).record_form(FormKind::Benefits {
        seeker_id: id.to_string(),
    });
    form.set("referred".into(), "2026-04-10".into());
    form.set("offered".into(), "2026-04-01".into());
    let refused = save(&form).unwrap_err();
    assert_eq!(
        refused,
        "The date offered (2026-04-01) cannot be before the referral date (2026-04-10)."
    );
    assert_eq!(error(&form, "offered"), Some(refused));
    form.set("offered".into(), "2026-04-20".into());
    form.set("planner".into(), "Hennepin benefits office".into());
    save(&form).unwrap();
    let benefits = screens.store().seeker(id).unwrap().benefits;
    assert_eq!(
        benefits.planner.as_deref(),
        Some("Hennepin benefits office")
    );
    assert_eq!(value(&form.state(), "offered"), "2026-04-20");
}
