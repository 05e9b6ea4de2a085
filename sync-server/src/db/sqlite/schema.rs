//! The server database's schema: the current one ([`CURRENT`]), made whole on a new file, and
//! the steps that bring an older file up to it, all pending steps in one transaction. Tests
//! upgrade a frozen copy of the oldest shipped schema and compare it with a fresh one.

use fieldbook_core::document::Document;
use fieldbook_core::ids::DocId;
use rusqlite::{params, Connection, TransactionBehavior};

use crate::db::{DbError, DbResult};

/// The schema version [`CURRENT`] describes.
pub const VERSION: i64 = 3;

/// The whole current schema, for a new database.
pub const CURRENT: &str = r#"
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE teams (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at TEXT NOT NULL,
    feed INTEGER NOT NULL DEFAULT 0);
CREATE TABLE users (
    id TEXT PRIMARY KEY, team_id TEXT NOT NULL REFERENCES teams(id), name TEXT NOT NULL,
    role TEXT NOT NULL, seeker_id TEXT, granted_seq INTEGER NOT NULL, created_at TEXT NOT NULL,
    login TEXT, password_hash TEXT);
CREATE UNIQUE INDEX users_login ON users (login);
CREATE INDEX users_team ON users (team_id);
CREATE TABLE enroll_codes (
    code_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id),
    expires_at TEXT NOT NULL, used_at TEXT, created_at TEXT NOT NULL, used_by TEXT);
CREATE TABLE devices (
    id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id), name TEXT NOT NULL,
    actor TEXT NOT NULL UNIQUE, token_hash TEXT NOT NULL UNIQUE, enrolled_at TEXT NOT NULL,
    last_sync_at TEXT, last_cursor INTEGER NOT NULL DEFAULT 0, revoked_at TEXT);
CREATE TABLE server_actors (actor TEXT PRIMARY KEY, created_at TEXT NOT NULL);
CREATE TABLE documents (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, team_id TEXT NOT NULL, seeker_id TEXT,
    genesis_actor TEXT NOT NULL, snapshot BLOB NOT NULL, snapshot_seq INTEGER NOT NULL,
    size INTEGER NOT NULL, created_seq INTEGER NOT NULL, updated_seq INTEGER NOT NULL);
CREATE INDEX documents_team_updated ON documents (team_id, updated_seq);
CREATE UNIQUE INDEX documents_genesis_actor ON documents (genesis_actor);
CREATE TABLE changes (
    team_id TEXT NOT NULL, seq INTEGER NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(id) DEFERRABLE INITIALLY DEFERRED,
    hash TEXT NOT NULL, actor TEXT NOT NULL, device_id TEXT, bytes BLOB NOT NULL,
    received_at TEXT NOT NULL, PRIMARY KEY (team_id, seq), UNIQUE (doc_id, hash));
CREATE INDEX changes_doc_seq ON changes (doc_id, seq);
CREATE TABLE quarantine (
    doc_id TEXT NOT NULL, hash TEXT NOT NULL, seq INTEGER NOT NULL, actor TEXT NOT NULL,
    device_id TEXT, bytes BLOB NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL,
    PRIMARY KEY (doc_id, hash));
CREATE TABLE assignments (
    seeker_id TEXT NOT NULL, user_id TEXT NOT NULL REFERENCES users(id), seq INTEGER NOT NULL,
    device_id TEXT, PRIMARY KEY (seeker_id, user_id));
CREATE INDEX assignments_user ON assignments (user_id);
CREATE TABLE revocations (
    seq INTEGER NOT NULL, user_id TEXT NOT NULL, doc_id TEXT NOT NULL, PRIMARY KEY (seq, doc_id));
CREATE INDEX revocations_user ON revocations (user_id, seq);
CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, action TEXT NOT NULL,
    user_id TEXT, device_id TEXT, doc_id TEXT, hash TEXT, detail TEXT);
CREATE TABLE enroll_failures (addr TEXT NOT NULL, at INTEGER NOT NULL);
CREATE INDEX enroll_failures_addr ON enroll_failures (addr, at);
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id),
    expires_at TEXT NOT NULL, created_at TEXT NOT NULL);
CREATE TABLE refused (
    id INTEGER PRIMARY KEY AUTOINCREMENT, doc_id TEXT NOT NULL, kind TEXT NOT NULL,
    team_id TEXT NOT NULL, user_id TEXT NOT NULL, device_id TEXT NOT NULL, actor TEXT NOT NULL,
    code TEXT NOT NULL, reason TEXT NOT NULL, changes BLOB NOT NULL, at TEXT NOT NULL,
    resolution TEXT, resolved_by TEXT, resolved_at TEXT);
CREATE INDEX refused_team ON refused (team_id, id);
"#;

/// Version 1 → 2: web sign-in for supervisors and admins.
const V1_TO_V2: &str = r#"
ALTER TABLE users ADD COLUMN login TEXT;
ALTER TABLE users ADD COLUMN password_hash TEXT;
CREATE UNIQUE INDEX users_login ON users (login);
CREATE TABLE sessions (
    token_hash TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id),
    expires_at TEXT NOT NULL, created_at TEXT NOT NULL);
"#;

/// Version 2 → 3: a feed per team (numbers so far stay valid: every team continues from the
/// old shared counter), snapshots that lag their changes, quarantine, indexes by user.
const V2_TO_V3: &str = r#"
ALTER TABLE teams ADD COLUMN feed INTEGER NOT NULL DEFAULT 0;
UPDATE teams SET feed = (SELECT value FROM counters WHERE name = 'feed');
DROP TABLE counters;
CREATE INDEX users_team ON users (team_id);
ALTER TABLE enroll_codes ADD COLUMN used_by TEXT;
UPDATE enroll_codes SET used_by = (
    SELECT a.device_id FROM audit a WHERE a.action = 'enroll' AND a.user_id = enroll_codes.user_id
    AND a.at >= enroll_codes.used_at ORDER BY a.at LIMIT 1) WHERE used_at IS NOT NULL;
CREATE TABLE server_actors (actor TEXT PRIMARY KEY, created_at TEXT NOT NULL);
INSERT INTO server_actors (actor, created_at)
    SELECT value, datetime('now') FROM meta WHERE key = 'server_actor';
DELETE FROM meta WHERE key = 'server_actor';
CREATE TABLE documents_v3 (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, team_id TEXT NOT NULL, seeker_id TEXT,
    genesis_actor TEXT NOT NULL, snapshot BLOB NOT NULL, snapshot_seq INTEGER NOT NULL,
    size INTEGER NOT NULL, created_seq INTEGER NOT NULL, updated_seq INTEGER NOT NULL);
INSERT INTO documents_v3 (id, kind, team_id, seeker_id, genesis_actor, snapshot, snapshot_seq,
    size, created_seq, updated_seq)
    SELECT id, kind, team_id, seeker_id, '', snapshot, updated_seq, length(snapshot),
    created_seq, updated_seq FROM documents;
CREATE TABLE changes_v3 (
    team_id TEXT NOT NULL, seq INTEGER NOT NULL,
    doc_id TEXT NOT NULL REFERENCES documents(id) DEFERRABLE INITIALLY DEFERRED,
    hash TEXT NOT NULL, actor TEXT NOT NULL, device_id TEXT, bytes BLOB NOT NULL,
    received_at TEXT NOT NULL, PRIMARY KEY (team_id, seq), UNIQUE (doc_id, hash));
INSERT INTO changes_v3 SELECT team_id, seq, doc_id, hash, actor, device_id, bytes, received_at
    FROM changes;
DROP TABLE changes;
DROP TABLE documents;
ALTER TABLE documents_v3 RENAME TO documents;
ALTER TABLE changes_v3 RENAME TO changes;
CREATE INDEX documents_team_updated ON documents (team_id, updated_seq);
CREATE INDEX changes_doc_seq ON changes (doc_id, seq);
CREATE TABLE quarantine (
    doc_id TEXT NOT NULL, hash TEXT NOT NULL, seq INTEGER NOT NULL, actor TEXT NOT NULL,
    device_id TEXT, bytes BLOB NOT NULL, reason TEXT NOT NULL, at TEXT NOT NULL,
    PRIMARY KEY (doc_id, hash));
CREATE INDEX assignments_user ON assignments (user_id);
ALTER TABLE audit ADD COLUMN detail TEXT;
CREATE TABLE refused (
    id INTEGER PRIMARY KEY AUTOINCREMENT, doc_id TEXT NOT NULL, kind TEXT NOT NULL,
    team_id TEXT NOT NULL, user_id TEXT NOT NULL, device_id TEXT NOT NULL, actor TEXT NOT NULL,
    code TEXT NOT NULL, reason TEXT NOT NULL, changes BLOB NOT NULL, at TEXT NOT NULL,
    resolution TEXT, resolved_by TEXT, resolved_at TEXT);
CREATE INDEX refused_team ON refused (team_id, id);
"#;

/// Brings the database to [`VERSION`]: the whole schema on a new file, otherwise every
/// pending step, in one transaction.
pub fn upgrade(conn: &mut Connection) -> DbResult<()> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > VERSION {
        return Err(DbError::Other(format!(
            "the database is from a newer server (schema {version}, this server knows {VERSION})"
        )));
    }
    if version == VERSION {
        return Ok(());
    }
    // Tables are rebuilt under their old names' references; check keys afterwards instead.
    conn.pragma_update(None, "foreign_keys", "OFF")?;
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    if version == 0 {
        tx.execute_batch(CURRENT)?;
    } else {
        if version < 2 {
            tx.execute_batch(V1_TO_V2)?;
        }
        if version < 3 {
            tx.execute_batch(V2_TO_V3)?;
            fill_genesis_actors(&tx)?;
            tx.execute_batch(
                "CREATE UNIQUE INDEX documents_genesis_actor ON documents (genesis_actor);",
            )?;
        }
    }
    let broken: Option<String> = tx
        .query_row("PRAGMA foreign_key_check", [], |r| r.get(0))
        .ok();
    if let Some(table) = broken {
        return Err(DbError::Other(format!(
            "upgrading the database left a dangling reference in {table}"
        )));
    }
    tx.pragma_update(None, "user_version", VERSION)?;
    tx.commit()?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    Ok(())
}

/// Records each document's genesis actor, so enrollment can refuse a phone that claims one.
fn fill_genesis_actors(conn: &Connection) -> DbResult<()> {
    let ids: Vec<String> = {
        let mut stmt = conn.prepare("SELECT id FROM documents")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut update = conn.prepare("UPDATE documents SET genesis_actor = ?2 WHERE id = ?1")?;
    for id in ids {
        let doc: DocId = id
            .parse()
            .map_err(|e| DbError::Other(format!("document id {id}: {e}")))?;
        update.execute(params![id, Document::genesis_actor(doc).to_hex_string()])?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shape of a schema: every table's columns and every index, in a stable order.
    fn shape(conn: &Connection) -> Vec<String> {
        let mut out = Vec::new();
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for t in tables {
            let mut cols = conn.prepare(&format!("PRAGMA table_info({t})")).unwrap();
            let cols: Vec<String> = cols
                .query_map([], |r| {
                    Ok(format!(
                        "{}.{} {} notnull={} default={:?} pk={}",
                        t,
                        r.get::<_, String>(1)?,
                        r.get::<_, String>(2)?,
                        r.get::<_, i64>(3)?,
                        r.get::<_, Option<String>>(4)?,
                        r.get::<_, i64>(5)?
                    ))
                })
                .unwrap()
                .map(Result::unwrap)
                .collect();
            out.extend(cols);
            let mut idx = conn.prepare(&format!("PRAGMA index_list({t})")).unwrap();
            let indexes: Vec<(String, i64)> = idx
                .query_map([], |r| Ok((r.get(1)?, r.get(2)?)))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            let mut described: Vec<String> = indexes
                .into_iter()
                .map(|(name, unique)| {
                    let mut info = conn.prepare(&format!("PRAGMA index_info({name})")).unwrap();
                    let cols: Vec<String> = info
                        .query_map([], |r| r.get(2))
                        .unwrap()
                        .map(Result::unwrap)
                        .collect();
                    // Automatic indexes are named by position; describe them by content.
                    let label = if name.starts_with("sqlite_autoindex") {
                        "auto"
                    } else {
                        &name
                    };
                    format!("{t} index {label} unique={unique} ({})", cols.join(", "))
                })
                .collect();
            described.sort();
            out.extend(described);
        }
        out
    }

    #[test]
    fn upgrading_the_oldest_shipped_schema_gives_the_current_one() {
        let dir = tempfile::tempdir().unwrap();
        let mut old = Connection::open(dir.path().join("old.db")).unwrap();
        old.execute_batch(include_str!("../../../tests/fixtures/schema-v1.sql"))
            .unwrap();
        upgrade(&mut old).unwrap();
        let mut fresh = Connection::open(dir.path().join("new.db")).unwrap();
        upgrade(&mut fresh).unwrap();
        assert_eq!(shape(&old), shape(&fresh));
        // The rows of the frozen copy survive, on the team's own feed.
        let feed: i64 = old
            .query_row("SELECT feed FROM teams", [], |r| r.get(0))
            .unwrap();
        assert_eq!(feed, 7);
        let (docs, changes): (i64, i64) = old
            .query_row(
                "SELECT (SELECT count(*) FROM documents WHERE genesis_actor != '' AND size > 0),
                        (SELECT count(*) FROM changes WHERE team_id IS NOT NULL)",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!((docs, changes), (1, 2));
        let actors: i64 = old
            .query_row("SELECT count(*) FROM server_actors", [], |r| r.get(0))
            .unwrap();
        assert_eq!(actors, 1);
    }

    #[test]
    fn a_newer_database_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let mut conn = Connection::open(dir.path().join("x.db")).unwrap();
        conn.pragma_update(None, "user_version", VERSION + 1)
            .unwrap();
        assert!(upgrade(&mut conn).is_err());
    }
}
