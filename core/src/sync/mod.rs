//! Syncing with the server: enrollment, then a batched exchange (`docs/adr/0002`). Blocking:
//! the apps call [`Store::sync`] from a background worker.

mod cancel;
mod http;
mod log;

use std::collections::BTreeSet;
use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::document::DocKind;
use crate::ids::DocId;
use crate::model::Role;
use crate::protocol::{
    self, DocData, EnrollRequest, EnrollResponse, PushDoc, RejectCode, Resume, SyncRequest,
    SyncResponse, ENROLL_PATH, PROTOCOL_VERSION,
};
use crate::store::{Identity, RemoteData, RemoteDoc, Store};
use crate::{Error, Reason, Result};

pub(crate) use cancel::Running;
pub(crate) use cancel::SyncCancel;
use http::Http;
pub use http::{check_url, Refusal};

/// Rounds one sync may take before it stops (a large first sync pages; the steady state is 1).
const MAX_ROUNDS: u32 = 1000;

/// What a phone needs to enroll.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Enrollment {
    /// `https://…`, or `http://` to this machine only.
    pub server_url: String,
    /// The one-time code from a supervisor or admin.
    pub code: String,
    pub device_name: String,
    /// A PEM certificate to trust besides the system's roots (a self-signed server).
    pub ca_certificate_pem: Option<Vec<u8>>,
}

/// A document whose changes did not reach the record: the server refused them, or the
/// record left this phone before they were sent. The changes are kept on the phone
/// ([`Store::pending`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RejectedDoc {
    pub id: DocId,
    pub code: RejectCode,
    /// In plain words, for the app to show.
    pub reason: String,
    /// Whose record, in words: "job seeker Erik Lund", "case notes of Erik Lund", "employer
    /// Sunny Side Laundromat".
    #[serde(default)]
    pub record: String,
    /// What the refused changes did (their operations: `note.add`, `plan.step.add`…).
    #[serde(default)]
    pub what: Vec<String>,
}

impl RejectedDoc {
    /// One line for people: "job seeker Erik Lund (note.add, plan.step.add): why".
    pub fn describe(&self) -> String {
        if self.what.is_empty() {
            format!("{}: {}", self.record, self.reason)
        } else {
            format!(
                "{} ({}): {}",
                self.record,
                self.what.join(", "),
                self.reason
            )
        }
    }
}

/// What a sync did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncReport {
    /// Documents whose local changes the server accepted.
    pub sent: u32,
    /// Documents that changed here because of the server.
    pub received: u32,
    /// Documents removed because this phone may no longer hold them.
    pub removed: u32,
    /// Documents the server refused, with reasons.
    pub rejected: Vec<RejectedDoc>,
    /// Documents that arrived but could not be merged; asked for whole next time.
    pub failed: Vec<DocId>,
    /// Bytes on the wire (compressed bodies).
    pub bytes_up: u64,
    pub bytes_down: u64,
    pub round_trips: u32,
    pub duration_ms: u64,
}

/// Progress of a long sync, reported after each round trip.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncProgress {
    pub round_trips: u32,
    pub received: u32,
    pub bytes_down: u64,
    /// The server has more to send.
    pub more: bool,
}

const CURSOR: &str = "feed_cursor";
const RESUME: &str = "feed_resume";
const CA_PEM: &str = "ca_pem";
const LAST_SYNC: &str = "last_sync";

impl Store {
    /// Enrolls this phone with a server using a one-time code. Work done before enrollment is
    /// kept and syncs as this device's own.
    pub fn enroll(&self, enrollment: &Enrollment) -> Result<Identity> {
        let current = self.identity();
        if current.is_enrolled() {
            return Err(Error::invalid_because(
                "server_url",
                Reason::AlreadyEnrolled,
            ));
        }
        let code = enrollment.code.trim();
        if code.is_empty() {
            return Err(Error::invalid("code", "is required"));
        }
        let http = Http::new(
            &enrollment.server_url,
            enrollment.ca_certificate_pem.as_deref(),
        )?;
        let request = EnrollRequest {
            version: PROTOCOL_VERSION,
            code: code.to_string(),
            actor: current.actor.clone(),
            device_name: enrollment.device_name.trim().to_string(),
        };
        let body = serde_json::to_vec(&request).map_err(|e| Error::malformed("enrollment", e))?;
        let answer = http.post_json(ENROLL_PATH, body)?;
        let answer: EnrollResponse = serde_json::from_slice(&answer)
            .map_err(|e| Error::malformed("enrollment answer", e))?;
        self.accept_enrollment(
            &enrollment.server_url,
            &answer,
            enrollment.ca_certificate_pem.as_deref(),
        )
    }

    /// Takes on the identity a server granted this phone. [`Store::enroll`] calls it after
    /// its HTTP exchange; a server seeding its own demo data calls it directly.
    pub fn accept_enrollment(
        &self,
        server_url: &str,
        answer: &EnrollResponse,
        ca_certificate_pem: Option<&[u8]>,
    ) -> Result<Identity> {
        let current = self.identity();
        if current.is_enrolled() {
            return Err(Error::invalid_because(
                "server_url",
                Reason::AlreadyEnrolled,
            ));
        }
        let identity = Identity {
            actor: current.actor,
            device_id: Some(answer.device_id),
            user_id: Some(answer.user_id),
            user_name: Some(answer.user_name.clone()),
            role: Some(answer.role),
            team_id: Some(answer.team_id),
            server_url: Some(server_url.trim().to_string()),
        };
        if let Some(pem) = ca_certificate_pem {
            self.set_meta(CA_PEM, Some(&String::from_utf8_lossy(pem)))?;
        }
        self.set_identity(identity.clone(), &answer.token)?;
        Ok(identity)
    }

    /// When this phone last synced successfully (RFC 3339), if ever.
    pub fn last_sync(&self) -> Result<Option<String>> {
        self.meta(LAST_SYNC)
    }

    /// Sends this phone's changes and receives everything it lacks, in as few round trips as
    /// the data allows (one in the steady state). Safe to interrupt at any moment and to
    /// repeat. A revoked device is wiped and gets [`Error::DeviceRevoked`].
    ///
    /// [`Store::cancel_sync`] stops it between requests and pages (or while an answer is
    /// arriving) with [`Error::Cancelled`]; the network exchange holds no lock, and each page
    /// is merged in its own transaction, so reads never wait for it and a local write waits
    /// at most for one page's merge.
    pub fn sync(&self, progress: Option<&dyn Fn(&SyncProgress)>) -> Result<SyncReport> {
        let identity = self.identity();
        let (Some(url), Some(token)) = (identity.server_url.clone(), self.token()?) else {
            return Err(Error::NotEnrolled);
        };
        let ca = self.meta(CA_PEM)?;
        let http = Http::new(&url, ca.as_deref().map(str::as_bytes))?;
        let running = self.syncs.start();
        let cancel = &running.token;
        let exchange = |body| http.post_sync(&token, body, &|| cancel.is_cancelled());
        log::failure(self.run_sync(&exchange, progress, cancel))
    }

    /// [`Store::sync`] over any transport: `exchange` takes an encoded request body and
    /// returns the encoded answer. Used by the HTTP client and by a server seeding demo data
    /// in-process.
    pub fn sync_with(
        &self,
        exchange: &dyn Fn(Vec<u8>) -> std::result::Result<Vec<u8>, Refusal>,
        progress: Option<&dyn Fn(&SyncProgress)>,
    ) -> Result<SyncReport> {
        let running = self.syncs.start();
        log::failure(self.run_sync(exchange, progress, &running.token))
    }

    fn run_sync(
        &self,
        exchange: &dyn Fn(Vec<u8>) -> std::result::Result<Vec<u8>, Refusal>,
        progress: Option<&dyn Fn(&SyncProgress)>,
        cancel: &SyncCancel,
    ) -> Result<SyncReport> {
        let started = Instant::now();
        let mut report = SyncReport::default();
        let mut asked_twice: BTreeSet<DocId> = BTreeSet::new();
        let mut finished = false;
        tracing::info!(pending = self.pending_changes()?, "sync started");
        for _ in 0..MAX_ROUNDS {
            if cancel.is_cancelled() {
                return Err(log::cancelled(&report));
            }
            let cursor: u64 = self.meta(CURSOR)?.and_then(|c| c.parse().ok()).unwrap_or(0);
            let resume: Option<Resume> = self
                .meta(RESUME)?
                .and_then(|r| serde_json::from_str(&r).ok());
            let want = self.wanted()?;
            let mut outbox = self.outbox()?;
            outbox.extend(self.stranded()?);
            let outgoing = page_of(outbox, protocol::PUSH_PAGE_BYTES);
            let request = SyncRequest {
                version: PROTOCOL_VERSION,
                cursor,
                push: outgoing
                    .iter()
                    .map(|o| PushDoc {
                        id: o.id,
                        kind: o.kind,
                        changes: o
                            .changes
                            .iter()
                            .map(|(_, b)| serde_bytes::ByteBuf::from(b.clone()))
                            .collect(),
                    })
                    .collect(),
                want: want.clone(),
                resume,
            };
            let body = protocol::encode(&request)?;
            report.bytes_up += body.len() as u64;
            report.round_trips += 1;
            log::request(report.round_trips, &request, body.len());
            let answer = match exchange(body) {
                Ok(a) => a,
                Err(Refusal::Wipe) => {
                    tracing::warn!("the server revoked this device: wiping it");
                    self.wipe()?;
                    return Err(Error::DeviceRevoked);
                }
                Err(Refusal::Other(Error::Cancelled)) => return Err(log::cancelled(&report)),
                Err(Refusal::Other(e)) => return Err(e),
            };
            // An answer not applied changes nothing: its pushes are sent again next time
            // (the server keeps each change once) and the cursor has not moved.
            if cancel.is_cancelled() {
                return Err(log::cancelled(&report));
            }
            report.bytes_down += answer.len() as u64;
            let response: SyncResponse = protocol::decode(&answer)?;
            self.check_answer(&response, &request)?;
            let more = response.more;
            let merging = Instant::now();
            let docs = response.docs.len();
            self.apply_response(response, &outgoing, &want, &mut report, &mut asked_twice)?;
            log::page(
                report.round_trips,
                docs,
                answer.len(),
                more,
                merging.elapsed(),
            );
            if let Some(p) = progress {
                p(&SyncProgress {
                    round_trips: report.round_trips,
                    received: report.received,
                    bytes_down: report.bytes_down,
                    more,
                });
            }
            let wanted_again: Vec<DocId> = self.wanted()?;
            let stuck = wanted_again.iter().all(|w| asked_twice.contains(w));
            if !more && self.pending_changes()? == 0 && (wanted_again.is_empty() || stuck) {
                finished = true;
                break;
            }
        }
        if !finished {
            return Err(Error::Incomplete(format!(
                "the sync stopped after {MAX_ROUNDS} round trips with more to send or receive; \
                 run it again (nothing is lost)"
            )));
        }
        self.compact()?;
        self.set_meta(LAST_SYNC, Some(&chrono::Utc::now().to_rfc3339()))?;
        report.failed = self.wanted()?;
        report.duration_ms = started.elapsed().as_millis() as u64;
        log::finished(&report);
        Ok(report)
    }

    /// Refuses an answer a server should never give, before anything of it is applied: a
    /// refusal of a document this request did not push, the same document twice, documents
    /// of kinds this phone's person may not hold, another team's directory.
    fn check_answer(&self, response: &SyncResponse, request: &SyncRequest) -> Result<()> {
        let bad = |why: String| Err(Error::malformed("sync answer", why));
        if response.version != PROTOCOL_VERSION {
            return bad(format!("protocol version {}", response.version));
        }
        let pushed: BTreeSet<DocId> = request.push.iter().map(|p| p.id).collect();
        if let Some(r) = response.rejected.iter().find(|r| !pushed.contains(&r.id)) {
            return bad(format!("it refuses document {} that was not sent", r.id));
        }
        let mut seen = BTreeSet::new();
        let identity = self.identity();
        for d in &response.docs {
            if !seen.insert(d.id) {
                return bad(format!("document {} comes twice", d.id));
            }
            let allowed = match (identity.role, d.kind) {
                (Some(Role::Seeker), kind) => kind == DocKind::Seeker,
                (Some(Role::Admin), _) => false,
                (_, DocKind::Directory) => identity.team_id.is_none_or(|t| t.doc() == d.id),
                _ => true,
            };
            if !allowed {
                return bad(format!(
                    "it sends a {} document this phone may not hold",
                    d.kind.as_str()
                ));
            }
        }
        if response.more
            && response.resume.is_none()
            && response.cursor <= request.cursor
            && response.docs.is_empty()
        {
            return bad("it asks for more without moving on".into());
        }
        Ok(())
    }

    fn apply_response(
        &self,
        response: SyncResponse,
        outgoing: &[crate::store::Outgoing],
        asked: &[DocId],
        report: &mut SyncReport,
        asked_twice: &mut BTreeSet<DocId>,
    ) -> Result<()> {
        let rejected: BTreeSet<DocId> = response.rejected.iter().map(|r| r.id).collect();
        // Work stranded by a reassignment was sent only for the supervisor to see: whatever
        // the server did with it, it is not sent again.
        for o in outgoing.iter().filter(|o| o.stranded) {
            let rows: Vec<i64> = o.changes.iter().map(|(row, _)| *row).collect();
            let reason = response
                .rejected
                .iter()
                .find(|r| r.id == o.id)
                .map(|r| r.reason.as_str());
            self.stranded_shown(&rows, reason)?;
        }
        for r in &response.rejected {
            // The reason and the record's name stay out of the log: ids and codes only.
            tracing::warn!(doc = %r.id, code = ?r.code, "the server refused a document");
            if outgoing.iter().any(|o| o.id == r.id && o.stranded) {
                continue;
            }
            let dropped = self.reject(r.id, r.code, &r.reason)?;
            report.rejected.push(RejectedDoc {
                id: r.id,
                code: r.code,
                reason: r.reason.clone(),
                record: dropped.record,
                what: dropped.what,
            });
        }
        let accepted: Vec<&crate::store::Outgoing> = outgoing
            .iter()
            .filter(|o| !o.stranded && !rejected.contains(&o.id))
            .collect();
        let rows: Vec<i64> = accepted
            .iter()
            .flat_map(|o| o.changes.iter().map(|(row, _)| *row))
            .collect();
        self.ack(&rows)?;
        report.sent += accepted.len() as u32;
        let incoming = response
            .docs
            .into_iter()
            .map(|d| RemoteDoc {
                id: d.id,
                kind: d.kind,
                data: match d.data {
                    DocData::Snapshot(b) => RemoteData::Snapshot(b.into_vec()),
                    DocData::Changes(c) => {
                        RemoteData::Changes(c.into_iter().map(|b| b.into_vec()).collect())
                    }
                },
            })
            .collect();
        let merged = self.merge_remote(incoming)?;
        report.received += merged.changed.len() as u32;
        for (id, _) in &merged.failed {
            tracing::warn!(doc = %id, "a document did not merge; asking for it whole");
        }
        let (removed, dropped) = self.remove_keeping_unsent(&response.removed)?;
        report.removed += removed.len() as u32;
        if !removed.is_empty() || !dropped.is_empty() {
            tracing::info!(
                removed = removed.len(),
                with_unsent = dropped.len(),
                "documents left this phone"
            );
        }
        // A record that left before its changes were sent: they are kept, and said so.
        for d in dropped {
            report.rejected.push(RejectedDoc {
                id: d.id,
                code: RejectCode::Forbidden,
                reason: crate::store::LEFT_THE_PHONE.into(),
                record: d.record,
                what: d.what,
            });
        }
        // Asked-for and refused documents are settled by this answer: merged, or not sent
        // because this phone may not read them. What failed to merge is asked for again.
        let mut want: BTreeSet<DocId> = self.wanted()?.into_iter().collect();
        want.retain(|id| !asked.contains(id) && !rejected.contains(id));
        for (id, _) in &merged.failed {
            if asked.contains(id) {
                asked_twice.insert(*id);
            }
            want.insert(*id);
        }
        self.set_wanted(&want.into_iter().collect::<Vec<_>>())?;
        let resume = response
            .resume
            .map(|r| serde_json::to_string(&r).unwrap_or_default());
        self.set_meta(RESUME, resume.as_deref())?;
        self.set_meta(CURSOR, Some(&response.cursor.to_string()))
    }
}

/// The first documents of the outbox whose changes fit in `budget` bytes; when the first
/// document alone is larger, the first of its changes that fit (at least one), in order:
/// the rest follows in the next request.
fn page_of(outbox: Vec<crate::store::Outgoing>, budget: usize) -> Vec<crate::store::Outgoing> {
    let mut out = Vec::new();
    let mut used = 0usize;
    for mut doc in outbox {
        let size: usize = doc.changes.iter().map(|(_, b)| b.len()).sum();
        if used + size <= budget {
            used += size;
            out.push(doc);
            continue;
        }
        if out.is_empty() {
            let mut taken = 0usize;
            let keep = doc
                .changes
                .iter()
                .take_while(|(_, b)| {
                    taken += b.len();
                    taken <= budget
                })
                .count()
                .max(1);
            doc.changes.truncate(keep);
            out.push(doc);
        }
        break;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Outgoing;

    fn doc(sizes: &[usize]) -> Outgoing {
        Outgoing {
            stranded: false,
            id: DocId::new(),
            kind: DocKind::Employer,
            changes: sizes
                .iter()
                .enumerate()
                .map(|(i, n)| (i as i64, vec![0; *n]))
                .collect(),
        }
    }

    #[test]
    fn pushes_are_paged_by_document_and_within_a_large_one() {
        let a = doc(&[40, 40]);
        let b = doc(&[30]);
        let paged = page_of(vec![a.clone(), b.clone()], 100);
        assert_eq!(paged.len(), 1, "b would overflow the page");
        assert_eq!(paged[0].changes.len(), 2);
        let huge = doc(&[60, 60, 60]);
        let paged = page_of(vec![huge], 100);
        assert_eq!(paged[0].changes.len(), 1, "a prefix of one large document");
        let giant = doc(&[500]);
        assert_eq!(
            page_of(vec![giant], 100)[0].changes.len(),
            1,
            "at least one change"
        );
        assert_eq!(page_of(vec![a, b], 1000).len(), 2);
    }
}
