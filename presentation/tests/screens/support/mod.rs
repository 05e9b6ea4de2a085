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
