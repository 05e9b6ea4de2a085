//! Consents to renew: releases on the caseload that expire within 30 days or have expired,
//! shown in the week and on each caseload line. An expired release stops that sharing until
//! the job seeker signs a new one, so the specialist should see it coming.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ids::{ConsentId, SeekerId};
use crate::model::{Consent, ReleaseTo};
use crate::store::Store;
use crate::{CaseloadEntry, Result};

/// How many days before its last day a consent is flagged for renewal.
pub const CONSENT_WARNING_DAYS: i64 = 30;

/// A consent to renew.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentAlert {
    pub seeker_id: SeekerId,
    pub display_name: String,
    pub consent_id: ConsentId,
    /// To whom, in the consent's words.
    pub recipient: String,
    pub release_to: Option<ReleaseTo>,
    /// The last day the consent is in force.
    pub expires: NaiveDate,
    /// Days from the day asked about to the last day in force: 0 on the last day, negative
    /// once expired.
    pub days_left: i64,
    /// True once the last day has passed: the sharing it allowed has stopped.
    pub expired: bool,
}

/// One person's consents to renew on `as_of`: of each recipient's consents the latest (a
/// renewal replaces the one before), when it has expired or ends within
/// [`CONSENT_WARNING_DAYS`]. Expired first, then the soonest to end.
pub fn consents_to_renew(
    seeker_id: SeekerId,
    display_name: &str,
    consents: &BTreeMap<ConsentId, Consent>,
    as_of: NaiveDate,
) -> Vec<ConsentAlert> {
    // A release to a kind of recipient is renewed by any later one of that kind; consents of
    // no particular kind only by one naming the same recipient.
    let mut latest: BTreeMap<(Option<ReleaseTo>, String), (ConsentId, &Consent)> = BTreeMap::new();
    for (id, c) in consents.iter().filter(|(_, c)| c.signed <= as_of) {
        let words = match c.release_to {
            None | Some(ReleaseTo::Other) => c.recipient.trim().to_lowercase(),
            Some(_) => String::new(),
        };
        let slot = latest.entry((c.release_to, words)).or_insert((*id, c));
        if (c.expires, *id) > (slot.1.expires, slot.0) {
            *slot = (*id, c);
        }
    }
    let mut alerts: Vec<ConsentAlert> = latest
        .into_values()
        .map(|(id, c)| ConsentAlert {
            seeker_id,
            display_name: display_name.to_string(),
            consent_id: id,
            recipient: c.recipient.clone(),
            release_to: c.release_to,
            expires: c.expires,
            days_left: (c.expires - as_of).num_days(),
            expired: c.expires < as_of,
        })
        .filter(|a| a.days_left <= CONSENT_WARNING_DAYS)
        .collect();
    alerts.sort_by_key(|a| (a.days_left, a.consent_id));
    alerts
}

/// Every caseload line's consents to renew, the most urgent first (then by name).
pub(crate) fn across(caseload: &[CaseloadEntry]) -> Vec<ConsentAlert> {
    let mut all: Vec<ConsentAlert> = caseload
        .iter()
        .flat_map(|c| c.consent_alerts.iter().cloned())
        .collect();
    all.sort_by(|a, b| {
        (a.days_left, &a.display_name, a.consent_id).cmp(&(
            b.days_left,
            &b.display_name,
            b.consent_id,
        ))
    });
    all
}

impl Store {
    /// Consents to renew across the caseload on `as_of` (see [`consents_to_renew`]), the
    /// most urgent first.
    pub fn consent_alerts(&self, as_of: NaiveDate) -> Result<Vec<ConsentAlert>> {
        Ok(across(&self.caseload(as_of)?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn consent(to: Option<ReleaseTo>, recipient: &str, signed: &str, expires: &str) -> Consent {
        Consent {
            scope: "records".into(),
            recipient: recipient.into(),
            release_to: to,
            signed: d(signed),
            expires: d(expires),
        }
    }

    #[test]
    fn the_latest_of_each_recipient_within_thirty_days_or_expired() {
        let ids: Vec<ConsentId> = (0..5).map(|_| ConsentId::new()).collect();
        let mut all = BTreeMap::new();
        let employers = Some(ReleaseTo::Employers);
        // Employers: renewed, so the expired one is not flagged; the renewal ends in 30 days.
        all.insert(
            ids[0],
            consent(employers, "Employers", "2025-01-10", "2026-01-10"),
        );
        all.insert(
            ids[1],
            consent(employers, "Any employer", "2025-12-01", "2026-12-31"),
        );
        // The state agency: ended yesterday.
        all.insert(
            ids[2],
            consent(
                Some(ReleaseTo::StateAgency),
                "DEED",
                "2025-11-29",
                "2026-11-29",
            ),
        );
        // A clinic: 31 days left, not yet.
        all.insert(
            ids[3],
            consent(
                Some(ReleaseTo::Clinic),
                "Clinic",
                "2026-01-01",
                "2027-01-01",
            ),
        );
        // Signed tomorrow: not counted yet.
        all.insert(ids[4], consent(None, "Sister", "2026-12-02", "2026-12-03"));
        let seeker = SeekerId::new();
        let alerts = consents_to_renew(seeker, "Ana", &all, d("2026-12-01"));
        let got: Vec<(ConsentId, i64, bool)> = alerts
            .iter()
            .map(|a| (a.consent_id, a.days_left, a.expired))
            .collect();
        assert_eq!(got, vec![(ids[2], -2, true), (ids[1], 30, false)]);
        let on_the_last_day = consents_to_renew(seeker, "Ana", &all, d("2026-12-31"));
        assert!(on_the_last_day
            .iter()
            .any(|a| a.consent_id == ids[1] && a.days_left == 0 && !a.expired));
    }
}
