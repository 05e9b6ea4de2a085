//! The forms built from the shared toolkit, through a real store file: each one's fields,
//! its checks in words, what it saves, and its wording in every language.

use std::sync::Arc;

use fieldbook_core::ids::{EmployerId, SeekerId};
use fieldbook_core::model::{EmployerInfo, SeekerProfile};
use fieldbook_core::{NewEmployer, NewSeeker, Store};
use fieldbook_presentation::form::SaveOutcome;
use fieldbook_presentation::record_form::{FieldState, FormKind, FormState, RecordForm};
use fieldbook_presentation::{Language, Screens};

fn phone() -> (tempfile::TempDir, Arc<Screens>) {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("phone.db"), None).unwrap();
    (dir, Screens::new(Arc::new(store), Language::English))
}

fn seeker(screens: &Screens) -> SeekerId {
    let profile = SeekerProfile {
        name: "Ana López".into(),
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

fn employer(screens: &Screens) -> EmployerId {
    let info = EmployerInfo {
        name: "Maple Street Bakery".into(),
        ..Default::default()
    };
    screens
        .store()
        .create_employer(NewEmployer { id: None, info })
        .unwrap()
}

fn form(screens: &Arc<Screens>, kind: FormKind, values: &[(&str, &str)]) -> Arc<RecordForm> {
    let form = Arc::clone(screens).record_form(kind);
    for (name, value) in values {
        form.set((*name).into(), (*value).into());
    }
    form
}

fn field<'a>(state: &'a FormState, name: &str) -> &'a FieldState {
    state
        .fields
        .iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("no field {name}"))
}

fn error_of(form: &RecordForm, name: &str) -> Option<String> {
    field(&form.state(), name).error.clone()
}

fn saved(form: &RecordForm) -> String {
    match form.save() {
        SaveOutcome::Saved { id, .. } => id,
        SaveOutcome::NotSaved { message } => panic!("not saved: {message}: {:?}", form.state()),
    }
}

fn not_saved(form: &RecordForm) -> String {
    match form.save() {
        SaveOutcome::NotSaved { message } => message,
        SaveOutcome::Saved { id, .. } => panic!("saved as {id}"),
    }
}

#[test]
fn an_employer_needs_a_name_and_then_takes_contacts() {
    let (_dir, screens) = phone();
    let add = form(&screens, FormKind::Employer, &[("industry", "Food")]);
    assert_eq!(
        error_of(&add, "name"),
        None,
        "no error before a save is tried"
    );
    assert!(field(&add.state(), "name").required);
    assert_eq!(not_saved(&add), "Not saved yet: see the fields marked.");
    assert_eq!(
        error_of(&add, "name").as_deref(),
        Some("The name is required.")
    );
    assert!(screens.store().employers().unwrap().is_empty());
    assert_eq!(
        field(&add.state(), "industry").value,
        "Food",
        "nothing typed is lost"
    );

    add.set("name".into(), "  Maple Street Bakery ".into());
    let id: EmployerId = saved(&add).parse().unwrap();
    let info = screens.store().employer(id).unwrap().info;
    assert_eq!(
        (info.name.as_str(), info.industry.as_deref()),
        ("Maple Street Bakery", Some("Food"))
    );
    assert_eq!(
        field(&add.state(), "name").value,
        "",
        "the form is empty again"
    );

    let contact = form(
        &screens,
        FormKind::Contact {
            employer_id: id.to_string(),
        },
        &[("name", "Kim Baker"), ("role", "Owner")],
    );
    saved(&contact);
    let contacts = screens.store().employer(id).unwrap().contacts;
    assert_eq!(contacts.values().next().unwrap().name, "Kim Baker");
}

#[test]
fn a_job_seeker_is_added_with_dates_checked_in_words() {
    let (_dir, screens) = phone();
    let add = form(
        &screens,
        FormKind::Seeker,
        &[("name", "Ben Ortiz"), ("referral_date", "last week")],
    );
    assert_eq!(
        error_of(&add, "referral_date").as_deref(),
        Some("The referral date “last week” is not a date like 2026-11-24.")
    );
    not_saved(&add);
    add.set("referral_date".into(), "2026-10-01".into());
    add.set("first_meeting".into(), "2026-09-01".into());
    let refusal = not_saved(&add);
    assert_eq!(
        error_of(&add, "first_meeting").as_deref(),
        Some("The first meeting (2026-09-01) cannot be before the referral date (2026-10-01).")
    );
    assert_eq!(refusal, error_of(&add, "first_meeting").unwrap());
    add.set("first_meeting".into(), "2026-10-03".into());
    let id: SeekerId = saved(&add).parse().unwrap();
    let profile = screens.store().seeker(id).unwrap().profile;
    assert_eq!(profile.name, "Ben Ortiz");
    assert_eq!(
        profile.referral_date.map(|d| d.to_string()).as_deref(),
        Some("2026-10-01")
    );
}

#[test]
fn a_plan_step_is_added_with_who_does_it() {
    let (_dir, screens) = phone();
    let ana = seeker(&screens);
    let step = form(
        &screens,
        FormKind::Step {
            seeker_id: ana.to_string(),
        },
        &[("due", "2026-02-30")],
    );
    let state = step.state();
    let who = field(&state, "who");
    assert_eq!(who.value, "specialist");
    assert_eq!(
        who.options
            .iter()
            .map(|o| o.label.as_str())
            .collect::<Vec<_>>(),
        ["The specialist", "The job seeker"]
    );
    assert!(field(&state, "due").error.is_some(), "no 30 February");
    not_saved(&step);
    assert_eq!(
        error_of(&step, "what").as_deref(),
        Some("The step is required.")
    );
    step.set("what".into(), "Visit the library job club".into());
    step.set("who".into(), "seeker".into());
    step.set("due".into(), "2026-03-02".into());
    saved(&step);
    let plan = screens.store().seeker(ana).unwrap().plan;
    let added = plan.steps.values().next().unwrap();
    assert_eq!(added.what, "Visit the library job club");
    assert_eq!(format!("{:?}", added.who), "Seeker");
}

#[test]
fn a_job_start_refused_by_the_core_shows_on_its_field_and_a_job_end_is_checked_against_it() {
    let (_dir, screens) = phone();
    let ana = seeker(&screens);
    let start = form(
        &screens,
        FormKind::JobStart {
            seeker_id: ana.to_string(),
        },
        &[
            ("employer_name", "Maple Street Bakery"),
            ("title", "Baker's assistant"),
            ("start", "2026-03-02"),
            ("hours_per_week", "95"),
            ("hourly_wage", "17,50"),
        ],
    );
    assert_eq!(
        error_of(&start, "hourly_wage").as_deref(),
        Some("The hourly wage “17,50” is not a number like 32 or 17.50.")
    );
    start.set("hourly_wage".into(), "NaN".into());
    assert_eq!(
        error_of(&start, "hourly_wage").as_deref(),
        Some("The hourly wage “NaN” is not a number like 32 or 17.50.")
    );
    start.set("hourly_wage".into(), "17.50".into());
    let message = not_saved(&start);
    assert_eq!(
        message,
        "Hours per week must be more than 0 and at most 80, not 95."
    );
    assert_eq!(error_of(&start, "hours_per_week"), Some(message));
    assert!(screens.store().seeker(ana).unwrap().jobs.is_empty());
    start.set("hours_per_week".into(), "24".into());
    assert_eq!(
        error_of(&start, "hours_per_week"),
        None,
        "the refusal goes once the field changes"
    );
    let job = saved(&start);
    let jobs = screens.store().seeker(ana).unwrap().jobs;
    let held = jobs.values().next().unwrap();
    assert_eq!(held.hourly_wage_cents, Some(1750));
    assert!(held.competitive, "competitive unless said otherwise");

    let end = form(
        &screens,
        FormKind::JobEnd {
            seeker_id: ana.to_string(),
            job_id: job.clone(),
        },
        &[("date", "2026-02-01"), ("reason", "Moved away")],
    );
    let message = not_saved(&end);
    assert_eq!(
        message,
        "The date (2026-02-01) cannot be before the job's start (2026-03-02)."
    );
    assert_eq!(error_of(&end, "date"), Some(message));
    end.set("date".into(), "2026-06-30".into());
    saved(&end);
    let jobs = screens.store().seeker(ana).unwrap().jobs;
    assert_eq!(
        jobs.values().next().unwrap().end.as_ref().unwrap().reason,
        "Moved away"
    );
}

#[test]
fn a_support_and_a_case_note_are_saved_and_a_note_is_voided_once() {
    let (_dir, screens) = phone();
    let ana = seeker(&screens);
    let support = form(
        &screens,
        FormKind::Support {
            seeker_id: ana.to_string(),
        },
        &[],
    );
    assert_eq!(field(&support.state(), "given_by").value, "specialist");
    assert!(
        !field(&support.state(), "date").value.is_empty(),
        "today by default"
    );
    not_saved(&support);
    assert_eq!(
        error_of(&support, "kind").as_deref(),
        Some("The kind of support is required.")
    );
    support.set("kind".into(), "Check-in with supervisor".into());
    support.set("in_person".into(), "no".into());
    saved(&support);
    let supports = screens.store().seeker(ana).unwrap().supports;
    assert!(!supports.values().next().unwrap().in_person);

    let note = form(
        &screens,
        FormKind::Note {
            seeker_id: ana.to_string(),
        },
        &[("text", "Asked about evening shifts")],
    );
    let note_id = saved(&note);
    let void = form(
        &screens,
        FormKind::VoidNote {
            seeker_id: ana.to_string(),
            note_id: note_id.clone(),
        },
        &[],
    );
    not_saved(&void);
    assert_eq!(
        error_of(&void, "reason").as_deref(),
        Some("The reason is required.")
    );
    void.set("reason".into(), "Written on the wrong person".into());
    saved(&void);
    let again = form(
        &screens,
        FormKind::VoidNote {
            seeker_id: ana.to_string(),
            note_id,
        },
        &[("reason", "twice")],
    );
    let message = not_saved(&again);
    assert_eq!(
        message,
        "This case note was already marked as entered in error."
    );
    assert_eq!(
        again.state().message,
        Some(message),
        "shown for the whole form"
    );
}

#[test]
fn a_form_for_a_record_not_on_the_phone_says_so() {
    let (_dir, screens) = phone();
    let note = form(
        &screens,
        FormKind::Note {
            seeker_id: "not-an-id".into(),
        },
        &[("text", "Hello")],
    );
    assert_eq!(not_saved(&note), "This job seeker is not on this phone.");
}

#[test]
fn a_draft_survives_the_screen_being_rebuilt() {
    let (_dir, screens) = phone();
    let add = form(
        &screens,
        FormKind::Employer,
        &[("name", "Café Olé"), ("hiring_notes", "Hires in spring")],
    );
    not_saved(&form(&screens, FormKind::Employer, &[]));
    let shown = add.state();
    let rebuilt = Arc::clone(&screens).record_form_from(add.draft());
    assert_eq!(rebuilt.state(), shown);
}

#[test]
fn every_form_is_worded_in_every_language_with_no_message_missing() {
    let (_dir, screens) = phone();
    let ana = seeker(&screens).to_string();
    let bakery = employer(&screens).to_string();
    let step = screens
        .store()
        .add_step(
            ana.parse().unwrap(),
            fieldbook_core::NewStep {
                id: None,
                what: "Visit the job club".into(),
                who: fieldbook_core::model::StepOwner::Specialist,
                due: None,
            },
        )
        .unwrap()
        .to_string();
    let kinds = vec![
        FormKind::EditSeeker {
            seeker_id: ana.clone(),
        },
        FormKind::Consent {
            seeker_id: ana.clone(),
        },
        FormKind::Career {
            seeker_id: ana.clone(),
        },
        FormKind::Plan {
            seeker_id: ana.clone(),
        },
        FormKind::EditStep {
            seeker_id: ana.clone(),
            step_id: step,
        },
        FormKind::EditEmployer {
            employer_id: bakery.clone(),
        },
        FormKind::Seeker,
        FormKind::Employer,
        FormKind::Contact {
            employer_id: bakery.clone(),
        },
        FormKind::Note {
            seeker_id: ana.clone(),
        },
        FormKind::Step {
            seeker_id: ana.clone(),
        },
        FormKind::JobStart {
            seeker_id: ana.clone(),
        },
        FormKind::JobEnd {
            seeker_id: ana.clone(),
            job_id: "j".into(),
        },
        FormKind::Support {
            seeker_id: ana.clone(),
        },
        FormKind::VoidVisit {
            employer_id: bakery,
            visit_id: "v".into(),
        },
        FormKind::VoidNote {
            seeker_id: ana,
            note_id: "n".into(),
        },
    ];
    for language in Language::ALL {
        screens.set_language(language);
        for kind in &kinds {
            let f = Arc::clone(&screens).record_form(kind.clone());
            // Every field blank or unreadable: every error the form can show before saving.
            for name in f
                .state()
                .fields
                .iter()
                .map(|f| f.name.clone())
                .collect::<Vec<_>>()
            {
                f.set(name, String::new());
            }
            // Forms with no required field (the career profile, the plan) save blank.
            let _ = f.save();
            let state = f.state();
            let mut words = vec![state.title.clone(), state.save_label.clone()];
            words.extend(state.message.clone());
            for field in &state.fields {
                words.push(field.label.clone());
                words.extend(field.error.clone());
                words.extend(field.options.iter().map(|o| o.label.clone()));
                assert_eq!(
                    field.required,
                    field.error.is_some(),
                    "{kind:?} {}",
                    field.name
                );
            }
            for w in words {
                assert!(
                    !w.contains('⟦') && !w.is_empty(),
                    "{} {kind:?}: {w}",
                    language.tag()
                );
            }
        }
    }
    screens.set_language(Language::English);
    assert_eq!(screens.form_title(FormKind::Employer), "Add an employer");
    screens.set_language(Language::Spanish);
    assert_eq!(
        screens.form_title(FormKind::Employer),
        "Agregar un empleador"
    );
    let f = Arc::clone(&screens).record_form(FormKind::Employer);
    not_saved(&f);
    assert_eq!(f.state().title, "Agregar un empleador");
    assert_eq!(error_of(&f, "name").as_deref(), Some("Falta el nombre."));
}
