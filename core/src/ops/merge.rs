//! Merging duplicates: two records for one job seeker (two imports of one spreadsheet, two
//! phones taking on the same person offline) or for one employer become one. The duplicate
//! is marked ([`crate::model::Merged`]) and every entry recorded on it is copied into the
//! record kept **under its own key** (entry ids are unique): two phones doing the same merge
//! write the same entries, and copying again changes nothing. Nothing is deleted; the
//! duplicate keeps its history and leaves every list and count (ADR 0001, "Duplicates").
//!
//! Entries a phone added to the duplicate before it learned of the merge reach the record
//! kept when the phone next merges changes from elsewhere ([`Store::follow_merges`], run by
//! [`Store::merge_remote`]).

use chrono::Local;
use serde_json::Value;
use uuid::Uuid;

use crate::document::DocKind;
use crate::ids::{DocId, EmployerId, SeekerId};
use crate::model::merge::{entries_to_carry, EMPLOYER_ENTRIES, NOTE_ENTRIES, SEEKER_ENTRIES};
use crate::model::{non_empty, Merged};
use crate::store::{merges, Edit, Store};
use crate::{Error, Reason, Result};

impl Store {
    /// Merges the job seeker `duplicate` into `kept`: the duplicate is marked merged (who,
    /// when, `reason`), its activities, jobs, supports, consents, plan steps, statuses,
    /// work history, schooling and case notes are copied into `kept` under their own ids
    /// (an entry equal in every field to one `kept` holds is the same fact recorded twice
    /// and is not copied), and from then on the duplicate's id resolves to `kept` and the
    /// duplicate counts nowhere. `kept`'s profile stays as it is.
    ///
    /// Refused, with nothing written: the same record twice, a record of another kind, a
    /// record not on this phone, either record merged already ([`Error::Merged`] names the
    /// record it went into), a blank reason.
    pub fn merge_seekers(&self, kept: SeekerId, duplicate: SeekerId, reason: &str) -> Result<()> {
        let mark = self.merge_mark(kept.0, reason)?;
        self.write("seeker.merge", |e| {
            check_pair(e, DocKind::Seeker, kept.doc(), duplicate.doc())?;
            e.doc(duplicate.doc(), DocKind::Seeker)?
                .put(&[], "merged_into", &mark)?;
            carry_seeker(e, duplicate, kept)
        })
    }

    /// Merges the employer `duplicate` into `kept`: marked, its visits and contact people
    /// copied into `kept` under their own ids. Refused as [`Store::merge_seekers`] is.
    pub fn merge_employers(
        &self,
        kept: EmployerId,
        duplicate: EmployerId,
        reason: &str,
    ) -> Result<()> {
        let mark = self.merge_mark(kept.0, reason)?;
        self.write("employer.merge", |e| {
            check_pair(e, DocKind::Employer, kept.doc(), duplicate.doc())?;
            e.doc(duplicate.doc(), DocKind::Employer)?
                .put(&[], "merged_into", &mark)?;
            carry(
                e,
                DocKind::Employer,
                duplicate.doc(),
                kept.doc(),
                EMPLOYER_ENTRIES,
            )
        })
    }

    /// Brings the records kept up to date with their duplicates after `changed` arrived
    /// from elsewhere: copies into each survivor the entries of records merged into it that
    /// it does not hold yet (added on a phone that had not seen the merge), and the void
    /// marks such entries got since. Only pairs with a record (or its case notes) among
    /// `changed` are looked at. Rules every phone applies alike (ADR 0001):
    /// - records merged into each other at once (A into B on one phone, B into A on
    ///   another) keep the lowest id, whose own mark is taken off (it stays in history);
    /// - a record two phones merged into two different records makes those records one
    ///   person too: the one not kept is merged into the survivor, and the record gets one
    ///   mark naming its survivor, so every reader (the server's reports too) sees the same.
    ///
    /// Records not on this phone are left for a phone that holds them; a job seeker's own
    /// phone never writes. Run by [`Store::merge_remote`].
    pub(crate) fn follow_merges(&self, changed: &[DocId]) -> Result<()> {
        if self.identity().role.is_some_and(|r| !r.may_edit_records()) {
            return Ok(());
        }
        let merged = self.query(crate::store::Merges::load)?;
        let touches =
            |id: Uuid| changed.contains(&DocId(id)) || changed.contains(&SeekerId(id).notes_doc());
        let resolved: Vec<(Uuid, Uuid)> = merged
            .resolved()
            .into_iter()
            .filter(|(id, survivor)| touches(*id) || touches(*survivor))
            .collect();
        if resolved.is_empty() {
            return Ok(());
        }
        // Who and when for the marks this may write (read before the write holds the store).
        let mark = self.merge_mark(Uuid::nil(), "merged on another phone")?;
        self.write("merge.follow", |e| {
            let mut survivors: Vec<Uuid> = resolved.iter().map(|(_, s)| *s).collect();
            survivors.sort();
            survivors.dedup();
            for survivor in survivors {
                let at = DocId(survivor);
                let Some(kind) = e.kind_of(at)? else {
                    continue;
                };
                if e.read_at::<Value>(at, kind, &["merged_into"])?.is_some() {
                    e.doc(at, kind)?.remove(&[], "merged_into")?;
                }
            }
            for (id, survivor) in resolved {
                let (from, to) = (DocId(id), DocId(survivor));
                let (Some(kind), Some(kept)) = (e.kind_of(from)?, e.kind_of(to)?) else {
                    continue;
                };
                if kind != kept {
                    continue;
                }
                let targets = e.merge_targets(from, kind)?;
                if targets.len() > 1 {
                    // One mark replaces the values concurrent merges left.
                    let one = Merged {
                        id: survivor,
                        reason: format!("merged into {} records at once", targets.len()),
                        ..mark.clone()
                    };
                    let doc = e.doc_even_merged(from, kind)?;
                    doc.remove(&[], "merged_into")?;
                    doc.put(&[], "merged_into", &one)?;
                }
                for other in merged.also_into(id) {
                    if e.kind_of(DocId(other))? == Some(kind) {
                        let mark = Merged {
                            id: survivor,
                            reason: format!("the same record as {id}, merged into both"),
                            ..mark.clone()
                        };
                        e.doc(DocId(other), kind)?.put(&[], "merged_into", &mark)?;
                        carry_record(e, kind, other, survivor)?;
                    }
                }
                carry_record(e, kind, id, survivor)?;
            }
            Ok(())
        })
    }

    /// The mark a merge into `kept` writes, with `reason` checked.
    fn merge_mark(&self, kept: Uuid, reason: &str) -> Result<Merged> {
        Ok(Merged {
            id: kept,
            at: Local::now().fixed_offset(),
            by: self.identity().user_id,
            reason: non_empty("reason", reason)?,
        })
    }
}

/// Refuses a merge that cannot be: the same record twice, a record missing or of another
/// kind, either record merged already.
fn check_pair(e: &mut Edit<'_>, kind: DocKind, kept: DocId, duplicate: DocId) -> Result<()> {
    let label = merges::label(kind);
    if kept == duplicate {
        return Err(Error::invalid_because(
            "duplicate",
            Reason::MergeIntoItself {
                kind: label.to_string(),
                id: duplicate.to_string(),
            },
        ));
    }
    for (field, id) in [("kept", kept), ("duplicate", duplicate)] {
        match e.kind_of(id)? {
            None => return Err(Error::not_found(label, id)),
            Some(k) if k != kind => {
                return Err(Error::invalid_because(
                    field,
                    Reason::MergeOtherKind {
                        id: id.to_string(),
                        kind: merges::label(k).to_string(),
                        expected: label.to_string(),
                    },
                ))
            }
            Some(_) => e.refuse_merged(id, kind)?,
        }
    }
    Ok(())
}

/// Copies a record's entries (a job seeker's case notes too) into the record kept.
fn carry_record(e: &mut Edit<'_>, kind: DocKind, from: Uuid, to: Uuid) -> Result<()> {
    match kind {
        DocKind::Seeker => carry_seeker(e, SeekerId(from), SeekerId(to)),
        DocKind::Employer => carry(e, kind, DocId(from), DocId(to), EMPLOYER_ENTRIES),
        DocKind::Notes | DocKind::Directory => Ok(()),
    }
}

/// Copies a job seeker's entries and case notes into the record kept.
fn carry_seeker(e: &mut Edit<'_>, from: SeekerId, to: SeekerId) -> Result<()> {
    carry(e, DocKind::Seeker, from.doc(), to.doc(), SEEKER_ENTRIES)?;
    let (theirs, ours) = (from.notes_doc(), to.notes_doc());
    if !e.exists(theirs)? {
        return Ok(());
    }
    if !e.exists(ours)? {
        let notes: Value = e.read(theirs, DocKind::Notes)?;
        let has_notes = notes
            .get("notes")
            .and_then(Value::as_object)
            .is_some_and(|n| !n.is_empty());
        if !has_notes {
            return Ok(());
        }
        e.create(ours, DocKind::Notes)?.put(&[], "seeker_id", &to)?;
    }
    carry(e, DocKind::Notes, theirs, ours, NOTE_ENTRIES)
}

/// Copies into `to` the entries of `from`'s maps `maps` that `to` lacks, and the void marks
/// it lacks ([`entries_to_carry`]). Writes nothing when there is nothing to copy.
fn carry(e: &mut Edit<'_>, kind: DocKind, from: DocId, to: DocId, maps: &[&[&str]]) -> Result<()> {
    let theirs: Value = e.read(from, kind)?;
    let ours: Value = e.read(to, kind)?;
    let puts = entries_to_carry(&theirs, &ours, maps);
    if puts.is_empty() {
        return Ok(());
    }
    let doc = e.doc(to, kind)?;
    for (path, key, value) in puts {
        let path: Vec<&str> = path.iter().map(String::as_str).collect();
        doc.put(&path, &key, &value)?;
    }
    Ok(())
}
