//! The employment plan: its goal and its steps (add, edit, reorder, complete).

use chrono::NaiveDate;

use super::read_seeker;
use super::void::void;
use crate::document::DocKind;
use crate::ids::{SeekerId, StepId};
use crate::model::{non_empty, trimmed, PlanInfo, SeekerDoc, Step, StepOwner, StepStatus};
use crate::store::Store;
use crate::{Error, Reason, Result};

/// A new step of the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct NewStep {
    pub id: Option<StepId>,
    pub what: String,
    pub who: StepOwner,
    pub due: Option<NaiveDate>,
}

/// The editable fields of a step.
#[derive(Debug, Clone, PartialEq)]
pub struct StepEdit {
    pub what: String,
    pub who: StepOwner,
    pub due: Option<NaiveDate>,
}

pub(crate) fn clean_info(info: PlanInfo) -> Result<PlanInfo> {
    let list = |v: Vec<String>| -> Vec<String> {
        v.into_iter()
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()
    };
    Ok(PlanInfo {
        goal: trimmed("goal", info.goal.as_deref())?,
        target_job_types: list(info.target_job_types),
        target_employers: list(info.target_employers),
        disclosure_plan: trimmed("disclosure_plan", info.disclosure_plan.as_deref())?,
        benefits_planning_step: trimmed(
            "benefits_planning_step",
            info.benefits_planning_step.as_deref(),
        )?,
    })
}

impl Store {
    /// Replaces the plan's goal, targets, disclosure plan and benefits step.
    pub fn update_plan(&self, seeker: SeekerId, info: PlanInfo) -> Result<()> {
        let info = clean_info(info)?;
        self.write("plan.edit", |e| {
            e.doc(seeker.doc(), DocKind::Seeker)?
                .put(&[], "plan", &info)
        })
    }

    /// Adds a step at the end of the plan.
    pub fn add_step(&self, seeker: SeekerId, new: NewStep) -> Result<StepId> {
        let what = non_empty("what", &new.what)?;
        let step_id = new.id.unwrap_or_else(StepId::new);
        self.write("plan.step.add", |e| {
            let doc = read_seeker(e, seeker)?;
            if doc.plan.steps.contains_key(&step_id) {
                return Err(Error::AlreadyExists {
                    kind: "step",
                    id: step_id.to_string(),
                });
            }
            let last = doc
                .plan
                .steps
                .values()
                .map(|s| s.position)
                .fold(0.0_f64, f64::max);
            let step = Step {
                what,
                who: new.who,
                due: new.due,
                status: StepStatus::Open,
                position: last + 1.0,
                done_on: None,
                voided: None,
            };
            e.doc(seeker.doc(), DocKind::Seeker)?.put(
                &["plan", "steps"],
                &step_id.to_string(),
                &step,
            )?;
            Ok(step_id)
        })
    }

    /// Changes what a step says, who takes it and when it is due.
    pub fn edit_step(&self, seeker: SeekerId, step: StepId, edit: StepEdit) -> Result<()> {
        let what = non_empty("what", &edit.what)?;
        self.update_step("plan.step.edit", seeker, step, move |s| {
            s.what = what;
            s.who = edit.who;
            s.due = edit.due;
            Ok(())
        })
    }

    /// Marks a step done on `on`.
    pub fn complete_step(&self, seeker: SeekerId, step: StepId, on: NaiveDate) -> Result<()> {
        self.update_step("plan.step.done", seeker, step, |s| {
            s.status = StepStatus::Done;
            s.done_on = Some(on);
            Ok(())
        })
    }

    /// Reopens or drops a step.
    pub fn set_step_status(
        &self,
        seeker: SeekerId,
        step: StepId,
        status: StepStatus,
    ) -> Result<()> {
        self.update_step("plan.step.status", seeker, step, |s| {
            if status != StepStatus::Done {
                s.done_on = None;
            }
            s.status = status;
            Ok(())
        })
    }

    /// Moves a step to just after `after` (or to the top when `None`). Only the moved step is
    /// written, so two phones reordering different steps both keep their moves.
    pub fn move_step(&self, seeker: SeekerId, step: StepId, after: Option<StepId>) -> Result<()> {
        if after == Some(step) {
            return Err(Error::invalid_because("after", Reason::FollowsItself));
        }
        self.write("plan.step.move", |e| {
            let doc = read_seeker(e, seeker)?;
            let mut current = standing_step(&doc, step)?;
            let order: Vec<(StepId, f64)> = doc
                .plan
                .ordered_steps()
                .into_iter()
                .filter(|(id, _)| *id != step)
                .map(|(id, s)| (id, s.position))
                .collect();
            let index = match after {
                None => 0,
                Some(a) => {
                    order
                        .iter()
                        .position(|(id, _)| *id == a)
                        .ok_or_else(|| Error::not_found("step", a))?
                        + 1
                }
            };
            let before = index.checked_sub(1).map(|i| order[i].1);
            let next = order.get(index).map(|(_, p)| *p);
            current.position = match (before, next) {
                (Some(b), Some(n)) => (b + n) / 2.0,
                (Some(b), None) => b + 1.0,
                (None, Some(n)) => n - 1.0,
                (None, None) => current.position,
            };
            e.doc(seeker.doc(), DocKind::Seeker)?.put(
                &["plan", "steps"],
                &step.to_string(),
                &current,
            )
        })
    }

    fn update_step(
        &self,
        op: &str,
        seeker: SeekerId,
        step: StepId,
        change: impl FnOnce(&mut Step) -> Result<()>,
    ) -> Result<()> {
        self.write(op, |e| {
            let doc = read_seeker(e, seeker)?;
            let mut s = standing_step(&doc, step)?;
            change(&mut s)?;
            e.doc(seeker.doc(), DocKind::Seeker)?
                .put(&["plan", "steps"], &step.to_string(), &s)
        })
    }
}

/// A step of the plan that stands, for changing it: unknown is "step not found", and a void
/// step is refused naming it (a step entered in error is not edited, it is added again).
fn standing_step(doc: &SeekerDoc, step: StepId) -> Result<Step> {
    let found = doc
        .plan
        .steps
        .get(&step)
        .ok_or_else(|| Error::not_found("step", step))?;
    if found.voided.is_some() {
        return Err(void("step", step));
    }
    Ok(found.clone())
}
