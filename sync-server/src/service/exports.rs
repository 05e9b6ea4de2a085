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

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use fieldbook_core::fidelity::{quarter_outcomes, Scope};
    use fieldbook_core::ids::{TeamId, UserId};
    use fieldbook_core::model::ReleaseTo;

    use super::*;
    use crate::service::test_docs::*;

    /// Three people served in 2026Q1; on 03-31 only Rae has a release to the state agency in
    /// force (Sam's releases to employers only, Tom's state release ended on 03-15).
    #[test]
    fn the_state_export_lists_only_people_with_a_current_release_to_the_state() {
        let mut rae = seeker("Rae Listed", "2026-01-05");
        consent(&mut rae, ReleaseTo::StateAgency, "2026-01-05", "2027-01-04");
        let mut sam = seeker("Sam Employers", "2026-01-12");
        consent(&mut sam, ReleaseTo::Employers, "2026-01-12", "2027-01-11");
        let mut tom = seeker("Tom Lapsed", "2026-01-19");
        consent(&mut tom, ReleaseTo::StateAgency, "2025-03-16", "2026-03-15");
        job(&mut tom, "cook", "2026-02-02", None);
        let ana = UserId::new();
        let assignments: BTreeMap<_, _> = [rae.id, sam.id, tom.id].map(|id| (id, vec![ana])).into();
        let team = Team::new(
            TeamId::new(),
            "River Bend",
            vec![rae, sam, tom],
            Vec::new(),
            assignments,
            vec![(ana, "Ana Ruiz".into())],
        );
        let q: Quarter = "2026Q1".parse().unwrap();
        let export = state_export(&team, q, EntryBasis::FirstMeeting, d("2026-03-31"), b"k");
        assert_eq!(
            (export.served, export.rows.len(), export.not_listed),
            (3, 1, 2)
        );
        let csv = people_csv(&export).unwrap();
        assert_eq!(csv.lines().count(), 2, "header and Rae:\n{csv}");
        assert!(!csv.contains("Rae") && !csv.contains("Tom"), "{csv}");
        // On 03-14 Tom's release was still in force: he is listed too.
        let before = state_export(&team, q, EntryBasis::FirstMeeting, d("2026-03-14"), b"k");
        assert_eq!((before.rows.len(), before.not_listed), (2, 1));
        // Keys are stable across exports and differ with the secret.
        assert_eq!(before.rows[0].person_key.len(), 16);
        let other = state_export(&team, q, EntryBasis::FirstMeeting, d("2026-03-14"), b"x");
        assert_ne!(before.rows[0].person_key, other.rows[0].person_key);

        // Everyone is still counted in the quarter's outcomes, which carry the new columns.
        let outcomes = quarter_outcomes(&team.data(), Scope::Team, q);
        assert_eq!(outcomes.served, 3);
        let csv = outcomes_csv(&[outcomes]).unwrap();
        let mut lines = csv.lines();
        assert_eq!(lines.next().unwrap(), OUTCOME_COLUMNS.join(","));
        let row: Vec<&str> = lines.next().unwrap().split(',').collect();
        assert_eq!(row[0], "2026Q1");
        assert_eq!(row[1], "3", "served: {csv}");
        assert_eq!(row[8], "1", "Tom's competitive job start: {csv}");
        assert_eq!(row[9], "0", "no other job starts: {csv}");
    }
}
