//! Job-search activity as the job seeker sees it.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use super::{ContactMode, VisitPurpose};
use crate::ids::EmployerId;

/// An employer contact made on the person's behalf, copied into their own document so they
/// see their progress without reading the employer's log. It never names anyone else.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobSearchActivity {
    pub at: DateTime<FixedOffset>,
    pub employer_id: EmployerId,
    pub employer_name: String,
    pub mode: ContactMode,
    pub purpose: VisitPurpose,
    /// Whether the specialist disclosed this job seeker to the employer at this contact, so
    /// the person can see every disclosure made on their behalf.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub disclosed: bool,
    #[serde(default)]
    pub followed_preference: Option<bool>,
    #[serde(default)]
    pub outcome: Option<String>,
    #[serde(default)]
    pub next_step: Option<String>,
    /// Set when the entry was entered in error: it then counts nowhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voided: Option<super::Voided>,
}

impl JobSearchActivity {
    /// Whether the activity counts (its visit was not entered in error).
    pub fn counts(&self) -> bool {
        self.voided.is_none()
    }
}
