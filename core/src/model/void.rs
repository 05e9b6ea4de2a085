//! Entries entered in error. A visit logged at the wrong employer or a note on the wrong
//! person is not deleted: it is marked void, with who, when and why. It stays in the
//! record's history and syncs like any change, and leaves every count, index and report.

use chrono::{DateTime, FixedOffset};
use serde::{Deserialize, Serialize};

use crate::ids::UserId;

/// Why and by whom an entry was taken back ("entered in error").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Voided {
    pub at: DateTime<FixedOffset>,
    #[serde(default)]
    pub by: Option<UserId>,
    /// In the specialist's words: "logged at the wrong employer".
    pub reason: String,
}
