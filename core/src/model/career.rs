//! The career (vocational) profile: what the person wants, has done and can do. Updated after
//! each job.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// The job seeker's preferences drive the search (IPS principle 4); this is where they live.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct CareerProfile {
    pub work_goal: Option<String>,
    pub preferred_job_types: Vec<String>,
    pub preferred_hours_per_week: Option<f64>,
    pub shift: Option<String>,
    pub location: Option<String>,
    pub environment: Option<String>,
    pub education: Option<String>,
    pub strengths: Option<String>,
    pub skills: Option<String>,
    pub transportation: Option<String>,
    pub natural_supports: Option<String>,
    pub disclosure: DisclosurePreference,
    pub updated: Option<NaiveDate>,
}

/// Whether, and how, the person wants their mental illness disclosed to employers.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct DisclosurePreference {
    pub choice: Option<Disclosure>,
    /// In the person's words: what may be said, by whom, when.
    pub how: Option<String>,
}

/// The person's decision about disclosure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Disclosure {
    /// The specialist may speak to employers on the person's behalf.
    Disclose,
    /// Some information, as described in `how`.
    Partial,
    /// Employers are not told; the specialist works behind the scenes.
    DoNotDisclose,
    Undecided,
}

/// A past job.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkHistoryEntry {
    pub employer: String,
    pub title: String,
    #[serde(default)]
    pub start: Option<NaiveDate>,
    #[serde(default)]
    pub end: Option<NaiveDate>,
    #[serde(default)]
    pub liked: Option<String>,
    #[serde(default)]
    pub disliked: Option<String>,
    #[serde(default)]
    pub reason_for_leaving: Option<String>,
}
