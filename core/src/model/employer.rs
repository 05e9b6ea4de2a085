//! Employers: the `employer` document, shared by the whole team.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Visit;
use crate::ids::{ContactId, EmployerId, VisitId};

/// An employer and its visit log. Every specialist of the team reads and writes it; it holds
/// the minimum about job seekers (their ids, never their names).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmployerDoc {
    pub id: EmployerId,
    #[serde(flatten)]
    pub info: EmployerInfo,
    #[serde(default)]
    pub contacts: BTreeMap<ContactId, EmployerContact>,
    /// Visits keyed by id: two visits logged offline on two phones both survive the merge.
    #[serde(default)]
    pub visits: BTreeMap<VisitId, Visit>,
    /// Set when this employer was found to be a duplicate and merged into another: its
    /// visits and contacts were copied there, and it counts nowhere.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merged_into: Option<super::Merged>,
}

/// The employer's own fields, edited as one form.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct EmployerInfo {
    pub name: String,
    pub industry: Option<String>,
    pub address: Option<String>,
    pub phone: Option<String>,
    pub website: Option<String>,
    /// What the business needs, learned on visits (IPS principle 7).
    pub business_needs: Option<String>,
    pub hiring_notes: Option<String>,
    /// The employer's id in the system the team moved from, or a name typed with `--id`:
    /// what imports and the terminal find it by. Never part of the document's id. Left out
    /// when absent, so a form that does not show it never erases it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
}

/// A person at the employer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EmployerContact {
    pub name: String,
    #[serde(default)]
    pub role: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

impl EmployerDoc {
    /// Visits, oldest first.
    pub fn visits_by_time(&self) -> Vec<(VisitId, &Visit)> {
        let mut v: Vec<_> = self.visits.iter().map(|(id, v)| (*id, v)).collect();
        v.sort_by_key(|(id, v)| (v.at, *id));
        v
    }
}
