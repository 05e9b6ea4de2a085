//! Reads, for both the read-only views and the write transactions.

use chrono::{DateTime, Utc};
use fieldbook_core::ids::{DeviceId, DocId, SeekerId, TeamId, UserId};

use super::rows::{self, all, get, id, opt_id, seq, stored};
use super::Tx;
use crate::access::Caller;
use crate::db::{
    unpack, ActorBinding, AuditRow, ChangeRow, CodeRow, DbResult, DeviceRow, DocMeta,
    QuarantineRow, ReadTx, RefusedPush, RefusedRow, Stats, StoredDoc, TeamRow, TokenOwner, UserRow,
};

macro_rules! user_columns {
    () => {
        "u.id, u.team_id, u.name, u.role, u.seeker_id, u.created_at"
    };
}

macro_rules! device_columns {
    () => {
        "d.id, d.user_id, u.name, d.name, d.enrolled_at, d.last_sync_at, d.revoked_at \
         FROM devices d JOIN users u ON u.id = d.user_id"
    };
}

macro_rules! doc_columns {
    () => {
        "id, kind, team_id, seeker_id, created_seq, updated_seq, snapshot_seq, size"
    };
}

macro_rules! refused_columns {
    () => {
        "id, doc_id, kind, team_id, user_id, device_id, actor, code, reason, changes, at, \
         resolution, resolved_by, resolved_at FROM refused"
    };
}

fn refused_row(r: &postgres::Row) -> DbResult<RefusedRow> {
    let resolution: Option<String> = get(r, 11)?;
    let by: Option<UserId> = opt_id(r, 12)?;
    let when: Option<DateTime<Utc>> = get(r, 13)?;
    Ok(RefusedRow {
        id: get(r, 0)?,
        push: RefusedPush {
            doc_id: id(r, 1)?,
            kind: rows::kind(r, 2)?,
            team_id: id(r, 3)?,
            user_id: id(r, 4)?,
            device_id: id(r, 5)?,
            actor: get(r, 6)?,
            code: get(r, 7)?,
            reason: get(r, 8)?,
            changes: unpack(get(r, 9)?),
            at: get(r, 10)?,
        },
        resolution: match (resolution, by, when) {
            (Some(res), Some(by), Some(when)) => Some((res, by, when)),
            _ => None,
        },
    })
}

fn change_row(r: &postgres::Row) -> DbResult<ChangeRow> {
    Ok(ChangeRow {
        seq: seq(r, 0)?,
        hash: get(r, 1)?,
        bytes: get(r, 2)?,
    })
}

impl ReadTx for Tx {
    fn team(&self, team: TeamId) -> DbResult<Option<TeamRow>> {
        self.conn()
            .query_opt(
                "SELECT id, name, created_at FROM teams WHERE id = $1",
                &[&team.0],
            )?
            .map(|r| rows::team(&r))
            .transpose()
    }

    fn teams(&self) -> DbResult<Vec<TeamRow>> {
        let found = self.conn().query(
            "SELECT id, name, created_at FROM teams ORDER BY name, id",
            &[],
        )?;
        all(found, rows::team)
    }

    fn feed_position(&self, team: TeamId) -> DbResult<u64> {
        self.conn()
            .query_opt("SELECT feed FROM teams WHERE id = $1", &[&team.0])?
            .map_or(Ok(0), |r| seq(&r, 0))
    }

    fn user(&self, user: UserId) -> DbResult<Option<UserRow>> {
        self.conn()
            .query_opt(
                concat!("SELECT ", user_columns!(), " FROM users u WHERE u.id = $1"),
                &[&user.0],
            )?
            .map(|r| rows::user(&r))
            .transpose()
    }

    fn users(&self) -> DbResult<Vec<UserRow>> {
        let found = self.conn().query(
            concat!(
                "SELECT ",
                user_columns!(),
                " FROM users u ORDER BY u.team_id, u.role, u.name, u.id"
            ),
            &[],
        )?;
        all(found, rows::user)
    }

    fn team_users(&self, team: TeamId) -> DbResult<Vec<UserRow>> {
        let found = self.conn().query(
            concat!(
                "SELECT ",
                user_columns!(),
                " FROM users u WHERE u.team_id = $1 ORDER BY u.role, u.name, u.id"
            ),
            &[&team.0],
        )?;
        all(found, rows::user)
    }

    fn login(&self, login: &str) -> DbResult<Option<(UserRow, String)>> {
        self.conn()
            .query_opt(
                concat!(
                    "SELECT ",
                    user_columns!(),
                    ", u.password_hash FROM users u
                     WHERE u.login = $1 AND u.password_hash IS NOT NULL"
                ),
                &[&login],
            )?
            .map(|r| Ok((rows::user(&r)?, get(&r, 6)?)))
            .transpose()
    }

    fn session_user(&self, token_hash: &str, now: DateTime<Utc>) -> DbResult<Option<UserRow>> {
        self.conn()
            .query_opt(
                concat!(
                    "SELECT ",
                    user_columns!(),
                    " FROM sessions s JOIN users u ON u.id = s.user_id
                     WHERE s.token_hash = $1 AND s.expires_at > $2"
                ),
                &[&token_hash, &now],
            )?
            .map(|r| rows::user(&r))
            .transpose()
    }

    fn code(&self, code_hash: &str) -> DbResult<Option<CodeRow>> {
        self.conn()
            .query_opt(
                "SELECT user_id, expires_at, used_by, used_at IS NOT NULL FROM enroll_codes
                 WHERE code_hash = $1",
                &[&code_hash],
            )?
            .map(|r| {
                Ok(CodeRow {
                    user_id: id(&r, 0)?,
                    expires_at: get(&r, 1)?,
                    used_by: opt_id(&r, 2)?,
                    used: get(&r, 3)?,
                })
            })
            .transpose()
    }

    fn device_by_token(&self, token_hash: &str) -> DbResult<Option<TokenOwner>> {
        self.conn()
            .query_opt(
                "SELECT d.id, d.user_id, u.role, u.team_id, u.seeker_id, d.actor, u.granted_seq,
                        d.revoked_at IS NOT NULL, d.last_sync_at, d.last_cursor, t.feed
                 FROM devices d JOIN users u ON u.id = d.user_id JOIN teams t ON t.id = u.team_id
                 WHERE d.token_hash = $1",
                &[&token_hash],
            )?
            .map(|r| {
                Ok(TokenOwner {
                    caller: Caller {
                        device_id: id(&r, 0)?,
                        user_id: id(&r, 1)?,
                        role: rows::role(&r, 2)?,
                        team_id: id(&r, 3)?,
                        seeker_id: opt_id(&r, 4)?,
                        actor: get(&r, 5)?,
                        granted_seq: seq(&r, 6)?,
                        last_sync_at: get(&r, 8)?,
                        last_cursor: seq(&r, 9)?,
                        team_feed: Some(seq(&r, 10)?),
                    },
                    revoked: get(&r, 7)?,
                })
            })
            .transpose()
    }

    fn device_by_actor(&self, actor: &str) -> DbResult<Option<ActorBinding>> {
        self.conn()
            .query_opt(
                "SELECT id, user_id, last_sync_at IS NOT NULL, revoked_at IS NOT NULL
                 FROM devices WHERE actor = $1",
                &[&actor],
            )?
            .map(|r| {
                Ok(ActorBinding {
                    device_id: id(&r, 0)?,
                    user_id: id(&r, 1)?,
                    synced: get(&r, 2)?,
                    revoked: get(&r, 3)?,
                })
            })
            .transpose()
    }

    fn device_actor(&self, device: DeviceId) -> DbResult<Option<String>> {
        self.conn()
            .query_opt("SELECT actor FROM devices WHERE id = $1", &[&device.0])?
            .map(|r| get(&r, 0))
            .transpose()
    }

    fn devices(&self) -> DbResult<Vec<DeviceRow>> {
        let found = self.conn().query(
            concat!(
                "SELECT ",
                device_columns!(),
                " ORDER BY d.enrolled_at, d.id"
            ),
            &[],
        )?;
        all(found, rows::device)
    }

    fn device(&self, device: DeviceId) -> DbResult<Option<DeviceRow>> {
        self.conn()
            .query_opt(
                concat!("SELECT ", device_columns!(), " WHERE d.id = $1"),
                &[&device.0],
            )?
            .map(|r| rows::device(&r))
            .transpose()
    }

    fn is_server_actor(&self, actor: &str) -> DbResult<bool> {
        let r = self.conn().query_one(
            "SELECT EXISTS (SELECT 1 FROM server_actors WHERE actor = $1)",
            &[&actor],
        )?;
        get(&r, 0)
    }

    fn is_genesis_actor(&self, actor: &str) -> DbResult<bool> {
        let r = self.conn().query_one(
            "SELECT EXISTS (SELECT 1 FROM documents WHERE genesis_actor = $1)",
            &[&actor],
        )?;
        get(&r, 0)
    }

    fn caseload(&self, user: UserId) -> DbResult<Vec<(SeekerId, u64, Option<DeviceId>)>> {
        let found = self.conn().query(
            "SELECT seeker_id, seq, device_id FROM assignments WHERE user_id = $1
             ORDER BY seeker_id",
            &[&user.0],
        )?;
        all(found, |r| Ok((id(r, 0)?, seq(r, 1)?, opt_id(r, 2)?)))
    }

    fn assigned(&self, seeker: SeekerId) -> DbResult<Vec<UserId>> {
        let found = self.conn().query(
            "SELECT user_id FROM assignments WHERE seeker_id = $1 ORDER BY user_id",
            &[&seeker.0],
        )?;
        all(found, |r| id(r, 0))
    }

    fn team_assignments(&self, team: TeamId) -> DbResult<Vec<(SeekerId, UserId)>> {
        let found = self.conn().query(
            "SELECT a.seeker_id, a.user_id FROM assignments a JOIN users u ON u.id = a.user_id
             WHERE u.team_id = $1 ORDER BY a.seeker_id, a.user_id",
            &[&team.0],
        )?;
        all(found, |r| Ok((id(r, 0)?, id(r, 1)?)))
    }

    fn revocations(&self, user: UserId, after: u64) -> DbResult<Vec<(DocId, u64)>> {
        let found = self.conn().query(
            "SELECT doc_id, seq FROM revocations WHERE user_id = $1 AND seq > $2
             ORDER BY seq, doc_id",
            &[&user.0, &stored(after)],
        )?;
        all(found, |r| Ok((id(r, 0)?, seq(r, 1)?)))
    }

    fn doc_meta(&self, doc: DocId) -> DbResult<Option<DocMeta>> {
        self.conn()
            .query_opt(
                concat!("SELECT ", doc_columns!(), " FROM documents WHERE id = $1"),
                &[&doc.uuid()],
            )?
            .map(|r| rows::doc_meta(&r))
            .transpose()
    }

    fn team_docs(&self, team: TeamId) -> DbResult<Vec<DocMeta>> {
        let found = self.conn().query(
            concat!(
                "SELECT ",
                doc_columns!(),
                " FROM documents WHERE team_id = $1 ORDER BY id"
            ),
            &[&team.0],
        )?;
        all(found, rows::doc_meta)
    }

    fn team_docs_changed(&self, team: TeamId, after: u64) -> DbResult<Vec<DocMeta>> {
        let found = self.conn().query(
            concat!(
                "SELECT ",
                doc_columns!(),
                " FROM documents WHERE team_id = $1 AND updated_seq > $2 ORDER BY id"
            ),
            &[&team.0, &stored(after)],
        )?;
        all(found, rows::doc_meta)
    }

    fn stored_doc(&self, doc: DocId) -> DbResult<Option<StoredDoc>> {
        let mut conn = self.conn();
        let Some(r) = conn.query_opt(
            concat!(
                "SELECT ",
                doc_columns!(),
                ", snapshot FROM documents WHERE id = $1"
            ),
            &[&doc.uuid()],
        )?
        else {
            return Ok(None);
        };
        let meta = rows::doc_meta(&r)?;
        let snapshot: Vec<u8> = get(&r, 8)?;
        let tail = conn.query(
            "SELECT bytes FROM changes WHERE doc_id = $1 AND seq > $2 ORDER BY seq",
            &[&doc.uuid(), &stored(meta.snapshot_seq)],
        )?;
        let tail = all(tail, |r| get(r, 0))?;
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
        let found = self.conn().query(
            "SELECT seq, hash, bytes FROM changes
             WHERE doc_id = $1 AND seq > $2 AND seq <= $3
               AND (device_id IS NULL OR device_id <> $4)
             ORDER BY seq",
            &[&doc.uuid(), &stored(after), &stored(upto), &except.0],
        )?;
        all(found, change_row)
    }

    fn doc_changes(&self, doc: DocId) -> DbResult<Vec<ChangeRow>> {
        let found = self.conn().query(
            "SELECT seq, hash, bytes FROM changes WHERE doc_id = $1 ORDER BY seq",
            &[&doc.uuid()],
        )?;
        all(found, change_row)
    }

    fn quarantined(&self) -> DbResult<Vec<QuarantineRow>> {
        let found = self.conn().query(
            "SELECT doc_id, hash, reason, at FROM quarantine ORDER BY at, doc_id, hash",
            &[],
        )?;
        all(found, |r| {
            Ok(QuarantineRow {
                doc_id: id(r, 0)?,
                hash: get(r, 1)?,
                reason: get(r, 2)?,
                at: get(r, 3)?,
            })
        })
    }

    fn refused(&self, team: TeamId) -> DbResult<Vec<RefusedRow>> {
        let found = self.conn().query(
            concat!(
                "SELECT ",
                refused_columns!(),
                " WHERE team_id = $1 ORDER BY id DESC"
            ),
            &[&team.0],
        )?;
        all(found, refused_row)
    }

    fn refused_one(&self, id: i64) -> DbResult<Option<RefusedRow>> {
        self.conn()
            .query_opt(
                concat!("SELECT ", refused_columns!(), " WHERE id = $1"),
                &[&id],
            )?
            .map(|r| refused_row(&r))
            .transpose()
    }

    fn failures_since(&self, addr: &str, since: DateTime<Utc>) -> DbResult<i64> {
        let mut conn = self.conn();
        if self.writer {
            // A writer counts to decide whether to let another attempt through: attempts from
            // one address are counted one at a time across every node, so a burst sent to
            // several nodes at once cannot all see the count below the limit.
            conn.execute(
                "SELECT pg_advisory_xact_lock(hashtextextended('enroll_failures:' || $1, 0))",
                &[&addr],
            )?;
        }
        let r = conn.query_one(
            "SELECT COUNT(*) FROM enroll_failures WHERE addr = $1 AND at > $2",
            &[&addr, &since],
        )?;
        get(&r, 0)
    }

    fn setting(&self, key: &str) -> DbResult<Option<String>> {
        self.conn()
            .query_opt("SELECT value FROM meta WHERE key = $1", &[&key])?
            .map(|r| get(&r, 0))
            .transpose()
    }

    fn audit(&self, limit: u32) -> DbResult<Vec<AuditRow>> {
        let found = self.conn().query(
            "SELECT at, action, user_id, device_id, doc_id, hash, detail FROM audit
             ORDER BY id DESC LIMIT $1",
            &[&i64::from(limit)],
        )?;
        all(found, |r| {
            Ok(AuditRow {
                at: get(r, 0)?,
                action: get(r, 1)?,
                user_id: get(r, 2)?,
                device_id: get(r, 3)?,
                doc_id: get(r, 4)?,
                hash: get(r, 5)?,
                detail: get(r, 6)?,
            })
        })
    }

    fn stats(&self) -> DbResult<Stats> {
        let r = self.conn().query_one(
            "SELECT (SELECT COUNT(*) FROM teams), (SELECT COUNT(*) FROM users),
                    (SELECT COUNT(*) FROM devices), (SELECT COUNT(*) FROM documents),
                    (SELECT COUNT(*) FROM changes), (SELECT COUNT(*) FROM quarantine)",
            &[],
        )?;
        Ok(Stats {
            teams: seq(&r, 0)?,
            users: seq(&r, 1)?,
            devices: seq(&r, 2)?,
            documents: seq(&r, 3)?,
            changes: seq(&r, 4)?,
            quarantined: seq(&r, 5)?,
        })
    }
}
