//! The core's fixed sets of values (status, contact mode, purpose…) with the spellings
//! people and county exports use for them, read in any case and spacing.

use fieldbook_core::model::{
    ContactMode, Disclosure, ReleaseTo, SeekerStatus, StepOwner, SupportGiver, VisitPurpose,
};

use super::normalize;

/// A fixed set of values (an enum of the core), read in any case and spacing.
pub trait Choice: Sized + Copy + 'static {
    /// What the value is called in messages ("status").
    const WHAT: &'static str;
    /// Each value with its stable name and other spellings people use.
    fn options() -> &'static [(Self, &'static str, &'static [&'static str])];
}

/// A choice from its name or another usual spelling.
pub fn choice<T: Choice>(s: &str) -> Result<T, String> {
    let wanted = normalize(s);
    T::options()
        .iter()
        .find(|(_, name, others)| {
            normalize(name) == wanted || others.iter().any(|o| normalize(o) == wanted)
        })
        .map(|(value, _, _)| *value)
        .ok_or_else(|| {
            let names: Vec<&str> = T::options().iter().map(|(_, name, _)| *name).collect();
            format!(
                "`{s}` is not a {}: use one of {}",
                T::WHAT,
                names.join(", ")
            )
        })
}

/// The stable name of a choice.
pub fn choice_name<T: Choice + PartialEq>(value: T) -> &'static str {
    T::options()
        .iter()
        .find(|(v, _, _)| *v == value)
        .map(|(_, name, _)| *name)
        .unwrap_or("?")
}

impl Choice for SeekerStatus {
    const WHAT: &'static str = "status";
    fn options() -> &'static [(Self, &'static str, &'static [&'static str])] {
        &[
            (
                SeekerStatus::Engaging,
                "engaging",
                &["engagement", "intake", "new", "referred"],
            ),
            (
                SeekerStatus::JobSearch,
                "job_search",
                &["searching", "job development", "job seeking", "active"],
            ),
            (SeekerStatus::Working, "working", &["employed", "job start"]),
            (
                SeekerStatus::FollowAlong,
                "follow_along",
                &["follow along supports", "follow-along support", "supports"],
            ),
            (SeekerStatus::Inactive, "inactive", &["on hold", "paused"]),
            (SeekerStatus::Closed, "closed", &["discharged", "exited"]),
        ]
    }
}

impl Choice for ContactMode {
    const WHAT: &'static str = "contact mode";
    fn options() -> &'static [(Self, &'static str, &'static [&'static str])] {
        &[
            (
                ContactMode::InPerson,
                "in_person",
                &["face to face", "f2f", "in person visit", "visit", "on site"],
            ),
            (
                ContactMode::Phone,
                "phone",
                &["call", "phone call", "telephone"],
            ),
            (ContactMode::Email, "email", &["e-mail", "mail"]),
            (
                ContactMode::Video,
                "video",
                &["video call", "zoom", "teams"],
            ),
        ]
    }
}

impl Choice for VisitPurpose {
    const WHAT: &'static str = "visit purpose";
    fn options() -> &'static [(Self, &'static str, &'static [&'static str])] {
        &[
            (
                VisitPurpose::IntroduceIps,
                "introduce_ips",
                &["introduction", "intro", "introduce"],
            ),
            (
                VisitPurpose::LearnBusinessNeeds,
                "learn_business_needs",
                &["business needs", "job development", "learn needs"],
            ),
            (VisitPurpose::FollowUp, "follow_up", &["followup"]),
            (
                VisitPurpose::PresentCandidate,
                "present_candidate",
                &["candidate", "present a candidate", "advocacy"],
            ),
            (VisitPurpose::Interview, "interview", &["job interview"]),
            (
                VisitPurpose::OnTheJobSupport,
                "on_the_job_support",
                &["job support", "on the job", "job coaching"],
            ),
        ]
    }
}

impl Choice for StepOwner {
    const WHAT: &'static str = "step owner";
    fn options() -> &'static [(Self, &'static str, &'static [&'static str])] {
        &[
            (
                StepOwner::Seeker,
                "seeker",
                &["job seeker", "client", "participant"],
            ),
            (
                StepOwner::Specialist,
                "specialist",
                &["employment specialist", "staff", "es"],
            ),
        ]
    }
}

impl Choice for SupportGiver {
    const WHAT: &'static str = "support giver";
    fn options() -> &'static [(Self, &'static str, &'static [&'static str])] {
        &[
            (
                SupportGiver::Specialist,
                "specialist",
                &["employment specialist", "es"],
            ),
            (
                SupportGiver::TeamMember,
                "team_member",
                &["team", "case manager", "clinician"],
            ),
            (SupportGiver::Family, "family", &["relative"]),
            (
                SupportGiver::Employer,
                "employer",
                &["supervisor", "manager"],
            ),
            (SupportGiver::Other, "other", &[]),
        ]
    }
}

impl Choice for Disclosure {
    const WHAT: &'static str = "disclosure preference";
    fn options() -> &'static [(Self, &'static str, &'static [&'static str])] {
        &[
            (
                Disclosure::Disclose,
                "disclose",
                &["yes", "full", "full disclosure"],
            ),
            (
                Disclosure::Partial,
                "partial",
                &["some", "partial disclosure"],
            ),
            (
                Disclosure::DoNotDisclose,
                "do_not_disclose",
                &["no", "none", "no disclosure", "do not"],
            ),
            (
                Disclosure::Undecided,
                "undecided",
                &["unsure", "not sure", "unknown"],
            ),
        ]
    }
}

impl Choice for ReleaseTo {
    const WHAT: &'static str = "kind of recipient";
    fn options() -> &'static [(Self, &'static str, &'static [&'static str])] {
        &[
            (ReleaseTo::Employers, "employers", &["employer"]),
            (
                ReleaseTo::StateAgency,
                "state_agency",
                &["state", "deed", "vrs", "state agency"],
            ),
            (ReleaseTo::Family, "family", &[]),
            (
                ReleaseTo::Clinic,
                "clinic",
                &["treatment team", "clinician"],
            ),
            (ReleaseTo::Other, "other", &[]),
        ]
    }
}
