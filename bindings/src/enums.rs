//! The core's enums, mirrored one to one for Kotlin and Swift.

use fieldbook_core::model;

/// Declares an FFI enum with the same variants as a core enum, and the conversions both ways.
macro_rules! mirror {
    ($(#[$doc:meta])* $name:ident = $core:path { $($variant:ident),+ $(,)? }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
        pub enum $name { $($variant),+ }

        impl From<$core> for $name {
            fn from(v: $core) -> Self {
                match v { $(<$core>::$variant => $name::$variant),+ }
            }
        }

        impl From<$name> for $core {
            fn from(v: $name) -> Self {
                match v { $($name::$variant => <$core>::$variant),+ }
            }
        }
    };
}

mirror!(
    /// How an employer contact happened; only in person counts as face to face.
    ContactMode = model::ContactMode { InPerson, Phone, Email, Video }
);
mirror!(
    /// Why the specialist contacted the employer.
    VisitPurpose = model::VisitPurpose {
        IntroduceIps, LearnBusinessNeeds, FollowUp, PresentCandidate, Interview, OnTheJobSupport
    }
);
mirror!(
    /// Who carries out a plan step.
    StepOwner = model::StepOwner { Seeker, Specialist }
);
mirror!(
    /// Where a plan step stands.
    StepStatus = model::StepStatus { Open, Done, Dropped }
);
mirror!(
    /// Where a job seeker is in the program.
    SeekerStatus = model::SeekerStatus { Engaging, JobSearch, Working, FollowAlong, Inactive, Closed }
);
mirror!(
    /// Who gave a follow-along support.
    SupportGiver = model::SupportGiver { Specialist, TeamMember, Family, Employer, Other }
);
mirror!(
    /// What a person does in the program.
    Role = model::Role { Specialist, Supervisor, Seeker, Admin }
);
mirror!(
    /// A milestone on a job seeker's timeline.
    Milestone = fieldbook_core::Milestone { Referral, FirstMeeting, FirstEmployerContact, JobStart, JobEnd, Status }
);
mirror!(
    /// Whom a consent releases information to; decides what it allows.
    ReleaseTo = model::ReleaseTo { Employers, StateAgency, Family, Clinic, Other }
);
mirror!(
    /// The job seeker's decision about disclosing their mental illness to employers.
    Disclosure = model::Disclosure { Disclose, Partial, DoNotDisclose, Undecided }
);
