//! Consents to release information, and the rules that make them do something: a job seeker
//! is disclosed to an employer only with a current release to employers and a disclosure
//! preference that allows it; the state agency lists only people with a current release to it.
//! Minnesota's Health Records Act asks for signed, dated consent, valid one year unless the
//! consent says otherwise (see `docs/adr/0006-consent-and-disclosure.md`).

use std::collections::BTreeMap;

use chrono::{Months, NaiveDate};
use serde::{Deserialize, Serialize};

use super::{CareerProfile, Disclosure};
use crate::ids::ConsentId;

/// A signed consent to release information (Minnesota Health Records Act).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Consent {
    /// What may be released.
    pub scope: String,
    /// To whom, in the consent's own words ("Hy-Vee and other employers", "DEED VRS").
    pub recipient: String,
    /// The kind of recipient, which decides what the consent allows. `None` on consents
    /// recorded before the kind was asked: they allow nothing until recorded again.
    #[serde(default)]
    pub release_to: Option<ReleaseTo>,
    pub signed: NaiveDate,
    /// The last day the consent is in force.
    pub expires: NaiveDate,
}

/// Whom a consent releases information to. Only `Employers` lets a specialist disclose a job
/// seeker to an employer; only `StateAgency` lets the state's per-person export list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReleaseTo {
    Employers,
    /// The state agency that keeps the IPS database (in Minnesota, DEED Vocational
    /// Rehabilitation Services).
    StateAgency,
    Family,
    Clinic,
    Other,
}

impl ReleaseTo {
    /// Every kind, in the order a form lists them.
    pub const ALL: [ReleaseTo; 5] = [
        ReleaseTo::Employers,
        ReleaseTo::StateAgency,
        ReleaseTo::Family,
        ReleaseTo::Clinic,
        ReleaseTo::Other,
    ];

    /// The stable name used in storage, JSON and the CLI.
    pub fn as_str(&self) -> &'static str {
        match self {
            ReleaseTo::Employers => "employers",
            ReleaseTo::StateAgency => "state_agency",
            ReleaseTo::Family => "family",
            ReleaseTo::Clinic => "clinic",
            ReleaseTo::Other => "other",
        }
    }

    /// Parses the stable name.
    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.as_str() == s)
    }

    /// Plain words: "a release to employers".
    pub fn words(&self) -> &'static str {
        match self {
            ReleaseTo::Employers => "employers",
            ReleaseTo::StateAgency => "the state agency",
            ReleaseTo::Family => "family",
            ReleaseTo::Clinic => "a clinic",
            ReleaseTo::Other => "another recipient",
        }
    }
}

impl Consent {
    /// Minnesota consents last one year unless they say otherwise: signed on 2026-10-03, the
    /// last day in force is 2027-10-03 (the day of signing is not counted, the last day is).
    pub fn default_expiry(signed: NaiveDate) -> NaiveDate {
        signed.checked_add_months(Months::new(12)).unwrap_or(signed)
    }

    /// Whether the consent is in force on `day`: signed by then and not yet expired.
    pub fn in_force_on(&self, day: NaiveDate) -> bool {
        self.signed <= day && day <= self.expires
    }
}

/// Why a release is not in force on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ReleaseMissing {
    /// No consent of this kind was ever recorded.
    NoConsent,
    /// The latest consent of this kind had expired: its last day was `expired`.
    Expired {
        consent: ConsentId,
        expired: NaiveDate,
    },
    /// The only consents of this kind are signed after the day.
    NotYetSigned {
        consent: ConsentId,
        signed: NaiveDate,
    },
}

/// The consent releasing information to `to` that is in force on `day`, or why there is none.
pub fn release_in_force(
    consents: &BTreeMap<ConsentId, Consent>,
    to: ReleaseTo,
    day: NaiveDate,
) -> Result<ConsentId, ReleaseMissing> {
    let of_kind = || {
        consents
            .iter()
            .filter(move |(_, c)| c.release_to == Some(to))
    };
    if let Some((id, _)) = of_kind()
        .filter(|(_, c)| c.in_force_on(day))
        .max_by_key(|(id, c)| (c.expires, **id))
    {
        return Ok(*id);
    }
    let expired = of_kind()
        .filter(|(_, c)| c.expires < day)
        .max_by_key(|(id, c)| (c.expires, **id));
    if let Some((id, c)) = expired {
        return Err(ReleaseMissing::Expired {
            consent: *id,
            expired: c.expires,
        });
    }
    match of_kind().min_by_key(|(id, c)| (c.signed, **id)) {
        Some((id, c)) => Err(ReleaseMissing::NotYetSigned {
            consent: *id,
            signed: c.signed,
        }),
        None => Err(ReleaseMissing::NoConsent),
    }
}

/// Why a job seeker may not be disclosed to an employer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DisclosureBar {
    /// The career profile's disclosure preference says "do not disclose".
    DoNotDisclose,
    /// There is no consent releasing information to employers in force that day.
    NoRelease(ReleaseMissing),
}

impl std::fmt::Display for DisclosureBar {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DisclosureBar::DoNotDisclose => {
                write!(f, "their career profile says do not disclose to employers")
            }
            DisclosureBar::NoRelease(ReleaseMissing::NoConsent) => {
                write!(f, "no consent to release information to employers is recorded")
            }
            DisclosureBar::NoRelease(ReleaseMissing::Expired { consent, expired }) => write!(
                f,
                "the consent to release information to employers ({consent}) was in force until {expired}"
            ),
            DisclosureBar::NoRelease(ReleaseMissing::NotYetSigned { consent, signed }) => write!(
                f,
                "the consent to release information to employers ({consent}) is signed only on {signed}"
            ),
        }
    }
}

/// Whether a specialist may disclose the job seeker to an employer on `day`: their own
/// choice comes first (a "do not disclose" preference wins over any consent), then a current
/// signed release to employers. Naming a job seeker without disclosing needs neither.
pub fn may_disclose_to_employers(
    career: &CareerProfile,
    consents: &BTreeMap<ConsentId, Consent>,
    day: NaiveDate,
) -> Result<ConsentId, DisclosureBar> {
    if career.disclosure.choice == Some(Disclosure::DoNotDisclose) {
        return Err(DisclosureBar::DoNotDisclose);
    }
    release_in_force(consents, ReleaseTo::Employers, day).map_err(DisclosureBar::NoRelease)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn consent(to: ReleaseTo, signed: &str, expires: &str) -> Consent {
        Consent {
            scope: "job search".into(),
            recipient: "x".into(),
            release_to: Some(to),
            signed: d(signed),
            expires: d(expires),
        }
    }

    #[test]
    fn a_year_runs_to_the_anniversary_inclusive() {
        let signed = d("2026-10-03");
        let c = consent(
            ReleaseTo::Employers,
            "2026-10-03",
            &Consent::default_expiry(signed).to_string(),
        );
        assert_eq!(c.expires, d("2027-10-03"));
        assert!(c.in_force_on(d("2027-10-03")));
        assert!(!c.in_force_on(d("2027-10-04")));
        assert!(!c.in_force_on(d("2026-10-02")));
        // A leap day's year ends on the last day of February.
        assert_eq!(Consent::default_expiry(d("2028-02-29")), d("2029-02-28"));
    }

    #[test]
    fn release_in_force_names_what_is_missing() {
        let (a, b) = (ConsentId::new(), ConsentId::new());
        let mut all = BTreeMap::new();
        assert_eq!(
            release_in_force(&all, ReleaseTo::Employers, d("2026-11-01")),
            Err(ReleaseMissing::NoConsent)
        );
        all.insert(
            a,
            consent(ReleaseTo::StateAgency, "2026-01-01", "2026-12-31"),
        );
        assert_eq!(
            release_in_force(&all, ReleaseTo::Employers, d("2026-11-01")),
            Err(ReleaseMissing::NoConsent),
            "a release to the state agency is no release to employers"
        );
        all.insert(b, consent(ReleaseTo::Employers, "2025-01-01", "2026-01-01"));
        assert_eq!(
            release_in_force(&all, ReleaseTo::Employers, d("2026-11-01")),
            Err(ReleaseMissing::Expired {
                consent: b,
                expired: d("2026-01-01")
            })
        );
        assert_eq!(
            release_in_force(&all, ReleaseTo::Employers, d("2024-12-31")),
            Err(ReleaseMissing::NotYetSigned {
                consent: b,
                signed: d("2025-01-01")
            })
        );
        assert_eq!(
            release_in_force(&all, ReleaseTo::StateAgency, d("2026-11-01")),
            Ok(a)
        );
    }
}
