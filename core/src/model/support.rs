//! Follow-along supports: time-unlimited, individualized (IPS principle 8).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ids::JobId;

/// One follow-along support contact.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SupportContact {
    pub date: NaiveDate,
    pub in_person: bool,
    pub given_by: SupportGiver,
    /// What kind of support (job coaching, problem solving with the employer, a ride…).
    pub kind: String,
    #[serde(default)]
    pub job_id: Option<JobId>,
    #[serde(default)]
    pub note: Option<String>,
    /// Set when the contact was entered in error: it then meets no support requirement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voided: Option<super::Voided>,
}

impl SupportContact {
    /// Whether the contact counts (it was not entered in error).
    pub fn counts(&self) -> bool {
        self.voided.is_none()
    }
}

/// Who gave the support.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SupportGiver {
    Specialist,
    TeamMember,
    Family,
    Employer,
    Other,
}
