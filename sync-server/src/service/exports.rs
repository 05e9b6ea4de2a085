//! The CSV exports: quarterly outcomes, and the per-person table for the state IPS database.
//! The state's table lists only people with a current release to the state agency (core's
//! `state_export`, the only function that may make it); the others are counted, and the
//! count travels with the file.

use chrono::NaiveDate;
use fieldbook_core::fidelity::{self, EntryBasis, Quarter, QuarterOutcomes, StateExport};
use fieldbook_core::ids::SeekerId;
use sha2::{Digest, Sha256};

use super::reports::Team;
use crate::{ServerError, ServerResult};

/// The columns of the outcomes CSV, in order.
pub const OUTCOME_COLUMNS: [&str; 17] = [
    "quarter",
    "served",
    "worked_competitive",
    "employment_rate",
    "served_unemployed_at_entry",
    "worked_unemployed_at_entry",
    "employment_rate_unemployed_at_entry",
    "unemployed_at_entry_unrecorded",
    "new_job_starts",
    "other_job_starts",
    "job_ends",
    "kept_job_90_days",
    "in_education",
    "left_program",
    "employer_contacts",
    "face_to_face_contacts",
    "notes",
];

/// Quarterly outcomes as CSV, one row per quarter; rates in percent, blank when their
/// denominator is empty, with the quarter's notes (why a figure is empty or partial) joined
/// by " | ".
pub fn outcomes_csv(rows: &[QuarterOutcomes]) -> ServerResult<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let rate = |r: Option<f64>| r.map(|v| v.to_string()).unwrap_or_default();
    let mut write = |record: Vec<String>| {
        w.write_record(&record)
            .map_err(|e| ServerError::Internal(e.to_string()))
    };
    write(OUTCOME_COLUMNS.iter().map(|h| h.to_string()).collect())?;
    for r in rows {
        write(vec![
            r.quarter.to_string(),
            r.served.to_string(),
            r.worked_competitive.to_string(),
            rate(r.employment_rate),
            r.served_unemployed_at_entry.to_string(),
            r.worked_unemployed_at_entry.to_string(),
            rate(r.employment_rate_unemployed_at_entry),
            r.unemployed_at_entry_unrecorded.to_string(),
            r.new_job_starts.to_string(),
            r.other_job_starts.to_string(),
            r.job_ends.to_string(),
            r.kept_job_90_days.to_string(),
            r.in_education.to_string(),
            r.left_program.to_string(),
            r.employer_contacts.to_string(),
            r.face_to_face_contacts.to_string(),
            r.notes.join(" | "),
        ])?;
    }
    finish(w)
}

/// The state export of `quarter` on `as_of`: pseudonymous keys (a keyed hash of the id with
/// a server secret, stable across exports), no names, no ids, and only people with a current
/// release to the state agency.
pub fn state_export(
    team: &Team,
    quarter: Quarter,
    basis: EntryBasis,
    as_of: NaiveDate,
    secret: &[u8],
) -> StateExport {
    let key = |id: SeekerId| -> String {
        let mut h = Sha256::new();
        h.update(secret);
        h.update(id.uuid().as_bytes());
        hex::encode(&h.finalize()[..8])
    };
    fidelity::state_export(&team.data(), quarter, basis, as_of, &key)
}

/// The rows of a state export as CSV (a header alone when nobody is listed).
pub fn people_csv(export: &StateExport) -> ServerResult<String> {
    let mut w = csv::Writer::from_writer(Vec::new());
    for r in &export.rows {
        w.serialize(r)
            .map_err(|e| ServerError::Internal(e.to_string()))?;
    }
    if export.rows.is_empty() {
        w.write_record(["person_key", "quarter"])
            .map_err(|e| ServerError::Internal(e.to_string()))?;
    }
    finish(w)
}

fn finish(w: csv::Writer<Vec<u8>>) -> ServerResult<String> {
    let bytes = w
        .into_inner()
        .map_err(|e| ServerError::Internal(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| ServerError::Internal(e.to_string()))
}
