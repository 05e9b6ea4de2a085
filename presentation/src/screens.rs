//! The apps' handle on the presentation: one phone's store and the language it speaks.
//! Each screen area adds its methods in its own module (`#[uniffi::export] impl Screens`).

use std::sync::{Arc, RwLock};

use fieldbook_core::Store;

use crate::words::{Arg, Language, Words};

/// Every screen of one phone, worded in the phone's language. Shared by the UI thread and
/// the background sync; switching language takes effect at the next screen built.
#[derive(uniffi::Object)]
pub struct Screens {
    store: Arc<Store>,
    words: RwLock<Arc<Words>>,
}

impl std::fmt::Debug for Screens {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Screens")
            .field("language", &self.language())
            .finish()
    }
}

impl Screens {
    /// The screens of the phone whose store is `store`, in `language`.
    pub fn new(store: Arc<Store>, language: Language) -> Arc<Screens> {
        Arc::new(Screens {
            store,
            words: RwLock::new(Arc::new(Words::new(language))),
        })
    }

    /// The phone's store.
    pub fn store(&self) -> &Store {
        &self.store
    }

    /// The words of the language chosen now.
    pub fn words(&self) -> Arc<Words> {
        match self.words.read() {
            Ok(words) => Arc::clone(&words),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }
}

#[uniffi::export]
impl Screens {
    /// The language the screens are worded in.
    pub fn language(&self) -> Language {
        self.words().language()
    }

    /// Words every screen from now on in `language` (the phone's setting changed, or the
    /// person chose another).
    pub fn set_language(&self, language: Language) {
        let words = Arc::new(Words::new(language));
        match self.words.write() {
            Ok(mut current) => *current = words,
            Err(poisoned) => *poisoned.into_inner() = words,
        }
    }

    /// The always-visible line saying how many changes wait for the next sync, or nothing
    /// when none do.
    pub fn pending_line(&self) -> Option<String> {
        let count = self.store.pending_changes().ok()?;
        let count = i64::try_from(count).unwrap_or(i64::MAX);
        (count > 0).then(|| {
            self.words()
                .get("pending-changes", &[("count", Arg::Count(count))])
        })
    }
}
