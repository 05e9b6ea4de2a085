//! The forms of a job seeker's own record: the profile (added or edited), consents, the
//! career profile with the disclosure preference, the plan's goal, and case notes.

use fieldbook_core::model::{
    BenefitsPlanning, CareerProfile, Disclosure, DisclosurePreference, PlanInfo, ReleaseTo,
    SeekerProfile,
};
use fieldbook_core::{Error, NewConsent, NewSeeker, Reason, Store};

use super::kinds::{date_text, field, seeker_id, today, Field, FormKind};
use super::{wrong_form, FieldKind, Values};
use FieldKind::{Choice, Date, LongText, Number, Text};

pub(super) const SEEKER: &[Field] = &[
    field("name", Text, true),
    field("preferred_name", Text, false),
    field("phone", Text, false),
    field("county", Text, false),
    field("referral_date", Date, false),
    field("first_meeting", Date, false),
];

/// Adds a job seeker, or saves the profile of the one edited (keeping what the form does
/// not show).
pub(super) fn save_seeker(store: &Store, kind: &FormKind, v: &Values<'_>) -> Result<String, Error> {
    let (id, old) = match kind {
        FormKind::EditSeeker { seeker_id: s } => {
            let id = seeker_id(s)?;
            (Some(id), store.seeker(id)?.profile)
        }
        _ => (None, SeekerProfile::default()),
    };
    let profile = SeekerProfile {
        name: v.required("name"),
        preferred_name: v.text("preferred_name"),
        phone: v.text("phone"),
        county: v.text("county"),
        referral_date: v.date("referral_date"),
        first_meeting: v.date("first_meeting"),
        ..old
    };
    match id {
        Some(id) => {
            store.update_profile(id, profile)?;
            Ok(id.to_string())
        }
        None => {
            let new = NewSeeker {
                id: None,
                profile,
                status: None,
                status_date: None,
            };
            Ok(store.create_seeker(new)?.to_string())
        }
    }
}

pub(super) fn load_seeker(
    store: &Store,
    kind: &FormKind,
) -> Result<Vec<(&'static str, String)>, Error> {
    let FormKind::EditSeeker { seeker_id: s } = kind else {
        return Err(wrong_form());
    };
    let p = store.seeker(seeker_id(s)?)?.profile;
    Ok(vec![
        ("name", p.name),
        ("preferred_name", p.preferred_name.unwrap_or_default()),
        ("phone", p.phone.unwrap_or_default()),
        ("county", p.county.unwrap_or_default()),
        ("referral_date", date_text(p.referral_date)),
        ("first_meeting", date_text(p.first_meeting)),
    ])
}

pub(super) const BENEFITS: &[Field] = &[
    field("referred", Date, false),
    field("offered", Date, false),
    field("completed", Date, false),
    field("planner", Text, false),
];

pub(super) fn save_benefits(
    store: &Store,
    kind: &FormKind,
    v: &Values<'_>,
) -> Result<String, Error> {
    let FormKind::Benefits { seeker_id: s } = kind else {
        return Err(wrong_form());
    };
    let id = seeker_id(s)?;
    let benefits = BenefitsPlanning {
        referred: v.date("referred"),
        offered: v.date("offered"),
        completed: v.date("completed"),
        planner: v.text("planner"),
    };
    store.update_benefits(id, benefits)?;
    Ok(id.to_string())
}

pub(super) fn load_benefits(
    store: &Store,
    kind: &FormKind,
) -> Result<Vec<(&'static str, String)>, Error> {
    let FormKind::Benefits { seeker_id: s } = kind else {
        return Err(wrong_form());
    };
    let b = store.seeker(seeker_id(s)?)?.benefits;
    Ok(vec![
        ("referred", date_text(b.referred)),
        ("offered", date_text(b.offered)),
        ("completed", date_text(b.completed)),
        ("planner", b.planner.unwrap_or_default()),
    ])
}

pub(super) const CONSENT: &[Field] = &[
    Field {
        options: &["employers", "state_agency", "family", "clinic", "other"],
        default: || "employers".into(),
        ..field("release_to", Choice, true)
    },
    field("recipient", Text, true),
    field("scope", LongText, true),
    Field {
        default: today,
        ..field("signed", Date, true)
    },
    field("expires", Date, false),
];

pub(super) fn save_consent(
    store: &Store,
    kind: &FormKind,
    v: &Values<'_>,
) -> Result<String, Error> {
    let FormKind::Consent { seeker_id: s } = kind else {
        return Err(wrong_form());
    };
    let Some(signed) = v.date("signed") else {
        return Err(Error::invalid_because("signed", Reason::Required));
    };
    let release_to = match v.required("release_to").as_str() {
        "state_agency" => ReleaseTo::StateAgency,
        "family" => ReleaseTo::Family,
        "clinic" => ReleaseTo::Clinic,
        "other" => ReleaseTo::Other,
        _ => ReleaseTo::Employers,
    };
    let consent = NewConsent {
        scope: v.required("scope"),
        recipient: v.required("recipient"),
        release_to,
        signed,
        expires: v.date("expires"),
    };
    Ok(store.add_consent(seeker_id(s)?, consent)?.to_string())
}

pub(super) const CAREER: &[Field] = &[
    field("work_goal", LongText, false),
    field("preferred_job_types", Text, false),
    field("preferred_hours_per_week", Number, false),
    field("shift", Text, false),
    field("location", Text, false),
    field("strengths", LongText, false),
    field("transportation", Text, false),
    Field {
        options: &["disclose", "partial", "do_not_disclose", "undecided"],
        ..field("disclosure", Choice, false)
    },
    field("disclosure_how", LongText, false),
];

const DISCLOSURES: [(Disclosure, &str); 4] = [
    (Disclosure::Disclose, "disclose"),
    (Disclosure::Partial, "partial"),
    (Disclosure::DoNotDisclose, "do_not_disclose"),
    (Disclosure::Undecided, "undecided"),
];

/// Items typed as one line separated by commas.
fn list(text: Option<String>) -> Vec<String> {
    text.map(|t| {
        t.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_owned)
            .collect()
    })
    .unwrap_or_default()
}

pub(super) fn save_career(store: &Store, kind: &FormKind, v: &Values<'_>) -> Result<String, Error> {
    let FormKind::Career { seeker_id: s } = kind else {
        return Err(wrong_form());
    };
    let id = seeker_id(s)?;
    let old = store.seeker(id)?.career;
    let choice = v.text("disclosure");
    let career = CareerProfile {
        work_goal: v.text("work_goal"),
        preferred_job_types: list(v.text("preferred_job_types")),
        preferred_hours_per_week: v.number("preferred_hours_per_week"),
        shift: v.text("shift"),
        location: v.text("location"),
        strengths: v.text("strengths"),
        transportation: v.text("transportation"),
        disclosure: DisclosurePreference {
            choice: DISCLOSURES
                .iter()
                .find(|(_, id)| Some(*id) == choice.as_deref())
                .map(|(d, _)| *d),
            how: v.text("disclosure_how"),
        },
        updated: Some(fieldbook_core::today()),
        ..old
    };
    store.update_career(id, career)?;
    Ok(id.to_string())
}

pub(super) fn load_career(
    store: &Store,
    kind: &FormKind,
) -> Result<Vec<(&'static str, String)>, Error> {
    let FormKind::Career { seeker_id: s } = kind else {
        return Err(wrong_form());
    };
    let c = store.seeker(seeker_id(s)?)?.career;
    let disclosure = DISCLOSURES
        .iter()
        .find(|(d, _)| Some(*d) == c.disclosure.choice)
        .map(|(_, id)| (*id).to_owned())
        .unwrap_or_default();
    Ok(vec![
        ("work_goal", c.work_goal.unwrap_or_default()),
        ("preferred_job_types", c.preferred_job_types.join(", ")),
        (
            "preferred_hours_per_week",
            c.preferred_hours_per_week
                .map(|h| h.to_string())
                .unwrap_or_default(),
        ),
        ("shift", c.shift.unwrap_or_default()),
        ("location", c.location.unwrap_or_default()),
        ("strengths", c.strengths.unwrap_or_default()),
        ("transportation", c.transportation.unwrap_or_default()),
        ("disclosure", disclosure),
        ("disclosure_how", c.disclosure.how.unwrap_or_default()),
    ])
}

pub(super) const PLAN: &[Field] = &[
    field("goal", LongText, false),
    field("target_job_types", Text, false),
    field("target_employers", Text, false),
    field("disclosure_plan", LongText, false),
    field("benefits_planning_step", LongText, false),
];

pub(super) fn save_plan(store: &Store, kind: &FormKind, v: &Values<'_>) -> Result<String, Error> {
    let FormKind::Plan { seeker_id: s } = kind else {
        return Err(wrong_form());
    };
    let id = seeker_id(s)?;
    let info = PlanInfo {
        goal: v.text("goal"),
        target_job_types: list(v.text("target_job_types")),
        target_employers: list(v.text("target_employers")),
        disclosure_plan: v.text("disclosure_plan"),
        benefits_planning_step: v.text("benefits_planning_step"),
    };
    store.update_plan(id, info)?;
    Ok(id.to_string())
}

pub(super) fn load_plan(
    store: &Store,
    kind: &FormKind,
) -> Result<Vec<(&'static str, String)>, Error> {
    let FormKind::Plan { seeker_id: s } = kind else {
        return Err(wrong_form());
    };
    let p = store.seeker(seeker_id(s)?)?.plan.info;
    Ok(vec![
        ("goal", p.goal.unwrap_or_default()),
        ("target_job_types", p.target_job_types.join(", ")),
        ("target_employers", p.target_employers.join(", ")),
        ("disclosure_plan", p.disclosure_plan.unwrap_or_default()),
        (
            "benefits_planning_step",
            p.benefits_planning_step.unwrap_or_default(),
        ),
    ])
}

pub(super) const NOTE: &[Field] = &[field("text", LongText, true)];

pub(super) fn save_note(store: &Store, kind: &FormKind, v: &Values<'_>) -> Result<String, Error> {
    let FormKind::Note { seeker_id: s } = kind else {
        return Err(wrong_form());
    };
    Ok(store
        .add_note(seeker_id(s)?, &v.required("text"), None)?
        .to_string())
}

pub(super) const STATUS: &[Field] = &[
    Field {
        options: &[
            "engaging",
            "job_search",
            "working",
            "follow_along",
            "inactive",
            "closed",
        ],
        ..field("status", Choice, true)
    },
    Field {
        default: today,
        ..field("date", Date, true)
    },
    field("reason", LongText, false),
];

/// A job seeker's new status (core `set_status`), from the date given, with the reason.
pub(super) fn save_status(store: &Store, kind: &FormKind, v: &Values<'_>) -> Result<String, Error> {
    let FormKind::Status { seeker_id: s } = kind else {
        return Err(wrong_form());
    };
    let typed = v.required("status");
    let status = fieldbook_core::model::SeekerStatus::parse(&typed)
        .ok_or_else(|| Error::invalid_because("status", Reason::Required))?;
    let date = v
        .date("date")
        .ok_or_else(|| Error::invalid_because("date", Reason::Required))?;
    Ok(store
        .set_status(seeker_id(s)?, status, date, v.text("reason"))?
        .to_string())
}
