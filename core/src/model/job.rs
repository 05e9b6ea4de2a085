//! Jobs: starts and ends.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ids::EmployerId;

/// A job the person holds or held.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Job {
    #[serde(default)]
    pub employer_id: Option<EmployerId>,
    pub employer_name: String,
    pub title: String,
    /// Job type, for the diversity-of-job-types item (a plain name, or an O*NET/SOC title).
    #[serde(default)]
    pub job_type: Option<String>,
    /// O*NET/SOC code where known.
    #[serde(default)]
    pub soc_code: Option<String>,
    pub start: NaiveDate,
    #[serde(default)]
    pub hours_per_week: Option<f64>,
    #[serde(default)]
    pub hourly_wage_cents: Option<i64>,
    #[serde(default)]
    pub permanent: Option<bool>,
    /// Community job anyone can apply for, at least minimum wage (IPS principle 1).
    pub competitive: bool,
    #[serde(default)]
    pub disclosed: Option<bool>,
    #[serde(default)]
    pub end: Option<JobEnd>,
    /// Set when the job was entered in error (entered twice, on the wrong person): it then
    /// counts in no figure, and the "working" status its start wrote is void with it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voided: Option<super::Voided>,
}

/// How a job ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JobEnd {
    pub date: NaiveDate,
    pub reason: String,
    /// When the specialist learned of the end (the support item counts from here).
    #[serde(default)]
    pub learned: Option<NaiveDate>,
}

impl Job {
    /// Whether the job counts (it was not entered in error).
    pub fn counts(&self) -> bool {
        self.voided.is_none()
    }

    /// Whether the person held this job on `day`.
    pub fn held_on(&self, day: NaiveDate) -> bool {
        self.start <= day && self.end.as_ref().is_none_or(|e| e.date >= day)
    }

    /// Whether any day of `from..=to` falls within the job.
    pub fn overlaps(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.start <= to && self.end.as_ref().is_none_or(|e| e.date >= from)
    }
}
