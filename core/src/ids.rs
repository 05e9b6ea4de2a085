//! Typed identifiers. Every id is a UUID made on the device, so anything can be created offline
//! and later merged without asking a server for a number.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub Uuid);

        impl $name {
            /// A fresh random id.
            #[allow(clippy::new_without_default)]
            pub fn new() -> Self {
                Self(Uuid::new_v4())
            }

            /// The id as the UUID it wraps.
            pub fn uuid(&self) -> Uuid {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                self.0.fmt(f)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({})", stringify!($name), self.0)
            }
        }

        impl FromStr for $name {
            type Err = uuid::Error;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Uuid::parse_str(s.trim()).map(Self)
            }
        }

        impl From<Uuid> for $name {
            fn from(u: Uuid) -> Self {
                Self(u)
            }
        }
    };
}

id_type!(
    /// A job seeker; also the id of their `seeker` document.
    SeekerId
);
id_type!(
    /// An employer; also the id of its `employer` document.
    EmployerId
);
id_type!(
    /// One employer contact (visit, call, e-mail) in an employer's visit log.
    VisitId
);
id_type!(
    /// A step of a job seeker's employment plan.
    StepId
);
id_type!(
    /// A contact person at an employer.
    ContactId
);
id_type!(
    /// A job a job seeker holds or held.
    JobId
);
id_type!(
    /// A follow-along support contact.
    SupportId
);
id_type!(
    /// A case note in a job seeker's team-private `notes` document.
    NoteId
);
id_type!(
    /// A signed consent to release information.
    ConsentId
);
id_type!(
    /// An entry of a job seeker's status history.
    StatusChangeId
);
id_type!(
    /// A past job in a career profile's work history.
    WorkHistoryId
);
id_type!(
    /// A period of education or training.
    EducationId
);
id_type!(
    /// A person with an account on the sync server (specialist, supervisor, job seeker, admin).
    UserId
);
id_type!(
    /// An enrolled phone.
    DeviceId
);
id_type!(
    /// An IPS team; also the id of its `directory` document.
    TeamId
);
id_type!(
    /// Any document: the unit of sync and access control.
    DocId
);

/// Namespace for ids derived from other ids (a job seeker's notes document).
const DERIVED_NAMESPACE: Uuid = Uuid::from_u128(0x6669_656c_6462_6f6f_6b2d_6e6f_7465_7321);

impl SeekerId {
    /// The id of this job seeker's `seeker` document.
    pub fn doc(&self) -> DocId {
        DocId(self.0)
    }

    /// The id of this job seeker's team-private `notes` document. Derived, so every device
    /// finds the same document without asking.
    pub fn notes_doc(&self) -> DocId {
        DocId(Uuid::new_v5(&DERIVED_NAMESPACE, self.0.as_bytes()))
    }
}

impl EmployerId {
    /// The id of this employer's document.
    pub fn doc(&self) -> DocId {
        DocId(self.0)
    }
}

impl TeamId {
    /// The id of this team's `directory` document.
    pub fn doc(&self) -> DocId {
        DocId(self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_doc_id_is_stable_and_distinct() {
        let s = SeekerId::new();
        assert_eq!(s.notes_doc(), s.notes_doc());
        assert_ne!(s.notes_doc(), s.doc());
        assert_ne!(s.notes_doc(), SeekerId::new().notes_doc());
    }

    #[test]
    fn parses_and_prints() {
        let s = SeekerId::new();
        assert_eq!(s.to_string().parse::<SeekerId>().unwrap(), s);
        assert!("not-a-uuid".parse::<SeekerId>().is_err());
    }
}
