//! The plan's one-tap actions: completing a step and moving it in the plan's order. Each
//! answers nothing when done, or the problem in words.

use fieldbook_core::ids::{SeekerId, StepId};
use fieldbook_core::{today, Error};

use crate::errors::{problem, Problem};
use crate::screens::Screens;

#[uniffi::export]
impl Screens {
    /// Marks the step done today.
    pub fn complete_step(&self, seeker_id: String, step_id: String) -> Option<Problem> {
        self.plan_action(|| {
            self.store()
                .complete_step(seeker(&seeker_id)?, step(&step_id)?, today())
        })
    }

    /// Moves the step to just after `after_step_id`, or first when none.
    pub fn move_step(
        &self,
        seeker_id: String,
        step_id: String,
        after_step_id: Option<String>,
    ) -> Option<Problem> {
        self.plan_action(|| {
            let after = after_step_id.as_deref().map(step).transpose()?;
            self.store()
                .move_step(seeker(&seeker_id)?, step(&step_id)?, after)
        })
    }
}

impl Screens {
    fn plan_action(&self, action: impl FnOnce() -> Result<(), Error>) -> Option<Problem> {
        action()
            .err()
            .map(|e| problem(&self.words(), &e, &|_| None))
    }
}

fn seeker(id: &str) -> Result<SeekerId, Error> {
    id.parse().map_err(|_| Error::not_found("job seeker", id))
}

fn step(id: &str) -> Result<StepId, Error> {
    id.parse().map_err(|_| Error::not_found("step", id))
}
