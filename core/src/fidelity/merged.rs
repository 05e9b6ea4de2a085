//! Duplicates in a team's figures. A record merged into another counts nowhere; what was
//! recorded on it counts for the record kept. The phones copy the entries across (see
//! `Store::merge_seekers`), but a report may be made before every copy has arrived (a phone
//! logged a visit to the duplicate offline and synced after the merge): so the reports read
//! each survivor together with its duplicates, as the phones will once the copies arrive.

use std::collections::BTreeMap;

use serde::de::DeserializeOwned;
use serde::Serialize;
use uuid::Uuid;

use crate::ids::{EmployerId, SeekerId};
use crate::model::merge::{apply_carried, entries_to_carry, EMPLOYER_ENTRIES, SEEKER_ENTRIES};
use crate::model::{EmployerDoc, SeekerDoc};
use crate::store::Merges;

/// A team's job seekers and employers with every merged duplicate folded into the record
/// kept (its entries added under their own ids, as the phones copy them) and left out, and
/// every visit's job seekers, job's employer and activity's employer naming the record kept.
/// Who survives follows the phones' rule (`Merges`): two records merged into each other at
/// once leave the lower id.
pub fn resolve_merges(
    seekers: Vec<SeekerDoc>,
    employers: Vec<EmployerDoc>,
) -> (Vec<SeekerDoc>, Vec<EmployerDoc>) {
    let seeker_merges = Merges::from_marks(
        seekers
            .iter()
            .filter_map(|s| Some((s.id.0, s.merged_into.as_ref()?.id))),
    );
    let employer_merges = Merges::from_marks(
        employers
            .iter()
            .filter_map(|e| Some((e.id.0, e.merged_into.as_ref()?.id))),
    );
    if seeker_merges.is_empty() && employer_merges.is_empty() {
        return (seekers, employers);
    }
    let mut seekers = fold(seekers, |s| s.id.0, &seeker_merges, SEEKER_ENTRIES);
    let mut employers = fold(employers, |e| e.id.0, &employer_merges, EMPLOYER_ENTRIES);
    let employer_of = |id: EmployerId| EmployerId(employer_merges.survivor(id.0));
    for s in &mut seekers {
        for job in s.jobs.values_mut() {
            job.employer_id = job.employer_id.map(employer_of);
        }
        for activity in s.activities.values_mut() {
            activity.employer_id = employer_of(activity.employer_id);
        }
    }
    let seeker_of = |ids: &mut Vec<SeekerId>| {
        let mut out: Vec<SeekerId> = Vec::new();
        for id in ids.iter() {
            let s = SeekerId(seeker_merges.survivor(id.0));
            if !out.contains(&s) {
                out.push(s);
            }
        }
        *ids = out;
    };
    for e in &mut employers {
        for visit in e.visits.values_mut() {
            seeker_of(&mut visit.seekers);
            seeker_of(&mut visit.disclosed);
        }
    }
    (seekers, employers)
}

/// The records that stand, each with the entries of the records merged into it added.
fn fold<T: Serialize + DeserializeOwned>(
    records: Vec<T>,
    id: impl Fn(&T) -> Uuid,
    merges: &Merges,
    maps: &[&[&str]],
) -> Vec<T> {
    let mut standing: BTreeMap<Uuid, (T, Option<serde_json::Value>)> = BTreeMap::new();
    let mut merged: Vec<(Uuid, T)> = Vec::new();
    for r in records {
        let at = id(&r);
        match merges.survivor(at) {
            s if s == at => {
                standing.insert(at, (r, None));
            }
            s => merged.push((s, r)),
        }
    }
    merged.sort_by_key(|(s, r)| (*s, id(r)));
    for (survivor, duplicate) in merged {
        let Some((kept, json)) = standing.get_mut(&survivor) else {
            continue;
        };
        let (Ok(theirs), Some(ours)) = (
            serde_json::to_value(&duplicate),
            json.take().or_else(|| serde_json::to_value(&*kept).ok()),
        ) else {
            continue;
        };
        let mut ours = ours;
        let puts = entries_to_carry(&theirs, &ours, maps);
        apply_carried(&mut ours, puts);
        *json = Some(ours);
    }
    standing
        .into_values()
        .map(|(kept, json)| match json {
            Some(json) => serde_json::from_value(json).unwrap_or(kept),
            None => kept,
        })
        .collect()
}
