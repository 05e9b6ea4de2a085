//! The IPS domain: what a job seeker's record, an employer's log and a team's directory hold.
//! These types are the documents' schema: they are stored as Automerge maps (see `document`),
//! so every field must merge sensibly when two phones edit offline.

mod activity;
mod career;
mod consent;
mod directory;
mod employer;
mod job;
pub(crate) mod merge;
mod notes;
mod plan;
mod seeker;
mod support;
mod validate;
mod visit;
mod void;

pub use activity::JobSearchActivity;
pub use career::{CareerProfile, Disclosure, DisclosurePreference, WorkHistoryEntry};
pub use consent::{
    may_disclose_to_employers, release_in_force, Consent, DisclosureBar, ReleaseMissing, ReleaseTo,
};
pub use directory::{Directory, Goals, Member, Role, TeamInfo};
pub use employer::{EmployerContact, EmployerDoc, EmployerInfo};
pub use job::{Job, JobEnd};
pub use merge::Merged;
pub use notes::{CaseNote, NotesDoc};
pub use plan::{EmploymentPlan, PlanInfo, Step, StepOwner, StepStatus};
pub(crate) use seeker::{first_face_to_face, status_in_force};
pub use seeker::{
    BenefitsPlanning, EducationSpell, SeekerDoc, SeekerProfile, SeekerStatus, StatusChange,
};
pub use support::{SupportContact, SupportGiver};
pub(crate) use validate::{non_empty, not_before, trimmed};
pub use visit::{ContactMode, Visit, VisitPurpose};
pub use void::Voided;

/// Schema version written into every document, so a newer app can tell what an older one wrote.
pub const SCHEMA_VERSION: u32 = 1;
