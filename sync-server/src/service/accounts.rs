//! Teams, accounts, caseload assignment, enrollment codes, devices and web sign-in: what
//! admins and supervisors manage. Every change is audited, and whatever changes the roster or
//! a caseload rewrites the team's directory in the same transaction.

use chrono::{DateTime, Duration, Utc};
use fieldbook_core::ids::{DeviceId, SeekerId, TeamId, UserId};
use fieldbook_core::model::Role;
use serde::Serialize;

use super::Service;
use crate::db::{AuditRow, DeviceRow, TeamRow, UserRow, WriteTx};
use crate::{secrets, ServerError, ServerResult};

/// A new account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    pub team_id: TeamId,
    pub name: String,
    pub role: Role,
    /// Required for a job seeker's account: whose record they read.
    pub seeker_id: Option<SeekerId>,
}

/// A one-time enrollment code, shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EnrollCode {
    pub code: String,
    pub user_id: UserId,
    pub expires_at: DateTime<Utc>,
}

fn check_name(field: &'static str, name: &str) -> ServerResult<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(ServerError::invalid(field, "is required"));
    }
    if name.chars().count() > 200 {
        return Err(ServerError::invalid(field, "is longer than 200 characters"));
    }
    if name.chars().any(char::is_control) {
        return Err(ServerError::invalid(field, "contains control characters"));
    }
    Ok(name.to_string())
}

fn not_found(kind: &'static str, id: impl ToString) -> ServerError {
    ServerError::NotFound {
        kind,
        id: id.to_string(),
    }
}

impl Service {
    pub fn add_team(&self, name: &str) -> ServerResult<TeamRow> {
        let name = check_name("name", name)?;
        let team = TeamRow {
            id: TeamId::new(),
            name,
            created_at: Utc::now(),
        };
        self.write_retrying(|tx| {
            tx.insert_team(&team)?;
            tx.insert_audit(&[AuditRow::new("team.add").detail(team.id.to_string())])?;
            self.rewrite_directory(tx, team.id)?;
            Ok(team.clone())
        })
    }

    pub fn teams(&self) -> ServerResult<Vec<TeamRow>> {
        Ok(self.read()?.teams()?)
    }

    pub fn team(&self, id: TeamId) -> ServerResult<TeamRow> {
        self.read()?.team(id)?.ok_or_else(|| not_found("team", id))
    }

    pub fn add_user(&self, new: &NewUser) -> ServerResult<UserRow> {
        let name = check_name("name", &new.name)?;
        match (new.role, new.seeker_id) {
            (Role::Seeker, None) => {
                return Err(ServerError::invalid(
                    "seeker",
                    "a job seeker's account needs the id of their record",
                ))
            }
            (Role::Seeker, Some(_)) | (_, None) => {}
            (_, Some(_)) => {
                return Err(ServerError::invalid(
                    "seeker",
                    "only a job seeker's account names a record",
                ))
            }
        }
        let user = UserRow {
            id: UserId::new(),
            team_id: new.team_id,
            name,
            role: new.role,
            seeker_id: new.seeker_id,
            created_at: Utc::now(),
        };
        self.write_retrying(|tx| {
            tx.team(new.team_id)?
                .ok_or_else(|| not_found("team", new.team_id))?;
            let seq = tx.next_seq(user.team_id)?;
            tx.insert_user(&user, seq)?;
            tx.insert_audit(&[AuditRow::new("user.add").user(user.id)])?;
            if user.role.may_edit_records() {
                self.rewrite_directory(tx, user.team_id)?;
            }
            Ok(user.clone())
        })
    }

    pub fn users(&self) -> ServerResult<Vec<UserRow>> {
        Ok(self.read()?.users()?)
    }

    pub fn user(&self, id: UserId) -> ServerResult<UserRow> {
        self.read()?.user(id)?.ok_or_else(|| not_found("user", id))
    }

    /// Assigns a job seeker to a specialist; with `replace`, unassigns everyone else (whose
    /// phones then remove the record). Returns the job seeker's specialists afterwards.
    pub fn assign(
        &self,
        seeker: SeekerId,
        specialist: UserId,
        replace: bool,
    ) -> ServerResult<Vec<UserId>> {
        self.write_retrying(|tx| {
            let user = tx
                .user(specialist)?
                .ok_or_else(|| not_found("user", specialist))?;
            if user.role != Role::Specialist {
                return Err(ServerError::invalid(
                    "specialist",
                    format!(
                        "{} is a {}, not a specialist",
                        user.name,
                        user.role.as_str()
                    ),
                ));
            }
            if let Some(meta) = tx.doc_meta(seeker.doc())? {
                if meta.team_id != user.team_id {
                    return Err(ServerError::invalid(
                        "specialist",
                        "works in another team than this job seeker",
                    ));
                }
            }
            let current = tx.assigned(seeker)?;
            if replace {
                for other in current.iter().filter(|u| **u != specialist) {
                    revoke_access(tx, user.team_id, seeker, *other)?;
                }
            }
            if !current.contains(&specialist) {
                let seq = tx.next_seq(user.team_id)?;
                tx.insert_assignment(seeker, specialist, seq, None)?;
            }
            tx.insert_audit(&[AuditRow::new("assign").user(specialist).doc(seeker.doc())])?;
            self.rewrite_directory(tx, user.team_id)?;
            Ok(tx.assigned(seeker)?)
        })
    }

    pub fn unassign(&self, seeker: SeekerId, specialist: UserId) -> ServerResult<()> {
        self.write_retrying(|tx| {
            let user = tx
                .user(specialist)?
                .ok_or_else(|| not_found("user", specialist))?;
            if !tx.assigned(seeker)?.contains(&specialist) {
                return Err(not_found("assignment", format!("{seeker} → {specialist}")));
            }
            revoke_access(tx, user.team_id, seeker, specialist)?;
            tx.insert_audit(&[AuditRow::new("unassign").user(specialist).doc(seeker.doc())])?;
            self.rewrite_directory(tx, user.team_id)
        })
    }

    /// A one-time enrollment code for `user_id`, valid for `ttl` (an admin's command).
    pub fn add_enroll_code(&self, user_id: UserId, ttl: Duration) -> ServerResult<EnrollCode> {
        self.enroll_code_by(user_id, ttl, None)
    }

    /// A one-time enrollment code made by `by` (a supervisor, on the web page) or by an
    /// admin (`None`). A supervisor may make codes for their own team's accounts only;
    /// anyone else's is "no such user", the same words as for an account that does not
    /// exist. Audited with who made it.
    pub(crate) fn enroll_code_by(
        &self,
        user_id: UserId,
        ttl: Duration,
        by: Option<&UserRow>,
    ) -> ServerResult<EnrollCode> {
        if ttl <= Duration::zero() || ttl > Duration::days(30) {
            return Err(ServerError::invalid(
                "ttl",
                "must be between a minute and 30 days",
            ));
        }
        let code = secrets::new_code();
        let expires_at = Utc::now() + ttl;
        self.write_retrying(|tx| {
            let user = tx
                .user(user_id)?
                .ok_or_else(|| not_found("user", user_id))?;
            if let Some(by) = by {
                if user.team_id != by.team_id || user.role == Role::Admin {
                    return Err(not_found("user", user_id));
                }
            }
            tx.insert_code(
                &secrets::hash(&secrets::normalize_code(&code)),
                user_id,
                expires_at,
            )?;
            tx.insert_audit(&[by_whom(AuditRow::new("enroll_code.add").user(user_id), by)])?;
            Ok(EnrollCode {
                code: code.clone(),
                user_id,
                expires_at,
            })
        })
    }

    pub fn devices(&self) -> ServerResult<Vec<DeviceRow>> {
        Ok(self.read()?.devices()?)
    }

    /// Revokes a device: its next sync is refused and told to wipe the phone.
    pub fn revoke(&self, device: DeviceId) -> ServerResult<DeviceRow> {
        self.revoke_by(device, None)
    }

    /// Revokes a device on behalf of `by` (a supervisor, on the web page: their own team's
    /// phones only, anyone else's is "no such device") or an admin (`None`). Audited with
    /// who did it.
    pub(crate) fn revoke_by(
        &self,
        device: DeviceId,
        by: Option<&UserRow>,
    ) -> ServerResult<DeviceRow> {
        self.write_retrying(|tx| {
            let row = tx
                .device(device)?
                .ok_or_else(|| not_found("device", device))?;
            if let Some(by) = by {
                let owner = tx.user(row.user_id)?;
                if owner.is_none_or(|o| o.team_id != by.team_id) {
                    return Err(not_found("device", device));
                }
            }
            if !tx.revoke_device(device, Utc::now())? {
                return Err(not_found("device", device));
            }
            tx.insert_audit(&[by_whom(AuditRow::new("revoke").device(device), by)])?;
            tx.device(device)?
                .ok_or_else(|| not_found("device", device))
        })
    }

    /// Gives a supervisor or admin a web login and password (stored hashed); ends their
    /// sessions.
    pub fn set_password(
        &self,
        user_id: UserId,
        login: &str,
        password: &str,
    ) -> ServerResult<UserRow> {
        let login = check_name("login", login)?.to_lowercase();
        if password.chars().count() < 10 {
            return Err(ServerError::invalid(
                "password",
                "must be at least 10 characters",
            ));
        }
        let password_hash = secrets::hash_password(password);
        self.write_retrying(|tx| {
            let user = tx
                .user(user_id)?
                .ok_or_else(|| not_found("user", user_id))?;
            if !matches!(user.role, Role::Supervisor | Role::Admin) {
                return Err(ServerError::invalid(
                    "user",
                    "only supervisors and admins sign in to the web pages",
                ));
            }
            if tx.login(&login)?.is_some_and(|(u, _)| u.id != user_id) {
                return Err(ServerError::invalid("login", "is taken by another account"));
            }
            tx.set_password(user_id, &login, &password_hash)?;
            tx.delete_sessions(Some(user_id), Utc::now())?;
            tx.insert_audit(&[AuditRow::new("password.set").user(user_id)])?;
            Ok(user)
        })
    }

    /// The account with this web login and its stored password hash.
    pub fn find_login(&self, login: &str) -> ServerResult<Option<(UserRow, String)>> {
        Ok(self.read()?.login(&login.trim().to_lowercase())?)
    }

    /// Starts a web session (token stored hashed) until `expires_at`.
    pub fn add_session(
        &self,
        user: UserId,
        token_hash: &str,
        expires_at: DateTime<Utc>,
    ) -> ServerResult<()> {
        self.write_retrying(|tx| {
            tx.delete_sessions(None, Utc::now())?;
            tx.insert_session(token_hash, user, expires_at)?;
            tx.insert_audit(&[AuditRow::new("login").user(user)])?;
            Ok(())
        })
    }

    /// The account of a live web session.
    pub fn session_user(&self, token_hash: &str) -> ServerResult<Option<UserRow>> {
        Ok(self.read()?.session_user(token_hash, Utc::now())?)
    }

    pub fn end_session(&self, token_hash: &str) -> ServerResult<()> {
        self.write_retrying(|tx| Ok(tx.delete_session(token_hash)?))
    }

    /// Records a failed sign-in or enrollment from `addr`, for rate limiting.
    pub fn record_failure(&self, addr: &str) -> ServerResult<()> {
        self.write_retrying(|tx| Ok(tx.add_failure(addr, Utc::now())?))
    }

    /// Failures from `addr` in the last `minutes`.
    pub fn recent_failures(&self, addr: &str, minutes: i64) -> ServerResult<i64> {
        Ok(self
            .read()?
            .failures_since(addr, Utc::now() - Duration::minutes(minutes))?)
    }

    /// The newest audit lines, newest first.
    pub fn audit(&self, limit: u32) -> ServerResult<Vec<crate::db::AuditRow>> {
        Ok(self.read()?.audit(limit)?)
    }

    /// A server-wide secret named `name`, made on first use (e.g. the key of the state
    /// report's pseudonyms).
    pub fn secret(&self, name: &str) -> ServerResult<Vec<u8>> {
        let key = format!("secret:{name}");
        let stored = match self.read()?.setting(&key)? {
            Some(v) => v,
            None => {
                let fresh: [u8; 32] = rand::random();
                self.write_retrying(|tx| Ok(tx.setting_or_insert(&key, &hex::encode(fresh))?))?
            }
        };
        hex::decode(stored).map_err(|e| ServerError::Internal(e.to_string()))
    }
}

/// An audit row noting the supervisor who acted, when one did (an admin's commands run on
/// the server itself and name nobody).
fn by_whom(row: AuditRow, by: Option<&UserRow>) -> AuditRow {
    match by {
        Some(u) => row.detail(format!("by {} ({}) on the web page", u.name, u.id)),
        None => row,
    }
}

/// Takes a job seeker's record (and notes) from a specialist: numbered in the team's feed, so
/// their phones remove them at the next sync.
fn revoke_access(
    tx: &mut dyn WriteTx,
    team: TeamId,
    seeker: SeekerId,
    user: UserId,
) -> ServerResult<()> {
    for doc in [seeker.doc(), seeker.notes_doc()] {
        let seq = tx.next_seq(team)?;
        tx.insert_revocation(seq, user, doc)?;
    }
    tx.delete_assignment(seeker, user)?;
    Ok(())
}
