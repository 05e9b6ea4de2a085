//! The wire protocol between phones and the sync server. Both ends compile against these
//! types, so they cannot disagree; every message carries [`PROTOCOL_VERSION`].
//!
//! Enrollment is JSON. Sync bodies are postcard, gzip-compressed: they are mostly Automerge
//! change bytes, which a text encoding would inflate. See `docs/adr/0002-sync-protocol.md`
//! for how the exchange works and why it is safe to repeat or break off.

use std::io::{Read, Write};

use serde::{Deserialize, Serialize};

use crate::document::DocKind;
use crate::ids::{DeviceId, DocId, TeamId, UserId};
use crate::model::Role;
use crate::{Error, Result};

/// The protocol version this build speaks.
pub const PROTOCOL_VERSION: u16 = 2;
/// Header carrying the protocol version on every request.
pub const VERSION_HEADER: &str = "fieldbook-protocol";
/// Enrollment: JSON [`EnrollRequest`] → JSON [`EnrollResponse`].
pub const ENROLL_PATH: &str = "/v1/enroll";
/// Sync: gzip(postcard([`SyncRequest`])) → gzip(postcard([`SyncResponse`])).
pub const SYNC_PATH: &str = "/v1/sync";
/// Content type of sync bodies.
pub const SYNC_CONTENT_TYPE: &str = "application/x-fieldbook-sync";
/// Largest decompressed sync body either side accepts.
pub const MAX_BODY_BYTES: usize = 64 * 1024 * 1024;
/// Most document bytes (before compression) one answer carries: the rest follows in pages.
pub const ANSWER_PAGE_BYTES: usize = 4 * 1024 * 1024;
/// Most change bytes one request pushes: more unsent work follows in further requests.
pub const PUSH_PAGE_BYTES: usize = 4 * 1024 * 1024;

/// A phone asks to join, with the one-time code a supervisor or admin gave its user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrollRequest {
    pub version: u16,
    pub code: String,
    /// The Automerge actor (hex) this phone already writes with; the server binds it to the
    /// new device, so work done before enrollment syncs as the device's own.
    pub actor: String,
    pub device_name: String,
}

/// The server's answer to a good code. The token is shown once and stored only hashed.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EnrollResponse {
    pub version: u16,
    pub device_id: DeviceId,
    pub user_id: UserId,
    pub user_name: String,
    pub role: Role,
    pub team_id: TeamId,
    pub token: String,
}

impl std::fmt::Debug for EnrollResponse {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("EnrollResponse")
            .field("device_id", &self.device_id)
            .field("user_id", &self.user_id)
            .field("role", &self.role)
            .finish_non_exhaustive()
    }
}

/// One sync round trip, from the phone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncRequest {
    pub version: u16,
    /// The feed position this phone has fully applied (0 for a new phone).
    pub cursor: u64,
    /// Changes made on this phone that the server has not accepted yet, by document.
    pub push: Vec<PushDoc>,
    /// Documents the phone needs whole: it could not merge what it was sent.
    pub want: Vec<DocId>,
    /// Where the previous answer stopped, when it was one page of several.
    pub resume: Option<Resume>,
}

/// A place in a paged answer: the pages of one answer all bring the phone to `upto`; the next
/// page starts after document `after` (answers list documents by id).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resume {
    pub upto: u64,
    pub after: DocId,
}

/// A document's outgoing changes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PushDoc {
    pub id: DocId,
    pub kind: DocKind,
    /// Raw Automerge changes, in the order they were made.
    pub changes: Vec<serde_bytes::ByteBuf>,
}

/// The server's answer to one [`SyncRequest`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncResponse {
    pub version: u16,
    /// The feed position this response brings the phone to, once applied.
    pub cursor: u64,
    /// More is waiting: sync again straight away.
    pub more: bool,
    /// Set when this answer is one page of several: send it back to get the next page.
    pub resume: Option<Resume>,
    /// Pushed documents the server refused, with the reason; every other pushed document
    /// was accepted whole.
    pub rejected: Vec<Rejection>,
    /// What changed for documents the phone may read.
    pub docs: Vec<DocUpdate>,
    /// Documents the phone may no longer hold (reassignment, revocation): delete them.
    pub removed: Vec<DocId>,
}

/// Why a pushed document was refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rejection {
    pub id: DocId,
    pub code: RejectCode,
    /// In plain words, for the app to show.
    pub reason: String,
}

/// The kinds of refusal; the phone drops its copy of the document either way and takes the
/// server's (sent in the same response when it may read it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectCode {
    /// The user may not write this document (or may not create one of this kind).
    Forbidden,
    /// A change was authored by another device's actor.
    ForeignActor,
    /// A change names another person or device as who made it.
    Misattributed,
    /// A change does not follow its author's previous one (an app restored from a backup).
    OutOfSequence,
    /// A change could not be decoded, or builds on history the server does not have.
    Malformed,
    /// The merged document breaks its kind's schema.
    Invalid,
    /// The document exists with another kind.
    KindMismatch,
}

/// Data for one document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocUpdate {
    pub id: DocId,
    pub kind: DocKind,
    pub data: DocData,
}

/// A whole document, or the changes the phone lacks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocData {
    /// Compact `save()` output, for a phone that lacks the document.
    Snapshot(serde_bytes::ByteBuf),
    /// Raw changes the phone lacks.
    Changes(Vec<serde_bytes::ByteBuf>),
}

/// The body of every error response (JSON), for both enrollment and sync.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

/// What went wrong, in a form an app can act on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// Stable code: `bad_request`, `unsupported_version`, `unauthorized`, `device_revoked`,
    /// `bad_code`, `payload_too_large`, `rate_limited`, `internal`.
    pub code: String,
    pub message: String,
    /// The device was revoked: erase local data now.
    #[serde(default)]
    pub wipe: bool,
}

/// Bodies smaller than this are framed as gzip without compressing them: a compressor's
/// state costs far more to set up than it saves on a few bytes (an idle sync's request and
/// answer are about twenty bytes).
const STORED_BELOW: usize = 512;

/// Encodes and compresses a sync body.
pub fn encode<T: Serialize>(msg: &T) -> Result<Vec<u8>> {
    let raw = postcard::to_stdvec(msg).map_err(|e| Error::malformed("sync message", e))?;
    if raw.len() < STORED_BELOW {
        return Ok(stored_gzip(&raw));
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(&raw)
        .and_then(|_| gz.finish())
        .map_err(|e| Error::malformed("sync message", e))
}

/// `raw` as a gzip member holding one stored (uncompressed) deflate block.
fn stored_gzip(raw: &[u8]) -> Vec<u8> {
    debug_assert!(raw.len() <= u16::MAX as usize);
    let len = raw.len() as u16;
    let mut crc = flate2::Crc::new();
    crc.update(raw);
    let mut out = Vec::with_capacity(raw.len() + 23);
    // Magic, deflate, no flags, no time, no extra flags, unknown OS.
    out.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
    // The final block, stored: its length and the length's complement.
    out.push(1);
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&(!len).to_le_bytes());
    out.extend_from_slice(raw);
    out.extend_from_slice(&crc.sum().to_le_bytes());
    out.extend_from_slice(&(raw.len() as u32).to_le_bytes());
    out
}

/// Decompresses (at most [`MAX_BODY_BYTES`]) and decodes a sync body. Never panics on bad
/// input: truncated, oversized or garbled bytes are a [`Error::Malformed`].
pub fn decode<T: for<'de> Deserialize<'de>>(body: &[u8]) -> Result<T> {
    let mut raw = Vec::new();
    flate2::read::GzDecoder::new(body)
        .take(MAX_BODY_BYTES as u64 + 1)
        .read_to_end(&mut raw)
        .map_err(|e| Error::malformed("sync message", e))?;
    if raw.len() > MAX_BODY_BYTES {
        return Err(Error::malformed("sync message", "too large"));
    }
    postcard::from_bytes(&raw).map_err(|e| Error::malformed("sync message", e))
}

/// The version a decoded-or-not body claims, read before the rest so an unknown version
/// gets its own clear error even when the body's layout changed.
pub fn peek_version(body: &[u8]) -> Result<u16> {
    let mut raw = Vec::new();
    flate2::read::GzDecoder::new(body)
        .take(16)
        .read_to_end(&mut raw)
        .map_err(|e| Error::malformed("sync message", e))?;
    postcard::take_from_bytes::<u16>(&raw)
        .map(|(v, _)| v)
        .map_err(|e| Error::malformed("sync message", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> SyncRequest {
        SyncRequest {
            version: PROTOCOL_VERSION,
            cursor: 42,
            push: vec![PushDoc {
                id: DocId::new(),
                kind: DocKind::Employer,
                changes: vec![serde_bytes::ByteBuf::from(vec![1, 2, 3])],
            }],
            want: vec![DocId::new()],
            resume: Some(Resume {
                upto: 50,
                after: DocId::new(),
            }),
        }
    }

    #[test]
    fn small_bodies_are_stored_and_still_gzip() {
        let small = SyncRequest {
            push: Vec::new(),
            want: Vec::new(),
            resume: None,
            ..sample()
        };
        let bytes = encode(&small).unwrap();
        let mut plain = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_end(&mut plain)
            .unwrap();
        assert_eq!(plain, postcard::to_stdvec(&small).unwrap());
        assert_eq!(decode::<SyncRequest>(&bytes).unwrap(), small);
    }

    #[test]
    fn round_trips() {
        let req = sample();
        let bytes = encode(&req).unwrap();
        assert_eq!(decode::<SyncRequest>(&bytes).unwrap(), req);
        assert_eq!(peek_version(&bytes).unwrap(), PROTOCOL_VERSION);
    }

    #[test]
    fn truncated_and_garbled_bodies_are_errors() {
        let bytes = encode(&sample()).unwrap();
        for cut in 0..bytes.len() {
            assert!(
                decode::<SyncRequest>(&bytes[..cut]).is_err(),
                "cut at {cut}"
            );
        }
        assert!(decode::<SyncRequest>(b"not gzip at all").is_err());
        let garbage = encode(&vec![255u8; 100]).unwrap();
        assert!(decode::<SyncRequest>(&garbage).is_err());
    }

    #[test]
    fn decompression_bombs_are_refused() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![0u8; 1024 * 1024];
        for _ in 0..(MAX_BODY_BYTES / zeros.len() + 2) {
            gz.write_all(&zeros).unwrap();
        }
        let bomb = gz.finish().unwrap();
        assert!(bomb.len() < 1024 * 1024);
        assert!(decode::<SyncRequest>(&bomb).is_err());
    }
}
