//! Case notes: the `notes` document, team-private.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::ids::{NoteId, SeekerId, UserId};

/// The team's private notes about one job seeker. A separate document so that the job
/// seeker's phone, which receives their `seeker` document, never receives these.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NotesDoc {
    pub seeker_id: SeekerId,
    #[serde(default)]
    pub notes: BTreeMap<NoteId, CaseNote>,
}

/// One case note.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseNote {
    pub at: DateTime<FixedOffset>,
    #[serde(default)]
    pub author: Option<UserId>,
    pub text: String,
    /// Set when the entry was entered in error: it then counts nowhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub voided: Option<super::Voided>,
}
