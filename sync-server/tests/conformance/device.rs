//! A device speaking to the service in process: it enrolls with a real code, keeps a cursor
//! and a copy of every document it holds, and applies answers the way a phone does (checked
//! changes, removals), so the suite can say exactly what each device holds.

use std::collections::BTreeMap;

use automerge::ActorId;
use fieldbook_core::document::{ChangeMeta, DocKind, Document};
use fieldbook_core::ids::{DeviceId, DocId, UserId};
use fieldbook_core::protocol::{
    DocData, EnrollRequest, PushDoc, Resume, SyncRequest, SyncResponse, PROTOCOL_VERSION,
};
use fieldbook_server::access::Caller;
use fieldbook_server::service::Service;
use fieldbook_server::{ServerError, ServerResult};

/// A test device.
pub struct Device {
    pub user: UserId,
    pub device: DeviceId,
    pub actor: ActorId,
    pub token: String,
    pub cursor: u64,
    resume: Option<Resume>,
    /// The documents it holds.
    pub held: BTreeMap<DocId, Document>,
}

impl Device {
    /// Enrolls a new device for `user`.
    pub fn enroll(service: &Service, user: UserId) -> Device {
        let code = service
            .add_enroll_code(user, chrono::Duration::hours(1))
            .expect("code");
        let actor = ActorId::random();
        let answer = service
            .enroll(
                &EnrollRequest {
                    version: PROTOCOL_VERSION,
                    code: code.code,
                    actor: actor.to_hex_string(),
                    device_name: "suite".into(),
                },
                "127.0.0.1",
            )
            .expect("enroll");
        Device {
            user,
            device: answer.device_id,
            actor,
            token: answer.token,
            cursor: 0,
            resume: None,
            held: BTreeMap::new(),
        }
    }

    pub fn caller(&self, service: &Service) -> ServerResult<Caller> {
        service.authenticate(&self.token)
    }

    /// Who made a change: this device and its user.
    pub fn meta(&self, op: &str) -> ChangeMeta {
        ChangeMeta {
            op: Some(op.into()),
            user: Some(self.user),
            device: Some(self.device),
        }
    }

    /// A new document of `kind` with `fields` written at its root, as a push.
    pub fn create(&self, kind: DocKind, id: DocId, fields: &serde_json::Value) -> PushDoc {
        let mut doc = Document::genesis(kind, id);
        doc.set_actor(&self.actor);
        doc.put_fields(&[], fields).expect("fields");
        let hash = doc.commit(&self.meta("create"), 0).expect("a change");
        let genesis = Document::genesis_hash(kind, id);
        PushDoc {
            id,
            kind,
            changes: [genesis, hash]
                .iter()
                .map(|h| serde_bytes::ByteBuf::from(doc.change_bytes(h).expect("change")))
                .collect(),
        }
    }

    /// An edit of `base` (any copy of the document) by this device.
    pub fn edit(&self, base: &mut Document, field: &str, value: &str) -> PushDoc {
        let mut doc =
            Document::load(base.kind(), base.id(), &base.save(), &[]).expect("copy loads");
        doc.set_actor(&self.actor);
        doc.put(&[], field, &value).expect("put");
        let hash = doc.commit(&self.meta("edit"), 0).expect("a change");
        PushDoc {
            id: doc.id(),
            kind: doc.kind(),
            changes: vec![serde_bytes::ByteBuf::from(
                doc.change_bytes(&hash).expect("change"),
            )],
        }
    }

    /// One exchange: pushes `push`, applies the answer.
    pub fn sync(&mut self, service: &Service, push: Vec<PushDoc>) -> ServerResult<SyncResponse> {
        let caller = self.caller(service)?;
        let answer = service.sync(
            &caller,
            &SyncRequest {
                version: PROTOCOL_VERSION,
                cursor: self.cursor,
                push: push.clone(),
                want: Vec::new(),
                resume: self.resume,
            },
        )?;
        // As a phone: what it wrote and the server took, it holds; what was refused it drops
        // (the server's copy follows in the answer when it may read it).
        for p in &push {
            if answer.rejected.iter().any(|r| r.id == p.id) {
                self.held.remove(&p.id);
            } else if let Some(doc) = self.held.get_mut(&p.id) {
                doc.apply_incoming(&p.changes, &|_| Ok(()))
                    .expect("own changes apply");
            } else {
                let mut doc = Document::genesis(p.kind, p.id);
                doc.apply_incoming(&p.changes, &|_| Ok(()))
                    .expect("a new document's changes apply");
                self.held.insert(p.id, doc);
            }
        }
        self.apply(&answer);
        Ok(answer)
    }

    /// Syncs until the server has nothing more; returns the rounds taken.
    pub fn pull_all(&mut self, service: &Service) -> ServerResult<u32> {
        for round in 1..=1000 {
            if !self.sync(service, Vec::new())?.more {
                return Ok(round);
            }
        }
        Err(ServerError::Internal("the answer never ended".into()))
    }

    fn apply(&mut self, answer: &SyncResponse) {
        for d in &answer.docs {
            match &d.data {
                DocData::Snapshot(bytes) => {
                    let doc = Document::load_checked(d.kind, d.id, bytes).expect("snapshot loads");
                    self.held.insert(d.id, doc);
                }
                DocData::Changes(changes) => {
                    let doc = self
                        .held
                        .entry(d.id)
                        .or_insert_with(|| Document::genesis(d.kind, d.id));
                    doc.apply_incoming(changes, &|_| Ok(()))
                        .expect("changes apply");
                }
            }
        }
        for id in &answer.removed {
            self.held.remove(id);
        }
        self.cursor = answer.cursor;
        self.resume = answer.resume;
    }

    /// Forgets everything, as a new phone of the same account.
    pub fn reset(&mut self) {
        self.cursor = 0;
        self.resume = None;
        self.held.clear();
    }
}
