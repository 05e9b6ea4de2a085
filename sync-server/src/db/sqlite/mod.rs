//! The embedded SQLite backend (`--data DIR`): one file, WAL, commits on disk before they are
//! reported done (an accepted change is on disk before the phone hears so), flushed as a
//! group (`durable.rs`). One writer connection, taken in arrival order (writers queue; none
//! sleeps in SQLite's busy handler), and a bounded pool of read-only connections that never
//! wait for the writer.

mod durable;
mod read;
mod rows;
pub mod schema;
mod write;

use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex, MutexGuard};

use rusqlite::config::DbConfig;
use rusqlite::Connection;

use super::{Database, DbError, DbResult, ReadTx, WriteTx};
use durable::GroupSync;

/// Read connections kept open at most.
const MAX_READERS: usize = 8;

impl From<rusqlite::Error> for DbError {
    fn from(e: rusqlite::Error) -> Self {
        match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked) => {
                DbError::Unavailable(e.to_string())
            }
            _ => DbError::Other(e.to_string()),
        }
    }
}

/// The SQLite database of one server.
pub struct SqliteDb {
    path: PathBuf,
    writer: Mutex<Connection>,
    queue: Fifo,
    sync: GroupSync,
    readers: Mutex<Readers>,
    reader_returned: Condvar,
}

struct Readers {
    idle: Vec<Connection>,
    open: usize,
}

impl std::fmt::Debug for SqliteDb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SqliteDb")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

/// The file a data directory keeps the database in.
pub fn file_in(dir: &Path) -> PathBuf {
    dir.join("fieldbook-server.db")
}

fn connect(path: &Path, writer: bool) -> DbResult<Connection> {
    let conn = Connection::open(path)?;
    // Only other processes (an admin command beside a running server) can make us wait.
    conn.busy_timeout(std::time::Duration::from_secs(30))?;
    conn.set_prepared_statement_cache_capacity(64);
    // One plan per statement whatever its bound values: without it SQLite (built with STAT4)
    // parses and plans a cached join again at every bind — a third of the server's CPU per
    // sync went to re-planning the token lookup (docs/benchmarks.md, "Statements planned
    // once").
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG, true)?;
    // No memory map: in WAL mode every read transaction after another connection's commit
    // unmaps the whole file and faults its pages back in, which under pushes cost more than
    // the copies it saves (docs/benchmarks.md, "Statements planned once").
    conn.pragma_update(None, "foreign_keys", "ON")?;
    if writer {
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
    } else {
        conn.pragma_update(None, "query_only", "ON")?;
    }
    Ok(conn)
}

impl SqliteDb {
    /// Opens (creating and upgrading if needed) the database in `dir`.
    pub fn open(dir: &Path) -> DbResult<SqliteDb> {
        std::fs::create_dir_all(dir)
            .map_err(|e| DbError::Other(format!("{}: {e}", dir.display())))?;
        let path = file_in(dir);
        let mut conn = connect(&path, true)?;
        schema::upgrade(&mut conn)?;
        // From here on the writer's commits are flushed as a group (see `durable`).
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        Ok(SqliteDb {
            sync: GroupSync::new(&path),
            path,
            writer: Mutex::new(conn),
            queue: Fifo::default(),
            readers: Mutex::new(Readers {
                idle: Vec::new(),
                open: 0,
            }),
            reader_returned: Condvar::new(),
        })
    }

    fn reader(&self) -> DbResult<Reader<'_>> {
        let mut readers = lock(&self.readers);
        loop {
            if let Some(conn) = readers.idle.pop() {
                return Ok(Reader {
                    db: self,
                    conn: Some(conn),
                });
            }
            if readers.open < MAX_READERS {
                readers.open += 1;
                drop(readers);
                return match connect(&self.path, false) {
                    Ok(conn) => Ok(Reader {
                        db: self,
                        conn: Some(conn),
                    }),
                    Err(e) => {
                        lock(&self.readers).open -= 1;
                        Err(e)
                    }
                };
            }
            readers = self
                .reader_returned
                .wait(readers)
                .unwrap_or_else(|p| p.into_inner());
        }
    }
}

/// Runs a transaction statement (`BEGIN`, `COMMIT`, …) from the statement cache: parsing it
/// again for every request showed up in profiles.
fn run(conn: &Connection, sql: &str) -> rusqlite::Result<()> {
    conn.prepare_cached(sql)?.execute([])?;
    Ok(())
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // A panic while holding a connection leaves no transaction open (dropping a view rolls
    // back), so a poisoned lock is safe to keep using.
    m.lock().unwrap_or_else(|p| p.into_inner())
}

impl Database for SqliteDb {
    fn read(&self) -> DbResult<Box<dyn ReadTx + '_>> {
        let reader = self.reader()?;
        run(reader.conn(), "BEGIN")?;
        Ok(Box::new(reader))
    }

    fn lookup(&self) -> DbResult<Box<dyn ReadTx + '_>> {
        Ok(Box::new(self.reader()?))
    }

    fn write(&self) -> DbResult<Box<dyn WriteTx + '_>> {
        self.writer(false)
    }

    fn write_relaxed(&self) -> DbResult<Box<dyn WriteTx + '_>> {
        self.writer(true)
    }
}

impl SqliteDb {
    /// The writer connection in a transaction; a `relaxed` one's commit does not wait for the
    /// disk (the next flush makes it durable).
    fn writer(&self, relaxed: bool) -> DbResult<Box<dyn WriteTx + '_>> {
        let ticket = self.queue.wait_turn();
        let conn = lock(&self.writer);
        run(&conn, "BEGIN IMMEDIATE")?;
        Ok(Box::new(Writer {
            db: self,
            conn,
            open: true,
            relaxed,
            _turn: ticket,
        }))
    }
}

/// Anything that reads through one SQLite connection.
trait HasConn {
    fn conn(&self) -> &Connection;
}

/// A read view on a pooled connection, returned to the pool when dropped.
struct Reader<'a> {
    db: &'a SqliteDb,
    conn: Option<Connection>,
}

impl HasConn for Reader<'_> {
    fn conn(&self) -> &Connection {
        self.conn.as_ref().expect("connection present until drop")
    }
}

impl Drop for Reader<'_> {
    fn drop(&mut self) {
        let Some(conn) = self.conn.take() else {
            return;
        };
        let mut readers = lock(&self.db.readers);
        if conn.is_autocommit() || run(&conn, "ROLLBACK").is_ok() {
            readers.idle.push(conn);
        } else {
            readers.open -= 1;
        }
        drop(readers);
        self.db.reader_returned.notify_one();
    }
}

/// The write transaction, holding the writer connection and the queue's turn.
struct Writer<'a> {
    db: &'a SqliteDb,
    conn: MutexGuard<'a, Connection>,
    open: bool,
    /// Its commit does not wait for the disk.
    relaxed: bool,
    /// Released last, after the connection.
    _turn: Turn<'a>,
}

impl HasConn for Writer<'_> {
    fn conn(&self) -> &Connection {
        &self.conn
    }
}

impl Drop for Writer<'_> {
    fn drop(&mut self) {
        if self.open {
            let _ = run(&self.conn, "ROLLBACK");
        }
    }
}

/// A first-come, first-served queue for the writer: waiting writers are served in the order
/// they asked.
#[derive(Default)]
struct Fifo {
    state: Mutex<(u64, u64)>,
    turn_over: Condvar,
}

struct Turn<'a>(&'a Fifo);

impl Fifo {
    fn wait_turn(&self) -> Turn<'_> {
        let mut state = lock(&self.state);
        let ticket = state.0;
        state.0 += 1;
        while state.1 != ticket {
            state = self
                .turn_over
                .wait(state)
                .unwrap_or_else(|p| p.into_inner());
        }
        Turn(self)
    }
}

impl Drop for Turn<'_> {
    fn drop(&mut self) {
        lock(&self.0.state).1 += 1;
        self.0.turn_over.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use rusqlite::StatementStatus;

    use super::*;

    #[test]
    fn a_cached_join_is_planned_once_whatever_its_bound_value() {
        let dir = tempfile::tempdir().unwrap();
        let db = SqliteDb::open(dir.path()).unwrap();
        for i in 0..20 {
            let owner = db.read().unwrap().device_by_token(&format!("token {i}"));
            assert!(owner.unwrap().is_none());
        }
        let reader = db.reader().unwrap();
        let stmt = reader.conn().prepare_cached(read::DEVICE_BY_TOKEN).unwrap();
        assert_eq!(stmt.get_status(StatementStatus::RePrepare), 0);
    }
}
