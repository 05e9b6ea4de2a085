//! Plan steps and case notes.

use chrono::NaiveDate;
use fieldbook_core::model::{StepOwner, StepStatus};
use fieldbook_core::{today, NewStep};
use serde::Deserialize;

use super::{Action, Ctx, Outcome, Problem};
use crate::refs::{same, Entry, Ref};
use crate::values::{self, de};

/// Adds a step to a job seeker's employment plan.
#[derive(Debug, Clone, clap::Args, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepAdd {
    /// The job seeker (id, external id or name).
    #[arg(long)]
    pub seeker: Ref,
    /// A name later lines of the same import use for this step.
    #[arg(skip)]
    #[serde(default)]
    pub id: Option<Ref>,
    /// What is to be done.
    #[arg(long)]
    #[serde(deserialize_with = "de::text_required")]
    pub what: String,
    /// seeker (default) or specialist.
    #[arg(long, value_parser = values::choice::<StepOwner>)]
    #[serde(default, deserialize_with = "de::choice")]
    pub who: Option<StepOwner>,
    #[arg(long, value_parser = values::date)]
    #[serde(default, deserialize_with = "de::date")]
    pub due: Option<NaiveDate>,
}

impl StepAdd {
    pub fn apply(self, ctx: &mut Ctx<'_>) -> Result<Outcome, Problem> {
        let seeker = ctx.seeker(&self.seeker)?;
        let outcome = |action, step| {
            Outcome::new("step.add", action)
                .with("seeker_id", seeker)
                .with("step_id", step)
        };
        let known = if ctx.import {
            let doc = ctx.store().seeker(seeker)?;
            doc.plan
                .steps
                .iter()
                .find(|(_, s)| same(&s.what, &self.what))
                .map(|(id, _)| *id)
        } else {
            None
        };
        let (step, action) = match known {
            Some(step) => (step, Action::Unchanged),
            None => {
                let step = ctx.store().add_step(
                    seeker,
                    NewStep {
                        id: self.id.as_ref().and_then(Ref::uuid).map(Into::into),
                        what: self.what.clone(),
                        who: self.who.unwrap_or(StepOwner::Seeker),
                        due: self.due,
                    },
                )?;
                (step, Action::Created)
            }
        };
        if let Some(name) = &self.id {
            ctx.refs
                .name_entry(Entry::Step(seeker), name.text(), step.0);
        }
        Ok(outcome(action, step))
    }
}

/// Marks a plan step done.
#[derive(Debug, Clone, clap::Args, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StepDone {
    #[arg(long)]
    pub seeker: Ref,
    /// The step: its id, or its words.
    #[arg(long)]
    pub step: Ref,
    /// Day it was done (default: today).
    #[arg(long, value_parser = values::date)]
    #[serde(default, deserialize_with = "de::date")]
    pub on: Option<NaiveDate>,
}

impl StepDone {
    pub fn apply(self, ctx: &mut Ctx<'_>) -> Result<Outcome, Problem> {
        let seeker = ctx.seeker(&self.seeker)?;
        let step = ctx
            .refs
            .step(seeker, &self.step)
            .map_err(|e| Problem::new(Some("step"), e))?;
        let outcome = |action| {
            Outcome::new("step.done", action)
                .with("seeker_id", seeker)
                .with("step_id", step)
        };
        if ctx.import {
            let doc = ctx.store().seeker(seeker)?;
            if doc
                .plan
                .steps
                .get(&step)
                .is_some_and(|s| s.status == StepStatus::Done)
            {
                return Ok(outcome(Action::Unchanged));
            }
        }
        ctx.store()
            .complete_step(seeker, step, self.on.unwrap_or_else(today))?;
        Ok(outcome(Action::Updated))
    }
}

/// Adds a case note (team-private; never on the job seeker's phone).
#[derive(Debug, Clone, clap::Args, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteAdd {
    #[arg(long)]
    pub seeker: Ref,
    #[arg(long)]
    #[serde(deserialize_with = "de::text_required")]
    pub text: String,
}

impl NoteAdd {
    pub fn apply(self, ctx: &mut Ctx<'_>) -> Result<Outcome, Problem> {
        let seeker = ctx.seeker(&self.seeker)?;
        let store = ctx.store();
        if ctx.import {
            let known = store
                .notes(seeker)?
                .into_iter()
                .find(|(_, n)| same(&n.text, &self.text));
            if let Some((note, _)) = known {
                return Ok(Outcome::new("note.add", Action::Unchanged)
                    .with("seeker_id", seeker)
                    .with("note_id", note));
            }
        }
        let note = store.add_note(seeker, &self.text, None)?;
        Ok(Outcome::new("note.add", Action::Created)
            .with("seeker_id", seeker)
            .with("note_id", note))
    }
}
