//! A device speaking the protocol by hand, to send what no honest phone would: forged
//! actors, other people's records, garbled or crafted changes.

use automerge::transaction::Transactable;
use automerge::{AutoCommit, ReadDoc};
use fieldbook_core::document::DocKind;
use fieldbook_core::ids::DocId;
use fieldbook_core::protocol::{
    self, EnrollRequest, EnrollResponse, PushDoc, SyncRequest, SyncResponse, PROTOCOL_VERSION,
    SYNC_CONTENT_TYPE, VERSION_HEADER,
};
use fieldbook_core::{RemoteData, Store};
use serde_bytes::ByteBuf;
use serde_json::Value;

use crate::Server;

/// An enrolled device without a store: its token and actor.
#[derive(Debug, Clone)]
pub struct RawDevice {
    pub token: String,
    pub actor: String,
    pub answer: EnrollResponse,
}

/// An error answer: HTTP status and the error's code.
pub type Failure = (u16, String);

/// A random phone-like actor (16 bytes, hex).
pub fn hex_actor() -> String {
    DocId::new().to_string().replace('-', "")
}

/// Posts an enrollment request; the answer, or the status and error code.
pub fn enroll_raw(server: &Server, code: &str, actor: &str) -> Result<EnrollResponse, Failure> {
    let resp = crate::http()
        .post(format!("{}{}", server.url(), protocol::ENROLL_PATH))
        .header(VERSION_HEADER, PROTOCOL_VERSION.to_string())
        .header("content-type", "application/json")
        .body(
            serde_json::to_vec(&EnrollRequest {
                version: PROTOCOL_VERSION,
                code: code.into(),
                actor: actor.into(),
                device_name: "raw".into(),
            })
            .expect("json"),
        )
        .send()
        .expect("the server answers");
    let status = resp.status().as_u16();
    let body = resp.bytes().expect("body");
    if status == 200 {
        Ok(serde_json::from_slice(&body).expect("enrollment answer"))
    } else {
        Err(failure(status, &body))
    }
}

fn failure(status: u16, body: &[u8]) -> Failure {
    let v: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    (
        status,
        v["error"]["code"].as_str().unwrap_or("").to_string(),
    )
}

impl RawDevice {
    /// Enrolls with a fresh actor.
    pub fn enroll(server: &Server, code: &str) -> RawDevice {
        Self::enroll_with(server, code, &hex_actor())
    }

    /// Enrolls claiming `actor` (a phone's own, to push its changes by hand).
    pub fn enroll_with(server: &Server, code: &str, actor: &str) -> RawDevice {
        let answer =
            enroll_raw(server, code, actor).unwrap_or_else(|e| panic!("enrollment refused: {e:?}"));
        RawDevice {
            token: answer.token.clone(),
            actor: actor.into(),
            answer,
        }
    }

    /// A change by this device setting `profile.<field>` (or a root field) in a copy of
    /// `id` taken from `source`.
    pub fn edit(&self, source: &Store, id: DocId, field: &str, value: &str) -> Vec<u8> {
        let mut doc = self.copy_of(source, id);
        let target = match doc.get(automerge::ROOT, "profile").expect("read") {
            Some((_, obj)) => obj,
            None => automerge::ROOT,
        };
        doc.put(&target, field, value).expect("put");
        let hash = doc.commit().expect("a change");
        doc.get_change_by_hash(&hash)
            .expect("change")
            .raw_bytes()
            .to_vec()
    }

    /// `source`'s copy of `id`, writing as this device.
    pub fn copy_of(&self, source: &Store, id: DocId) -> AutoCommit {
        snapshot_of(source, id).with_actor(automerge::ActorId::from(
            hex::decode(&self.actor).expect("hex actor"),
        ))
    }

    /// One sync request at cursor 0; panics unless the server answers 200.
    pub fn sync(&self, server: &Server, push: Vec<PushDoc>) -> SyncResponse {
        self.sync_raw(server, push)
            .unwrap_or_else(|e| panic!("sync failed: {e:?}"))
    }

    /// One sync request at cursor 0: the answer, or the status and error code.
    pub fn sync_raw(&self, server: &Server, push: Vec<PushDoc>) -> Result<SyncResponse, Failure> {
        self.sync_at(server, 0, push)
    }

    /// One sync request from `cursor`: the answer, or the status and error code.
    pub fn sync_at(
        &self,
        server: &Server,
        cursor: u64,
        push: Vec<PushDoc>,
    ) -> Result<SyncResponse, Failure> {
        let body = protocol::encode(&SyncRequest {
            version: PROTOCOL_VERSION,
            cursor,
            push,
            want: vec![],
            resume: None,
        })
        .expect("encode");
        let resp = crate::http()
            .post(format!("{}{}", server.url(), protocol::SYNC_PATH))
            .bearer_auth(&self.token)
            .header(VERSION_HEADER, PROTOCOL_VERSION.to_string())
            .header("content-type", SYNC_CONTENT_TYPE)
            .header("content-encoding", "gzip")
            .body(body)
            .send()
            .expect("the server answers");
        let status = resp.status().as_u16();
        let body = resp.bytes().expect("body");
        if status == 200 {
            Ok(protocol::decode(&body).expect("sync answer"))
        } else {
            Err(failure(status, &body))
        }
    }
}

/// A pushed document.
pub fn push(id: DocId, kind: DocKind, changes: Vec<Vec<u8>>) -> PushDoc {
    PushDoc {
        id,
        kind,
        changes: changes.into_iter().map(ByteBuf::from).collect(),
    }
}

/// A phone's copy of a document as a plain Automerge document.
pub fn snapshot_of(store: &Store, id: DocId) -> AutoCommit {
    let RemoteData::Snapshot(bytes) = store.export(id).expect("export").data else {
        panic!("snapshot")
    };
    AutoCommit::load(&bytes).expect("load")
}

/// Every change of a document on a phone.
pub fn all_changes(store: &Store, id: DocId) -> Vec<Vec<u8>> {
    snapshot_of(store, id)
        .get_changes(&[])
        .into_iter()
        .map(|c| c.raw_bytes().to_vec())
        .collect()
}
