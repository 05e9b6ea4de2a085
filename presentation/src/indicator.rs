//! The always-visible sync indicator: whether the phone is offline, how many changes wait
//! for the server, whether any were refused, and when it last synced — each state in words
//! and as an accessibility label, never by colour alone.

use chrono::{DateTime, FixedOffset, Utc};

use crate::errors::said;
use crate::format::{offset_from_minutes, relative_instant, time};
use crate::screens::Screens;
use crate::words::{Arg, Words};

/// What the indicator shows.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct SyncIndicator {
    /// The most pressing state, for the apps' icon.
    pub state: SyncLevel,
    /// One short line: "Offline · 3 changes waiting to sync".
    pub line: String,
    /// "Last synced today, 2:05 PM" or "Never synced"; nothing before enrollment.
    pub last_sync: Option<String>,
    /// The whole indicator as sentences for TalkBack and VoiceOver.
    pub accessibility_label: String,
}

/// The indicator's state, most pressing first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum SyncLevel {
    /// The server refused changes made here: the pending screen names them.
    Refused,
    /// No network now; changes wait on the phone.
    Offline,
    /// Changes wait for the next sync.
    Waiting,
    /// Everything made here is on the server.
    UpToDate,
    /// The phone is not enrolled with a server yet.
    NotEnrolled,
}

fn last_sync_words(words: &Words, last: Option<&str>, now: DateTime<FixedOffset>) -> String {
    let at = last.and_then(|t| DateTime::parse_from_rfc3339(t).ok());
    match at {
        Some(at) => words.get(
            "sync-last",
            &[
                ("day", Arg::Text(relative_instant(words, at, now))),
                (
                    "time",
                    Arg::Text(time(words, at.with_timezone(now.offset()).time())),
                ),
            ],
        ),
        None => words.get("sync-never", &[]),
    }
}

impl Screens {
    /// The indicator at `now` (the phone's clock), `online` as the phone's network says.
    pub fn sync_indicator_at(
        &self,
        online: bool,
        now: DateTime<FixedOffset>,
    ) -> fieldbook_core::Result<SyncIndicator> {
        let words = self.words();
        let store = self.store();
        let enrolled = store.identity().is_enrolled();
        let waiting = i64::try_from(store.pending_changes()?).unwrap_or(i64::MAX);
        let refused = i64::try_from(store.refused_changes()?).unwrap_or(i64::MAX);
        let state = if refused > 0 {
            SyncLevel::Refused
        } else if !enrolled {
            SyncLevel::NotEnrolled
        } else if !online {
            SyncLevel::Offline
        } else if waiting > 0 {
            SyncLevel::Waiting
        } else {
            SyncLevel::UpToDate
        };
        let mut parts = Vec::new();
        if !enrolled {
            parts.push(words.get("sync-not-enrolled", &[]));
        } else if !online {
            parts.push(words.get("sync-offline", &[]));
        }
        if waiting > 0 {
            parts.push(words.get("pending-changes", &[("count", Arg::Count(waiting))]));
        }
        if refused > 0 {
            parts.push(words.get("sync-refused", &[("count", Arg::Count(refused))]));
        }
        if parts.is_empty() {
            parts.push(words.get("sync-up-to-date", &[]));
        }
        let last_sync = if enrolled {
            Some(last_sync_words(&words, store.last_sync()?.as_deref(), now))
        } else {
            None
        };
        let mut spoken = parts.clone();
        spoken.extend(last_sync.clone());
        Ok(SyncIndicator {
            state,
            line: parts.join(" · "),
            last_sync,
            accessibility_label: spoken.join(". "),
        })
    }
}

#[uniffi::export]
impl Screens {
    /// The always-visible sync indicator now, on the phone's clock (`utc_offset_minutes`),
    /// with `online` as the phone's network says.
    pub fn sync_indicator(&self, online: bool, utc_offset_minutes: i32) -> SyncIndicator {
        let now = Utc::now().with_timezone(&offset_from_minutes(utc_offset_minutes));
        self.sync_indicator_at(online, now).unwrap_or_else(|error| {
            let words = self.words();
            let line = words.get(
                "sync-unreadable",
                &[("reason", Arg::Text(said(&words, &error)))],
            );
            SyncIndicator {
                state: SyncLevel::Refused,
                accessibility_label: line.clone(),
                line,
                last_sync: None,
            }
        })
    }
}
