//! The words of the app around its screens: the tabs, the lock screen, and what the app says
//! when it cannot open its data (and how to reset the phone). They are needed before a store
//! is open (a lock, a store that will not open), so they are read by language alone.

use crate::words::{Arg, Language, Words};

/// The app's own words, in one language.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ShellWords {
    pub caseload_tab: String,
    pub log_visit_tab: String,
    pub employers_tab: String,
    pub week_tab: String,
    pub sync_tab: String,
    /// The job seeker's own phone: their plan.
    pub my_plan_tab: String,
    /// On a job seeker's phone before its first sync brought their plan.
    pub plan_before_first_sync: String,
    pub locked_title: String,
    pub unlock: String,
    /// The title of the phone's own unlock prompt (biometrics or the screen lock).
    pub unlock_prompt: String,
    pub open_security_settings: String,
    /// While the store opens.
    pub starting: String,
    /// Above a store that cannot be opened.
    pub store_failed_title: String,
    pub reset_phone: String,
    pub reset_title: String,
    /// What resetting erases, said before it is confirmed.
    pub reset_warning: String,
    pub reset_confirm: String,
    pub cancel: String,
}

/// Why the lock screen is still up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum LockProblem {
    /// The phone has no PIN, pattern or password: Fieldbook will not open without one.
    NoScreenLock,
    /// The person closed the prompt.
    Cancelled,
    /// The phone locked its prompt after too many tries.
    TooManyTries,
    /// The phone could not check who the person is just now.
    Unavailable,
}

/// Why the app cannot open its data.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum StoreProblem {
    /// The saved key does not unlock the store.
    WrongKey,
    /// The key could not be read from the phone's key store.
    KeyUnreadable,
    /// The app could not make its folder (iOS); `reason` as the phone said it.
    NoFolder { reason: String },
    /// The store could not be opened; `reason` already worded (`error_problem`).
    Unreadable { reason: String },
    /// Resetting left these files behind.
    EraseFailed { files: String },
}

/// The app's own words in `language`.
#[uniffi::export]
pub fn shell_words(language: Language) -> ShellWords {
    let words = Words::new(language);
    let get = |id: &str| words.get(id, &[]);
    ShellWords {
        caseload_tab: get("tab-caseload"),
        log_visit_tab: get("tab-log-visit"),
        employers_tab: get("tab-employers"),
        week_tab: get("tab-week"),
        sync_tab: get("tab-sync"),
        my_plan_tab: get("tab-my-plan"),
        plan_before_first_sync: get("plan-before-first-sync"),
        locked_title: get("lock-title"),
        unlock: get("lock-unlock"),
        unlock_prompt: get("lock-prompt"),
        open_security_settings: get("lock-open-settings"),
        starting: get("store-starting"),
        store_failed_title: get("store-failed-title"),
        reset_phone: get("store-reset"),
        reset_title: get("store-reset-title"),
        reset_warning: get("store-reset-warning"),
        reset_confirm: get("store-reset-confirm"),
        cancel: get("store-reset-cancel"),
    }
}

/// What the lock screen says when the phone did not unlock Fieldbook, in `language`.
#[uniffi::export]
pub fn lock_problem_words(problem: LockProblem, language: Language) -> String {
    let id = match problem {
        LockProblem::NoScreenLock => "lock-no-screen-lock",
        LockProblem::Cancelled => "lock-cancelled",
        LockProblem::TooManyTries => "lock-too-many-tries",
        LockProblem::Unavailable => "lock-unavailable",
    };
    Words::new(language).get(id, &[])
}

/// What the app says when it cannot open its data, and what the person can do, in
/// `language`.
#[uniffi::export]
pub fn store_problem_words(problem: StoreProblem, language: Language) -> String {
    let words = Words::new(language);
    let (id, arg) = match problem {
        StoreProblem::WrongKey => ("store-wrong-key", None),
        StoreProblem::KeyUnreadable => ("store-key-unreadable", None),
        StoreProblem::NoFolder { reason } => ("store-no-folder", Some(("reason", reason))),
        StoreProblem::Unreadable { reason } => ("store-unreadable", Some(("reason", reason))),
        // A reset that could not erase: its own advice (restart), not "reset this phone".
        StoreProblem::EraseFailed { files } => {
            return words.get("store-erase-failed", &[("files", Arg::Text(files))]);
        }
    };
    let args: Vec<(&str, Arg)> = arg.into_iter().map(|(k, v)| (k, Arg::Text(v))).collect();
    format!(
        "{} {}",
        words.get(id, &args),
        words.get("store-reset-advice", &[])
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn every_problem() -> Vec<StoreProblem> {
        vec![
            StoreProblem::WrongKey,
            StoreProblem::KeyUnreadable,
            StoreProblem::NoFolder {
                reason: "disk full".into(),
            },
            StoreProblem::Unreadable {
                reason: "the file is damaged".into(),
            },
            StoreProblem::EraseFailed {
                files: "fieldbook.db-wal".into(),
            },
        ]
    }

    #[test]
    fn the_app_is_worded_in_every_language_and_translated_beyond_english() {
        let english = shell_words(Language::English);
        assert_eq!(english.my_plan_tab, "My plan");
        assert_eq!(english.locked_title, "Fieldbook is locked");
        for language in Language::ALL {
            let shell = shell_words(language);
            let all = [
                &shell.caseload_tab,
                &shell.log_visit_tab,
                &shell.employers_tab,
                &shell.week_tab,
                &shell.sync_tab,
                &shell.my_plan_tab,
                &shell.plan_before_first_sync,
                &shell.locked_title,
                &shell.unlock,
                &shell.unlock_prompt,
                &shell.open_security_settings,
                &shell.starting,
                &shell.store_failed_title,
                &shell.reset_phone,
                &shell.reset_title,
                &shell.reset_warning,
                &shell.reset_confirm,
                &shell.cancel,
            ];
            for text in all {
                assert!(
                    !text.is_empty() && !text.contains('⟦'),
                    "{language:?}: {text}"
                );
            }
            if language != Language::English {
                assert_ne!(shell.reset_warning, english.reset_warning, "{language:?}");
                assert_ne!(shell.caseload_tab, english.caseload_tab, "{language:?}");
            }
        }
    }

    #[test]
    fn a_store_that_will_not_open_says_why_and_how_to_reset_but_a_failed_reset_does_not() {
        for language in Language::ALL {
            let advice = Words::new(language).get("store-reset-advice", &[]);
            for problem in every_problem() {
                let text = store_problem_words(problem.clone(), language);
                assert!(!text.contains('⟦'), "{language:?} {problem:?}: {text}");
                let erase = matches!(problem, StoreProblem::EraseFailed { .. });
                assert_eq!(text.ends_with(&advice), !erase, "{language:?}: {text}");
                if let StoreProblem::Unreadable { reason } = &problem {
                    assert!(text.contains(reason.as_str()), "{text}");
                }
            }
            for problem in [
                LockProblem::NoScreenLock,
                LockProblem::Cancelled,
                LockProblem::TooManyTries,
                LockProblem::Unavailable,
            ] {
                let text = lock_problem_words(problem, language);
                assert!(!text.is_empty() && !text.contains('⟦'), "{text}");
            }
        }
        assert_eq!(
            store_problem_words(StoreProblem::WrongKey, Language::Spanish),
            "Los datos de Fieldbook de este teléfono no se pudieron desbloquear: su clave no \
             coincide. El trabajo sincronizado está a salvo en el servidor. Para volver a usar \
             Fieldbook, restablezca este teléfono e inscríbalo con un código nuevo."
        );
    }
}
