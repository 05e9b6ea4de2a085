//! Screens whose state comes from sync, against a real `fieldbook-server` on loopback:
//! enrollment from the QR link, the indicator after syncing, and refused changes shown by
//! the name of their record, what was refused and why.

use crate::support::{assert_worded, noon, restored_phone_with_a_refused_step, Phone};
use fieldbook_presentation::changes::RefusedAction;
use fieldbook_presentation::enrollment::EnrollmentError;
use fieldbook_presentation::indicator::SyncLevel;
use fieldbook_presentation::Language;
use fieldbook_test_support::fixtures::{employer, seeker, step};
use fieldbook_test_support::{Server, Team};

/// The link the supervisor's page draws as a QR code (docs/adr/0002, "Enrollment link").
fn link(server: &Server, code: &str) -> String {
    let query: String = url::form_urlencoded::Serializer::new(String::new())
        .append_pair("server", &server.url())
        .append_pair("code", code)
        .finish();
    format!("fieldbook://enroll?{query}")
}

#[test]
fn a_phone_enrolls_from_the_qr_link_and_the_indicator_follows_its_syncs() {
    let server = Server::start();
    let team = Team::create(&server, 1);
    let phone = Phone::new(Language::English);
    let now = noon(fieldbook_core::today(), 0);

    // A used or made-up code fails in words, and the phone stays unenrolled.
    let wrong = phone
        .screens
        .enroll_from_link(link(&server, "NOPE-NOPE-NOPE"), "Ana's phone".into(), None)
        .unwrap_err();
    assert!(matches!(wrong, EnrollmentError::Failed { .. }), "{wrong:?}");
    assert!(
        wrong
            .to_string()
            .starts_with("The phone could not connect: "),
        "{wrong}"
    );
    assert!(!phone.store.identity().is_enrolled());

    let code = server.code(&team.specialists[0]);
    let enrolled = phone
        .screens
        .enroll_from_link(link(&server, &code), "Ana's phone".into(), None)
        .unwrap();
    assert_eq!(enrolled.user_name.as_deref(), Some("Specialist 0"));
    assert_eq!(
        enrolled.line,
        format!("Connected as Specialist 0 to {}", server.url())
    );
    assert_eq!(phone.store.identity().server_url, Some(server.url()));

    let indicator = phone.screens.sync_indicator_at(true, now).unwrap();
    assert_eq!(indicator.state, SyncLevel::UpToDate);
    assert_eq!(indicator.last_sync.as_deref(), Some("Never synced"));

    seeker(&phone.store, "Erik Lund");
    let indicator = phone.screens.sync_indicator_at(false, now).unwrap();
    assert_eq!(indicator.state, SyncLevel::Offline);
    assert!(
        indicator.line.starts_with("Offline · "),
        "{}",
        indicator.line
    );
    assert!(
        indicator.line.ends_with("changes waiting to sync"),
        "{}",
        indicator.line
    );

    phone.store.sync(None).unwrap();
    let indicator = phone
        .screens
        .sync_indicator_at(true, chrono::Utc::now().fixed_offset())
        .unwrap();
    assert_eq!(indicator.state, SyncLevel::UpToDate);
    assert_eq!(indicator.line, "Everything is synced");
    let last = indicator.last_sync.unwrap();
    assert!(last.starts_with("Last synced today, "), "{last}");
    phone.screens.set_language(Language::Spanish);
    let indicator = phone
        .screens
        .sync_indicator_at(true, chrono::Utc::now().fixed_offset())
        .unwrap();
    assert_eq!(indicator.line, "Todo está sincronizado");
    assert!(indicator
        .last_sync
        .unwrap()
        .starts_with("Última sincronización: hoy, "));
}

/// A phone restored from a backup writes a step that does not follow the record's last
/// change: the server refuses it, and the screen names the record and the step.
#[test]
fn a_refused_change_is_shown_by_the_name_of_its_record() {
    let server = Server::start();
    let team = Team::create(&server, 1);
    let (_dir, store, report) = restored_phone_with_a_refused_step(&server, &team);
    let screens =
        fieldbook_presentation::Screens::new(std::sync::Arc::clone(&store), Language::English);
    assert_eq!(report.rejected.len(), 1, "{report:?}");

    let utc = chrono::FixedOffset::east_opt(0).unwrap();
    let changes = screens.changes_at(utc).unwrap();
    assert!(changes.waiting.is_empty(), "{:?}", changes.waiting);
    let refused = changes.refused.first().expect("the refused step is listed");
    assert_eq!(refused.record, "Job seeker Erik Lund");
    assert_eq!(refused.what, "Plan step added");
    assert_eq!(
        refused.why,
        "It does not follow on from the changes this phone sent before, as when the app was \
         restored from a backup"
    );
    assert_eq!(refused.action, RefusedAction::MakeAgain);
    assert_eq!(refused.action_label, "Make the change again");
    assert!(
        refused
            .accessibility_label
            .starts_with("Refused: Plan step added in Job seeker Erik Lund, "),
        "{}",
        refused.accessibility_label
    );
    assert!(changes.export_json.contains("Erik Lund"));
    let indicator = screens
        .sync_indicator_at(true, noon(fieldbook_core::today(), 0))
        .unwrap();
    assert_eq!(indicator.state, SyncLevel::Refused);
    assert_eq!(indicator.line, "1 change refused by the server");

    screens.set_language(Language::Spanish);
    let changes = screens.changes_at(utc).unwrap();
    assert_eq!(changes.refused[0].record, "Persona Erik Lund");
    assert_eq!(changes.refused[0].what, "Paso del plan añadido");
    for language in Language::ALL {
        screens.set_language(language);
        let changes = screens.changes_at(utc).unwrap();
        let r = &changes.refused[0];
        assert_worded(&[
            &changes.title,
            &r.record,
            &r.what,
            &r.why,
            &r.when,
            &r.action_label,
            &r.accessibility_label,
        ]);
    }
}

/// Copies every file of `from` (the store and its write-ahead log) over those of `to`.
#[test]
fn waiting_changes_are_listed_by_record() {
    let phone = Phone::new(Language::English);
    let utc = chrono::FixedOffset::east_opt(0).unwrap();
    let empty = phone.screens.changes_at(utc).unwrap();
    assert_eq!(
        empty.empty_line.as_deref(),
        Some("Nothing is waiting: everything made here is on the server")
    );
    let erik = seeker(&phone.store, "Erik Lund");
    step(&phone.store, erik, "Call the warehouse");
    employer(&phone.store, "Riverbend Hardware");
    let changes = phone.screens.changes_at(utc).unwrap();
    let texts: Vec<&str> = changes.waiting.iter().map(|w| w.text.as_str()).collect();
    assert!(
        texts.contains(&"Job seeker Erik Lund: Job seeker added, Plan step added"),
        "{texts:?}"
    );
    assert!(
        texts.contains(&"Employer Riverbend Hardware: Employer added"),
        "{texts:?}"
    );
    assert_eq!(changes.empty_line, None);
}

/// Two specialists change Erik's phone number offline: the pending screen shows the field
/// in words with both values, who wrote each and when, and what settling keeps.
#[test]
fn a_conflict_shows_both_values_who_and_when() {
    let server = Server::start();
    let team = Team::create(&server, 2);
    let a = fieldbook_test_support::Phone::enrolled(&server, &team.specialists[0]);
    let b = fieldbook_test_support::Phone::enrolled(&server, &team.specialists[1]);
    let erik = seeker(&a.store, "Erik Lund");
    a.store.sync(None).unwrap();
    server.admin(&[
        "assign",
        "--seeker",
        &erik.to_string(),
        "--specialist",
        &team.specialists[1],
    ]);
    b.store.sync(None).unwrap();
    for (phone, number) in [(&a, "612-555-0101"), (&b, "612-555-0202")] {
        let mut profile = phone.store.seeker(erik).unwrap().profile;
        profile.phone = Some(number.into());
        phone.store.update_profile(erik, profile).unwrap();
    }
    for phone in [&a, &b, &a] {
        phone.store.sync(None).unwrap();
    }

    let store = std::sync::Arc::new(fieldbook_core::Store::open(a.path(), None).unwrap());
    let screens = fieldbook_presentation::Screens::new(store, Language::English);
    let utc = chrono::FixedOffset::east_opt(0).unwrap();
    let changes = screens.changes_at(utc).unwrap();
    assert_eq!(changes.empty_line, None);
    let conflict = changes.conflicts.single_item();
    assert_eq!(conflict.record, "Job seeker Erik Lund");
    assert_eq!(conflict.field, "profile.phone");
    assert_eq!(conflict.field_label, "Phone");
    let mut values: Vec<&str> = conflict.values.iter().map(|v| v.value.as_str()).collect();
    values.sort();
    assert_eq!(values, ["612-555-0101", "612-555-0202"]);
    let mut who: Vec<&str> = conflict
        .values
        .iter()
        .map(|v| v.written.split(", ").next().unwrap())
        .collect();
    who.sort();
    assert_eq!(who, ["Specialist 0", "Specialist 1"]);
    let keep = &conflict.values[0];
    assert_eq!(keep.settle_label, format!("Keep “{}”", keep.value));
    assert_eq!(keep.value_json, Some(format!("\"{}\"", keep.value)));
    assert_eq!(
        conflict.headline,
        "Phone of Job seeker Erik Lund was changed on two phones at once"
    );
    assert!(conflict
        .accessibility_label
        .starts_with("Phone of Job seeker Erik Lund was changed on two phones at once. "));
    for language in Language::ALL {
        screens.set_language(language);
        let c = &screens.changes_at(utc).unwrap().conflicts[0];
        let mut texts = vec![
            c.record.as_str(),
            c.field_label.as_str(),
            c.accessibility_label.as_str(),
        ];
        texts.extend(
            c.values
                .iter()
                .flat_map(|v| [v.written.as_str(), v.settle_label.as_str()]),
        );
        assert_worded(&texts);
    }

    // Settled on one value, the conflict leaves the screen.
    let value: serde_json::Value =
        serde_json::from_str(keep.value_json.as_deref().unwrap()).unwrap();
    a.store.settle(erik.doc(), &conflict.field, &value).unwrap();
    assert!(screens.changes_at(utc).unwrap().conflicts.is_empty());
}

/// The one item of a list, failing with the list otherwise.
trait SingleItem<T> {
    fn single_item(&self) -> &T;
}

impl<T: std::fmt::Debug> SingleItem<T> for Vec<T> {
    fn single_item(&self) -> &T {
        assert_eq!(self.len(), 1, "{self:?}");
        &self[0]
    }
}
