//! The forms of a job seeker's path to work: plan steps (added or edited), job starts and
//! ends, and follow-along supports.

use fieldbook_core::ids::{JobId, StepId};
use fieldbook_core::model::{JobEnd, StepOwner, SupportContact, SupportGiver};
use fieldbook_core::{Error, NewJob, NewStep, Reason, StepEdit, Store};

use super::kinds::{date_text, field, seeker_id, today, yes, Field, FormKind};
use super::{bad_id, wrong_form, FieldKind, Values};
use FieldKind::{Choice, Date, LongText, Number, Text, YesNo};

pub(super) const STEP: &[Field] = &[
    field("what", Text, true),
    Field {
        options: &["specialist", "seeker"],
        default: || "specialist".into(),
        ..field("who", Choice, true)
    },
    field("due", Date, false),
];

fn step_id(id: &str) -> Result<StepId, Error> {
    id.parse().map_err(|_| bad_id("step", id))
}

/// Adds a step, or saves the step edited.
pub(super) fn save_step(store: &Store, kind: &FormKind, v: &Values<'_>) -> Result<String, Error> {
    let who = match v.required("who").as_str() {
        "seeker" => StepOwner::Seeker,
        _ => StepOwner::Specialist,
    };
    match kind {
        FormKind::Step { seeker_id: s } => {
            let step = NewStep {
                id: None,
                what: v.required("what"),
                who,
                due: v.date("due"),
            };
            Ok(store.add_step(seeker_id(s)?, step)?.to_string())
        }
        FormKind::EditStep {
            seeker_id: s,
            step_id: step,
        } => {
            let step = step_id(step)?;
            let edit = StepEdit {
                what: v.required("what"),
                who,
                due: v.date("due"),
            };
            store.edit_step(seeker_id(s)?, step, edit)?;
            Ok(step.to_string())
        }
        _ => Err(wrong_form()),
    }
}

pub(super) fn load_step(
    store: &Store,
    kind: &FormKind,
) -> Result<Vec<(&'static str, String)>, Error> {
    let FormKind::EditStep {
        seeker_id: s,
        step_id: step,
    } = kind
    else {
        return Err(wrong_form());
    };
    let id = step_id(step)?;
    let plan = store.seeker(seeker_id(s)?)?.plan;
    let step = plan
        .steps
        .get(&id)
        .ok_or_else(|| Error::not_found("step", id))?;
    let who = match step.who {
        StepOwner::Seeker => "seeker",
        StepOwner::Specialist => "specialist",
    };
    Ok(vec![
        ("what", step.what.clone()),
        ("who", who.to_owned()),
        ("due", date_text(step.due)),
    ])
}

pub(super) const JOB_START: &[Field] = &[
    field("employer_name", Text, true),
    field("title", Text, true),
    Field {
        default: today,
        ..field("start", Date, true)
    },
    field("hours_per_week", Number, false),
    field("hourly_wage", Number, false),
    Field {
        default: yes,
        ..field("competitive", YesNo, true)
    },
    field("permanent", YesNo, false),
    field("disclosed", YesNo, false),
];

pub(super) fn save_job_start(
    store: &Store,
    kind: &FormKind,
    v: &Values<'_>,
) -> Result<String, Error> {
    let FormKind::JobStart { seeker_id: s } = kind else {
        return Err(wrong_form());
    };
    let Some(start) = v.date("start") else {
        return Err(Error::invalid_because("start", Reason::Required));
    };
    let job = NewJob {
        id: None,
        employer_id: None,
        employer_name: v.text("employer_name"),
        title: v.required("title"),
        job_type: None,
        soc_code: None,
        start,
        hours_per_week: v.number("hours_per_week"),
        // Dollars typed, cents kept, to the nearest cent.
        hourly_wage_cents: v.number("hourly_wage").map(|d| (d * 100.0).round() as i64),
        permanent: v.yes_no("permanent"),
        competitive: v.yes_no("competitive").unwrap_or(true),
        disclosed: v.yes_no("disclosed"),
    };
    Ok(store.start_job(seeker_id(s)?, job)?.to_string())
}

pub(super) const JOB_END: &[Field] = &[
    Field {
        default: today,
        ..field("date", Date, true)
    },
    field("reason", LongText, true),
    field("learned", Date, false),
];

pub(super) fn save_job_end(
    store: &Store,
    kind: &FormKind,
    v: &Values<'_>,
) -> Result<String, Error> {
    let FormKind::JobEnd {
        seeker_id: s,
        job_id,
    } = kind
    else {
        return Err(wrong_form());
    };
    let job: JobId = job_id.parse().map_err(|_| bad_id("job", job_id))?;
    let Some(date) = v.date("date") else {
        return Err(Error::invalid_because("date", Reason::Required));
    };
    let end = JobEnd {
        date,
        reason: v.required("reason"),
        learned: v.date("learned"),
    };
    store.end_job(seeker_id(s)?, job, end)?;
    Ok(job.to_string())
}

pub(super) const SUPPORT: &[Field] = &[
    Field {
        default: today,
        ..field("date", Date, true)
    },
    field("kind", Text, true),
    Field {
        options: &["specialist", "team_member", "family", "employer", "other"],
        default: || "specialist".into(),
        ..field("given_by", Choice, true)
    },
    Field {
        default: yes,
        ..field("in_person", YesNo, true)
    },
    field("note", LongText, false),
];

pub(super) fn save_support(
    store: &Store,
    kind: &FormKind,
    v: &Values<'_>,
) -> Result<String, Error> {
    let FormKind::Support { seeker_id: s } = kind else {
        return Err(wrong_form());
    };
    let Some(date) = v.date("date") else {
        return Err(Error::invalid_because("date", Reason::Required));
    };
    let given_by = match v.required("given_by").as_str() {
        "team_member" => SupportGiver::TeamMember,
        "family" => SupportGiver::Family,
        "employer" => SupportGiver::Employer,
        "other" => SupportGiver::Other,
        _ => SupportGiver::Specialist,
    };
    let support = SupportContact {
        date,
        in_person: v.yes_no("in_person").unwrap_or(true),
        given_by,
        kind: v.required("kind"),
        job_id: None,
        note: v.text("note"),
        voided: None,
    };
    Ok(store.log_support(seeker_id(s)?, support)?.to_string())
}
