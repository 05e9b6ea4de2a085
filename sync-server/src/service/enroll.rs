//! Enrolling a phone with a one-time code. The phone sends the actor it already writes with,
//! so work done before enrollment syncs as its own. Enrollment is safe to repeat: an answer
//! lost on the way leaves the phone able to try again — with the same code, or with a new
//! code while its device has never synced.

use chrono::{Duration, Utc};
use fieldbook_core::ids::DeviceId;
use fieldbook_core::protocol::{EnrollRequest, EnrollResponse, PROTOCOL_VERSION};

use super::Service;
use crate::db::{AuditRow, NewDevice, WriteTx};
use crate::{secrets, ServerError, ServerResult};

/// Failed enrollment attempts allowed per address within [`FAILURE_WINDOW_MINUTES`].
pub const MAX_ENROLL_FAILURES: i64 = 10;
/// The window failed attempts (enrollment and web sign-in) are counted over.
pub const FAILURE_WINDOW_MINUTES: i64 = 15;
/// Bytes in a phone's actor (Automerge's random actor ids).
const ACTOR_BYTES: usize = 16;

impl Service {
    /// Redeems a code for a device. `addr` is the caller's address, for rate limiting.
    pub fn enroll(&self, request: &EnrollRequest, addr: &str) -> ServerResult<EnrollResponse> {
        if request.version != PROTOCOL_VERSION {
            return Err(ServerError::UnsupportedVersion(request.version.to_string()));
        }
        let actor = hex::decode(request.actor.trim())
            .ok()
            .filter(|a| a.len() == ACTOR_BYTES)
            .map(hex::encode)
            .ok_or_else(|| ServerError::invalid("actor", "is not a valid actor id"))?;
        let device_name = match request.device_name.trim() {
            "" => "unnamed phone".to_string(),
            name => name.chars().filter(|c| !c.is_control()).take(100).collect(),
        };
        let code_hash = secrets::hash(&secrets::normalize_code(&request.code));
        // A refusal is an `Ok(Err)`, so the failure row it writes is committed.
        self.write_retrying(|tx| {
            let now = Utc::now();
            let since = now - Duration::minutes(FAILURE_WINDOW_MINUTES);
            if tx.failures_since(addr, since)? >= MAX_ENROLL_FAILURES {
                return Ok(Err(ServerError::RateLimited));
            }
            match redeem(tx, &code_hash, &actor, &device_name)? {
                Ok(device) => {
                    let user = tx
                        .device(device)?
                        .ok_or_else(|| ServerError::Internal("enrolled device vanished".into()))?;
                    let user = tx
                        .user(user.user_id)?
                        .ok_or_else(|| ServerError::Internal("enrolled user vanished".into()))?;
                    let token = secrets::new_token();
                    tx.set_token(device, &secrets::hash(&token))?;
                    Ok(Ok(EnrollResponse {
                        version: PROTOCOL_VERSION,
                        device_id: device,
                        user_id: user.id,
                        user_name: user.name,
                        role: user.role,
                        team_id: user.team_id,
                        token,
                    }))
                }
                Err(e) => {
                    if matches!(e, ServerError::BadCode) {
                        tx.add_failure(addr, now)?;
                    }
                    Ok(Err(e))
                }
            }
        })?
    }
}

/// The device a code enrolls `actor` as: a new one; the same one again when the same phone
/// repeats the request with the same code (its answer was lost); or a device of this actor
/// that never synced, given to the code's user (its first enrollment's answer was lost and
/// the code spent). Everything else is refused.
fn redeem(
    tx: &mut dyn WriteTx,
    code_hash: &str,
    actor: &str,
    device_name: &str,
) -> ServerResult<Result<DeviceId, ServerError>> {
    let now = Utc::now();
    let Some(code) = tx.code(code_hash)? else {
        return Ok(Err(ServerError::BadCode));
    };
    let binding = tx.device_by_actor(actor)?;
    if code.used {
        // The same phone asking again with the code it already redeemed.
        return Ok(match binding {
            Some(b) if Some(b.device_id) == code.used_by && !b.revoked => {
                tx.insert_audit(&[AuditRow::new("enroll.repeat")
                    .user(b.user_id)
                    .device(b.device_id)])?;
                Ok(b.device_id)
            }
            _ => Err(ServerError::BadCode),
        });
    }
    if code.expires_at <= now {
        return Ok(Err(ServerError::BadCode));
    }
    if tx.is_server_actor(actor)? || tx.is_genesis_actor(actor)? {
        return Ok(Err(ServerError::invalid(
            "actor",
            "is reserved; this phone must make a new one",
        )));
    }
    let device = match binding {
        None => {
            let device = DeviceId::new();
            tx.insert_device(&NewDevice {
                id: device,
                user_id: code.user_id,
                name: device_name.to_string(),
                actor: actor.to_string(),
                // Replaced by the caller with the token it hands out.
                token_hash: secrets::hash(&secrets::new_token()),
                at: now,
            })?;
            tx.insert_audit(&[AuditRow::new("enroll").user(code.user_id).device(device)])?;
            device
        }
        Some(b) if !b.synced && !b.revoked => {
            tx.rebind_device(
                b.device_id,
                code.user_id,
                device_name,
                &secrets::hash(&secrets::new_token()),
            )?;
            tx.insert_audit(&[AuditRow::new("enroll.again")
                .user(code.user_id)
                .device(b.device_id)
                .detail(format!("was bound to user {}", b.user_id))])?;
            b.device_id
        }
        Some(_) => return Ok(Err(ServerError::ActorInUse)),
    };
    if !tx.redeem_code(code_hash, device, now)? {
        // Another request redeemed it first.
        return Err(ServerError::Storage(crate::db::DbError::Conflict));
    }
    Ok(Ok(device))
}
