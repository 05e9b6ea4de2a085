//! Deciding what a phone lacks from its cursor alone (`docs/adr/0002`), shared by backends:
//! who may read what comes from [`crate::access`]; this module turns grants, cursor and
//! feed numbers into "send a snapshot", "send the changes after the cursor", or nothing, and
//! pages the answer at document boundaries.

use std::collections::HashSet;

use fieldbook_core::ids::{DocId, SeekerId};

use crate::access::{read_grant, Caller, Caseload, DocMeta};

/// Largest answer (before compression) sent in one round trip; the rest follows with `more`.
pub const PAGE_BYTES: usize = 4 * 1024 * 1024;

/// What one readable document needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    /// The whole document: the phone cannot have it (new grant, first sync) or asked for it.
    Snapshot { trigger: u64 },
    /// The changes after the cursor that this device did not push itself.
    ChangesAfter(u64),
}

/// A document the answer may carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Planned {
    pub doc: DocMeta,
    pub need: Need,
}

/// Plans the answer for `caller` at `cursor`. `explicit` holds documents the phone asked for
/// or whose push was refused: always sent whole when readable. `created_here` holds job
/// seekers this very device created (its push made the assignment): it has their records,
/// so it gets only what others wrote, not a snapshot.
pub fn plan(
    caller: &Caller,
    docs: Vec<DocMeta>,
    caseload: &Caseload,
    created_here: &HashSet<SeekerId>,
    cursor: u64,
    explicit: &HashSet<DocId>,
) -> Vec<Planned> {
    docs.into_iter()
        .filter_map(|doc| {
            let grant = read_grant(caller, &doc, caseload)?;
            let own = doc.seeker_id.is_some_and(|s| created_here.contains(&s));
            let need = if explicit.contains(&doc.id) {
                Need::Snapshot { trigger: 0 }
            } else if own {
                Need::ChangesAfter(cursor)
            } else if cursor == 0 || grant > cursor {
                Need::Snapshot {
                    trigger: grant.max(1),
                }
            } else if doc.updated_seq > cursor {
                Need::ChangesAfter(cursor)
            } else {
                return None;
            };
            Some(Planned { doc, need })
        })
        .collect()
}

/// One document's data, ready to send, with the smallest feed number that made it needed.
#[derive(Debug)]
pub struct Prepared<T> {
    pub trigger: u64,
    pub size: usize,
    pub item: T,
}

/// Keeps documents in feed order until the page is full. Returns what to send, and the
/// cursor to hand back: `latest` when everything fits, otherwise just before the first
/// document left out (so it comes next time; what was sent twice merges as a no-op).
pub fn page<T>(mut prepared: Vec<Prepared<T>>, latest: u64, budget: usize) -> (Vec<T>, u64, bool) {
    prepared.sort_by_key(|p| p.trigger);
    let mut used = 0usize;
    let mut out = Vec::new();
    let mut iter = prepared.into_iter();
    for p in iter.by_ref() {
        if p.trigger > 0 && !out.is_empty() && used + p.size > budget {
            return (out, p.trigger - 1, true);
        }
        used += p.size;
        out.push(p.item);
    }
    (out, latest, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(trigger: u64, size: usize) -> Prepared<u64> {
        Prepared {
            trigger,
            size,
            item: trigger,
        }
    }

    #[test]
    fn pages_stop_at_a_document_and_resume_from_it() {
        let (sent, cursor, more) = page(vec![p(7, 60), p(3, 60), p(0, 10)], 9, 100);
        assert_eq!(sent, vec![0, 3]);
        assert_eq!(cursor, 6);
        assert!(more);
        let (sent, cursor, more) = page(vec![p(7, 60)], 9, 100);
        assert_eq!((sent, cursor, more), (vec![7], 9, false));
        // A single document larger than a page still goes.
        let (sent, _, more) = page(vec![p(4, 500)], 9, 100);
        assert_eq!((sent, more), (vec![4], false));
    }
}
