//! Which job seekers' and employers' records hold conflicting fields (two devices set one
//! field offline), so the pending-changes screen reads a short list instead of walking every
//! record on the phone. A conflict arrives only with changes from elsewhere; writing a
//! conflicting field settles it, so a listed record is checked again at every write.

use rusqlite::Connection;

use crate::document::{DocKind, Document};
use crate::ids::DocId;
use crate::Result;

/// How a document was just written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Written {
    /// It arrived whole (a snapshot, or replaced by the server's copy): checked throughout.
    Whole,
    /// Changes from elsewhere were merged into it: checked where they wrote.
    Merged,
    /// This phone wrote it, which can settle a conflict but not make one.
    Here,
}

/// Brings the document's entry in the index up to date after a write.
pub(crate) fn follow(conn: &Connection, doc: &mut Document, written: Written) -> Result<()> {
    if !matches!(doc.kind(), DocKind::Seeker | DocKind::Employer) {
        return Ok(());
    }
    let id = doc.id().to_string();
    let listed = conn
        .prepare_cached("SELECT 1 FROM conflict_index WHERE doc_id = ?1")?
        .exists([&id])?;
    let holds = match (written, listed) {
        (Written::Whole, _) | (_, true) => doc.has_conflicts(),
        (Written::Merged, false) => doc
            .conflicts_where_applied()
            .unwrap_or_else(|| doc.has_conflicts()),
        (Written::Here, false) => return Ok(()),
    };
    if holds && !listed {
        conn.prepare_cached("INSERT INTO conflict_index (doc_id, kind) VALUES (?1, ?2)")?
            .execute([&id, doc.kind().as_str()])?;
    } else if listed && !holds {
        conn.prepare_cached("DELETE FROM conflict_index WHERE doc_id = ?1")?
            .execute([&id])?;
    }
    Ok(())
}

/// The records holding conflicts, by kind and id.
pub(crate) fn listed(conn: &Connection) -> Result<Vec<(DocId, DocKind)>> {
    let mut stmt =
        conn.prepare_cached("SELECT doc_id, kind FROM conflict_index ORDER BY kind, doc_id")?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (id, kind) = row?;
        if let (Ok(id), Some(kind)) = (id.parse(), DocKind::parse(&kind)) {
            out.push((id, kind));
        }
    }
    Ok(out)
}

/// Fills the index from every stored job seeker's and employer's record (a store made
/// before it). A record that cannot be read is left out; reading it says why.
pub(crate) fn backfill(conn: &Connection) -> Result<()> {
    let stored: Vec<(String, String)> = conn
        .prepare("SELECT id, kind FROM documents WHERE kind IN ('seeker', 'employer')")?
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    let mut cache = super::docs::DocCache::default();
    for (id, kind) in stored {
        let (Ok(doc_id), Some(kind)) = (id.parse::<DocId>(), DocKind::parse(&kind)) else {
            continue;
        };
        let holds = cache
            .get(conn, doc_id, kind)
            .map(|doc| doc.has_conflicts())
            .unwrap_or(false);
        cache.evict(doc_id);
        if holds {
            conn.execute(
                "INSERT INTO conflict_index (doc_id, kind) VALUES (?1, ?2)",
                [&id, kind.as_str()],
            )?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use chrono::Local;

    use crate::ids::SeekerId;
    use crate::model::{ContactMode, VisitPurpose};
    use crate::store::tests::{employer as new_employer, seeker};
    use crate::{NewVisit, Store, VisitEdit};

    fn phone(dir: &tempfile::TempDir, name: &str) -> Store {
        Store::open(dir.path().join(name), None).unwrap()
    }

    /// Hands `from`'s copy of a record to `to`, as a sync would.
    fn hand(from: &Store, to: &Store, id: crate::ids::DocId) {
        to.merge_remote(vec![from.export(id).unwrap()]).unwrap();
    }

    fn set_phone(store: &Store, erik: SeekerId, number: &str) {
        let mut profile = store.seeker(erik).unwrap().profile;
        profile.phone = Some(number.into());
        store.update_profile(erik, profile).unwrap();
    }

    fn listed(store: &Store) -> Vec<crate::ids::DocId> {
        let listed: Vec<_> = store
            .conflicted_records()
            .unwrap()
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        // The index says what walking every record would.
        let walked: Vec<_> = store
            .documents()
            .unwrap()
            .into_iter()
            .filter(|(id, _)| !store.conflicts(*id).unwrap().is_empty())
            .map(|(id, _)| id)
            .collect();
        let mut sorted = listed.clone();
        sorted.sort();
        let mut walked_sorted = walked;
        walked_sorted.sort();
        assert_eq!(sorted, walked_sorted, "the index and the records disagree");
        listed
    }

    #[test]
    fn a_record_is_listed_while_two_phones_edits_conflict_and_leaves_once_settled() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (phone(&dir, "a.db"), phone(&dir, "b.db"));
        let erik = seeker(&a, "Erik Lund");
        hand(&a, &b, erik.doc());
        assert!(listed(&b).is_empty());
        set_phone(&a, erik, "612-555-0101");
        set_phone(&b, erik, "612-555-0202");
        hand(&a, &b, erik.doc());
        assert_eq!(listed(&b), [erik.doc()]);
        // A third phone that gets the record whole sees the conflict too.
        let c = phone(&dir, "c.db");
        hand(&b, &c, erik.doc());
        assert_eq!(listed(&c), [erik.doc()]);
        // An edit elsewhere in the record settles nothing.
        b.add_note(erik, "Asked about evening shifts", None)
            .unwrap();
        let mut profile = b.seeker(erik).unwrap().profile;
        profile.county = Some("Aitkin".into());
        b.update_profile(erik, profile).unwrap();
        assert_eq!(listed(&b), [erik.doc()]);
        b.settle(
            erik.doc(),
            "profile.phone",
            &serde_json::json!("612-555-0202"),
        )
        .unwrap();
        assert!(listed(&b).is_empty());
        // The settled copy, merged back, settles it on the phone that still listed it.
        hand(&b, &c, erik.doc());
        assert!(listed(&c).is_empty());
    }

    #[test]
    fn a_conflict_deep_in_a_long_visit_log_is_found_where_the_changes_wrote() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (phone(&dir, "a.db"), phone(&dir, "b.db"));
        let employer = new_employer(&a, "Maple Street Bakery");
        let at = Local::now().fixed_offset();
        let visit = |outcome: &str| NewVisit {
            id: None,
            employer_id: employer,
            at,
            specialist: None,
            contact_id: None,
            location: None,
            mode: ContactMode::InPerson,
            purpose: VisitPurpose::LearnBusinessNeeds,
            seekers: Vec::new(),
            followed_preference: None,
            outcome: Some(outcome.into()),
            next_step: None,
            next_step_date: None,
        };
        let mut last = None;
        for n in 0..200 {
            last = Some(a.log_visit(visit(&format!("visit {n}"))).unwrap());
        }
        let last = last.unwrap();
        hand(&a, &b, employer.doc());
        let edit = |outcome: &str| VisitEdit {
            at,
            contact_id: None,
            location: None,
            mode: ContactMode::InPerson,
            purpose: VisitPurpose::LearnBusinessNeeds,
            followed_preference: None,
            outcome: Some(outcome.into()),
            next_step: None,
            next_step_date: None,
        };
        a.edit_visit(employer, last, edit("hiring in spring"))
            .unwrap();
        b.edit_visit(employer, last, edit("hiring in summer"))
            .unwrap();
        // More visits from the first phone arrive with the conflicting edit.
        a.log_visit(visit("visit 200")).unwrap();
        hand(&a, &b, employer.doc());
        assert_eq!(listed(&b), [employer.doc()]);
    }

    #[test]
    fn an_upgraded_store_lists_the_conflicts_its_records_already_held() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (phone(&dir, "a.db"), phone(&dir, "b.db"));
        let erik = seeker(&a, "Erik Lund");
        hand(&a, &b, erik.doc());
        set_phone(&a, erik, "612-555-0101");
        set_phone(&b, erik, "612-555-0202");
        hand(&a, &b, erik.doc());
        b.exec(|c| {
            c.execute_batch("DROP TABLE conflict_index; PRAGMA user_version = 10;")?;
            Ok(())
        })
        .unwrap();
        drop(b);
        let b = phone(&dir, "b.db");
        assert_eq!(listed(&b), [erik.doc()]);
    }
}
