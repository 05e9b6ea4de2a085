//! Writes, inside the one write transaction.

use chrono::{DateTime, Utc};
use fieldbook_core::ids::{DeviceId, DocId, SeekerId, TeamId, UserId};
use rusqlite::params;

use super::rows::seq_col;
use super::{HasConn, Writer};
use crate::db::{
    pack, AuditRow, DbError, DbResult, DocMeta, NewChangeRow, NewDevice, RefusedPush, TeamRow,
    UserRow, WriteTx,
};

fn ts(at: DateTime<Utc>) -> String {
    at.to_rfc3339()
}

impl WriteTx for Writer<'_> {
    fn next_seq(&mut self, team: TeamId) -> DbResult<u64> {
        let seq = self
            .conn()
            .prepare_cached("UPDATE teams SET feed = feed + 1 WHERE id = ?1 RETURNING feed")?
            .query_row([team.to_string()], |r| seq_col(r, 0));
        match seq {
            Ok(s) => Ok(s),
            Err(rusqlite::Error::QueryReturnedNoRows) => Err(DbError::Other(format!(
                "no team {team} to number a change of"
            ))),
            Err(e) => Err(e.into()),
        }
    }

    fn insert_team(&mut self, team: &TeamRow) -> DbResult<()> {
        self.conn().execute(
            "INSERT INTO teams (id, name, created_at, feed) VALUES (?1, ?2, ?3, 0)",
            params![team.id.to_string(), team.name, ts(team.created_at)],
        )?;
        Ok(())
    }

    fn insert_user(&mut self, user: &UserRow, granted_seq: u64) -> DbResult<()> {
        self.conn().execute(
            "INSERT INTO users (id, team_id, name, role, seeker_id, granted_seq, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                user.id.to_string(),
                user.team_id.to_string(),
                user.name,
                user.role.as_str(),
                user.seeker_id.map(|s| s.to_string()),
                granted_seq as i64,
                ts(user.created_at)
            ],
        )?;
        Ok(())
    }

    fn set_password(&mut self, user: UserId, login: &str, password_hash: &str) -> DbResult<()> {
        self.conn().execute(
            "UPDATE users SET login = ?2, password_hash = ?3 WHERE id = ?1",
            params![user.to_string(), login, password_hash],
        )?;
        Ok(())
    }

    fn insert_session(
        &mut self,
        token_hash: &str,
        user: UserId,
        expires_at: DateTime<Utc>,
    ) -> DbResult<()> {
        self.conn().execute(
            "INSERT INTO sessions (token_hash, user_id, expires_at, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![token_hash, user.to_string(), ts(expires_at), ts(Utc::now())],
        )?;
        Ok(())
    }

    fn delete_session(&mut self, token_hash: &str) -> DbResult<()> {
        self.conn()
            .execute("DELETE FROM sessions WHERE token_hash = ?1", [token_hash])?;
        Ok(())
    }

    fn delete_sessions(&mut self, user: Option<UserId>, now: DateTime<Utc>) -> DbResult<()> {
        self.conn().execute(
            "DELETE FROM sessions WHERE user_id = ?1 OR expires_at < ?2",
            params![user.map(|u| u.to_string()), ts(now)],
        )?;
        Ok(())
    }

    fn insert_code(
        &mut self,
        code_hash: &str,
        user: UserId,
        expires_at: DateTime<Utc>,
    ) -> DbResult<()> {
        self.conn().execute(
            "INSERT INTO enroll_codes (code_hash, user_id, expires_at, created_at) VALUES (?1, ?2, ?3, ?4)",
            params![code_hash, user.to_string(), ts(expires_at), ts(Utc::now())],
        )?;
        Ok(())
    }

    fn redeem_code(
        &mut self,
        code_hash: &str,
        device: DeviceId,
        now: DateTime<Utc>,
    ) -> DbResult<bool> {
        let changed = self.conn().execute(
            "UPDATE enroll_codes SET used_at = ?2, used_by = ?3
             WHERE code_hash = ?1 AND used_at IS NULL AND expires_at > ?2",
            params![code_hash, ts(now), device.to_string()],
        )?;
        Ok(changed == 1)
    }

    fn insert_device(&mut self, d: &NewDevice) -> DbResult<()> {
        self.conn().execute(
            "INSERT INTO devices (id, user_id, name, actor, token_hash, enrolled_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                d.id.to_string(),
                d.user_id.to_string(),
                d.name,
                d.actor,
                d.token_hash,
                ts(d.at)
            ],
        )?;
        Ok(())
    }

    fn rebind_device(
        &mut self,
        device: DeviceId,
        user: UserId,
        name: &str,
        token_hash: &str,
    ) -> DbResult<()> {
        self.conn().execute(
            "UPDATE devices SET user_id = ?2, name = ?3, token_hash = ?4 WHERE id = ?1",
            params![device.to_string(), user.to_string(), name, token_hash],
        )?;
        Ok(())
    }

    fn set_token(&mut self, device: DeviceId, token_hash: &str) -> DbResult<()> {
        self.conn().execute(
            "UPDATE devices SET token_hash = ?2 WHERE id = ?1",
            params![device.to_string(), token_hash],
        )?;
        Ok(())
    }

    fn revoke_device(&mut self, device: DeviceId, at: DateTime<Utc>) -> DbResult<bool> {
        let changed = self.conn().execute(
            "UPDATE devices SET revoked_at = COALESCE(revoked_at, ?2) WHERE id = ?1",
            params![device.to_string(), ts(at)],
        )?;
        Ok(changed == 1)
    }

    fn touch_device(&mut self, device: DeviceId, at: DateTime<Utc>, cursor: u64) -> DbResult<()> {
        self.conn()
            .prepare_cached("UPDATE devices SET last_sync_at = ?2, last_cursor = ?3 WHERE id = ?1")?
            .execute(params![device.to_string(), ts(at), cursor as i64])?;
        Ok(())
    }

    fn insert_server_actor(&mut self, actor: &str) -> DbResult<()> {
        self.conn().execute(
            "INSERT OR IGNORE INTO server_actors (actor, created_at) VALUES (?1, ?2)",
            params![actor, ts(Utc::now())],
        )?;
        Ok(())
    }

    fn insert_assignment(
        &mut self,
        seeker: SeekerId,
        user: UserId,
        seq: u64,
        device: Option<DeviceId>,
    ) -> DbResult<()> {
        self.conn().execute(
            "INSERT OR IGNORE INTO assignments (seeker_id, user_id, seq, device_id) VALUES (?1, ?2, ?3, ?4)",
            params![
                seeker.to_string(),
                user.to_string(),
                seq as i64,
                device.map(|d| d.to_string())
            ],
        )?;
        Ok(())
    }

    fn delete_assignment(&mut self, seeker: SeekerId, user: UserId) -> DbResult<()> {
        self.conn().execute(
            "DELETE FROM assignments WHERE seeker_id = ?1 AND user_id = ?2",
            params![seeker.to_string(), user.to_string()],
        )?;
        Ok(())
    }

    fn insert_revocation(&mut self, seq: u64, user: UserId, doc: DocId) -> DbResult<()> {
        self.conn().execute(
            "INSERT INTO revocations (seq, user_id, doc_id) VALUES (?1, ?2, ?3)",
            params![seq as i64, user.to_string(), doc.to_string()],
        )?;
        Ok(())
    }

    fn insert_doc(&mut self, meta: &DocMeta, genesis_actor: &str, snapshot: &[u8]) -> DbResult<()> {
        self.conn().execute(
            "INSERT INTO documents (id, kind, team_id, seeker_id, genesis_actor, snapshot,
                 snapshot_seq, size, created_seq, updated_seq)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                meta.id.to_string(),
                meta.kind.as_str(),
                meta.team_id.to_string(),
                meta.seeker_id.map(|s| s.to_string()),
                genesis_actor,
                snapshot,
                meta.snapshot_seq as i64,
                snapshot.len() as i64,
                meta.created_seq as i64,
                meta.updated_seq as i64
            ],
        )?;
        Ok(())
    }

    fn append_changes(
        &mut self,
        doc: &DocMeta,
        expected: u64,
        device: Option<DeviceId>,
        changes: &[NewChangeRow],
        at: DateTime<Utc>,
    ) -> DbResult<Vec<u64>> {
        let mut seqs = Vec::with_capacity(changes.len());
        for change in changes {
            let seq = self.next_seq(doc.team_id)?;
            self.conn()
                .prepare_cached(
                    "INSERT INTO changes (team_id, seq, doc_id, hash, actor, device_id, bytes, received_at)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                )?
                .execute(params![
                    doc.team_id.to_string(),
                    seq as i64,
                    doc.id.to_string(),
                    change.hash,
                    change.actor,
                    device.map(|d| d.to_string()),
                    change.bytes,
                    ts(at)
                ])?;
            seqs.push(seq);
        }
        let Some(&last) = seqs.last() else {
            return Ok(seqs);
        };
        let added: usize = changes.iter().map(|c| c.bytes.len()).sum();
        let moved = self
            .conn()
            .prepare_cached(
                "UPDATE documents SET updated_seq = ?3, size = size + ?4
                 WHERE id = ?1 AND updated_seq = ?2",
            )?
            .execute(params![
                doc.id.to_string(),
                expected as i64,
                last as i64,
                added as i64
            ])?;
        if moved != 1 {
            return Err(DbError::Conflict);
        }
        Ok(seqs)
    }

    fn save_snapshot(&mut self, doc: DocId, snapshot: &[u8], upto: u64) -> DbResult<()> {
        self.conn().execute(
            "UPDATE documents SET snapshot = ?2, snapshot_seq = ?3,
                 size = ?4 + (SELECT COALESCE(SUM(length(bytes)), 0) FROM changes
                              WHERE doc_id = ?1 AND seq > ?3)
             WHERE id = ?1",
            params![
                doc.to_string(),
                snapshot,
                upto as i64,
                snapshot.len() as i64
            ],
        )?;
        Ok(())
    }

    fn quarantine(
        &mut self,
        doc: DocId,
        hashes: &[String],
        reason: &str,
        at: DateTime<Utc>,
    ) -> DbResult<()> {
        for hash in hashes {
            self.conn().execute(
                "INSERT OR IGNORE INTO quarantine (doc_id, hash, seq, actor, device_id, bytes, reason, at)
                 SELECT doc_id, hash, seq, actor, device_id, bytes, ?3, ?4 FROM changes
                 WHERE doc_id = ?1 AND hash = ?2",
                params![doc.to_string(), hash, reason, ts(at)],
            )?;
            self.conn().execute(
                "DELETE FROM changes WHERE doc_id = ?1 AND hash = ?2",
                params![doc.to_string(), hash],
            )?;
        }
        Ok(())
    }

    fn insert_refused(&mut self, r: &RefusedPush) -> DbResult<()> {
        self.conn().execute(
            "INSERT INTO refused (doc_id, kind, team_id, user_id, device_id, actor, code, reason,
                 changes, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![
                r.doc_id.to_string(),
                r.kind.as_str(),
                r.team_id.to_string(),
                r.user_id.to_string(),
                r.device_id.to_string(),
                r.actor,
                r.code,
                r.reason,
                pack(&r.changes),
                ts(r.at)
            ],
        )?;
        Ok(())
    }

    fn resolve_refused(
        &mut self,
        id: i64,
        resolution: &str,
        by: UserId,
        at: DateTime<Utc>,
    ) -> DbResult<bool> {
        let changed = self.conn().execute(
            "UPDATE refused SET resolution = ?2, resolved_by = ?3, resolved_at = ?4
             WHERE id = ?1 AND resolution IS NULL",
            params![id, resolution, by.to_string(), ts(at)],
        )?;
        Ok(changed == 1)
    }

    fn add_failure(&mut self, addr: &str, at: DateTime<Utc>) -> DbResult<()> {
        self.conn().execute(
            "INSERT INTO enroll_failures (addr, at) VALUES (?1, ?2)",
            params![addr, at.timestamp()],
        )?;
        Ok(())
    }

    fn setting_or_insert(&mut self, key: &str, value: &str) -> DbResult<String> {
        self.conn().execute(
            "INSERT OR IGNORE INTO meta (key, value) VALUES (?1, ?2)",
            params![key, value],
        )?;
        Ok(self
            .conn()
            .query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0))?)
    }

    fn set_setting(&mut self, key: &str, value: &str) -> DbResult<()> {
        self.conn().execute(
            "INSERT INTO meta (key, value) VALUES (?1, ?2)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            params![key, value],
        )?;
        Ok(())
    }

    fn insert_audit(&mut self, rows: &[AuditRow]) -> DbResult<()> {
        let mut stmt = self.conn().prepare_cached(
            "INSERT INTO audit (at, action, user_id, device_id, doc_id, hash, detail)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        )?;
        for r in rows {
            stmt.execute(params![
                ts(r.at),
                r.action,
                r.user_id,
                r.device_id,
                r.doc_id,
                r.hash,
                r.detail
            ])?;
        }
        Ok(())
    }

    fn commit(mut self: Box<Self>) -> DbResult<()> {
        super::run(&self.conn, "COMMIT")?;
        self.open = false;
        if self.relaxed {
            return Ok(());
        }
        let db = self.db;
        let n = db.sync.committed();
        // The next writer may start while this commit reaches the disk.
        drop(self);
        db.sync.wait_durable(n)
    }
}
