//! The forms themselves: for each kind, its fields (named as the core names them) and how
//! it saves through the store.

use fieldbook_core::ids::{EmployerId, JobId, NoteId, SeekerId, VisitId};
use fieldbook_core::model::{
    EmployerContact, EmployerInfo, JobEnd, SeekerProfile, StepOwner, SupportContact, SupportGiver,
};
use fieldbook_core::{Error, NewEmployer, NewJob, NewSeeker, NewStep, Store};

use super::{bad_id, FieldKind, Values};

/// Which form, and the records it belongs to (ids as the app has them).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum FormKind {
    /// A new job seeker: name and first facts.
    Seeker,
    /// A new employer.
    Employer,
    /// A new contact at an employer.
    Contact { employer_id: String },
    /// A case note about a job seeker.
    Note { seeker_id: String },
    /// A new step of a job seeker's plan.
    Step { seeker_id: String },
    /// A job a job seeker started.
    JobStart { seeker_id: String },
    /// The end of one of a job seeker's jobs.
    JobEnd { seeker_id: String, job_id: String },
    /// A follow-along support given to a job seeker.
    Support { seeker_id: String },
    /// Marking a visit as entered in error, with the reason.
    VoidVisit {
        employer_id: String,
        visit_id: String,
    },
    /// Marking a case note as entered in error, with the reason.
    VoidNote { seeker_id: String, note_id: String },
}

/// One field of a form.
pub(super) struct Field {
    pub name: &'static str,
    pub kind: FieldKind,
    pub required: bool,
    /// A choice's option ids (labels are `option-<name>-<id>`).
    pub options: &'static [&'static str],
    pub default: fn() -> String,
}

type Save = fn(&Store, &FormKind, &Values<'_>) -> Result<String, Error>;

/// A form: the id of its messages (`form-<id>-title`, `-save`, `-saved`), its fields, how
/// it saves, and the core's field names that differ from the form's.
pub(super) struct Spec {
    pub id: &'static str,
    pub fields: &'static [Field],
    pub save: Save,
    pub aliases: &'static [(&'static str, &'static str)],
}

impl Spec {
    /// The form's field for the core's field `name`.
    pub fn field_of<'a>(&self, name: &'a str) -> &'a str {
        self.aliases
            .iter()
            .find(|(core, _)| *core == name)
            .map_or(name, |(_, form)| form)
    }
}

fn blank() -> String {
    String::new()
}

fn today() -> String {
    fieldbook_core::today().to_string()
}

fn yes() -> String {
    "yes".into()
}

const fn field(name: &'static str, kind: FieldKind, required: bool) -> Field {
    Field {
        name,
        kind,
        required,
        options: &[],
        default: blank,
    }
}

use FieldKind::{Date, LongText, Number, Text, YesNo};

const SEEKER: &[Field] = &[
    field("name", Text, true),
    field("preferred_name", Text, false),
    field("phone", Text, false),
    field("county", Text, false),
    field("referral_date", Date, false),
    field("first_meeting", Date, false),
];
const EMPLOYER: &[Field] = &[
    field("name", Text, true),
    field("industry", Text, false),
    field("address", Text, false),
    field("phone", Text, false),
    field("business_needs", LongText, false),
    field("hiring_notes", LongText, false),
];
const CONTACT: &[Field] = &[
    field("name", Text, true),
    field("role", Text, false),
    field("phone", Text, false),
    field("email", Text, false),
];
const NOTE: &[Field] = &[field("text", LongText, true)];
const STEP: &[Field] = &[
    field("what", Text, true),
    Field {
        options: &["specialist", "seeker"],
        default: || "specialist".into(),
        ..field("who", FieldKind::Choice, true)
    },
    field("due", Date, false),
];
const JOB_START: &[Field] = &[
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
const JOB_END: &[Field] = &[
    Field {
        default: today,
        ..field("date", Date, true)
    },
    field("reason", LongText, true),
    field("learned", Date, false),
];
const SUPPORT: &[Field] = &[
    Field {
        default: today,
        ..field("date", Date, true)
    },
    field("kind", Text, true),
    Field {
        options: &["specialist", "team_member", "family", "employer", "other"],
        default: || "specialist".into(),
        ..field("given_by", FieldKind::Choice, true)
    },
    Field {
        default: yes,
        ..field("in_person", YesNo, true)
    },
    field("note", LongText, false),
];
const VOID: &[Field] = &[field("reason", LongText, true)];

/// The form of `kind`.
pub(super) fn spec(kind: &FormKind) -> Spec {
    let plain = |id, fields, save| Spec {
        id,
        fields,
        save,
        aliases: &[],
    };
    match kind {
        FormKind::Seeker => plain("seeker", SEEKER, save_seeker),
        FormKind::Employer => plain("employer", EMPLOYER, save_employer),
        FormKind::Contact { .. } => plain("contact", CONTACT, save_contact),
        FormKind::Note { .. } => plain("note", NOTE, save_note),
        FormKind::Step { .. } => plain("step", STEP, save_step),
        FormKind::JobStart { .. } => Spec {
            aliases: &[
                ("hourly_wage_cents", "hourly_wage"),
                ("employer", "employer_name"),
            ],
            ..plain("job-start", JOB_START, save_job_start)
        },
        FormKind::JobEnd { .. } => plain("job-end", JOB_END, save_job_end),
        FormKind::Support { .. } => plain("support", SUPPORT, save_support),
        FormKind::VoidVisit { .. } => plain("void-visit", VOID, save_void),
        FormKind::VoidNote { .. } => plain("void-note", VOID, save_void),
    }
}

fn seeker_id(id: &str) -> Result<SeekerId, Error> {
    id.parse().map_err(|_| bad_id("job seeker", id))
}

fn employer_id(id: &str) -> Result<EmployerId, Error> {
    id.parse().map_err(|_| bad_id("employer", id))
}

fn save_seeker(store: &Store, _: &FormKind, v: &Values<'_>) -> Result<String, Error> {
    let profile = SeekerProfile {
        name: v.required("name"),
        preferred_name: v.text("preferred_name"),
        phone: v.text("phone"),
        county: v.text("county"),
        referral_date: v.date("referral_date"),
        first_meeting: v.date("first_meeting"),
        ..Default::default()
    };
    let new = NewSeeker {
        id: None,
        profile,
        status: None,
        status_date: None,
    };
    Ok(store.create_seeker(new)?.to_string())
}

fn save_employer(store: &Store, _: &FormKind, v: &Values<'_>) -> Result<String, Error> {
    let info = EmployerInfo {
        name: v.required("name"),
        industry: v.text("industry"),
        address: v.text("address"),
        phone: v.text("phone"),
        business_needs: v.text("business_needs"),
        hiring_notes: v.text("hiring_notes"),
        ..Default::default()
    };
    Ok(store
        .create_employer(NewEmployer { id: None, info })?
        .to_string())
}

fn save_contact(store: &Store, kind: &FormKind, v: &Values<'_>) -> Result<String, Error> {
    let FormKind::Contact { employer_id: e } = kind else {
        unreachable!("the contact form saves contacts")
    };
    let contact = EmployerContact {
        name: v.required("name"),
        role: v.text("role"),
        phone: v.text("phone"),
        email: v.text("email"),
    };
    Ok(store.add_contact(employer_id(e)?, contact)?.to_string())
}

fn save_note(store: &Store, kind: &FormKind, v: &Values<'_>) -> Result<String, Error> {
    let FormKind::Note { seeker_id: s } = kind else {
        unreachable!("the note form saves notes")
    };
    Ok(store
        .add_note(seeker_id(s)?, &v.required("text"), None)?
        .to_string())
}

fn save_step(store: &Store, kind: &FormKind, v: &Values<'_>) -> Result<String, Error> {
    let FormKind::Step { seeker_id: s } = kind else {
        unreachable!("the step form saves steps")
    };
    let who = match v.required("who").as_str() {
        "seeker" => StepOwner::Seeker,
        _ => StepOwner::Specialist,
    };
    let step = NewStep {
        id: None,
        what: v.required("what"),
        who,
        due: v.date("due"),
    };
    Ok(store.add_step(seeker_id(s)?, step)?.to_string())
}

fn save_job_start(store: &Store, kind: &FormKind, v: &Values<'_>) -> Result<String, Error> {
    let FormKind::JobStart { seeker_id: s } = kind else {
        unreachable!("the job start form starts jobs")
    };
    let Some(start) = v.date("start") else {
        return Err(Error::invalid_because(
            "start",
            fieldbook_core::Reason::Required,
        ));
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
        // Dollars typed, cents kept; rounding to the nearest cent.
        hourly_wage_cents: v.number("hourly_wage").map(|d| (d * 100.0).round() as i64),
        permanent: v.yes_no("permanent"),
        competitive: v.yes_no("competitive").unwrap_or(true),
        disclosed: v.yes_no("disclosed"),
    };
    Ok(store.start_job(seeker_id(s)?, job)?.to_string())
}

fn save_job_end(store: &Store, kind: &FormKind, v: &Values<'_>) -> Result<String, Error> {
    let FormKind::JobEnd {
        seeker_id: s,
        job_id,
    } = kind
    else {
        unreachable!("the job end form ends jobs")
    };
    let job: JobId = job_id.parse().map_err(|_| bad_id("job", job_id))?;
    let Some(date) = v.date("date") else {
        return Err(Error::invalid_because(
            "date",
            fieldbook_core::Reason::Required,
        ));
    };
    let end = JobEnd {
        date,
        reason: v.required("reason"),
        learned: v.date("learned"),
    };
    store.end_job(seeker_id(s)?, job, end)?;
    Ok(job.to_string())
}

fn save_support(store: &Store, kind: &FormKind, v: &Values<'_>) -> Result<String, Error> {
    let FormKind::Support { seeker_id: s } = kind else {
        unreachable!("the support form logs supports")
    };
    let Some(date) = v.date("date") else {
        return Err(Error::invalid_because(
            "date",
            fieldbook_core::Reason::Required,
        ));
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

fn save_void(store: &Store, kind: &FormKind, v: &Values<'_>) -> Result<String, Error> {
    let reason = v.required("reason");
    match kind {
        FormKind::VoidVisit {
            employer_id: e,
            visit_id,
        } => {
            let visit: VisitId = visit_id.parse().map_err(|_| bad_id("visit", visit_id))?;
            store.void_visit(employer_id(e)?, visit, &reason)?;
            Ok(visit.to_string())
        }
        FormKind::VoidNote {
            seeker_id: s,
            note_id,
        } => {
            let note: NoteId = note_id.parse().map_err(|_| bad_id("case note", note_id))?;
            store.void_note(seeker_id(s)?, note, &reason)?;
            Ok(note.to_string())
        }
        _ => unreachable!("the void forms void visits and notes"),
    }
}
