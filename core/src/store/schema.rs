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
    // 2: fewer pages per write (every page written is encrypted and MACed). Index rows live
    // in their owner's key order (WITHOUT ROWID, keyed by owning document first), so they
    // need no separate key index and an update stays in place; appending a change no longer
    // rewrites the document's row (its revision is read from the change rows); the outbox
    // is acknowledged by row number rather than looked up by hash.
    r#"
    ALTER TABLE documents DROP COLUMN change_rows;
    ALTER TABLE documents RENAME COLUMN updated_at TO snapshot_at;

    -- Appended in order, acknowledged by row: no key index to keep up on every write.
    CREATE TABLE outbox_2 (
        seq    INTEGER PRIMARY KEY,
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        hash   TEXT NOT NULL,
        bytes  BLOB NOT NULL
    );
    INSERT INTO outbox_2 SELECT seq, doc_id, hash, bytes FROM outbox;
    DROP TABLE outbox;
    ALTER TABLE outbox_2 RENAME TO outbox;

    CREATE TABLE caseload_index_2 (
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
    ) WITHOUT ROWID;
    INSERT INTO caseload_index_2 SELECT * FROM caseload_index;
    DROP TABLE caseload_index;
    ALTER TABLE caseload_index_2 RENAME TO caseload_index;

    CREATE TABLE step_index_2 (
        seeker_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        step_id   TEXT NOT NULL,
        what      TEXT NOT NULL,
        who       TEXT NOT NULL,
        due       TEXT,
        status    TEXT NOT NULL,
        position  REAL NOT NULL,
        PRIMARY KEY (seeker_id, step_id)
    ) WITHOUT ROWID;
    INSERT INTO step_index_2 (seeker_id, step_id, what, who, due, status, position)
        SELECT seeker_id, step_id, what, who, due, status, position FROM step_index;
    DROP TABLE step_index;
    ALTER TABLE step_index_2 RENAME TO step_index;
    CREATE INDEX step_index_due ON step_index(status, due);

    CREATE TABLE employer_index_2 (
        employer_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        name        TEXT NOT NULL,
        industry    TEXT,
        visits      INTEGER NOT NULL,
        last_visit  TEXT
    ) WITHOUT ROWID;
    INSERT INTO employer_index_2 SELECT * FROM employer_index;
    DROP TABLE employer_index;
    ALTER TABLE employer_index_2 RENAME TO employer_index;

    CREATE TABLE visit_index_2 (
        employer_id    TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        visit_id       TEXT NOT NULL,
        specialist     TEXT,
        at             TEXT NOT NULL,
        local_date     TEXT NOT NULL,
        week_start     TEXT NOT NULL,
        mode           TEXT NOT NULL,
        purpose        TEXT NOT NULL,
        face_to_face   INTEGER NOT NULL,
        seekers        INTEGER NOT NULL,
        followed_preference INTEGER,
        outcome        TEXT,
        PRIMARY KEY (employer_id, visit_id)
    ) WITHOUT ROWID;
    INSERT INTO visit_index_2 (employer_id, visit_id, specialist, at, local_date, week_start, mode,
                               purpose, face_to_face, seekers, followed_preference, outcome)
        SELECT employer_id, visit_id, specialist, at, local_date, week_start, mode,
               purpose, face_to_face, seekers, followed_preference, outcome FROM visit_index;
    DROP TABLE visit_index;
    ALTER TABLE visit_index_2 RENAME TO visit_index;
    CREATE INDEX visit_index_week ON visit_index(specialist, week_start);
    "#,
    // 3: the outbox joins the change rows. A change made on this phone was written twice
    // (change row and outbox row, each a page per write); now its change row carries its
    // hash until the server accepts it. Compaction keeps such rows, marked as folded into
    // the snapshot, so nothing unsent is lost and nothing is loaded twice.
    r#"
    ALTER TABLE doc_changes ADD COLUMN hash TEXT;
    ALTER TABLE doc_changes ADD COLUMN folded INTEGER NOT NULL DEFAULT 0;
    UPDATE doc_changes SET hash = (
        SELECT o.hash FROM outbox o
        WHERE o.doc_id = doc_changes.doc_id AND o.bytes = doc_changes.bytes
    );
    INSERT INTO doc_changes (doc_id, bytes, hash, folded)
        SELECT o.doc_id, o.bytes, o.hash, 1 FROM outbox o
        WHERE NOT EXISTS (
            SELECT 1 FROM doc_changes c WHERE c.doc_id = o.doc_id AND c.bytes = o.bytes
        )
        ORDER BY o.seq;
    DROP TABLE outbox;
    DROP INDEX doc_changes_by_doc;
    CREATE INDEX doc_changes_by_doc ON doc_changes(doc_id, folded, seq);
    "#,
    // 4: external ids. A job seeker, an employer or a visit may carry the id another system
    // gave it (a county case number, a spreadsheet key, a name typed with `--id`); imports
    // and the terminal find records by it, per kind (a visit within its employer). No stored
    // document has one yet, so the new columns start empty and nothing is re-indexed.
    r#"
    ALTER TABLE caseload_index ADD COLUMN external_id TEXT;
    ALTER TABLE employer_index ADD COLUMN external_id TEXT;
    ALTER TABLE visit_index ADD COLUMN external_id TEXT;
    CREATE INDEX caseload_index_external ON caseload_index(external_id COLLATE NOCASE)
        WHERE external_id IS NOT NULL;
    CREATE INDEX employer_index_external ON employer_index(external_id COLLATE NOCASE)
        WHERE external_id IS NOT NULL;
    CREATE INDEX visit_index_external ON visit_index(employer_id, external_id COLLATE NOCASE)
        WHERE external_id IS NOT NULL;
    "#,
    // 5: refused changes say whose record they were and of which kind, named when they were
    // refused (the record may leave the phone right after), and are found by document when
    // the record arrives holding them (a supervisor accepted them).
    r#"
    ALTER TABLE rejected ADD COLUMN kind TEXT;
    ALTER TABLE rejected ADD COLUMN record TEXT;
    CREATE INDEX rejected_by_doc ON rejected(doc_id);
    "#,
    // 6: every job seeker's consents, so the caseload's renewal warnings come from an index
    // rather than from loading each person's record. Stored records are indexed as the
    // migration runs (`backfill`), in its transaction.
    r#"
    CREATE TABLE consent_index (
        seeker_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        consent_id TEXT NOT NULL,
        recipient  TEXT NOT NULL,
        release_to TEXT,
        signed     TEXT NOT NULL,
        expires    TEXT NOT NULL,
        PRIMARY KEY (seeker_id, consent_id)
    ) WITHOUT ROWID;
    "#,
    // 7: each word of job seekers' and employers' names, folded (lower case, no accents), so
    // a search by the start of a name reads an index, not the documents. Filled from the
    // caseload and employer indexes as the migration runs.
    r#"
    CREATE TABLE name_index (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        word   TEXT NOT NULL,
        kind   TEXT NOT NULL,
        PRIMARY KEY (doc_id, word)
    ) WITHOUT ROWID;
    CREATE INDEX name_index_word ON name_index(kind, word);
    "#,
    // 8: merged duplicates. One row per mark a merged record carries (two when two phones
    // merged it into different records at once); `merged_records` is the set the lists leave
    // out: every marked record but the lower id of two merged into each other at once. No
    // stored record was merged before, so nothing is backfilled.
    r#"
    CREATE TABLE merge_index (
        doc_id  TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        into_id TEXT NOT NULL,
        kind    TEXT NOT NULL,
        PRIMARY KEY (doc_id, into_id)
    ) WITHOUT ROWID;
    CREATE VIEW merged_records AS
        SELECT m.doc_id AS id, m.into_id AS into_id FROM merge_index m
        WHERE NOT (m.doc_id < m.into_id AND EXISTS (
            SELECT 1 FROM merge_index b WHERE b.doc_id = m.into_id AND b.into_id = m.doc_id));
    "#,
    // 9: changes stranded when their record left the phone before they were sent: sent once
    // to the server anyway, so the team's supervisor sees them with the refused work and can
    // accept them (ADR 0003, hand-over).
    r#"
    ALTER TABLE rejected ADD COLUMN stranded INTEGER NOT NULL DEFAULT 0;
    "#,
    // 10: refused changes keep the record's name and why they were refused as a code, apart
    // from the English words, so an app words them in its own language. Rows kept before are
    // read back from the English this app wrote then; a server's reason it did not code stays
    // without a cause.
    r#"
    ALTER TABLE rejected ADD COLUMN name TEXT;
    ALTER TABLE rejected ADD COLUMN cause TEXT;
    UPDATE rejected SET name = CASE
        WHEN kind = 'seeker' AND record LIKE 'job seeker %' THEN substr(record, 12)
        WHEN kind = 'notes' AND record = 'case notes of a job seeker' THEN NULL
        WHEN kind = 'notes' AND record LIKE 'case notes of %' THEN substr(record, 15)
        WHEN kind = 'employer' AND record LIKE 'employer %' THEN substr(record, 10)
    END;
    UPDATE rejected SET cause = CASE
        WHEN reason LIKE 'the record left this phone %' THEN 'left_the_phone'
        WHEN reason LIKE '%(kept for your supervisor, who can accept it into the record)'
            THEN 'kept_for_supervisor'
        WHEN reason LIKE 'this phone''s copy was replaced by the server''s %'
            THEN 'no_longer_applies'
    END;
    "#,
    // 11: the job seekers' and employers' records holding conflicting fields, so the
    // pending-changes screen does not walk every record. Filled from the stored records as
    // the migration runs.
    r#"
    CREATE TABLE conflict_index (
        doc_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
        kind   TEXT NOT NULL
    ) WITHOUT ROWID;
    "#,
];

/// Fills a new index table from the stored documents.
type Backfill = fn(&Connection) -> Result<()>;

/// The migration after which stored documents are read to fill new index tables.
const BACKFILL: &[(usize, Backfill)] = &[
    (6, super::consent_index::backfill),
    (7, super::names::backfill),
    (11, super::conflict_index::backfill),
];

/// The schema version this build writes.
pub(crate) const CURRENT_VERSION: usize = MIGRATIONS.len();

/// Brings the database up to [`CURRENT_VERSION`]. A database from a newer app is refused
/// rather than damaged.
pub(crate) fn migrate(conn: &mut Connection) -> Result<()> {
    migrate_from(conn, None)
}

/// Runs the migrations from the database's version up to `target` (all when `None`), each
/// with its backfill in one transaction.
fn migrate_from(conn: &mut Connection, target: Option<usize>) -> Result<()> {
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
    let last = target.unwrap_or(CURRENT_VERSION);
    for (i, sql) in MIGRATIONS.iter().enumerate().take(last).skip(version) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        for (_, fill) in BACKFILL.iter().filter(|(after, _)| *after == i + 1) {
            fill(&tx)?;
        }
        tx.pragma_update(None, "user_version", (i + 1) as i64)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
pub(crate) fn migrate_to(conn: &mut Connection, target: usize) -> Result<()> {
    migrate_from(conn, Some(target))
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::params;

    /// Every table and index as SQLite keeps it, spacing aside (SQLite keeps a statement's
    /// text as written, and the frozen copy is indented differently).
    fn schema_of(conn: &Connection) -> Vec<String> {
        let mut stmt = conn
            .prepare("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY name")
            .unwrap();
        stmt.query_map([], |r| r.get::<_, String>(0))
            .unwrap()
            .map(|r| r.unwrap().split_whitespace().collect::<Vec<_>>().join(" "))
            .collect()
    }

    /// A database as the first shipped phone store left it (frozen SQL, never edited).
    fn shipped_v1() -> Connection {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(include_str!("../../tests/fixtures/phone-schema-v1.sql"))
            .unwrap();
        conn
    }

    #[test]
    fn the_first_shipped_schema_upgrades_to_the_fresh_one() {
        let mut fresh = Connection::open_in_memory().unwrap();
        migrate(&mut fresh).unwrap();
        let mut old = shipped_v1();
        migrate(&mut old).unwrap();
        assert_eq!(schema_of(&old), schema_of(&fresh));
        let version: i64 = old
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(version as usize, CURRENT_VERSION);
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
    fn upgrading_keeps_every_row_and_the_cascades() {
        let mut conn = shipped_v1();
        conn.pragma_update(None, "foreign_keys", "ON").unwrap();
        conn.execute_batch(
            "INSERT INTO documents (id, kind, snapshot, change_rows, version, updated_at) VALUES
                 ('e1', 'employer', x'01', 1, 7, 'then'), ('s1', 'seeker', x'02', 0, 1, 'then');
             INSERT INTO doc_changes (doc_id, bytes) VALUES ('e1', x'03');
             INSERT INTO outbox (doc_id, hash, bytes) VALUES ('e1', 'h0', x'04'), ('e1', 'h1', x'03');
             INSERT INTO caseload_index (seeker_id, name, display_name, open_steps)
                 VALUES ('s1', 'Ana Lima', 'Ana', 2);
             INSERT INTO step_index (step_id, seeker_id, what, who, status, position)
                 VALUES ('st1', 's1', 'Write a resume', 'seeker', 'open', 1.0);
             INSERT INTO employer_index (employer_id, name, visits) VALUES ('e1', 'Bakery', 1);
             INSERT INTO visit_index (visit_id, employer_id, at, local_date, week_start, mode,
                                      purpose, face_to_face, seekers)
                 VALUES ('v1', 'e1', '2026-11-02T10:00:00-06:00', '2026-11-02', '2026-11-02',
                         'in_person', 'learn_business_needs', 1, 1);",
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        let one = |sql: &str| -> String { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
        assert_eq!(
            one("SELECT snapshot_at || version FROM documents WHERE id = 'e1'"),
            "then7"
        );
        // The unsent change still in a change row is marked; the one already in the
        // snapshot comes back as a folded row, in the outbox's order.
        assert_eq!(
            one("SELECT group_concat(hash || hex(bytes) || folded, ' ') FROM
                 (SELECT * FROM doc_changes WHERE doc_id = 'e1' ORDER BY folded, seq)"),
            "h1030 h0041"
        );
        assert_eq!(one("SELECT display_name FROM caseload_index"), "Ana");
        assert_eq!(
            one("SELECT what FROM step_index WHERE seeker_id = 's1'"),
            "Write a resume"
        );
        assert_eq!(one("SELECT name || visits FROM employer_index"), "Bakery1");
        assert_eq!(
            one("SELECT visit_id || week_start FROM visit_index"),
            "v12026-11-02"
        );
        conn.execute("DELETE FROM documents WHERE id = 'e1'", [])
            .unwrap();
        let left = |table: &str| -> i64 {
            conn.query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
                .unwrap()
        };
        for table in ["doc_changes", "employer_index", "visit_index"] {
            assert_eq!(left(table), 0, "{table} kept rows of a removed document");
        }
        assert_eq!(left("step_index"), 1);
    }

    #[test]
    fn refused_changes_kept_before_version_10_get_their_name_and_cause() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate_to(&mut conn, 9).unwrap();
        let kept = |kind: &str, record: &str, reason: &str| {
            conn.execute(
                "INSERT INTO rejected (doc_id, hash, bytes, reason, rejected_at, kind, record)
                 VALUES ('d', 'h', x'00', ?1, 'then', ?2, ?3)",
                params![reason, kind, record],
            )
            .unwrap();
        };
        kept(
            "seeker",
            "job seeker Erik Lund",
            "the record left this phone (reassigned, or no longer shared with you) before this \
             change reached the server",
        );
        kept(
            "notes",
            "case notes of Ana Lima",
            "not yours (kept for your supervisor, who can accept it into the record)",
        );
        kept(
            "employer",
            "employer Sunny Side Laundromat",
            "this phone's copy was replaced by the server's and the edit no longer applies: x",
        );
        kept(
            "notes",
            "case notes of a job seeker",
            "you may not write it",
        );
        kept("directory", "the team directory", "you may not write it");
        migrate(&mut conn).unwrap();
        let rows: Vec<(Option<String>, Option<String>)> = conn
            .prepare("SELECT name, cause FROM rejected ORDER BY seq")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .map(|r| r.unwrap())
            .collect();
        let some = |s: &str| Some(s.to_owned());
        assert_eq!(
            rows,
            [
                (some("Erik Lund"), some("left_the_phone")),
                (some("Ana Lima"), some("kept_for_supervisor")),
                (some("Sunny Side Laundromat"), some("no_longer_applies")),
                (None, None),
                (None, None),
            ]
        );
    }

    #[test]
    fn newer_schema_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        assert!(migrate(&mut conn).is_err());
    }
}
