//! The caseload screen: one row per job seeker on this phone, each saying in words where
//! the person is (status, alerts, last employer contact, next step), searchable by name
//! through the core's name index.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, NaiveDate, Utc};
use fieldbook_core::ids::SeekerId;
use fieldbook_core::model::SeekerStatus;
use fieldbook_core::{CaseloadEntry, ConsentAlert, FirstContactAlert, NameKind, Store};

use crate::errors::said;
use crate::format::{offset_from_minutes, relative_day, relative_instant};
use crate::screens::Screens;
use crate::words::{Arg, Words};

/// The caseload, worded.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CaseloadScreen {
    pub title: String,
    /// The search box's placeholder and accessibility label.
    pub search_label: String,
    pub rows: Vec<CaseloadItem>,
    /// What to show instead of rows when there are none (no job seekers, or none found).
    pub empty_line: Option<String>,
}

/// One job seeker on the caseload.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CaseloadItem {
    pub seeker_id: String,
    pub name: String,
    /// The IPS status in words ("Job search").
    pub status: String,
    /// What needs attention, most urgent first; each carries its words, never only a colour.
    pub alerts: Vec<CaseloadAlert>,
    /// "Last employer contact: 3 days ago" or "No employer contact yet".
    pub last_contact: String,
    /// "Next step: Call Hy-Vee, due tomorrow", when a step is open.
    pub next_step: Option<String>,
    /// "Working as Cashier at Hy-Vee", when the person holds a job now.
    pub job: Option<String>,
    /// The whole row as one sentence for TalkBack and VoiceOver.
    pub accessibility_label: String,
}

/// Something on a row that needs the specialist's attention.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct CaseloadAlert {
    pub kind: AlertKind,
    /// Whether it is already late (expired, overdue, past the deadline) rather than near.
    pub urgent: bool,
    pub text: String,
}

/// What an alert is about, for the apps' icon; the text says it in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum AlertKind {
    /// A release of information has ended or ends within 30 days.
    Consent,
    /// No face-to-face employer contact yet, near or past the day-30 deadline.
    FirstEmployerContact,
    /// The next plan step is due today or overdue.
    StepDue,
}

/// The message id of a status's name.
pub(crate) fn status_words(words: &Words, status: Option<SeekerStatus>) -> String {
    let id = match status {
        None => "status-none",
        Some(SeekerStatus::Engaging) => "status-engaging",
        Some(SeekerStatus::JobSearch) => "status-job-search",
        Some(SeekerStatus::Working) => "status-working",
        Some(SeekerStatus::FollowAlong) => "status-follow-along",
        Some(SeekerStatus::Inactive) => "status-inactive",
        Some(SeekerStatus::Closed) => "status-closed",
    };
    words.get(id, &[])
}

/// A consent alert in words: "Consent for Hy-Vee ended 3 days ago".
pub(crate) fn consent_alert(
    words: &Words,
    alert: &ConsentAlert,
    today: NaiveDate,
) -> CaseloadAlert {
    let when = relative_day(words, alert.expires, today);
    let args = [
        ("recipient", Arg::Text(alert.recipient.clone())),
        ("when", Arg::Text(when)),
    ];
    let id = if alert.expired {
        "alert-consent-ended"
    } else {
        "alert-consent-ending"
    };
    CaseloadAlert {
        kind: AlertKind::Consent,
        urgent: alert.expired,
        text: words.get(id, &args),
    }
}

/// The day-30 rule in words: "No employer contact yet: day 34 of 30".
pub(crate) fn first_contact_alert(words: &Words, alert: &FirstContactAlert) -> CaseloadAlert {
    let id = if alert.past {
        "alert-first-contact-late"
    } else {
        "alert-first-contact-near"
    };
    CaseloadAlert {
        kind: AlertKind::FirstEmployerContact,
        urgent: alert.past,
        text: words.get(
            id,
            &[
                ("days", Arg::Count(alert.days_since_entry)),
                ("deadline", Arg::Count(i64::from(alert.deadline_days))),
            ],
        ),
    }
}

/// The latest counted employer contact made for the job seeker, if any.
pub(crate) fn last_contact(store: &Store, seeker: SeekerId) -> Option<DateTime<FixedOffset>> {
    let doc = store.seeker(seeker).ok()?;
    doc.activities
        .values()
        .filter(|a| a.counts())
        .map(|a| a.at)
        .max()
}

fn row(
    screens: &Screens,
    words: &Words,
    entry: CaseloadEntry,
    first_contact: Option<&FirstContactAlert>,
    now: DateTime<FixedOffset>,
) -> CaseloadItem {
    let today = now.date_naive();
    let mut alerts: Vec<CaseloadAlert> = first_contact
        .map(|a| first_contact_alert(words, a))
        .into_iter()
        .collect();
    alerts.extend(
        entry
            .consent_alerts
            .iter()
            .map(|a| consent_alert(words, a, today)),
    );
    let next_step = entry.next_step.as_ref().map(|what| {
        let args = [("step", Arg::Text(what.clone()))];
        match entry.next_step_due {
            Some(due) => {
                if due <= today {
                    alerts.push(CaseloadAlert {
                        kind: AlertKind::StepDue,
                        urgent: due < today,
                        text: words.get(
                            "alert-step-due",
                            &[
                                ("step", Arg::Text(what.clone())),
                                ("when", Arg::Text(relative_day(words, due, today))),
                            ],
                        ),
                    });
                }
                words.get(
                    "caseload-next-step-due",
                    &[
                        ("step", Arg::Text(what.clone())),
                        ("when", Arg::Text(relative_day(words, due, today))),
                    ],
                )
            }
            None => words.get("caseload-next-step", &args),
        }
    });
    alerts.sort_by_key(|a| !a.urgent);
    let last_contact = match last_contact(screens.store(), entry.seeker_id) {
        Some(at) => words.get(
            "caseload-last-contact",
            &[("when", Arg::Text(relative_instant(words, at, now)))],
        ),
        None => words.get("caseload-no-contact", &[]),
    };
    let job = entry
        .current_job
        .as_ref()
        .map(|job| words.get("caseload-job", &[("job", Arg::Text(job.clone()))]));
    let status = status_words(words, entry.status);
    let mut spoken = vec![entry.display_name.clone(), status.clone()];
    spoken.extend(alerts.iter().map(|a| a.text.clone()));
    spoken.extend(job.clone());
    spoken.push(last_contact.clone());
    spoken.extend(next_step.clone());
    CaseloadItem {
        seeker_id: entry.seeker_id.to_string(),
        name: entry.display_name,
        status,
        alerts,
        last_contact,
        next_step,
        job,
        accessibility_label: spoken.join(". "),
    }
}

impl Screens {
    /// The caseload as of `now` (the phone's clock, with its offset), filtered by `search`
    /// when it is not blank.
    pub fn caseload_at(
        &self,
        search: &str,
        now: DateTime<FixedOffset>,
    ) -> fieldbook_core::Result<CaseloadScreen> {
        let words = self.words();
        let today = now.date_naive();
        let store = self.store();
        let mut entries = store.caseload(today)?;
        let searching = !search.trim().is_empty();
        if searching {
            let found: std::collections::HashSet<String> = store
                .find_by_name_prefix(NameKind::Seeker, search)?
                .into_iter()
                .map(|f| f.id.to_string())
                .collect();
            entries.retain(|e| found.contains(&e.seeker_id.to_string()));
        }
        let first_contact: HashMap<SeekerId, FirstContactAlert> = store
            .first_contact_alerts(today)?
            .into_iter()
            .map(|a| (a.seeker_id, a))
            .collect();
        let rows: Vec<CaseloadItem> = entries
            .into_iter()
            .map(|e| {
                let alert = first_contact.get(&e.seeker_id);
                row(self, &words, e, alert, now)
            })
            .collect();
        let empty_line = rows.is_empty().then(|| {
            if searching {
                words.get(
                    "caseload-none-found",
                    &[("search", Arg::Text(search.trim().to_owned()))],
                )
            } else {
                words.get("caseload-empty", &[])
            }
        });
        Ok(CaseloadScreen {
            title: words.get("caseload-title", &[]),
            search_label: words.get("caseload-search", &[]),
            rows,
            empty_line,
        })
    }
}

#[uniffi::export]
impl Screens {
    /// The caseload now, on the phone's clock (`utc_offset_minutes`, e.g. -360 in
    /// Minneapolis in winter), filtered by `search` when it is not blank. A store that
    /// cannot be read gives an empty caseload saying so.
    pub fn caseload(&self, search: String, utc_offset_minutes: i32) -> CaseloadScreen {
        let now = Utc::now().with_timezone(&offset_from_minutes(utc_offset_minutes));
        self.caseload_at(&search, now).unwrap_or_else(|error| {
            let words = self.words();
            CaseloadScreen {
                title: words.get("caseload-title", &[]),
                search_label: words.get("caseload-search", &[]),
                rows: Vec::new(),
                empty_line: Some(words.get(
                    "caseload-unreadable",
                    &[("reason", Arg::Text(said(&words, &error)))],
                )),
            }
        })
    }
}
