//! Writes, inside one `READ COMMITTED` transaction. The team's feed row is the lock that orders
//! a team's writers (see the module above); everything else is plain rows.

use chrono::{DateTime, Utc};
use fieldbook_core::ids::{DeviceId, DocId, SeekerId, TeamId, UserId};

use super::rows::{get, stored};
use super::Tx;
use crate::db::{
    pack, AuditRow, DbError, DbResult, DocMeta, NewChangeRow, NewDevice, RefusedPush, TeamRow,
    UserRow, WriteTx,
};

impl Tx {
    /// Takes `n` numbers of `team`'s feed at once: the last one. The row lock it takes is
    /// held until this transaction ends, so the team's next writer, on any node, waits.
    fn take_seqs(&mut self, team: TeamId, n: u64) -> DbResult<u64> {
        let row = self.conn().query_opt(
            "UPDATE teams SET feed = feed + $2 WHERE id = $1 RETURNING feed",
            &[&team.0, &stored(n)],
        )?;
        match row {
            Some(r) => Ok(get::<i64>(&r, 0)? as u64),
            None => Err(DbError::Other(format!(
                "no team {team} to number a change of"
            ))),
        }
    }
}

impl WriteTx for Tx {
    fn next_seq(&mut self, team: TeamId) -> DbResult<u64> {
        self.take_seqs(team, 1)
    }

    fn insert_team(&mut self, team: &TeamRow) -> DbResult<()> {
        self.conn().execute(
            "INSERT INTO teams (id, name, created_at, feed) VALUES ($1, $2, $3, 0)",
            &[&team.id.0, &team.name, &team.created_at],
        )?;
        Ok(())
    }

    fn insert_user(&mut self, user: &UserRow, granted_seq: u64) -> DbResult<()> {
        self.conn().execute(
            "INSERT INTO users (id, team_id, name, role, seeker_id, granted_seq, created_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            &[
                &user.id.0,
                &user.team_id.0,
                &user.name,
                &user.role.as_str(),
                &user.seeker_id.map(|s| s.0),
                &stored(granted_seq),
                &user.created_at,
            ],
        )?;
        Ok(())
    }

    fn set_password(&mut self, user: UserId, login: &str, password_hash: &str) -> DbResult<()> {
        self.conn().execute(
            "UPDATE users SET login = $2, password_hash = $3 WHERE id = $1",
            &[&user.0, &login, &password_hash],
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
            "INSERT INTO sessions (token_hash, user_id, expires_at, created_at)
             VALUES ($1, $2, $3, $4)",
            &[&token_hash, &user.0, &expires_at, &Utc::now()],
        )?;
        Ok(())
    }

    fn delete_session(&mut self, token_hash: &str) -> DbResult<()> {
        self.conn()
            .execute("DELETE FROM sessions WHERE token_hash = $1", &[&token_hash])?;
        Ok(())
    }

    fn delete_sessions(&mut self, user: Option<UserId>, now: DateTime<Utc>) -> DbResult<()> {
        self.conn().execute(
            "DELETE FROM sessions WHERE user_id = $1 OR expires_at < $2",
            &[&user.map(|u| u.0), &now],
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
            "INSERT INTO enroll_codes (code_hash, user_id, expires_at, created_at)
             VALUES ($1, $2, $3, $4)",
            &[&code_hash, &user.0, &expires_at, &Utc::now()],
        )?;
        Ok(())
    }

    fn redeem_code(
        &mut self,
        code_hash: &str,
        device: DeviceId,
        now: DateTime<Utc>,
    ) -> DbResult<bool> {
        // Two nodes redeeming one code: the second waits for the first's row lock, then
        // re-checks `used_at IS NULL` on the committed row and changes nothing.
        let changed = self.conn().execute(
            "UPDATE enroll_codes SET used_at = $2, used_by = $3
             WHERE code_hash = $1 AND used_at IS NULL AND expires_at > $2",
            &[&code_hash, &now, &device.0],
        )?;
        Ok(changed == 1)
    }

    fn insert_device(&mut self, d: &NewDevice) -> DbResult<()> {
        self.conn().execute(
            "INSERT INTO devices (id, user_id, name, actor, token_hash, enrolled_at)
             VALUES ($1, $2, $3, $4, $5, $6)",
            &[
                &d.id.0,
                &d.user_id.0,
                &d.name,
                &d.actor,
                &d.token_hash,
                &d.at,
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
            "UPDATE devices SET user_id = $2, name = $3, token_hash = $4 WHERE id = $1",
            &[&device.0, &user.0, &name, &token_hash],
        )?;
        Ok(())
    }

    fn set_token(&mut self, device: DeviceId, token_hash: &str) -> DbResult<()> {
        self.conn().execute(
            "UPDATE devices SET token_hash = $2 WHERE id = $1",
            &[&device.0, &token_hash],
        )?;
        Ok(())
    }

    fn revoke_device(&mut self, device: DeviceId, at: DateTime<Utc>) -> DbResult<bool> {
        let changed = self.conn().execute(
            "UPDATE devices SET revoked_at = COALESCE(revoked_at, $2) WHERE id = $1",
            &[&device.0, &at],
        )?;
        Ok(changed == 1)
    }

    fn touch_device(&mut self, device: DeviceId, at: DateTime<Utc>, cursor: u64) -> DbResult<()> {
        self.conn().execute(
            "UPDATE devices SET last_sync_at = $2, last_cursor = $3 WHERE id = $1",
            &[&device.0, &at, &stored(cursor)],
        )?;
        Ok(())
    }

    fn insert_server_actor(&mut self, actor: &str) -> DbResult<()> {
        self.conn().execute(
            "INSERT INTO server_actors (actor, created_at) VALUES ($1, $2)
             ON CONFLICT (actor) DO NOTHING",
            &[&actor, &Utc::now()],
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
            "INSERT INTO assignments (seeker_id, user_id, seq, device_id) VALUES ($1, $2, $3, $4)
             ON CONFLICT (seeker_id, user_id) DO NOTHING",
            &[&seeker.0, &user.0, &stored(seq), &device.map(|d| d.0)],
        )?;
        Ok(())
    }

    fn delete_assignment(&mut self, seeker: SeekerId, user: UserId) -> DbResult<()> {
        self.conn().execute(
            "DELETE FROM assignments WHERE seeker_id = $1 AND user_id = $2",
            &[&seeker.0, &user.0],
        )?;
        Ok(())
    }

    fn insert_revocation(&mut self, seq: u64, user: UserId, doc: DocId) -> DbResult<()> {
        self.conn().execute(
            "INSERT INTO revocations (seq, user_id, doc_id) VALUES ($1, $2, $3)",
            &[&stored(seq), &user.0, &doc.uuid()],
        )?;
        Ok(())
    }

    fn insert_doc(&mut self, meta: &DocMeta, genesis_actor: &str, snapshot: &[u8]) -> DbResult<()> {
        // A node creating the same document at the same moment: the second insert waits for
        // the first and fails on the key, which is `Conflict`, and the push is read again.
        self.conn().execute(
            "INSERT INTO documents (id, kind, team_id, seeker_id, genesis_actor, snapshot,
                 snapshot_seq, size, created_seq, updated_seq)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            &[
                &meta.id.uuid(),
                &meta.kind.as_str(),
                &meta.team_id.0,
                &meta.seeker_id.map(|s| s.0),
                &genesis_actor,
                &snapshot,
                &stored(meta.snapshot_seq),
                &(snapshot.len() as i64),
                &stored(meta.created_seq),
                &stored(meta.updated_seq),
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
        if changes.is_empty() {
            return Ok(Vec::new());
        }
        // The team's feed first: once we hold it, every other writer of the team has
        // committed or not started, so the version check below sees the latest commit.
        let n = changes.len() as u64;
        let last = self.take_seqs(doc.team_id, n)?;
        let seqs: Vec<u64> = (last + 1 - n..=last).collect();
        let added: i64 = changes.iter().map(|c| c.bytes.len() as i64).sum();
        let moved = self.conn().execute(
            "UPDATE documents SET updated_seq = $3, size = size + $4
             WHERE id = $1 AND updated_seq = $2",
            &[&doc.id.uuid(), &stored(expected), &stored(last), &added],
        )?;
        if moved != 1 {
            return Err(DbError::Conflict);
        }
        let numbers: Vec<i64> = seqs.iter().map(|s| stored(*s)).collect();
        let hashes: Vec<&str> = changes.iter().map(|c| c.hash.as_str()).collect();
        let actors: Vec<&str> = changes.iter().map(|c| c.actor.as_str()).collect();
        let bytes: Vec<&[u8]> = changes.iter().map(|c| c.bytes.as_slice()).collect();
        self.conn().execute(
            "INSERT INTO changes (team_id, seq, doc_id, hash, actor, device_id, bytes, received_at)
             SELECT $1, s, $2, h, a, $3, b, $4
             FROM UNNEST($5::bigint[], $6::text[], $7::text[], $8::bytea[]) AS c (s, h, a, b)",
            &[
                &doc.team_id.0,
                &doc.id.uuid(),
                &device.map(|d| d.0),
                &at,
                &numbers,
                &hashes,
                &actors,
                &bytes,
            ],
        )?;
        Ok(seqs)
    }

    fn save_snapshot(&mut self, doc: DocId, snapshot: &[u8], upto: u64) -> DbResult<()> {
        self.conn().execute(
            "UPDATE documents SET snapshot = $2, snapshot_seq = $3,
                 size = $4 + (SELECT COALESCE(SUM(length(bytes)), 0) FROM changes
                              WHERE doc_id = $1 AND seq > $3)
             WHERE id = $1",
            &[
                &doc.uuid(),
                &snapshot,
                &stored(upto),
                &(snapshot.len() as i64),
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
        let mut conn = self.conn();
        conn.execute(
            "INSERT INTO quarantine (doc_id, hash, seq, actor, device_id, bytes, reason, at)
             SELECT doc_id, hash, seq, actor, device_id, bytes, $3, $4 FROM changes
             WHERE doc_id = $1 AND hash = ANY($2)
             ON CONFLICT (doc_id, hash) DO NOTHING",
            &[&doc.uuid(), &hashes, &reason, &at],
        )?;
        conn.execute(
            "DELETE FROM changes WHERE doc_id = $1 AND hash = ANY($2)",
            &[&doc.uuid(), &hashes],
        )?;
        Ok(())
    }

    fn insert_refused(&mut self, r: &RefusedPush) -> DbResult<()> {
        self.conn().execute(
            "INSERT INTO refused (doc_id, kind, team_id, user_id, device_id, actor, code, reason,
                 changes, at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            &[
                &r.doc_id.uuid(),
                &r.kind.as_str(),
                &r.team_id.0,
                &r.user_id.0,
                &r.device_id.0,
                &r.actor,
                &r.code,
                &r.reason,
                &pack(&r.changes),
                &r.at,
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
        // Two supervisors resolving one refusal on two nodes: the second re-checks
        // `resolution IS NULL` after the first commits and changes nothing.
        let changed = self.conn().execute(
            "UPDATE refused SET resolution = $2, resolved_by = $3, resolved_at = $4
             WHERE id = $1 AND resolution IS NULL",
            &[&id, &resolution, &by.0, &at],
        )?;
        Ok(changed == 1)
    }

    fn add_failure(&mut self, addr: &str, at: DateTime<Utc>) -> DbResult<()> {
        self.conn().execute(
            "INSERT INTO enroll_failures (addr, at) VALUES ($1, $2)",
            &[&addr, &at],
        )?;
        Ok(())
    }

    fn setting_or_insert(&mut self, key: &str, value: &str) -> DbResult<String> {
        let mut conn = self.conn();
        conn.execute(
            "INSERT INTO meta (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING",
            &[&key, &value],
        )?;
        let r = conn.query_one("SELECT value FROM meta WHERE key = $1", &[&key])?;
        get(&r, 0)
    }

    fn set_setting(&mut self, key: &str, value: &str) -> DbResult<()> {
        self.conn().execute(
            "INSERT INTO meta (key, value) VALUES ($1, $2)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            &[&key, &value],
        )?;
        Ok(())
    }

    fn insert_audit(&mut self, rows: &[AuditRow]) -> DbResult<()> {
        if rows.is_empty() {
            return Ok(());
        }
        let at: Vec<DateTime<Utc>> = rows.iter().map(|r| r.at).collect();
        let action: Vec<&str> = rows.iter().map(|r| r.action.as_str()).collect();
        let text = |f: fn(&AuditRow) -> &Option<String>| -> Vec<Option<&str>> {
            rows.iter().map(|r| f(r).as_deref()).collect()
        };
        let (users, devices, docs, hashes, details) = (
            text(|r| &r.user_id),
            text(|r| &r.device_id),
            text(|r| &r.doc_id),
            text(|r| &r.hash),
            text(|r| &r.detail),
        );
        // WITH ORDINALITY keeps the lines in the order given, as their ids.
        self.conn().execute(
            "INSERT INTO audit (at, action, user_id, device_id, doc_id, hash, detail)
             SELECT at, action, u, d, doc, h, det
             FROM UNNEST($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[],
                         $6::text[], $7::text[])
                  WITH ORDINALITY AS r (at, action, u, d, doc, h, det, n)
             ORDER BY n",
            &[&at, &action, &users, &devices, &docs, &hashes, &details],
        )?;
        Ok(())
    }

    fn commit(mut self: Box<Self>) -> DbResult<()> {
        self.conn().batch("COMMIT")?;
        self.open = false;
        Ok(())
    }
}
