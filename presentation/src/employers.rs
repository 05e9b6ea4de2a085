//! The employers screens: the list (searchable by name through the core's name index, each
//! with its visits and the last one) and one employer's page (what the team knows of the
//! business, the people to talk to, and the visits logged there: when, how, why, and what
//! came of it).

use std::collections::HashSet;

use chrono::{DateTime, FixedOffset, Utc};
use fieldbook_core::ids::EmployerId;
use fieldbook_core::model::{EmployerContact, Visit};
use fieldbook_core::NameKind;

use crate::errors::problem;
use crate::format::{date_time, offset_from_minutes, relative_instant};
use crate::screens::Screens;
use crate::words::{Arg, Words};

/// The employers list, worded.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EmployersScreen {
    pub title: String,
    /// The search box's placeholder and accessibility label.
    pub search_label: String,
    pub rows: Vec<EmployerRow>,
    /// What to show instead of rows when there are none (no employers, none found, or the
    /// store could not be read).
    pub empty_line: Option<String>,
}

/// One employer on the list.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EmployerRow {
    pub employer_id: String,
    pub name: String,
    pub industry: Option<String>,
    /// "3 visits, last yesterday" or "No visits yet".
    pub visits: String,
    /// The whole row as one sentence for TalkBack and VoiceOver.
    pub accessibility_label: String,
}

/// One employer's page, worded.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EmployerScreen {
    pub employer_id: String,
    pub name: String,
    /// Industry, address and business needs as recorded, joined by " · ".
    pub about: Option<String>,
    pub contacts_title: String,
    /// One line per person to talk to: "Dana Cole, store manager, 555-0100".
    pub contacts: Vec<String>,
    /// What to show instead of contacts when there are none.
    pub no_contacts: Option<String>,
    pub visits_title: String,
    /// The visits logged here, newest first (those marked entered in error left out).
    pub visits: Vec<EmployerVisit>,
    /// What to show instead of visits when there are none.
    pub no_visits: Option<String>,
}

/// A visit on an employer's page.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EmployerVisit {
    pub visit_id: String,
    /// "Mon 30 Nov 2026, 2:05 PM: In person, Follow up".
    pub line: String,
    /// What came of it, as the specialist wrote it.
    pub outcome: Option<String>,
    /// "For 2 job seekers", when it was for any (never their names: the employer's log
    /// holds the minimum about people).
    pub seekers: Option<String>,
}

fn visit_line(words: &Words, visit: &Visit, phone: FixedOffset) -> String {
    words.get(
        "employer-visit",
        &[
            ("when", Arg::Text(date_time(words, visit.at, phone))),
            (
                "mode",
                Arg::Text(words.get(&format!("visit-mode-{}", visit.mode.as_str()), &[])),
            ),
            (
                "purpose",
                Arg::Text(words.get(&format!("visit-purpose-{}", visit.purpose.as_str()), &[])),
            ),
        ],
    )
}

fn contact_line(contact: &EmployerContact) -> String {
    [
        Some(contact.name.as_str()),
        contact.role.as_deref(),
        contact.phone.as_deref(),
        contact.email.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(str::trim)
    .filter(|part| !part.is_empty())
    .collect::<Vec<_>>()
    .join(", ")
}

impl Screens {
    /// The employers list at `now` (the phone's clock), filtered by `search` when it is not
    /// blank.
    pub fn employers_at(
        &self,
        search: &str,
        now: DateTime<FixedOffset>,
    ) -> fieldbook_core::Result<EmployersScreen> {
        let words = self.words();
        let store = self.store();
        let mut employers = store.employers()?;
        let searching = !search.trim().is_empty();
        if searching {
            let found: HashSet<String> = store
                .find_by_name_prefix(NameKind::Employer, search)?
                .into_iter()
                .map(|f| f.id.to_string())
                .collect();
            employers.retain(|e| found.contains(&e.employer_id.to_string()));
        }
        let rows: Vec<EmployerRow> = employers
            .into_iter()
            .map(|e| {
                let visits = match e.last_visit {
                    Some(last) if e.visits > 0 => words.get(
                        "employers-visits",
                        &[
                            ("count", Arg::Count(i64::from(e.visits))),
                            ("when", Arg::Text(relative_instant(&words, last, now))),
                        ],
                    ),
                    _ => words.get("employers-no-visits", &[]),
                };
                let mut spoken = vec![e.name.clone()];
                spoken.extend(e.industry.clone());
                spoken.push(visits.clone());
                EmployerRow {
                    employer_id: e.employer_id.to_string(),
                    name: e.name,
                    industry: e.industry,
                    visits,
                    accessibility_label: spoken.join(". "),
                }
            })
            .collect();
        let empty_line = rows.is_empty().then(|| {
            if searching {
                words.get(
                    "employers-none-found",
                    &[("search", Arg::Text(search.trim().to_owned()))],
                )
            } else {
                words.get("employers-empty", &[])
            }
        });
        Ok(EmployersScreen {
            title: words.get("employers-title", &[]),
            search_label: words.get("employers-search", &[]),
            rows,
            empty_line,
        })
    }

    /// The page of employer `id`, its visits' times on the phone's clock `phone`.
    pub fn employer_at(
        &self,
        id: EmployerId,
        phone: FixedOffset,
    ) -> fieldbook_core::Result<EmployerScreen> {
        let words = self.words();
        let doc = self.store().employer(id)?;
        let info = &doc.info;
        let about: Vec<&str> = [
            info.industry.as_deref(),
            info.address.as_deref(),
            info.business_needs.as_deref(),
        ]
        .into_iter()
        .flatten()
        .filter(|part| !part.trim().is_empty())
        .collect();
        let contacts: Vec<String> = doc.contacts.values().map(contact_line).collect();
        let mut visits = doc.visits_by_time();
        visits.reverse();
        let visits: Vec<EmployerVisit> = visits
            .into_iter()
            .filter(|(_, v)| v.counts())
            .map(|(visit_id, v)| EmployerVisit {
                visit_id: visit_id.to_string(),
                line: visit_line(&words, v, phone),
                outcome: v.outcome.clone().filter(|o| !o.trim().is_empty()),
                seekers: (!v.seekers.is_empty()).then(|| {
                    words.get(
                        "employer-visit-seekers",
                        &[("count", Arg::from(v.seekers.len()))],
                    )
                }),
            })
            .collect();
        Ok(EmployerScreen {
            employer_id: doc.id.to_string(),
            name: info.name.clone(),
            about: (!about.is_empty()).then(|| about.join(" · ")),
            contacts_title: words.get("employer-contacts", &[]),
            no_contacts: contacts
                .is_empty()
                .then(|| words.get("employer-no-contacts", &[])),
            contacts,
            visits_title: words.get("employer-visits", &[]),
            no_visits: visits
                .is_empty()
                .then(|| words.get("employer-no-visits", &[])),
            visits,
        })
    }
}

#[uniffi::export]
impl Screens {
    /// The employers list now, on the phone's clock (`utc_offset_minutes`), filtered by
    /// `search` when it is not blank. A store that cannot be read gives an empty list
    /// saying why.
    pub fn employers(&self, search: String, utc_offset_minutes: i32) -> EmployersScreen {
        let now = Utc::now().with_timezone(&offset_from_minutes(utc_offset_minutes));
        self.employers_at(&search, now).unwrap_or_else(|error| {
            let words = self.words();
            EmployersScreen {
                title: words.get("employers-title", &[]),
                search_label: words.get("employers-search", &[]),
                rows: Vec::new(),
                empty_line: Some(problem(&words, &error, &|_| None).message),
            }
        })
    }

    /// The page of employer `employer_id`, times on the phone's clock
    /// (`utc_offset_minutes`); the problem in words when it cannot be shown (an unknown id,
    /// a merged employer).
    pub fn employer(
        &self,
        employer_id: String,
        utc_offset_minutes: i32,
    ) -> Result<EmployerScreen, EmployerProblem> {
        let words = self.words();
        let worded = |error: fieldbook_core::Error| EmployerProblem::NotShown {
            words: problem(&words, &error, &|_| None).message,
        };
        let id: EmployerId = employer_id.parse().map_err(|_| {
            worded(fieldbook_core::Error::NotFound {
                kind: "employer",
                id: employer_id.clone(),
            })
        })?;
        self.employer_at(id, offset_from_minutes(utc_offset_minutes))
            .map_err(worded)
    }
}

/// Why an employer's page cannot be shown, in words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum EmployerProblem {
    /// `words` says why (this employer is not on this phone, it was merged, ...).
    #[error("{words}")]
    NotShown { words: String },
}
