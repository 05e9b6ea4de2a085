//! The on-device schema, as numbered migrations run at open. Each migration runs in its own
//! transaction; `PRAGMA user_version` records how far a database has come.

use rusqlite::Connection;

use crate::Result;

/// Migration `i` brings a database from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    // 1: documents, their changes, the outbox and the index tables behind the screens.
    r#"
    CREATE TABLE meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
    );

    -- One row per document: a compact snapshot plus the change chunks appended since.
    CREATE TABLE documents (
        id          TEXT PRIMARY KEY,
        kind        TEXT NOT NULL,
        snapshot    BLOB NOT NULL,
        change_rows INTEGER NOT NULL DEFAULT 0,
        version     INTEGER NOT NULL DEFAULT 1,
        updated_at  TEXT NOT NULL
    );
    CREATE TABLE doc_changes (
        seq    INTEGER PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        bytes  BLOB NOT NULL
    );
    CREATE INDEX doc_changes_by_doc ON doc_changes(doc_id, seq);

    -- Changes made on this phone that the server has not yet accepted.
    CREATE TABLE outbox (
        seq    INTEGER PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        hash   TEXT NOT NULL,
        bytes  BLOB NOT NULL,
        UNIQUE (doc_id, hash)
    );

    -- Changes the server refused, kept so nothing typed on the phone is silently lost.
    CREATE TABLE rejected (
        seq         INTEGER PRIMARY KEY,
        doc_id      TEXT NOT NULL,
        hash        TEXT NOT NULL,
        bytes       BLOB NOT NULL,
        reason      TEXT NOT NULL,
        rejected_at TEXT NOT NULL
    );

    CREATE TABLE caseload_index (
        seeker_id          TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        name               TEXT NOT NULL,
        display_name       TEXT NOT NULL,
        status             TEXT,
        status_since       TEXT,
        referral_date      TEXT,
        first_meeting      TEXT,
        first_face_to_face TEXT,
        next_step_id       TEXT,
        next_step          TEXT,
        next_step_due      TEXT,
        open_steps         INTEGER NOT NULL,
        current_job        TEXT
    );

    CREATE TABLE step_index (
        step_id   TEXT PRIMARY KEY,
        seeker_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        what      TEXT NOT NULL,
        who       TEXT NOT NULL,
        due       TEXT,
        status    TEXT NOT NULL,
        position  REAL NOT NULL
    );
    CREATE INDEX step_index_due ON step_index(status, due);

    CREATE TABLE employer_index (
        employer_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        name        TEXT NOT NULL,
        industry    TEXT,
        visits      INTEGER NOT NULL,
        last_visit  TEXT
    );

    CREATE TABLE visit_index (
        visit_id       TEXT PRIMARY KEY,
        employer_id    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        specialist     TEXT,
        at             TEXT NOT NULL,
        local_date     TEXT NOT NULL,
        week_start     TEXT NOT NULL,
        mode           TEXT NOT NULL,
        purpose        TEXT NOT NULL,
        face_to_face   INTEGER NOT NULL,
        seekers        INTEGER NOT NULL,
        followed_preference INTEGER,
        outcome        TEXT
    );
    CREATE INDEX visit_index_week ON visit_index(specialist, week_start);
    CREATE INDEX visit_index_employer ON visit_index(employer_id, at);

    CREATE TABLE member_index (
        user_id TEXT PRIMARY KEY,
        team_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        name    TEXT NOT NULL,
        role    TEXT NOT NULL
    );
    CREATE TABLE assignment_index (
        seeker_id     TEXT NOT NULL,
        specialist_id TEXT NOT NULL,
        team_id       TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        PRIMARY KEY (seeker_id, specialist_id)
    );
    "#,
];

/// The schema version this build writes.
pub(crate) const CURRENT_VERSION: usize = MIGRATIONS.len();

/// Brings the database up to [`CURRENT_VERSION`]. A database from a newer app is refused
/// rather than damaged.
pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    let version: usize =
        conn.query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))? as usize;
    if version > CURRENT_VERSION {
        return Err(crate::Error::malformed(
            "store",
            format!(
                "written by a newer Fieldbook (schema {version}, this app knows {CURRENT_VERSION})"
            ),
        ));
    }
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(version) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
pub(crate) fn migrate_to(conn: &mut Connection, target: usize) -> Result<()> {
    for (i, sql) in MIGRATIONS.iter().enumerate().take(target) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema_of(conn: &Connection) -> Vec<String> {
        let mut stmt = conn
            .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    }

    #[test]
    fn every_old_version_upgrades_to_the_fresh_schema() {
        let mut fresh = Connection::open_in_memory().unwrap();
        migrate(&mut fresh).unwrap();
        for start in 0..CURRENT_VERSION {
            let mut old = Connection::open_in_memory().unwrap();
            migrate_to(&mut old, start).unwrap();
            migrate(&mut old).unwrap();
            assert_eq!(schema_of(&old), schema_of(&fresh), "upgrade from {start}");
        }
    }

    #[test]
    fn newer_schema_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        assert!(migrate(&mut conn).is_err());
    }
}
