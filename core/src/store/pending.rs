//! What has not reached the record yet, in plain words: changes waiting to be sent, and
//! changes that were refused — by the server, or by this phone when a record left it before
//! they were sent. Nothing typed on the phone vanishes silently: each refused change is kept
//! with whose record it was ("job seeker Erik Lund"), what it did (`note.add`), why and when,
//! until the server's copy of the record turns out to hold it (a supervisor accepted it).

use std::str::FromStr;

use automerge::ChangeHash;
use rusqlite::{params, Connection, OptionalExtension};
use serde::Serialize;

use super::{docs, Store};
use crate::document::{ChangeMeta, DocKind, Document};
use crate::ids::{DocId, SeekerId};
use crate::protocol::RejectCode;
use crate::{Error, Result};

/// A record with changes waiting for the server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct UnsentRecord {
    pub doc_id: DocId,
    pub kind: DocKind,
    /// Whose record, in words: "job seeker Erik Lund", "case notes of Erik Lund", "employer
    /// Sunny Side Laundromat".
    pub record: String,
    /// The name alone ("Erik Lund", "Sunny Side Laundromat"), for an app to word the record
    /// in its own language; `None` for the team directory.
    pub name: Option<String>,
    /// How many changes wait.
    pub changes: u32,
    /// What they do (their operations, in order, each once: `visit.log`, `note.add`…).
    pub what: Vec<String>,
}

/// One change that did not reach the record, kept on this phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RefusedChange {
    /// Its number in the refused list.
    pub seq: i64,
    pub doc_id: DocId,
    /// `None` for a change refused before the store recorded kinds.
    pub kind: Option<DocKind>,
    /// Whose record, in words, as it was named when the change was refused.
    pub record: String,
    /// The name alone, as it was when the change was refused; `None` for the team directory.
    pub name: Option<String>,
    /// What the change did (its operation), when it says.
    pub what: Option<String>,
    /// Why it was refused, in plain words.
    pub reason: String,
    /// Why it was refused, as a code an app words in its own language; `None` for a change
    /// refused by the server before the phone kept the server's code.
    pub cause: Option<RefusalCause>,
    /// When (RFC 3339).
    pub refused_at: String,
    /// The change's hash: it leaves this list when the record arrives holding it.
    pub hash: String,
    /// The change itself (hex), so the work can be applied elsewhere.
    pub change: String,
}

/// Everything of this phone's work that is not in the team's record yet.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Pending {
    pub unsent: Vec<UnsentRecord>,
    /// Newest first.
    pub refused: Vec<RefusedChange>,
}

/// Why a change did not reach the record, as a code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RefusalCause {
    /// Its record left this phone (reassigned, no longer shared) before it was sent.
    LeftThePhone,
    /// Sent after its record left the phone; the server kept it for the team's supervisor,
    /// who can accept it into the record.
    KeptForSupervisor,
    /// The server's copy replaced this phone's, and the edit no longer applies to it.
    NoLongerApplies,
    /// The server refused it, for this reason.
    Server(RejectCode),
}

impl RefusalCause {
    /// The code kept in the store.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            RefusalCause::LeftThePhone => "left_the_phone",
            RefusalCause::KeptForSupervisor => "kept_for_supervisor",
            RefusalCause::NoLongerApplies => "no_longer_applies",
            RefusalCause::Server(code) => match code {
                RejectCode::Forbidden => "forbidden",
                RejectCode::ForeignActor => "foreign_actor",
                RejectCode::Misattributed => "misattributed",
                RejectCode::OutOfSequence => "out_of_sequence",
                RejectCode::Malformed => "malformed",
                RejectCode::Invalid => "invalid",
                RejectCode::KindMismatch => "kind_mismatch",
            },
        }
    }

    /// Every cause.
    pub const ALL: [RefusalCause; 10] = [
        RefusalCause::LeftThePhone,
        RefusalCause::KeptForSupervisor,
        RefusalCause::NoLongerApplies,
        RefusalCause::Server(RejectCode::Forbidden),
        RefusalCause::Server(RejectCode::ForeignActor),
        RefusalCause::Server(RejectCode::Misattributed),
        RefusalCause::Server(RejectCode::OutOfSequence),
        RefusalCause::Server(RejectCode::Malformed),
        RefusalCause::Server(RejectCode::Invalid),
        RefusalCause::Server(RejectCode::KindMismatch),
    ];

    /// The cause a stored code names; `None` for a code this build does not know.
    fn parse(code: &str) -> Option<RefusalCause> {
        Self::ALL.into_iter().find(|c| c.as_str() == code)
    }
}

/// Said after the server's reason when it refused stranded changes (they are kept).
pub(crate) const KEPT_FOR_SUPERVISOR: &str =
    "(kept for your supervisor, who can accept it into the record)";

/// Why a change is refused when its record leaves the phone before the change was sent.
pub(crate) const LEFT_THE_PHONE: &str =
    "the record left this phone (reassigned, or no longer shared with you) before this change \
     reached the server";

impl Store {
    /// The changes waiting for the server, by record, and the refused changes kept here.
    pub fn pending(&self) -> Result<Pending> {
        self.read(|conn, cache| {
            let mut unsent: Vec<UnsentRecord> = Vec::new();
            {
                let mut stmt = conn.prepare(
                    "SELECT c.doc_id, d.kind, c.bytes FROM doc_changes c
                 JOIN documents d ON d.id = c.doc_id
                 WHERE c.hash IS NOT NULL ORDER BY c.doc_id, c.seq",
                )?;
                let mut rows = stmt.query([])?;
                while let Some(r) = rows.next()? {
                    let id = parse_id(&r.get::<_, String>(0)?)?;
                    let bytes: Vec<u8> = r.get(2)?;
                    let op = operation(&bytes);
                    match unsent.last_mut() {
                        Some(u) if u.doc_id == id => {
                            u.changes += 1;
                            push_once(&mut u.what, op);
                        }
                        _ => {
                            let kind = DocKind::parse(&r.get::<_, String>(1)?)
                                .ok_or_else(|| Error::malformed("outbox", "unknown kind"))?;
                            let mut what = Vec::new();
                            push_once(&mut what, op);
                            unsent.push(UnsentRecord {
                                doc_id: id,
                                kind,
                                record: String::new(),
                                name: None,
                                changes: 1,
                                what,
                            });
                        }
                    }
                }
            }
            for u in &mut unsent {
                let owner = match u.kind {
                    DocKind::Notes => notes_owner(cache.get(conn, u.doc_id, u.kind)?),
                    _ => None,
                };
                let name = record_name(conn, u.doc_id, u.kind, owner)?;
                u.record = record_label(u.doc_id, u.kind, name.as_deref());
                u.name = name;
            }
            let mut stmt = conn.prepare(
                "SELECT seq, doc_id, kind, record, reason, rejected_at, hash, bytes, name, cause
             FROM rejected ORDER BY seq DESC",
            )?;
            let refused = stmt
                .query_map([], |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, String>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, Option<String>>(3)?,
                        r.get::<_, String>(4)?,
                        r.get::<_, String>(5)?,
                        r.get::<_, String>(6)?,
                        r.get::<_, Vec<u8>>(7)?,
                        r.get::<_, Option<String>>(8)?,
                        r.get::<_, Option<String>>(9)?,
                    ))
                })?
                .collect::<rusqlite::Result<Vec<_>>>()?
                .into_iter()
                .map(
                    |(seq, id, kind, record, reason, at, hash, bytes, name, cause)| {
                        let doc_id = parse_id(&id)?;
                        Ok(RefusedChange {
                            seq,
                            doc_id,
                            kind: kind.as_deref().and_then(DocKind::parse),
                            record: record.unwrap_or_else(|| format!("record {doc_id}")),
                            name,
                            what: operation(&bytes),
                            reason,
                            cause: cause.as_deref().and_then(RefusalCause::parse),
                            refused_at: at,
                            hash,
                            change: hex::encode(&bytes),
                        })
                    },
                )
                .collect::<Result<Vec<_>>>()?;
            Ok(Pending { unsent, refused })
        })
    }
}

fn parse_id(s: &str) -> Result<DocId> {
    s.parse().map_err(|e| Error::malformed("document id", e))
}

fn push_once(what: &mut Vec<String>, op: Option<String>) {
    if let Some(op) = op {
        if !what.contains(&op) {
            what.push(op);
        }
    }
}

/// The operation a change says it made (`visit.log`), if it says.
pub(crate) fn operation(bytes: &[u8]) -> Option<String> {
    let change = automerge::Change::from_bytes(bytes.to_vec()).ok()?;
    ChangeMeta::parse(change.message()).op
}

/// The operations of a document's unsent changes, in order, each once.
pub(crate) fn unsent_operations(conn: &Connection, id: DocId) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT bytes FROM doc_changes WHERE doc_id = ?1 AND hash IS NOT NULL ORDER BY seq",
    )?;
    let mut what = Vec::new();
    for bytes in stmt.query_map([id.to_string()], |r| r.get::<_, Vec<u8>>(0))? {
        push_once(&mut what, operation(&bytes?));
    }
    Ok(what)
}

/// The job seeker a `notes` document belongs to.
pub(crate) fn notes_owner(doc: &Document) -> Option<SeekerId> {
    doc.read_at(&["seeker_id"]).ok().flatten()
}

/// The name a document's record goes by, from the index tables (`owner`: the job seeker of
/// a `notes` document): the name a job seeker asked to be called by, or the employer's;
/// `None` for the directory.
pub(crate) fn record_name(
    conn: &Connection,
    id: DocId,
    kind: DocKind,
    owner: Option<SeekerId>,
) -> Result<Option<String>> {
    let seeker_name = |seeker: DocId| -> Result<Option<String>> {
        Ok(conn
            .query_row(
                "SELECT display_name FROM caseload_index WHERE seeker_id = ?1",
                [seeker.to_string()],
                |r| r.get::<_, String>(0),
            )
            .optional()?)
    };
    Ok(match kind {
        DocKind::Seeker => Some(seeker_name(id)?.unwrap_or_else(|| id.to_string())),
        DocKind::Notes => match owner {
            Some(s) => Some(seeker_name(s.doc())?.unwrap_or_else(|| s.to_string())),
            None => None,
        },
        DocKind::Employer => Some(
            conn.query_row(
                "SELECT name FROM employer_index WHERE employer_id = ?1",
                [id.to_string()],
                |r| r.get::<_, String>(0),
            )
            .optional()?
            .unwrap_or_else(|| id.to_string()),
        ),
        DocKind::Directory => None,
    })
}

/// Whose record a document is, in English words (the terminal, logs of the sync report):
/// "job seeker Erik Lund", "case notes of Erik Lund", "employer Sunny Side Laundromat".
pub(crate) fn record_label(id: DocId, kind: DocKind, name: Option<&str>) -> String {
    match (kind, name) {
        (DocKind::Seeker, Some(name)) => format!("job seeker {name}"),
        (DocKind::Seeker, None) => format!("job seeker {id}"),
        (DocKind::Notes, Some(name)) => format!("case notes of {name}"),
        (DocKind::Notes, None) => "case notes of a job seeker".into(),
        (DocKind::Employer, Some(name)) => format!("employer {name}"),
        (DocKind::Employer, None) => format!("employer {id}"),
        (DocKind::Directory, _) => "the team directory".into(),
    }
}

/// Whose record a document is: its kind, its name and its English label.
pub(crate) struct RecordNamed {
    pub(crate) kind: DocKind,
    pub(crate) name: Option<String>,
    pub(crate) label: String,
}

impl RecordNamed {
    /// Names the record of document `id` (of `kind`), read from the index tables now.
    pub(crate) fn read(
        conn: &Connection,
        id: DocId,
        kind: DocKind,
        owner: Option<SeekerId>,
    ) -> Result<RecordNamed> {
        let name = record_name(conn, id, kind, owner)?;
        Ok(RecordNamed {
            kind,
            label: record_label(id, kind, name.as_deref()),
            name,
        })
    }
}

/// Whose record a stored document is and what its unsent changes do: read before the
/// document is dropped, so a refusal can name it.
pub(crate) fn describe(
    conn: &Connection,
    cache: &mut docs::DocCache,
    id: DocId,
) -> Result<Option<(RecordNamed, Vec<String>)>> {
    let Some((kind, _)) = docs::stored_kind(conn, id)? else {
        return Ok(None);
    };
    let owner = match kind {
        DocKind::Notes => notes_owner(cache.get(conn, id, kind)?),
        _ => None,
    };
    let record = RecordNamed::read(conn, id, kind, owner)?;
    Ok(Some((record, unsent_operations(conn, id)?)))
}

/// Moves a document's unsent changes (or the one at `seq`) to the refused list with `reason`
/// in words and `cause` as a code.
pub(crate) fn refuse_unsent(
    conn: &Connection,
    id: DocId,
    record: &RecordNamed,
    reason: &str,
    cause: RefusalCause,
    seq: Option<i64>,
) -> Result<()> {
    conn.execute(
        "INSERT INTO rejected
             (doc_id, hash, bytes, reason, rejected_at, kind, record, stranded, name, cause)
         SELECT doc_id, hash, bytes, ?2, ?3, ?4, ?5, ?7, ?8, ?9 FROM doc_changes
         WHERE doc_id = ?1 AND hash IS NOT NULL AND (?6 IS NULL OR seq = ?6) ORDER BY seq",
        params![
            id.to_string(),
            reason,
            chrono::Utc::now().to_rfc3339(),
            record.kind.as_str(),
            record.label,
            seq,
            cause == RefusalCause::LeftThePhone,
            record.name,
            cause.as_str(),
        ],
    )?;
    Ok(())
}

/// Refused changes that `doc` now holds (the server took them after all: a supervisor
/// accepted them) leave the refused list.
pub(crate) fn settle(conn: &Connection, doc: &mut Document) -> Result<()> {
    let mut stmt = conn.prepare_cached("SELECT seq, hash FROM rejected WHERE doc_id = ?1")?;
    let rows = stmt
        .query_map([doc.id().to_string()], |r| {
            Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?))
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    for (seq, hash) in rows {
        let Ok(hash) = ChangeHash::from_str(&hash) else {
            continue;
        };
        if doc.change_bytes(&hash).is_some() {
            conn.execute("DELETE FROM rejected WHERE seq = ?1", [seq])?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("phone.db"), None).unwrap();
        (dir, store)
    }

    fn erik(store: &Store) -> SeekerId {
        crate::store::tests::seeker(store, "Erik Lund")
    }

    #[test]
    fn unsent_work_is_listed_by_whose_record_and_what() {
        let (_dir, store) = store();
        let erik = erik(&store);
        store.add_note(erik, "Likes mornings", None).unwrap();
        let pending = store.pending().unwrap();
        let records: Vec<(&str, &[String])> = pending
            .unsent
            .iter()
            .map(|u| (u.record.as_str(), u.what.as_slice()))
            .collect();
        assert!(records.contains(&("job seeker Erik Lund", &["seeker.add".to_string()][..])));
        assert!(records.contains(&("case notes of Erik Lund", &["note.add".to_string()][..])));
        assert!(pending
            .unsent
            .iter()
            .all(|u| u.name.as_deref() == Some("Erik Lund")));
        assert!(pending.refused.is_empty());
    }

    #[test]
    fn a_record_leaving_the_phone_keeps_its_unsent_work_as_refused() {
        let (_dir, store) = store();
        let erik = erik(&store);
        store.add_note(erik, "Likes mornings", None).unwrap();
        let (removed, dropped) = store
            .remove_keeping_unsent(&[erik.doc(), erik.notes_doc()])
            .unwrap();
        assert_eq!(removed.len(), 2);
        assert_eq!(dropped.len(), 2, "both had unsent work: {dropped:?}");
        assert_eq!(store.pending_changes().unwrap(), 0);
        let pending = store.pending().unwrap();
        assert!(pending.unsent.is_empty());
        let refused: Vec<(&str, Option<&str>)> = pending
            .refused
            .iter()
            .map(|r| (r.record.as_str(), r.what.as_deref()))
            .collect();
        assert!(refused.contains(&("job seeker Erik Lund", Some("seeker.add"))));
        assert!(refused.contains(&("case notes of Erik Lund", Some("note.add"))));
        assert!(pending.refused.iter().all(|r| r.reason == LEFT_THE_PHONE
            && r.cause == Some(RefusalCause::LeftThePhone)
            && r.name.as_deref() == Some("Erik Lund")));
    }

    #[test]
    fn a_refused_change_the_record_later_holds_leaves_the_list() {
        let (_dir, store) = store();
        let erik = erik(&store);
        // The server's copy as it will be once a supervisor accepts the refused change.
        let accepted = store.export(erik.doc()).unwrap();
        let dropped = store
            .reject(erik.doc(), RejectCode::Forbidden, "you may not write it")
            .unwrap();
        assert_eq!(dropped.record, "job seeker Erik Lund");
        assert_eq!(dropped.what, ["seeker.add"]);
        let refused = store.pending().unwrap().refused;
        assert!(!refused.is_empty());
        assert!(refused.iter().all(|r| r.kind == Some(DocKind::Seeker)
            && r.record == "job seeker Erik Lund"
            && r.name.as_deref() == Some("Erik Lund")
            && r.cause == Some(RefusalCause::Server(RejectCode::Forbidden))));
        assert!(store.seeker(erik).is_err(), "the copy was dropped");
        store.merge_remote(vec![accepted]).unwrap();
        assert!(store.pending().unwrap().refused.is_empty());
        assert_eq!(store.seeker(erik).unwrap().profile.name, "Erik Lund");
    }
}
