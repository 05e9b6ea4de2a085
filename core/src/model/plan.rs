//! The employment (job-search) plan: a goal and the steps toward it.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::ids::StepId;

/// The plan the job seeker and specialist write together.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EmploymentPlan {
    #[serde(flatten)]
    pub info: PlanInfo,
    /// Steps keyed by id: two phones adding or editing steps offline keep both sets of edits.
    pub steps: BTreeMap<StepId, Step>,
}

/// The plan's own fields, edited as one form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct PlanInfo {
    pub goal: Option<String>,
    pub target_job_types: Vec<String>,
    pub target_employers: Vec<String>,
    pub disclosure_plan: Option<String>,
    pub benefits_planning_step: Option<String>,
}

impl EmploymentPlan {
    /// The steps that stand (not entered in error), in no particular order.
    pub fn standing_steps(&self) -> impl Iterator<Item = (&StepId, &Step)> {
        self.steps.iter().filter(|(_, s)| s.counts())
    }

    /// The steps that stand, in the order the person arranged them. A void step is left
    /// out of every plan view.
    pub fn ordered_steps(&self) -> Vec<(StepId, &Step)> {
        let mut steps: Vec<_> = self.standing_steps().map(|(id, s)| (*id, s)).collect();
        steps.sort_by(|a, b| a.1.position.total_cmp(&b.1.position).then(a.0.cmp(&b.0)));
        steps
    }

    /// The open step due soonest.
    pub fn next_step(&self) -> Option<(StepId, &Step)> {
        self.ordered_steps()
            .into_iter()
            .filter(|(_, s)| s.status == StepStatus::Open)
            .min_by_key(|(_, s)| (s.due.is_none(), s.due))
    }
}

/// One step: what, who does it, by when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Step {
    pub what: String,
    pub who: StepOwner,
    #[serde(default)]
    pub due: Option<NaiveDate>,
    pub status: StepStatus,
    /// Sort key. Reordering moves one step between its new neighbours, so two phones
    /// reordering different steps offline both keep their moves.
    pub position: f64,
    #[serde(default)]
    pub done_on: Option<NaiveDate>,
    /// Set when the step was entered in error: it leaves the plan views.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voided: Option<super::Voided>,
}

impl Step {
    /// Whether the step stands (it was not entered in error).
    pub fn counts(&self) -> bool {
        self.voided.is_none()
    }
}

/// Who takes the step.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepOwner {
    Seeker,
    Specialist,
}

/// Where a step stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    Open,
    Done,
    Dropped,
}
