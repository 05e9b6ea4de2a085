//! The writing operations. Each is a command (its flags) and an import line (`{"op": …}` in
//! JSON Lines, or a spreadsheet row), applied the same way: references resolved on this
//! phone, one durable write, and an outcome that says what it did (created, updated or
//! unchanged) with the ids a script chains on.
//!
//! In an import, applying a line a second time changes nothing: records with an external id
//! are found and updated, and entries without one (a note, a support contact, a step) are
//! matched to an identical one already recorded.

mod employer;
mod fields;
mod job;
mod plan;
mod seeker;
mod visit;

use std::fmt;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

pub use employer::{EmployerAdd, EmployerEdit, EmployerRow};
pub use fields::{
    BenefitsFields, CareerFields, ConsentFields, ContactFields, EducationFields, PlanFields,
};
pub use job::{wage_cents, JobEndArgs, JobStart, SupportLog};
pub use plan::{NoteAdd, StepAdd, StepDone};
pub use seeker::{SeekerAdd, SeekerEdit, SeekerRow};
pub use visit::VisitLog;

use fieldbook_core::ids::{EmployerId, SeekerId};

use crate::refs::{Ref, Resolver};

/// Why a line, a row or a command was refused: the field (when one is to blame) and a
/// message naming the value.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Problem {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub reason: String,
}

impl Problem {
    pub fn new(field: Option<&str>, reason: impl fmt::Display) -> Problem {
        Problem {
            field: field.map(str::to_string),
            reason: reason.to_string(),
        }
    }

    /// A problem with the input, not with one field.
    pub fn general(reason: impl fmt::Display) -> Problem {
        Problem::new(None, reason)
    }

    /// Puts `field` in front of the field the problem names (a group's fields).
    pub fn within(mut self, group: &str) -> Problem {
        self.field = Some(match self.field {
            Some(f) => format!("{group}.{f}"),
            None => group.to_string(),
        });
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.field {
            Some(field) => write!(f, "{field}: {}", self.reason),
            None => f.write_str(&self.reason),
        }
    }
}

impl From<fieldbook_core::Error> for Problem {
    fn from(e: fieldbook_core::Error) -> Problem {
        match e {
            fieldbook_core::Error::Invalid { field, reason, .. } => Problem {
                field: Some(field),
                reason,
            },
            other => Problem::general(other),
        }
    }
}

impl From<String> for Problem {
    fn from(reason: String) -> Problem {
        Problem::general(reason)
    }
}

/// What applying an operation did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Created,
    Updated,
    Unchanged,
}

impl From<fieldbook_core::Saved> for Action {
    fn from(s: fieldbook_core::Saved) -> Action {
        match s {
            fieldbook_core::Saved::Created => Action::Created,
            fieldbook_core::Saved::Updated => Action::Updated,
            fieldbook_core::Saved::Unchanged => Action::Unchanged,
        }
    }
}

/// An applied operation: its name, what it did, and the ids it touched (`seeker_id`, …).
#[derive(Debug, Clone, Serialize)]
pub struct Outcome {
    pub op: &'static str,
    pub action: Action,
    #[serde(flatten)]
    pub ids: Map<String, Value>,
}

impl Outcome {
    pub fn new(op: &'static str, action: impl Into<Action>) -> Outcome {
        Outcome {
            op,
            action: action.into(),
            ids: Map::new(),
        }
    }

    /// Adds an id to the outcome.
    pub fn with(mut self, key: &str, id: impl fmt::Display) -> Outcome {
        self.ids.insert(key.into(), Value::String(id.to_string()));
        self
    }
}

/// Where an operation runs: the store (through the resolver) and whether it is part of an
/// import (which updates records it finds instead of refusing, and skips repeats).
#[derive(Debug)]
pub struct Ctx<'s> {
    pub refs: Resolver<'s>,
    pub import: bool,
}

impl<'s> Ctx<'s> {
    pub fn store(&self) -> &'s fieldbook_core::Store {
        self.refs.store()
    }

    /// The job seeker a line's `seeker` field names.
    pub fn seeker(&mut self, r: &Ref) -> Result<SeekerId, Problem> {
        self.refs
            .seeker(r)
            .map_err(|e| Problem::new(Some("seeker"), e))
    }

    /// The employer a line's `employer` field names.
    pub fn employer(&mut self, r: &Ref) -> Result<EmployerId, Problem> {
        self.refs
            .employer(r)
            .map_err(|e| Problem::new(Some("employer"), e))
    }
}

/// One writing operation, as named in import files.
#[derive(Debug, Clone)]
pub enum Op {
    SeekerAdd(SeekerRow),
    SeekerEdit(SeekerRow),
    Benefits(Ref, BenefitsFields),
    Consent(Ref, ConsentFields),
    Career(Ref, CareerFields),
    Plan(Ref, PlanFields),
    Education(Ref, EducationFields),
    EmployerAdd(EmployerRow),
    EmployerEdit(EmployerRow),
    ContactAdd(Ref, ContactFields),
    VisitLog(VisitLog),
    StepAdd(StepAdd),
    StepDone(StepDone),
    JobStart(JobStart),
    JobEnd(JobEndArgs),
    SupportLog(SupportLog),
    NoteAdd(NoteAdd),
}

/// Every operation name an import line may give.
pub const OP_NAMES: &[&str] = &[
    "seeker.add",
    "seeker.edit",
    "benefits.edit",
    "consent.add",
    "career.edit",
    "plan.edit",
    "education.add",
    "employer.add",
    "employer.edit",
    "contact.add",
    "visit.log",
    "step.add",
    "step.done",
    "job.start",
    "job.end",
    "support.log",
    "note.add",
];

/// Reads a group of fields, naming the field that fails.
pub fn fields<T: DeserializeOwned>(obj: Map<String, Value>) -> Result<T, Problem> {
    serde_path_to_error::deserialize(Value::Object(obj)).map_err(|e| {
        let path = e.path().to_string();
        let field = (path != ".").then_some(path);
        Problem::new(field.as_deref(), e.into_inner())
    })
}

/// Takes the reference `key` out of a line (required).
pub fn take_ref(obj: &mut Map<String, Value>, key: &str) -> Result<Ref, Problem> {
    take_opt_ref(obj, key)?.ok_or_else(|| Problem::new(Some(key), "is required"))
}

/// Takes the reference `key` out of a line, if there is one.
pub fn take_opt_ref(obj: &mut Map<String, Value>, key: &str) -> Result<Option<Ref>, Problem> {
    match obj.remove(key) {
        None | Some(Value::Null) => Ok(None),
        Some(v) => serde_json::from_value(v)
            .map(Some)
            .map_err(|e| Problem::new(Some(key), e)),
    }
}

impl Op {
    /// Reads one import line: a JSON object with `op` and that operation's fields.
    pub fn from_json(line: Value) -> Result<Op, Problem> {
        let Value::Object(mut obj) = line else {
            return Err(Problem::general(
                "a line must be a JSON object with an `op`",
            ));
        };
        let name = match obj.remove("op") {
            Some(Value::String(name)) => name,
            _ => {
                return Err(Problem::new(
                    Some("op"),
                    format!("is required: one of {}", OP_NAMES.join(", ")),
                ))
            }
        };
        let seeker = |obj: &mut Map<String, Value>| take_ref(obj, "seeker");
        Ok(match name.as_str() {
            "seeker.add" => Op::SeekerAdd(SeekerRow::from_json(obj, false)?),
            "seeker.edit" => Op::SeekerEdit(SeekerRow::from_json(obj, true)?),
            "benefits.edit" => Op::Benefits(seeker(&mut obj)?, fields(obj)?),
            "consent.add" => Op::Consent(seeker(&mut obj)?, fields(obj)?),
            "career.edit" => Op::Career(seeker(&mut obj)?, fields(obj)?),
            "plan.edit" => Op::Plan(seeker(&mut obj)?, fields(obj)?),
            "education.add" => Op::Education(seeker(&mut obj)?, fields(obj)?),
            "employer.add" => Op::EmployerAdd(EmployerRow::from_json(obj, false)?),
            "employer.edit" => Op::EmployerEdit(EmployerRow::from_json(obj, true)?),
            "contact.add" => Op::ContactAdd(take_ref(&mut obj, "employer")?, fields(obj)?),
            "visit.log" => Op::VisitLog(fields(obj)?),
            "step.add" => Op::StepAdd(fields(obj)?),
            "step.done" => Op::StepDone(fields(obj)?),
            "job.start" => Op::JobStart(fields(obj)?),
            "job.end" => Op::JobEnd(fields(obj)?),
            "support.log" => Op::SupportLog(fields(obj)?),
            "note.add" => Op::NoteAdd(fields(obj)?),
            other => {
                return Err(Problem::new(
                    Some("op"),
                    format!(
                        "`{other}` is not an operation: use one of {}",
                        OP_NAMES.join(", ")
                    ),
                ))
            }
        })
    }

    /// Performs the operation: one durable write (or none, when nothing would change), or
    /// nothing at all on error.
    pub fn apply(self, ctx: &mut Ctx<'_>) -> Result<Outcome, Problem> {
        match self {
            Op::SeekerAdd(row) | Op::SeekerEdit(row) => row.apply(ctx),
            Op::Benefits(s, f) => seeker::benefits(ctx, &s, f),
            Op::Consent(s, f) => seeker::consent(ctx, &s, f),
            Op::Career(s, f) => seeker::career(ctx, &s, f),
            Op::Plan(s, f) => seeker::plan(ctx, &s, f),
            Op::Education(s, f) => seeker::education(ctx, &s, f),
            Op::EmployerAdd(row) | Op::EmployerEdit(row) => row.apply(ctx),
            Op::ContactAdd(e, f) => employer::contact(ctx, &e, f),
            Op::VisitLog(v) => v.apply(ctx),
            Op::StepAdd(s) => s.apply(ctx),
            Op::StepDone(s) => s.apply(ctx),
            Op::JobStart(j) => j.apply(ctx),
            Op::JobEnd(j) => j.apply(ctx),
            Op::SupportLog(s) => s.apply(ctx),
            Op::NoteAdd(n) => n.apply(ctx),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn problem(line: Value) -> Problem {
        Op::from_json(line).unwrap_err()
    }

    #[test]
    fn a_bad_line_names_the_field_and_the_value() {
        let p = problem(json!({"op": "employer.add", "id": "", "name": "Bakery"}));
        assert_eq!(p.field.as_deref(), Some("id"), "{p}");
        let p = problem(json!({"op": "seeker.add", "name": "Ana", "referral_date": "9/31/2026"}));
        assert_eq!(p.field.as_deref(), Some("referral_date"));
        assert!(p.reason.contains("`9/31/2026`"), "{p}");
        let p =
            problem(json!({"op": "seeker.add", "name": "Ana", "benefits": {"offered": "soon"}}));
        assert_eq!(p.field.as_deref(), Some("benefits.offered"), "{p}");
        let p = problem(
            json!({"op": "job.start", "seeker": "a", "title": "Cook", "start": "2026-01-02", "wage": "lots"}),
        );
        assert_eq!(p.field.as_deref(), Some("wage"), "{p}");
        assert!(p.reason.contains("`lots`"), "{p}");
        let p = problem(json!({"op": "visit.log", "employer": "e", "mode": "carrier pigeon"}));
        assert_eq!(p.field.as_deref(), Some("mode"));
        assert!(p.reason.contains("in_person"), "allowed values listed: {p}");
        let p = problem(json!({"op": "seeker.add", "nmae": "Ana"}));
        assert!(p.reason.contains("nmae"), "{p}");
        let p = problem(json!({"op": "seeker.fly"}));
        assert!(
            p.reason.contains("seeker.fly") && p.reason.contains("visit.log"),
            "{p}"
        );
    }

    #[test]
    fn lenient_values_read() {
        let op = Op::from_json(json!({"op": "seeker.add", "id": 17, "name": "Ana", "status": "Job Search", "referral_date": "9/14/2026", "out_of_work_at_entry": "yes"})).unwrap();
        let Op::SeekerAdd(row) = op else { panic!() };
        assert_eq!(row.profile.referral_date.unwrap().to_string(), "2026-09-14");
        assert_eq!(row.profile.out_of_work_at_entry, Some(true));
    }
}
