//! The team directory: written by the server only, read by every team member.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::fidelity::EntryBasis;
use crate::ids::{SeekerId, TeamId, UserId};

/// The team's roster, caseload assignment and goals. Assignments hold ids only, so a
/// specialist learns no names of job seekers outside their caseload.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Directory {
    pub team: TeamInfo,
    #[serde(default)]
    pub members: BTreeMap<UserId, Member>,
    #[serde(default)]
    pub assignments: BTreeMap<SeekerId, Vec<UserId>>,
    #[serde(default)]
    pub goals: Goals,
}

/// The team's name.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamInfo {
    pub id: TeamId,
    pub name: String,
}

/// A member of the team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub name: String,
    pub role: Role,
}

/// What a person does in the program; decides what they may read and write.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Specialist,
    Supervisor,
    Seeker,
    Admin,
}

impl Role {
    /// The stable name used in storage, JSON and the CLI.
    pub fn as_str(&self) -> &'static str {
        match self {
            Role::Specialist => "specialist",
            Role::Supervisor => "supervisor",
            Role::Seeker => "seeker",
            Role::Admin => "admin",
        }
    }

    /// Parses the stable name.
    pub fn parse(s: &str) -> Option<Self> {
        [
            Role::Specialist,
            Role::Supervisor,
            Role::Seeker,
            Role::Admin,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
    }

    /// Specialists and supervisors write job seekers' records; job seekers only read theirs.
    pub fn may_edit_records(&self) -> bool {
        matches!(self, Role::Specialist | Role::Supervisor)
    }
}

/// The team's targets, from the fidelity scale; the server's settings can change them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Goals {
    /// Face-to-face employer contacts per specialist per week.
    pub weekly_face_to_face: u32,
    /// Active job seekers per full-time specialist.
    pub caseload_max: u32,
    /// Days from program entry to the first face-to-face employer contact.
    pub first_contact_days: u32,
    /// Which date is program entry on that clock (the other one when it is not recorded).
    pub entry_basis: EntryBasis,
}

impl Default for Goals {
    fn default() -> Self {
        Goals {
            weekly_face_to_face: 6,
            caseload_max: 20,
            first_contact_days: 30,
            entry_basis: EntryBasis::default(),
        }
    }
}
