//! The job seeker screen on a real store file: jobs (an ended job reads as ended), plan,
//! notes in the order they were written whatever their offset, the path so far; a
//! specialist's actions, and none on the job seeker's own phone (real server).

use crate::support::{assert_worded, noon, Phone};
use chrono::{DateTime, Duration};
use fieldbook_core::model::{JobEnd, PlanInfo, SeekerStatus};
use fieldbook_core::{today, NewJob};
use fieldbook_presentation::form::SaveOutcome;
use fieldbook_presentation::record_form::FormKind;
use fieldbook_presentation::seeker::SeekerAction;
use fieldbook_presentation::seeker_row_actions::{row_action_form, RowAction};
use fieldbook_presentation::{Language, Screens};
use fieldbook_test_support::fixtures::{employer, seeker, step, visit};
use fieldbook_test_support::{Server, Team};

fn job(title: &str, employer: &str, start: chrono::NaiveDate) -> NewJob {
    NewJob {
        id: None,
        employer_id: None,
        employer_name: Some(employer.into()),
        title: title.into(),
        job_type: None,
        soc_code: None,
        start,
        hours_per_week: Some(20.0),
        hourly_wage_cents: Some(1600),
        permanent: Some(true),
        competitive: true,
        disclosed: None,
    }
}

/// Erik: a goal, a step due in a week, a job ended last month and one held now, two notes
/// written in different offsets.
fn erik_phone(language: Language) -> (Phone, fieldbook_core::ids::SeekerId) {
    let phone = Phone::new(language);
    let erik = seeker(&phone.store, "Erik Lund");
    let store = &phone.store;
    store
        .update_plan(
            erik,
            PlanInfo {
                goal: Some("Work in a warehouse".into()),
                ..Default::default()
            },
        )
        .unwrap();
    step(store, erik, "Visit the warehouse");
    let first = store
        .start_job(
            erik,
            job(
                "Stocker",
                "Riverbend Hardware",
                today() - Duration::days(60),
            ),
        )
        .unwrap();
    store
        .end_job(
            erik,
            first,
            JobEnd {
                date: today() - Duration::days(30),
                reason: "moved away".into(),
                learned: None,
            },
        )
        .unwrap();
    store
        .start_job(erik, job("Cashier", "Hy-Vee", today() - Duration::days(3)))
        .unwrap();
    store
        .set_status(
            erik,
            SeekerStatus::Working,
            today() - Duration::days(3),
            None,
        )
        .unwrap();
    // 09:00 in Minneapolis is 15:00 UTC; 16:00 in Nairobi is 13:00 UTC: the Nairobi note
    // was written first although its clock reads later.
    let day = today() - Duration::days(1);
    let at = |text: &str| DateTime::parse_from_rfc3339(&format!("{day}T{text}")).unwrap();
    store
        .add_note(erik, "Called from Minneapolis", Some(at("09:00:00-06:00")))
        .unwrap();
    store
        .add_note(erik, "Written in Nairobi", Some(at("16:00:00+03:00")))
        .unwrap();
    (phone, erik)
}

#[test]
fn an_ended_job_reads_as_ended_with_its_end_date() {
    let (phone, erik) = erik_phone(Language::English);
    let screen = phone.screens.seeker_at(erik, noon(today(), 0)).unwrap();
    assert_eq!(screen.name, "Erik Lund");
    let words = fieldbook_presentation::Words::new(Language::English);
    let day = |d: i64| fieldbook_presentation::format::date(&words, today() - Duration::days(d));
    assert_eq!(screen.status, format!("Working since {}", day(3)));
    let jobs: Vec<(&str, &str, bool)> = screen
        .jobs
        .iter()
        .map(|j| (j.title.as_str(), j.period.as_str(), j.ended))
        .collect();
    let current = format!("Working here since {}", day(3));
    let ended = format!("Ended {} (started {}): moved away", day(30), day(60));
    assert_eq!(
        jobs,
        vec![
            ("Cashier at Hy-Vee", current.as_str(), false),
            ("Stocker at Riverbend Hardware", ended.as_str(), true),
        ]
    );
    assert_eq!(screen.goal, "Goal: Work in a warehouse");
    assert_eq!(screen.steps.len(), 1);
    assert_eq!(
        screen.steps[0].detail,
        format!("Job seeker’s step, due {}", day(-7))
    );
    assert!(screen.steps[0].accessibility_label.contains("Open"));
    assert!(screen
        .timeline
        .contains(&format!("{}: Left Stocker at Riverbend Hardware", day(30))));
    assert!(screen
        .timeline
        .contains(&format!("{}: Status: Working", day(3))));
    // Oldest first (this fixture's first job predates the referral).
    assert_eq!(
        screen.timeline.first().unwrap(),
        &format!("{}: Started as Stocker at Riverbend Hardware", day(60))
    );
    assert!(screen
        .timeline
        .contains(&format!("{}: Referred to IPS", day(7))));
}

#[test]
fn notes_are_ordered_by_when_they_were_written_and_shown_on_the_phones_clock() {
    let (phone, erik) = erik_phone(Language::English);
    let screen = phone.screens.seeker_at(erik, noon(today(), -6)).unwrap();
    let notes: Vec<&str> = screen.notes.iter().map(|n| n.text.as_str()).collect();
    assert_eq!(
        notes,
        ["Called from Minneapolis", "Written in Nairobi"],
        "newest first"
    );
    // Both on the Minneapolis phone's clock.
    assert!(
        screen.notes[0].when.ends_with(", 9:00 AM"),
        "{}",
        screen.notes[0].when
    );
    assert!(
        screen.notes[1].when.ends_with(", 7:00 AM"),
        "{}",
        screen.notes[1].when
    );
}

#[test]
fn a_specialist_sees_every_action_and_every_language_words_the_screen() {
    let (phone, erik) = erik_phone(Language::English);
    let screen = phone.screens.seeker_at(erik, noon(today(), 0)).unwrap();
    assert_eq!(screen.read_only_line, None);
    let actions: Vec<SeekerAction> = screen.actions.iter().map(|a| a.action).collect();
    assert!(actions.contains(&SeekerAction::LogVisit) && actions.contains(&SeekerAction::StartJob));
    assert_eq!(actions.len(), 11);
    // Every action but logging a visit (its own form) opens a shared form for this job seeker.
    for action in &actions {
        let form = fieldbook_presentation::seeker::seeker_action_form(*action, erik.to_string());
        assert_eq!(
            form.is_none(),
            *action == SeekerAction::LogVisit,
            "{action:?}"
        );
    }
    assert_eq!(screen.actions[0].label, "Log an employer visit");

    let (spanish, erik) = erik_phone(Language::Spanish);
    let screen = spanish.screens.seeker_at(erik, noon(today(), 0)).unwrap();
    assert_eq!(screen.jobs[1].title, "Stocker en Riverbend Hardware");
    assert!(
        screen.jobs[1].period.starts_with("Terminó el "),
        "{}",
        screen.jobs[1].period
    );
    assert_eq!(screen.goal, "Objetivo: Work in a warehouse");
    assert_eq!(
        screen.jobs[0].actions[0].accessibility_label,
        format!("Terminar el empleo {}", screen.jobs[0].title)
    );
    let target = employer(&spanish.store, "Target");
    visit(&spanish.store, target, &[erik], "presented Erik");
    for language in Language::ALL {
        spanish.screens.set_language(language);
        let s = spanish.screens.seeker_at(erik, noon(today(), 0)).unwrap();
        let mut texts: Vec<&str> = vec![&s.status, &s.goal];
        texts.extend(s.headings.iter().map(String::as_str));
        texts.extend(
            s.profile
                .iter()
                .flat_map(|f| [f.label.as_str(), f.value.as_str()]),
        );
        texts.extend(
            s.steps
                .iter()
                .flat_map(|r| [r.detail.as_str(), r.accessibility_label.as_str()]),
        );
        texts.extend(
            s.jobs
                .iter()
                .flat_map(|j| [j.title.as_str(), j.period.as_str()]),
        );
        texts.extend(s.notes.iter().map(|n| n.when.as_str()));
        texts.extend(s.timeline.iter().map(String::as_str));
        texts.extend(s.actions.iter().map(|a| a.label.as_str()));
        let rows = s.jobs.iter().flat_map(|j| &j.actions);
        let rows = rows.chain(s.notes.iter().flat_map(|n| &n.actions));
        let rows = rows.chain(s.visits.iter().flat_map(|v| &v.actions));
        texts.extend(s.visits.iter().map(|v| v.what.as_str()));
        texts.extend(rows.flat_map(|a| [a.label.as_str(), a.accessibility_label.as_str()]));
        assert_worded(&texts);
    }
}

#[test]
fn the_job_seekers_own_phone_has_no_editing_actions() {
    let server = Server::start();
    let team = Team::create(&server, 1);
    let specialist = fieldbook_test_support::Phone::enrolled(&server, &team.specialists[0]);
    let maria = seeker(&specialist.store, "Maria Santos");
    specialist
        .store
        .add_note(maria, "private note", None)
        .unwrap();
    let target = employer(&specialist.store, "Target");
    visit(&specialist.store, target, &[maria], "presented Maria");
    specialist
        .store
        .start_job(maria, job("Cashier", "Target", today()))
        .unwrap();
    specialist.store.sync(None).unwrap();
    let account = team.add_seeker_account(&server, &maria.to_string());

    let phone = Phone::new(Language::English);
    phone
        .screens
        .enroll_typed(
            server.url(),
            server.code(&account),
            "Maria's phone".into(),
            None,
        )
        .unwrap();
    phone.store.sync(None).unwrap();
    let screen = phone.screens.seeker_at(maria, noon(today(), 0)).unwrap();
    assert_eq!(screen.name, "Maria Santos");
    assert!(screen.actions.is_empty(), "{:?}", screen.actions);
    assert_eq!(
        screen.read_only_line.as_deref(),
        Some("This is your record. Your employment specialist keeps it up to date; ask them to change anything.")
    );
    assert!(screen.notes.is_empty());
    // Her jobs and the contacts made for her are shown, with nothing to change them.
    assert_eq!(screen.jobs.len(), 1);
    assert_eq!(screen.visits.len(), 1);
    assert!(screen.jobs[0].actions.is_empty(), "{:?}", screen.jobs[0]);
    assert!(
        screen.visits[0].actions.is_empty(),
        "{:?}",
        screen.visits[0]
    );

    // The same record on the specialist's phone lists the actions.
    let screens = Screens::new(
        std::sync::Arc::new(fieldbook_core::Store::open(specialist.path(), None).unwrap()),
        Language::English,
    );
    assert!(!screens
        .seeker_at(maria, noon(today(), 0))
        .unwrap()
        .actions
        .is_empty());
}

#[test]
fn a_specialist_ends_a_held_job_and_voids_or_corrects_visits_and_notes_from_their_rows() {
    let (phone, erik) = erik_phone(Language::English);
    let hy_vee = employer(&phone.store, "Hy-Vee");
    let visited = visit(&phone.store, hy_vee, &[erik], "presented Erik");
    let screen = phone.screens.seeker_at(erik, noon(today(), 0)).unwrap();

    // The job held has "End this job" carrying its ids; the ended one has nothing.
    let held = &screen.jobs[0];
    assert!(!held.ended);
    let end = RowAction::EndJob {
        seeker_id: erik.to_string(),
        job_id: held.job_id.clone(),
    };
    assert_eq!(held.actions.len(), 1);
    assert_eq!(held.actions[0].action, end);
    assert_eq!(held.actions[0].label, "End this job");
    // TalkBack and VoiceOver hear which row the button acts on.
    assert_eq!(
        held.actions[0].accessibility_label,
        format!("End the job {}", held.title)
    );
    assert!(screen.jobs[1].ended && screen.jobs[1].actions.is_empty());
    assert_eq!(
        row_action_form(end),
        Some(FormKind::JobEnd {
            seeker_id: erik.to_string(),
            job_id: held.job_id.clone()
        })
    );

    // The visit: correct (the visit form) or void, with the employer's and visit's ids.
    assert_eq!(screen.visits.len(), 1);
    let row = &screen.visits[0];
    assert_eq!(row.visit_id, visited.to_string());
    assert_eq!(row.employer_id, hy_vee.to_string());
    assert!(row.what.contains("Hy-Vee"), "{}", row.what);
    let labels: Vec<&str> = row.actions.iter().map(|a| a.label.as_str()).collect();
    assert_eq!(
        labels,
        ["Correct this visit", "Mark this visit entered in error"]
    );
    assert_eq!(
        row.actions[1].accessibility_label,
        format!("Mark the visit {}, {} entered in error", row.what, row.when)
    );
    assert_eq!(row_action_form(row.actions[0].action.clone()), None);
    let void_visit = row_action_form(row.actions[1].action.clone()).unwrap();
    assert_eq!(
        void_visit,
        FormKind::VoidVisit {
            employer_id: hy_vee.to_string(),
            visit_id: visited.to_string()
        }
    );

    // Every note can be voided.
    assert_eq!(screen.notes.len(), 2);
    for note in &screen.notes {
        assert_eq!(
            note.actions.iter().map(|a| &a.action).collect::<Vec<_>>(),
            [&RowAction::VoidNote {
                seeker_id: erik.to_string(),
                note_id: note.note_id.clone()
            }]
        );
    }

    let note = &screen.notes[0];
    assert_eq!(
        note.actions[0].accessibility_label,
        format!("Mark the note of {} entered in error", note.when)
    );

    // Following the actions through the shared forms: the visit and a note voided, the job
    // ended; the screen then shows neither, and the job as ended without its action.
    let void_note = row_action_form(screen.notes[0].actions[0].action.clone()).unwrap();
    for kind in [void_visit, void_note] {
        let form = std::sync::Arc::clone(&phone.screens).record_form(kind);
        form.set("reason".into(), "entered in error".into());
        assert!(matches!(form.save(), SaveOutcome::Saved { .. }));
    }
    let form = std::sync::Arc::clone(&phone.screens)
        .record_form(row_action_form(held.actions[0].action.clone()).unwrap());
    form.set("reason".into(), "found a better job".into());
    assert!(
        matches!(form.save(), SaveOutcome::Saved { .. }),
        "{:?}",
        form.state()
    );
    let after = phone.screens.seeker_at(erik, noon(today(), 0)).unwrap();
    assert!(after.visits.is_empty());
    assert_eq!(after.notes.len(), 1);
    assert!(after.jobs.iter().all(|j| j.ended && j.actions.is_empty()));
}

/// A job seeker this phone does not hold (reassigned away, or a stale link) is said so in
/// the phone's language, not in the core's English.
#[test]
fn a_job_seeker_not_on_this_phone_is_said_so_in_the_phones_language() {
    let phone = Phone::new(Language::Spanish);
    let gone = fieldbook_core::ids::SeekerId::new().to_string();
    let Err(fieldbook_presentation::seeker::ScreenError::Unavailable { words }) =
        phone.screens.seeker(gone, 0)
    else {
        panic!("a job seeker not on the phone has no screen");
    };
    assert!(
        words.starts_with("No se puede mostrar a esta persona: ")
            && words.contains("no está en este teléfono"),
        "{words}"
    );
    let Err(fieldbook_presentation::seeker::ScreenError::Unavailable { words }) =
        phone.screens.seeker("not an id".into(), 0)
    else {
        panic!("a malformed id has no screen");
    };
    assert_eq!(
        words,
        "No se puede mostrar a esta persona: no existe la persona not an id"
    );
}

/// Visits are listed newest first by the instant they happened, whatever offset each was
/// written in (09:00 in Chicago is after 12:00 in London), and one marked entered in error
/// is not listed.
#[test]
fn visits_are_newest_first_by_instant_across_offsets_and_voided_ones_are_gone() {
    use fieldbook_test_support::fixtures::new_visit;
    let phone = Phone::new(Language::English);
    let erik = seeker(&phone.store, "Erik Lund");
    let hy_vee = employer(&phone.store, "Hy-Vee");
    let day = today() - Duration::days(1);
    let at = |hour: u32, offset_hours: i32| {
        let offset = chrono::FixedOffset::east_opt(offset_hours * 3600).unwrap();
        day.and_hms_opt(hour, 0, 0)
            .unwrap()
            .and_local_timezone(offset)
            .unwrap()
    };
    let log = |hour, offset, note: &str| {
        phone
            .store
            .log_visit(fieldbook_core::NewVisit {
                at: at(hour, offset),
                seekers: vec![erik],
                ..new_visit(hy_vee, note)
            })
            .unwrap()
    };
    let chicago = log(9, -6, "Chicago 09:00 (15:00 UTC)");
    let london = log(12, 0, "London 12:00 (12:00 UTC)");
    let voided = log(16, 0, "entered in error");
    phone
        .store
        .void_visit(hy_vee, voided, "logged for the wrong person")
        .unwrap();
    let screen = phone.screens.seeker_at(erik, noon(today(), 0)).unwrap();
    let ids: Vec<&str> = screen.visits.iter().map(|v| v.visit_id.as_str()).collect();
    assert_eq!(ids, [chicago.to_string(), london.to_string()]);
}
