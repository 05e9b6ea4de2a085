//! What a specialist does on the phone, offline: each operation checks its input, then writes
//! the documents it touches in one transaction. Bad input is refused with the field named and
//! nothing written.

mod edit;
mod employer;
mod job;
mod merge;
mod notes;
mod plan;
mod record;
mod seeker;
mod visit;
mod void;
mod void_record;

pub use edit::VisitEdit;
pub use employer::NewEmployer;
pub use job::{JobEdit, NewJob};
pub use plan::{NewStep, StepEdit};
pub use record::{EmployerRecord, Saved, SeekerRecord};
pub use seeker::{NewConsent, NewSeeker};
pub use visit::{check_when as check_visit_time, NewVisit};

use chrono::{Local, NaiveDate};

use crate::document::DocKind;
use crate::ids::SeekerId;
use crate::model::SeekerDoc;
use crate::store::Edit;
use crate::Result;

/// Today on the phone's calendar.
pub fn today() -> NaiveDate {
    Local::now().date_naive()
}

/// Reads a job seeker's document inside a write, failing with "job seeker not found".
pub(crate) fn read_seeker(edit: &mut Edit<'_>, id: SeekerId) -> Result<SeekerDoc> {
    edit.read(id.doc(), DocKind::Seeker)
}
