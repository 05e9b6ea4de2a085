//! Reads, for both the read-only views and the write transaction.

use chrono::{DateTime, Utc};
use fieldbook_core::ids::{DeviceId, DocId, SeekerId, TeamId, UserId};
use rusqlite::{params, OptionalExtension};

use super::rows::{
    self, col, opt_col, role_col, seq_col, DEVICE_COLUMNS, DOC_COLUMNS, USER_COLUMNS,
};
use super::HasConn;
use crate::access::Caller;
use crate::db::{
    unpack, ActorBinding, AuditRow, ChangeRow, CodeRow, DbResult, DeviceRow, DocMeta,
    QuarantineRow, ReadTx, RefusedPush, RefusedRow, Stats, StoredDoc, TeamRow, TokenOwner, UserRow,
};

/// Every sync's first statement: the device holding a token, with its user and its team's
/// feed position.
pub(super) const DEVICE_BY_TOKEN: &str =
    "SELECT d.id, d.user_id, u.role, u.team_id, u.seeker_id, d.actor, u.granted_seq,
            d.revoked_at, d.last_sync_at, d.last_cursor, t.feed
     FROM devices d JOIN users u ON u.id = d.user_id JOIN teams t ON t.id = u.team_id
     WHERE d.token_hash = ?1";

const REFUSED_COLUMNS: &str = "id, doc_id, kind, team_id, user_id, device_id, actor, code, reason,
     changes, at, resolution, resolved_by, resolved_at";

fn refused_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<RefusedRow> {
    let resolution: Option<String> = r.get(11)?;
    let by: Option<UserId> = opt_col(r, 12)?;
    let when: Option<DateTime<Utc>> = opt_col(r, 13)?;
    Ok(RefusedRow {
        id: r.get(0)?,
        push: RefusedPush {
            doc_id: col(r, 1)?,
            kind: rows::kind_col(r, 2)?,
            team_id: col(r, 3)?,
            user_id: col(r, 4)?,
            device_id: col(r, 5)?,
            actor: r.get(6)?,
            code: r.get(7)?,
            reason: r.get(8)?,
            changes: unpack(&r.get::<_, Vec<u8>>(9)?),
            at: col(r, 10)?,
        },
        resolution: match (resolution, by, when) {
            (Some(res), Some(by), Some(when)) => Some((res, by, when)),
            _ => None,
        },
    })
}

impl<T: HasConn> ReadTx for T {
    fn team(&self, id: TeamId) -> DbResult<Option<TeamRow>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT id, name, created_at FROM teams WHERE id = ?1")?
            .query_row([id.to_string()], rows::team)
            .optional()?)
    }

    fn teams(&self) -> DbResult<Vec<TeamRow>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT id, name, created_at FROM teams ORDER BY name, id")?;
        let rows = stmt.query_map([], rows::team)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn feed_position(&self, team: TeamId) -> DbResult<u64> {
        Ok(self
            .conn()
            .prepare_cached("SELECT feed FROM teams WHERE id = ?1")?
            .query_row([team.to_string()], |r| seq_col(r, 0))
            .optional()?
            .unwrap_or(0))
    }

    fn user(&self, id: UserId) -> DbResult<Option<UserRow>> {
        Ok(self
            .conn()
            .prepare_cached(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = ?1"))?
            .query_row([id.to_string()], rows::user)
            .optional()?)
    }

    fn users(&self) -> DbResult<Vec<UserRow>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {USER_COLUMNS} FROM users ORDER BY team_id, role, name, id"
        ))?;
        let rows = stmt.query_map([], rows::user)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn team_users(&self, team: TeamId) -> DbResult<Vec<UserRow>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE team_id = ?1 ORDER BY role, name, id"
        ))?;
        let rows = stmt.query_map([team.to_string()], rows::user)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn login(&self, login: &str) -> DbResult<Option<(UserRow, String)>> {
        Ok(self
            .conn()
            .prepare_cached(&format!(
                "SELECT {USER_COLUMNS}, password_hash FROM users
                 WHERE login = ?1 AND password_hash IS NOT NULL"
            ))?
            .query_row([login], |r| Ok((rows::user(r)?, r.get(6)?)))
            .optional()?)
    }

    fn session_user(&self, token_hash: &str, now: DateTime<Utc>) -> DbResult<Option<UserRow>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT u.id, u.team_id, u.name, u.role, u.seeker_id, u.created_at FROM sessions s
                 JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?1 AND s.expires_at > ?2",
            )?
            .query_row(params![token_hash, now.to_rfc3339()], rows::user)
            .optional()?)
    }

    fn code(&self, code_hash: &str) -> DbResult<Option<CodeRow>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT user_id, expires_at, used_by, used_at FROM enroll_codes WHERE code_hash = ?1",
            )?
            .query_row([code_hash], |r| {
                Ok(CodeRow {
                    user_id: col(r, 0)?,
                    expires_at: col(r, 1)?,
                    used_by: opt_col(r, 2)?,
                    used: r.get::<_, Option<String>>(3)?.is_some(),
                })
            })
            .optional()?)
    }

    fn device_by_token(&self, token_hash: &str) -> DbResult<Option<TokenOwner>> {
        Ok(self
            .conn()
            .prepare_cached(DEVICE_BY_TOKEN)?
            .query_row([token_hash], |r| {
                Ok(TokenOwner {
                    caller: Caller {
                        device_id: col(r, 0)?,
                        user_id: col(r, 1)?,
                        role: role_col(r, 2)?,
                        team_id: col(r, 3)?,
                        seeker_id: opt_col(r, 4)?,
                        actor: r.get(5)?,
                        granted_seq: seq_col(r, 6)?,
                        last_sync_at: opt_col(r, 8)?,
                        last_cursor: seq_col(r, 9)?,
                        team_feed: Some(seq_col(r, 10)?),
                    },
                    revoked: r.get::<_, Option<String>>(7)?.is_some(),
                })
            })
            .optional()?)
    }

    fn device_by_actor(&self, actor: &str) -> DbResult<Option<ActorBinding>> {
        Ok(self
            .conn()
            .prepare_cached(
                "SELECT id, user_id, last_sync_at IS NOT NULL, revoked_at IS NOT NULL
                 FROM devices WHERE actor = ?1",
            )?
            .query_row([actor], |r| {
                Ok(ActorBinding {
                    device_id: col(r, 0)?,
                    user_id: col(r, 1)?,
                    synced: r.get(2)?,
                    revoked: r.get(3)?,
                })
            })
            .optional()?)
    }

    fn device_actor(&self, device: DeviceId) -> DbResult<Option<String>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT actor FROM devices WHERE id = ?1")?
            .query_row([device.to_string()], |r| r.get(0))
            .optional()?)
    }

    fn devices(&self) -> DbResult<Vec<DeviceRow>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {DEVICE_COLUMNS} FROM devices d JOIN users u ON u.id = d.user_id
             ORDER BY d.enrolled_at, d.id"
        ))?;
        let rows = stmt.query_map([], rows::device)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn device(&self, id: DeviceId) -> DbResult<Option<DeviceRow>> {
        Ok(self
            .conn()
            .prepare_cached(&format!(
                "SELECT {DEVICE_COLUMNS} FROM devices d JOIN users u ON u.id = d.user_id
                 WHERE d.id = ?1"
            ))?
            .query_row([id.to_string()], rows::device)
            .optional()?)
    }

    fn is_server_actor(&self, actor: &str) -> DbResult<bool> {
        Ok(self
            .conn()
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM server_actors WHERE actor = ?1)")?
            .query_row([actor], |r| r.get(0))?)
    }

    fn is_genesis_actor(&self, actor: &str) -> DbResult<bool> {
        Ok(self
            .conn()
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM documents WHERE genesis_actor = ?1)")?
            .query_row([actor], |r| r.get(0))?)
    }

    fn caseload(&self, user: UserId) -> DbResult<Vec<(SeekerId, u64, Option<DeviceId>)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT seeker_id, seq, device_id FROM assignments WHERE user_id = ?1 ORDER BY seeker_id",
        )?;
        let rows = stmt.query_map([user.to_string()], |r| {
            Ok((col(r, 0)?, seq_col(r, 1)?, opt_col(r, 2)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn assigned(&self, seeker: SeekerId) -> DbResult<Vec<UserId>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT user_id FROM assignments WHERE seeker_id = ?1 ORDER BY user_id",
        )?;
        let rows = stmt.query_map([seeker.to_string()], |r| col(r, 0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn team_assignments(&self, team: TeamId) -> DbResult<Vec<(SeekerId, UserId)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT a.seeker_id, a.user_id FROM assignments a JOIN users u ON u.id = a.user_id
             WHERE u.team_id = ?1 ORDER BY a.seeker_id, a.user_id",
        )?;
        let rows = stmt.query_map([team.to_string()], |r| Ok((col(r, 0)?, col(r, 1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn revocations(&self, user: UserId, after: u64) -> DbResult<Vec<(DocId, u64)>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT doc_id, seq FROM revocations WHERE user_id = ?1 AND seq > ?2 ORDER BY seq, doc_id",
        )?;
        let rows = stmt.query_map(params![user.to_string(), after as i64], |r| {
            Ok((col(r, 0)?, seq_col(r, 1)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn doc_meta(&self, id: DocId) -> DbResult<Option<DocMeta>> {
        Ok(self
            .conn()
            .prepare_cached(&format!(
                "SELECT {DOC_COLUMNS} FROM documents WHERE id = ?1"
            ))?
            .query_row([id.to_string()], rows::doc_meta)
            .optional()?)
    }

    fn team_docs(&self, team: TeamId) -> DbResult<Vec<DocMeta>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {DOC_COLUMNS} FROM documents WHERE team_id = ?1 ORDER BY id"
        ))?;
        let rows = stmt.query_map([team.to_string()], rows::doc_meta)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn team_docs_changed(&self, team: TeamId, after: u64) -> DbResult<Vec<DocMeta>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {DOC_COLUMNS} FROM documents WHERE team_id = ?1 AND updated_seq > ?2 ORDER BY id"
        ))?;
        let rows = stmt.query_map(params![team.to_string(), after as i64], rows::doc_meta)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn stored_doc(&self, id: DocId) -> DbResult<Option<StoredDoc>> {
        let found = self
            .conn()
            .prepare_cached(&format!(
                "SELECT {DOC_COLUMNS}, snapshot FROM documents WHERE id = ?1"
            ))?
            .query_row([id.to_string()], |r| Ok((rows::doc_meta(r)?, r.get(8)?)))
            .optional()?;
        let Some((meta, snapshot)) = found else {
            return Ok(None);
        };
        let mut stmt = self.conn().prepare_cached(
            "SELECT bytes FROM changes WHERE doc_id = ?1 AND seq > ?2 ORDER BY seq",
        )?;
        let tail = stmt
            .query_map(params![id.to_string(), meta.snapshot_seq as i64], |r| {
                r.get(0)
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Some(StoredDoc {
            meta,
            snapshot,
            tail,
        }))
    }

    fn changes_after(
        &self,
        doc: DocId,
        after: u64,
        upto: u64,
        except: DeviceId,
    ) -> DbResult<Vec<ChangeRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT seq, hash, bytes FROM changes WHERE doc_id = ?1 AND seq > ?2 AND seq <= ?3
             AND (device_id IS NULL OR device_id != ?4) ORDER BY seq",
        )?;
        let rows = stmt.query_map(
            params![
                doc.to_string(),
                after as i64,
                upto as i64,
                except.to_string()
            ],
            |r| {
                Ok(ChangeRow {
                    seq: seq_col(r, 0)?,
                    hash: r.get(1)?,
                    bytes: r.get(2)?,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn doc_changes(&self, doc: DocId) -> DbResult<Vec<ChangeRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT seq, hash, bytes FROM changes WHERE doc_id = ?1 ORDER BY seq",
        )?;
        let rows = stmt.query_map([doc.to_string()], |r| {
            Ok(ChangeRow {
                seq: seq_col(r, 0)?,
                hash: r.get(1)?,
                bytes: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn quarantined(&self) -> DbResult<Vec<QuarantineRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT doc_id, hash, reason, at FROM quarantine ORDER BY at, doc_id, hash",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(QuarantineRow {
                doc_id: col(r, 0)?,
                hash: r.get(1)?,
                reason: r.get(2)?,
                at: col(r, 3)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn refused(&self, team: TeamId) -> DbResult<Vec<RefusedRow>> {
        let mut stmt = self.conn().prepare_cached(&format!(
            "SELECT {REFUSED_COLUMNS} FROM refused WHERE team_id = ?1 ORDER BY id DESC"
        ))?;
        let rows = stmt.query_map([team.to_string()], refused_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn refused_one(&self, id: i64) -> DbResult<Option<RefusedRow>> {
        Ok(self
            .conn()
            .prepare_cached(&format!(
                "SELECT {REFUSED_COLUMNS} FROM refused WHERE id = ?1"
            ))?
            .query_row([id], refused_row)
            .optional()?)
    }

    fn failures_since(&self, addr: &str, since: DateTime<Utc>) -> DbResult<i64> {
        Ok(self
            .conn()
            .prepare_cached("SELECT COUNT(*) FROM enroll_failures WHERE addr = ?1 AND at > ?2")?
            .query_row(params![addr, since.timestamp()], |r| r.get(0))?)
    }

    fn setting(&self, key: &str) -> DbResult<Option<String>> {
        Ok(self
            .conn()
            .prepare_cached("SELECT value FROM meta WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    fn audit(&self, limit: u32) -> DbResult<Vec<AuditRow>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT at, action, user_id, device_id, doc_id, hash, detail FROM audit
             ORDER BY id DESC LIMIT ?1",
        )?;
        let rows = stmt.query_map([limit], |r| {
            Ok(AuditRow {
                at: col(r, 0)?,
                action: r.get(1)?,
                user_id: r.get(2)?,
                device_id: r.get(3)?,
                doc_id: r.get(4)?,
                hash: r.get(5)?,
                detail: r.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    fn stats(&self) -> DbResult<Stats> {
        let count = |table: &str| -> DbResult<u64> {
            Ok(self
                .conn()
                .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| {
                    seq_col(r, 0)
                })?)
        };
        Ok(Stats {
            teams: count("teams")?,
            users: count("users")?,
            devices: count("devices")?,
            documents: count("documents")?,
            changes: count("changes")?,
            quarantined: count("quarantine")?,
        })
    }
}
