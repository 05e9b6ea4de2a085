//! Employer contacts ("visits"): the heart of IPS job development.

use chrono::{DateTime, FixedOffset, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::ids::{ContactId, SeekerId, UserId};

/// One contact with an employer, logged by a specialist. Face-to-face contacts are what the
/// fidelity scale counts; a second visit to the same employer in a week counts again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Visit {
    /// Local time of the contact with its UTC offset, as the specialist lived it.
    pub at: DateTime<FixedOffset>,
    /// The specialist who made the contact.
    #[serde(default)]
    pub specialist: Option<UserId>,
    #[serde(default)]
    pub contact_id: Option<ContactId>,
    /// Where, when not at the employer's address.
    #[serde(default)]
    pub location: Option<String>,
    pub mode: ContactMode,
    pub purpose: VisitPurpose,
    /// Job seekers discussed; empty for a general contact. Ids only: the employer log holds
    /// the minimum about people.
    #[serde(default)]
    pub seekers: Vec<SeekerId>,
    /// Job seekers, among `seekers`, whom the specialist disclosed to the employer (told
    /// the employer about their mental illness or that IPS serves them). Allowed only with
    /// a current release to employers and a disclosure preference other than "do not
    /// disclose"; naming a job seeker without disclosing needs neither.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub disclosed: Vec<SeekerId>,
    /// Whether the contact followed the job seekers' stated preferences.
    #[serde(default)]
    pub followed_preference: Option<bool>,
    #[serde(default)]
    pub outcome: Option<String>,
    #[serde(default)]
    pub next_step: Option<String>,
    #[serde(default)]
    pub next_step_date: Option<NaiveDate>,
    /// The contact's id in the log it was imported from (a county's contact log): importing
    /// that log again finds it instead of logging it twice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// Set when the entry was entered in error: it then counts nowhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voided: Option<super::Voided>,
}

impl Visit {
    /// Whether the visit counts (it was not entered in error).
    pub fn counts(&self) -> bool {
        self.voided.is_none()
    }
}

/// How the contact was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ContactMode {
    InPerson,
    Phone,
    Email,
    Video,
}

impl ContactMode {
    /// Only in-person contacts count toward the weekly goal.
    pub fn is_face_to_face(&self) -> bool {
        matches!(self, ContactMode::InPerson)
    }

    /// The stable name used in storage, JSON and the CLI.
    pub fn as_str(&self) -> &'static str {
        match self {
            ContactMode::InPerson => "in_person",
            ContactMode::Phone => "phone",
            ContactMode::Email => "email",
            ContactMode::Video => "video",
        }
    }
}

/// Why the contact was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VisitPurpose {
    IntroduceIps,
    LearnBusinessNeeds,
    FollowUp,
    PresentCandidate,
    Interview,
    OnTheJobSupport,
}

impl VisitPurpose {
    /// The stable name used in storage, JSON and the CLI.
    pub fn as_str(&self) -> &'static str {
        match self {
            VisitPurpose::IntroduceIps => "introduce_ips",
            VisitPurpose::LearnBusinessNeeds => "learn_business_needs",
            VisitPurpose::FollowUp => "follow_up",
            VisitPurpose::PresentCandidate => "present_candidate",
            VisitPurpose::Interview => "interview",
            VisitPurpose::OnTheJobSupport => "on_the_job_support",
        }
    }
}
