//! A phone's pushed documents, each applied or refused on its own (`docs/adr/0002` steps 1–5).
//! Every change is checked before Automerge sees it — decodable with a true checksum, in
//! sequence for its author, operation numbers beyond what it builds on, history present,
//! authored by the pushing device and naming it — and applied behind a panic boundary; the
//! entries it touched are checked against the schema. Nothing a phone sends can store a change
//! that breaks the document for others, or take down the request or another document.

use std::collections::HashSet;

use chrono::Utc;
use fieldbook_core::document::{ChangeMeta, DocKind, Document, Problem};
use fieldbook_core::ids::{DocId, SeekerId};
use fieldbook_core::model::{NotesDoc, Role};
use fieldbook_core::protocol::{PushDoc, RejectCode, Rejection, SyncRequest};

use super::hot::{HotDoc, Stored};
use super::Service;
use crate::access::{may_create, may_write, read_grant, Caller, Caseload, DocMeta};
use crate::db::{AuditRow, DbError, NewChangeRow, RefusedPush};
use crate::{ServerError, ServerResult};

/// What a refused document is told when the caller may not read it: the same words whether
/// or not it exists.
pub const NO_SUCH_DOCUMENT: &str = "no such document or no permission";

/// Why a push was refused, in plain words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub code: RejectCode,
    pub reason: String,
}

impl Refused {
    pub fn new(code: RejectCode, reason: impl Into<String>) -> Self {
        Refused {
            code,
            reason: reason.into(),
        }
    }

    fn forbidden() -> Self {
        Refused::new(RejectCode::Forbidden, NO_SUCH_DOCUMENT)
    }
}

impl From<Problem> for Refused {
    fn from(p: Problem) -> Self {
        let code = match p {
            Problem::ForeignActor => RejectCode::ForeignActor,
            Problem::Misattributed => RejectCode::Misattributed,
            Problem::Sequence { .. } => RejectCode::OutOfSequence,
            _ => RejectCode::Malformed,
        };
        Refused::new(code, p.to_string())
    }
}

/// What became of a request's pushes.
#[derive(Debug, Default)]
pub(crate) struct Pushed {
    pub rejected: Vec<Rejection>,
    pub audit: Vec<AuditRow>,
    /// Refused work, kept for the team's supervisor.
    pub refused: Vec<RefusedPush>,
}

/// What the caller may write in one request: its caseload now, and the records taken from it
/// after the cursor it syncs from. Work a specialist did on a record while it was theirs
/// reaches the record even when it syncs after a reassignment (`docs/adr/0003`, hand-over):
/// the phone had not yet seen the record leave when it made those changes.
pub(crate) struct Writer<'a> {
    caller: &'a Caller,
    caseload: Caseload,
    handed_over: HashSet<DocId>,
}

impl<'a> Writer<'a> {
    /// A writer with no caseload or hand-over: what `caller`'s role alone allows.
    pub(crate) fn by_role(caller: &'a Caller) -> Writer<'a> {
        Writer {
            caller,
            caseload: Caseload::new(),
            handed_over: HashSet::new(),
        }
    }

    fn may_write(&self, meta: &DocMeta) -> bool {
        may_write(self.caller, meta, &self.caseload)
            || (self.caller.role.may_edit_records()
                && meta.team_id == self.caller.team_id
                && self.handed_over.contains(&meta.id))
    }

    fn may_read(&self, meta: &DocMeta) -> bool {
        read_grant(self.caller, meta, &self.caseload).is_some() || self.may_write(meta)
    }
}

/// The outcome of trying one document: applied (or nothing new), refused, or the write found
/// the document changed meanwhile and must be tried again.
enum Attempt {
    Done,
    Refused(Refused),
}

impl Service {
    /// Applies every pushed document, records before the notes about them (so both can arrive
    /// in one batch). Returns the refusals, their audit lines and the refused work to keep.
    pub(crate) fn push_all(&self, caller: &Caller, request: &SyncRequest) -> ServerResult<Pushed> {
        let mut pushes: Vec<&PushDoc> = request.push.iter().collect();
        pushes.sort_by_key(|p| p.kind == DocKind::Notes);
        let mut out = Pushed::default();
        if pushes.iter().all(|p| p.changes.is_empty()) {
            return Ok(out);
        }
        let handed_over = match caller.role {
            Role::Specialist => self
                .read()?
                .revocations(caller.user_id, request.cursor)?
                .into_iter()
                .map(|(doc, _)| doc)
                .collect(),
            _ => HashSet::new(),
        };
        let mut writer = Writer {
            caller,
            caseload: self.caseload(caller)?,
            handed_over,
        };
        for push in pushes {
            if push.changes.is_empty() {
                continue;
            }
            let refused = self.push_one(&writer, push)?;
            let new_record = push.kind == DocKind::Seeker
                && !writer
                    .caseload
                    .contains_key(&SeekerId::from(push.id.uuid()));
            if refused.is_none() && new_record && caller.role == Role::Specialist {
                // A record this push created is now on the caseload: its notes may follow.
                writer.caseload = self.caseload(caller)?;
            }
            if let Some(r) = refused {
                tracing::info!(doc = %push.id, code = ?r.code, reason = %r.reason, "push refused");
                out.audit.push(
                    AuditRow::new("refuse")
                        .user(caller.user_id)
                        .device(caller.device_id)
                        .doc(push.id)
                        .detail(format!("{:?}: {}", r.code, r.reason)),
                );
                out.refused.push(RefusedPush {
                    doc_id: push.id,
                    kind: push.kind,
                    team_id: caller.team_id,
                    user_id: caller.user_id,
                    device_id: caller.device_id,
                    actor: caller.actor.clone(),
                    code: serde_json::to_value(r.code)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default(),
                    reason: r.reason.clone(),
                    changes: push.changes.iter().map(|c| c.to_vec()).collect(),
                    at: Utc::now(),
                });
                out.rejected.push(Rejection {
                    id: push.id,
                    code: r.code,
                    reason: r.reason,
                });
            }
        }
        Ok(out)
    }

    /// The caller's caseload as the access rules take it.
    pub(crate) fn caseload(&self, caller: &Caller) -> ServerResult<Caseload> {
        if caller.role != Role::Specialist {
            return Ok(Caseload::new());
        }
        Ok(self
            .read()?
            .caseload(caller.user_id)?
            .into_iter()
            .map(|(s, seq, _)| (s, seq))
            .collect())
    }

    /// One pushed document, tried again from a fresh read when another write to it came
    /// first. `Some` is a refusal.
    pub(crate) fn push_one(
        &self,
        writer: &Writer<'_>,
        push: &PushDoc,
    ) -> ServerResult<Option<Refused>> {
        let _turn = self.hot.turn(push.id);
        for _ in 0..super::WRITE_ATTEMPTS {
            match self.try_push(writer, push) {
                Ok(Attempt::Done) => return Ok(None),
                Ok(Attempt::Refused(r)) => return Ok(Some(r)),
                Err(ServerError::Storage(DbError::Conflict)) => {
                    self.hot.forget(push.id);
                }
                Err(e) => return Err(e),
            }
        }
        Err(ServerError::Storage(DbError::Unavailable(format!(
            "document {} kept changing; try again",
            push.id
        ))))
    }

    fn try_push(&self, writer: &Writer<'_>, push: &PushDoc) -> ServerResult<Attempt> {
        let caller = writer.caller;
        let meta = self.read()?.doc_meta(push.id)?;
        let refusal = match &meta {
            Some(meta) => check_existing(writer, meta, push.kind),
            None => check_new(caller, push.id, push.kind),
        };
        if let Some(r) = refusal {
            return Ok(Attempt::Refused(r));
        }
        let mut hot = match &meta {
            Some(meta) => match self.hot.take(meta.id, meta.updated_seq) {
                Some(hot) => hot,
                None => match self.load_hot(meta)? {
                    Ok(hot) => hot,
                    Err(r) => return Ok(Attempt::Refused(r)),
                },
            },
            None => HotDoc::new(Document::genesis(push.kind, push.id), 0, Stored::default()),
        };
        let before = hot.doc.heads();
        let genesis = hot.genesis();
        let genesis_actor = Document::genesis_actor(push.id);
        let rule = |c: &automerge::Change| -> Result<(), Problem> {
            if c.hash() == genesis {
                return Ok(());
            }
            if c.actor_id() == &genesis_actor || c.actor_id().to_hex_string() != caller.actor {
                return Err(Problem::ForeignActor);
            }
            let named = ChangeMeta::parse(c.message());
            if named.user.is_some_and(|u| u != caller.user_id)
                || named.device.is_some_and(|d| d != caller.device_id)
            {
                return Err(Problem::Misattributed);
            }
            Ok(())
        };
        let applied = match hot.doc.apply_incoming(&push.changes, &rule) {
            Ok(applied) => applied,
            // The document in memory may be half-changed: it is not put back.
            Err(p) => return Ok(Attempt::Refused(p.into())),
        };
        if applied.is_empty() && meta.is_some() {
            self.hot.put(push.id, hot);
            return Ok(Attempt::Done);
        }
        let checked = match meta {
            Some(_) => hot.doc.validate_since(&before),
            None => hot.doc.validate(),
        };
        if let Err(e) = checked {
            return Ok(Attempt::Refused(Refused::new(
                RejectCode::Invalid,
                format!("the {} record would be broken: {e}", push.kind.as_str()),
            )));
        }
        let seeker = match &meta {
            Some(m) => m.seeker_id,
            None => match self.owner_of_new(writer, &hot.doc)? {
                Ok(s) => s,
                Err(r) => return Ok(Attempt::Refused(r)),
            },
        };
        let mut rows: Vec<NewChangeRow> = Vec::new();
        if meta.is_none() {
            rows.push(NewChangeRow {
                hash: genesis.to_string(),
                actor: genesis_actor.to_hex_string(),
                bytes: hot.doc.change_bytes(&genesis).unwrap_or_default(),
            });
        }
        rows.extend(
            applied
                .iter()
                .filter(|c| c.hash() != genesis)
                .map(|c| NewChangeRow {
                    hash: c.hash().to_string(),
                    actor: c.actor_id().to_hex_string(),
                    bytes: c.raw_bytes().to_vec(),
                }),
        );
        let added = rows.iter().map(|r| r.bytes.len()).sum();
        let snapshot = if hot.stored.due_after(added) || meta.is_none() {
            match snapshot_of(&mut hot.doc) {
                Ok(bytes) => Some(bytes),
                Err(r) => return Ok(Attempt::Refused(r)),
            }
        } else {
            None
        };
        let is_new = meta.is_none();
        let mut tx = self.write()?;
        let meta = match meta {
            Some(m) => m,
            None => {
                let m = DocMeta {
                    id: push.id,
                    kind: push.kind,
                    team_id: caller.team_id,
                    seeker_id: seeker,
                    created_seq: tx.feed_position(caller.team_id)? + 1,
                    updated_seq: 0,
                    snapshot_seq: 0,
                    size: 0,
                };
                tx.insert_doc(&m, &genesis_actor.to_hex_string(), &[])?;
                m
            }
        };
        let now = Utc::now();
        let seqs =
            tx.append_changes(&meta, meta.updated_seq, Some(caller.device_id), &rows, now)?;
        let last = seqs.last().copied().unwrap_or(meta.updated_seq);
        let audit: Vec<AuditRow> = rows
            .iter()
            .filter(|r| r.actor == caller.actor)
            .map(|r| {
                AuditRow::new("change")
                    .user(caller.user_id)
                    .device(caller.device_id)
                    .doc(meta.id)
                    .hash(r.hash.clone())
            })
            .collect();
        tx.insert_audit(&audit)?;
        if let Some(bytes) = &snapshot {
            tx.save_snapshot(meta.id, bytes, last)?;
            hot.stored.rewritten(bytes.len());
        }
        let created_record =
            is_new && meta.kind == DocKind::Seeker && caller.role == Role::Specialist;
        if let (true, Some(seeker)) = (created_record, seeker) {
            let seq = tx.next_seq(caller.team_id)?;
            tx.insert_assignment(seeker, caller.user_id, seq, Some(caller.device_id))?;
            self.rewrite_directory(&mut *tx, caller.team_id)?;
        }
        tx.commit()?;
        hot.version = last;
        self.hot.put(meta.id, hot);
        Ok(Attempt::Done)
    }

    /// A stored document, loaded to take pushes. A document that no longer loads was damaged
    /// before the server checked changes: refused, for `admin check` to repair.
    fn load_hot(&self, meta: &DocMeta) -> ServerResult<Result<HotDoc, Refused>> {
        let Some(stored) = self.read()?.stored_doc(meta.id)? else {
            return Err(ServerError::Storage(DbError::Conflict));
        };
        if stored.meta.updated_seq != meta.updated_seq {
            return Err(ServerError::Storage(DbError::Conflict));
        }
        match Document::load(meta.kind, meta.id, &stored.bytes(), &[]) {
            Ok(doc) => Ok(Ok(HotDoc::new(
                doc,
                meta.updated_seq,
                Stored::of(&stored.snapshot, &stored.tail),
            ))),
            Err(e) => {
                tracing::error!(doc = %meta.id, error = %e, "a stored document does not load; run `fieldbook-server admin check`");
                Ok(Err(Refused::new(
                    RejectCode::Malformed,
                    "the server's copy of this record is damaged; ask your administrator to run `fieldbook-server admin check`",
                )))
            }
        }
    }

    /// For a new document: the job seeker it is about, checking that a `notes` document
    /// belongs to a record the caller may write.
    fn owner_of_new(
        &self,
        writer: &Writer<'_>,
        doc: &Document,
    ) -> ServerResult<Result<Option<SeekerId>, Refused>> {
        Ok(match doc.kind() {
            DocKind::Seeker => Ok(Some(SeekerId::from(doc.id().uuid()))),
            DocKind::Notes => {
                let notes: NotesDoc = match doc.read() {
                    Ok(n) => n,
                    Err(e) => return Ok(Err(Refused::new(RejectCode::Invalid, e.to_string()))),
                };
                if notes.seeker_id.notes_doc() != doc.id() {
                    return Ok(Err(Refused::new(
                        RejectCode::Invalid,
                        "these notes do not belong to the job seeker they name",
                    )));
                }
                match self.read()?.doc_meta(notes.seeker_id.doc())? {
                    Some(record) if writer.may_write(&record) => Ok(Some(notes.seeker_id)),
                    _ => Err(Refused::forbidden()),
                }
            }
            DocKind::Employer => Ok(None),
            DocKind::Directory => Err(Refused::forbidden()),
        })
    }
}

/// The access rules for a push into a stored document.
fn check_existing(writer: &Writer<'_>, meta: &DocMeta, kind: DocKind) -> Option<Refused> {
    if !writer.may_read(meta) {
        return Some(Refused::forbidden());
    }
    if meta.kind != kind {
        return Some(Refused::new(
            RejectCode::KindMismatch,
            format!("this document is a {} record", meta.kind.as_str()),
        ));
    }
    if !writer.may_write(meta) {
        return Some(Refused::new(
            RejectCode::Forbidden,
            "you may read this record but not change it",
        ));
    }
    None
}

/// The rules for creating a document. Ids derived from others (a job seeker's notes
/// document is a UUID v5 of the job seeker's id) are reserved: no record may be created
/// under one, so nobody can claim the id another record's notes will need.
fn check_new(caller: &Caller, id: DocId, kind: DocKind) -> Option<Refused> {
    if !may_create(caller, kind) {
        return Some(Refused::forbidden());
    }
    let derived = id.uuid().get_version_num() == 5;
    if derived != (kind == DocKind::Notes) {
        return Some(Refused::new(
            RejectCode::Invalid,
            match kind {
                DocKind::Notes => "notes must have the id their job seeker's record gives them",
                _ => "this id is reserved for derived records; make the record with a new id",
            },
        ));
    }
    None
}

/// A snapshot of `doc`, checked to load again: what the server stores must always load.
fn snapshot_of(doc: &mut Document) -> Result<Vec<u8>, Refused> {
    let bytes = doc.save();
    match Document::load(doc.kind(), doc.id(), &bytes, &[]) {
        Ok(_) => Ok(bytes),
        Err(e) => Err(Refused::new(
            RejectCode::Malformed,
            format!("the merged record would not load again: {e}"),
        )),
    }
}
