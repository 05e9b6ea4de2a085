//! Which forms there are: for each kind, its fields (named as the core names them), how it
//! loads the record it edits, and how it saves through the store. The forms themselves are
//! in `seeker_forms`, `work_forms` and `employer_forms`.

use fieldbook_core::ids::{EmployerId, SeekerId};
use fieldbook_core::{Error, Store};

use super::{bad_id, employer_forms as e, seeker_forms as s, work_forms as w, FieldKind, Values};

/// Which form, and the records it belongs to (ids as the app has them).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Enum)]
pub enum FormKind {
    /// A new job seeker: name and first facts.
    Seeker,
    /// A job seeker's profile, edited.
    EditSeeker { seeker_id: String },
    /// Benefits planning: when referred, offered, completed, and by whom.
    Benefits { seeker_id: String },
    /// A signed consent to release information.
    Consent { seeker_id: String },
    /// The career profile, with the disclosure preference.
    Career { seeker_id: String },
    /// The employment plan's goal and targets.
    Plan { seeker_id: String },
    /// A job seeker's status from a date (engaging, job search, working, ...), with why.
    Status { seeker_id: String },
    /// A case note about a job seeker.
    Note { seeker_id: String },
    /// A new step of a job seeker's plan.
    Step { seeker_id: String },
    /// A plan step, edited.
    EditStep { seeker_id: String, step_id: String },
    /// A job a job seeker started.
    JobStart { seeker_id: String },
    /// The end of one of a job seeker's jobs.
    JobEnd { seeker_id: String, job_id: String },
    /// A follow-along support given to a job seeker.
    Support { seeker_id: String },
    /// A new employer.
    Employer,
    /// An employer's details, edited.
    EditEmployer { employer_id: String },
    /// A new contact at an employer.
    Contact { employer_id: String },
    /// A contact at an employer, edited.
    EditContact {
        employer_id: String,
        contact_id: String,
    },
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

/// Saves the form's values; the id of what was saved.
pub(super) type Save = fn(&Store, &FormKind, &Values<'_>) -> Result<String, Error>;
/// The values of the record a form edits, by field name.
pub(super) type Load = fn(&Store, &FormKind) -> Result<Vec<(&'static str, String)>, Error>;

/// A form: the id of its messages (`form-<id>-title`, `-save`, `-saved`), its fields, how
/// it loads and saves, and the core's field names that differ from the form's.
pub(super) struct Spec {
    pub id: &'static str,
    pub fields: &'static [Field],
    pub save: Save,
    pub load: Option<Load>,
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

pub(super) fn blank() -> String {
    String::new()
}

pub(super) fn today() -> String {
    fieldbook_core::today().to_string()
}

pub(super) fn yes() -> String {
    "yes".into()
}

/// A field with no options and a blank default.
pub(super) const fn field(name: &'static str, kind: FieldKind, required: bool) -> Field {
    Field {
        name,
        kind,
        required,
        options: &[],
        default: blank,
    }
}

/// A date as a form shows it; blank for none.
pub(super) fn date_text(date: Option<chrono::NaiveDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

pub(super) fn seeker_id(id: &str) -> Result<SeekerId, Error> {
    id.parse().map_err(|_| bad_id("job seeker", id))
}

pub(super) fn employer_id(id: &str) -> Result<EmployerId, Error> {
    id.parse().map_err(|_| bad_id("employer", id))
}

/// The form of `kind`.
pub(super) fn spec(kind: &FormKind) -> Spec {
    let plain = |id, fields, save| Spec {
        id,
        fields,
        save,
        load: None,
        aliases: &[],
    };
    let editing = |id, fields, save, load| Spec {
        load: Some(load),
        ..plain(id, fields, save)
    };
    match kind {
        FormKind::Seeker => plain("seeker", s::SEEKER, s::save_seeker),
        FormKind::EditSeeker { .. } => {
            editing("edit-seeker", s::SEEKER, s::save_seeker, s::load_seeker)
        }
        FormKind::Benefits { .. } => {
            editing("benefits", s::BENEFITS, s::save_benefits, s::load_benefits)
        }
        FormKind::Consent { .. } => plain("consent", s::CONSENT, s::save_consent),
        FormKind::Career { .. } => Spec {
            aliases: &[("how", "disclosure_how")],
            ..editing("career", s::CAREER, s::save_career, s::load_career)
        },
        FormKind::Plan { .. } => editing("plan", s::PLAN, s::save_plan, s::load_plan),
        FormKind::Status { .. } => plain("status", s::STATUS, s::save_status),
        FormKind::Note { .. } => plain("note", s::NOTE, s::save_note),
        FormKind::Step { .. } => plain("step", w::STEP, w::save_step),
        FormKind::EditStep { .. } => editing("edit-step", w::STEP, w::save_step, w::load_step),
        FormKind::JobStart { .. } => Spec {
            aliases: &[
                ("hourly_wage_cents", "hourly_wage"),
                ("employer", "employer_name"),
            ],
            ..plain("job-start", w::JOB_START, w::save_job_start)
        },
        FormKind::JobEnd { .. } => plain("job-end", w::JOB_END, w::save_job_end),
        FormKind::Support { .. } => plain("support", w::SUPPORT, w::save_support),
        FormKind::Employer => plain("employer", e::EMPLOYER, e::save_employer),
        FormKind::EditEmployer { .. } => editing(
            "edit-employer",
            e::EMPLOYER,
            e::save_employer,
            e::load_employer,
        ),
        FormKind::Contact { .. } => plain("contact", e::CONTACT, e::save_contact),
        FormKind::EditContact { .. } => {
            editing("edit-contact", e::CONTACT, e::save_contact, e::load_contact)
        }
        FormKind::VoidVisit { .. } => plain("void-visit", e::VOID, e::save_void),
        FormKind::VoidNote { .. } => plain("void-note", e::VOID, e::save_void),
    }
}
