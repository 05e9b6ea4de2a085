//! What the screens' tests share: a phone (a real store file) and its screens.

use std::sync::Arc;

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveTime};
use fieldbook_core::Store;
use fieldbook_presentation::{Language, Screens};

/// A phone: a store in its own directory and its screens.
pub struct Phone {
    pub store: Arc<Store>,
    pub screens: Arc<Screens>,
    pub _dir: tempfile::TempDir,
}

impl Phone {
    pub fn new(language: Language) -> Phone {
        let dir = tempfile::tempdir().unwrap();
        let store = Arc::new(Store::open(dir.path().join("phone.db"), None).unwrap());
        let screens = Screens::new(Arc::clone(&store), language);
        Phone {
            store,
            screens,
            _dir: dir,
        }
    }
}

/// Noon of `day` on a phone at UTC`offset_hours`.
pub fn noon(day: NaiveDate, offset_hours: i32) -> DateTime<FixedOffset> {
    day.and_time(NaiveTime::from_hms_opt(12, 0, 0).unwrap())
        .and_local_timezone(FixedOffset::east_opt(offset_hours * 3600).unwrap())
        .unwrap()
}

/// Fails when a worded text holds a message missing from the catalogue.
pub fn assert_worded(texts: &[&str]) {
    for text in texts {
        assert!(!text.contains('⟦'), "a message is missing: {text}");
        assert!(!text.trim().is_empty(), "an empty text among {texts:?}");
    }
}

/// A phone restored from a backup that writes a plan step for Erik Lund again: the step does
/// not follow the record's last change, and the server refuses it. The phone's directory (kept
/// alive), its store, and the report of the sync that was refused.
pub fn restored_phone_with_a_refused_step(
    server: &fieldbook_test_support::Server,
    team: &fieldbook_test_support::Team,
) -> (tempfile::TempDir, Arc<Store>, fieldbook_core::SyncReport) {
    use fieldbook_test_support::fixtures::{seeker, step};
    let dir = tempfile::tempdir().unwrap();
    let backup = tempfile::tempdir().unwrap();
    let open = || Arc::new(Store::open(dir.path().join("phone.db"), None).unwrap());
    let erik = {
        let store = open();
        let screens = Screens::new(Arc::clone(&store), Language::English);
        let code = server.code(&team.specialists[0]);
        screens
            .enroll_typed(server.url(), code, "Ana's phone".into(), None)
            .unwrap();
        let erik = seeker(&store, "Erik Lund");
        store.sync(None).unwrap();
        erik
    };
    copy_files(dir.path(), backup.path());
    {
        let store = open();
        step(&store, erik, "Call the warehouse");
        store.sync(None).unwrap();
    }
    // The phone comes back from the backup; the step is written again.
    copy_files(backup.path(), dir.path());
    let store = open();
    step(&store, erik, "Visit the warehouse");
    let report = store.sync(None).unwrap();
    (dir, store, report)
}

/// Replaces every file in `to` with a copy of those in `from` (a phone's store restored).
pub fn copy_files(from: &std::path::Path, to: &std::path::Path) {
    for entry in std::fs::read_dir(to).unwrap() {
        std::fs::remove_file(entry.unwrap().path()).unwrap();
    }
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}
