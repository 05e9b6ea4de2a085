//! Signing out, which erases the phone: the confirmation says plainly what is lost — the
//! changes not yet on the server, by record — before anything is erased.

use fieldbook_core::document::DocKind;
use fieldbook_core::UnsentRecord;

use crate::errors::{problem, Problem};
use crate::screens::Screens;
use crate::words::Arg;

/// The confirmation shown before signing out.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct SignOutState {
    pub title: String,
    /// What signing out does, and whether anything would be lost.
    pub message: String,
    /// The records whose changes would be lost, by name (empty when everything is synced).
    pub lost: Vec<String>,
    /// Offered when changes would be lost: sync before signing out.
    pub sync_first_label: Option<String>,
    pub confirm_label: String,
    pub cancel_label: String,
}

#[uniffi::export]
impl Screens {
    /// What the sign-out confirmation says now.
    pub fn sign_out_state(&self) -> SignOutState {
        let words = self.words();
        let unsent = self.store().pending().map(|p| p.unsent).unwrap_or_default();
        let changes: u32 = unsent.iter().map(|u| u.changes).sum();
        let lost: Vec<String> = unsent.iter().map(|u| self.record_name(u)).collect();
        let message = if changes == 0 {
            words.get("sign-out-nothing-lost", &[])
        } else {
            words.get(
                "sign-out-changes-lost",
                &[
                    ("count", Arg::Count(i64::from(changes))),
                    ("records", Arg::from(lost.len())),
                ],
            )
        };
        SignOutState {
            title: words.get("sign-out-title", &[]),
            message,
            sync_first_label: (changes > 0).then(|| words.get("sign-out-sync-first", &[])),
            lost,
            confirm_label: words.get("sign-out-confirm", &[]),
            cancel_label: words.get("sign-out-cancel", &[]),
        }
    }

    /// Signs out: erases every record, the identity and the token from this phone (the team's
    /// server keeps what was synced). None when done; the problem, worded, when the phone
    /// could not be erased.
    pub fn sign_out(&self) -> Option<Problem> {
        self.store()
            .wipe()
            .err()
            .map(|e| problem(&self.words(), &e, &|_| None))
    }
}

impl Screens {
    /// A record with unsent changes, named in the phone's language by the name the core
    /// keeps with it.
    fn record_name(&self, unsent: &UnsentRecord) -> String {
        let words = self.words();
        let id = match (unsent.kind, &unsent.name) {
            (DocKind::Seeker, Some(_)) => "sign-out-record-seeker",
            (DocKind::Employer, Some(_)) => "sign-out-record-employer",
            (DocKind::Notes, Some(_)) => "sign-out-record-notes",
            _ => "sign-out-record-other",
        };
        let name = unsent.name.clone().unwrap_or_default();
        words.get(id, &[("name", Arg::Text(name))])
    }
}
