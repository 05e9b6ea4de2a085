//! The PostgreSQL backend (`--database postgres://…`): what a program runs when it outgrows
//! one machine, with several server nodes behind a load balancer on one database
//! (`docs/adr/0008-postgresql.md`).
//!
//! - Driver and pool: the blocking `postgres` crate (the service is blocking code on tokio's
//!   blocking pool; each connection's I/O runs on the calling thread) in an `r2d2` pool, each
//!   connection keeping its prepared statements.
//! - Reads ([`Database::read`]) are `REPEATABLE READ READ ONLY` transactions: every query of a
//!   pull sees one snapshot, and a read never waits for a writer.
//! - Writes are `READ COMMITTED`. A team's feed is its `teams.feed` counter, taken by an
//!   `UPDATE … RETURNING` whose row lock is held until commit: the next writer of that team
//!   waits for the commit, so numbers of one team become visible in order on every node, and
//!   writers of other teams never wait. A conditional append waits for that lock first and
//!   then re-reads the document's version, so a writer that read an older version gets
//!   [`DbError::Conflict`]. Unique-key races, serialization failures and deadlocks are
//!   `Conflict` too: the service reads again and retries.

mod conn;
mod read;
mod rows;
pub mod schema;
pub mod tls;
mod write;

use std::cell::{RefCell, RefMut};
use std::time::Duration;

use postgres::error::SqlState;

use super::{Database, DbError, DbResult, ReadTx, WriteTx};
use conn::{Conn, Manager};

/// Connections one server process keeps open at most: enough for tokio's blocking pool to
/// keep the database busy, few enough that several nodes fit PostgreSQL's default of 100.
pub const DEFAULT_POOL_SIZE: u32 = 16;
/// How long a request waits for a free connection before it is told to try again.
const CHECKOUT_TIMEOUT: Duration = Duration::from_secs(30);

/// Whether `location` names a PostgreSQL database (`postgres://` or `postgresql://`).
pub fn is_url(location: &str) -> bool {
    let lower = location.trim_start().to_ascii_lowercase();
    lower.starts_with("postgres://") || lower.starts_with("postgresql://")
}

/// `url` with any password replaced by `***`, for messages and logs.
pub fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (authority, tail) = match rest.find(['/', '?']) {
        Some(i) => rest.split_at(i),
        None => (rest, ""),
    };
    let authority = match authority.rsplit_once('@') {
        Some((user, host)) => match user.split_once(':') {
            Some((name, _)) => format!("{name}:***@{host}"),
            None => authority.to_string(),
        },
        None => authority.to_string(),
    };
    let tail = tail
        .split('&')
        .map(|kv| match kv.split_once('=') {
            Some((k, _)) if k.trim_start_matches('?') == "password" => format!("{k}=***"),
            _ => kv.to_string(),
        })
        .collect::<Vec<_>>()
        .join("&");
    format!("{scheme}://{authority}{tail}")
}

/// Maps a driver error to what the service acts on.
pub(crate) fn db_error(e: postgres::Error) -> DbError {
    if let Some(db) = e.as_db_error() {
        let code = db.code();
        if *code == SqlState::T_R_SERIALIZATION_FAILURE
            || *code == SqlState::T_R_DEADLOCK_DETECTED
            || *code == SqlState::UNIQUE_VIOLATION
        {
            return DbError::Conflict;
        }
        if code.code().starts_with("08")
            || code.code().starts_with("53")
            || code.code().starts_with("57")
            || *code == SqlState::LOCK_NOT_AVAILABLE
        {
            return DbError::Unavailable(format!("{}: {}", code.code(), db.message()));
        }
        return DbError::Other(format!("{}: {}", code.code(), db.message()));
    }
    // The driver's own words are short ("error connecting to server"): add the causes.
    let mut text = e.to_string();
    let mut source = std::error::Error::source(&e);
    while let Some(s) = source {
        text.push_str(&format!(": {s}"));
        source = s.source();
    }
    if e.is_closed() || std::error::Error::source(&e).is_some_and(|s| s.is::<std::io::Error>()) {
        return DbError::Unavailable(text);
    }
    DbError::Other(text)
}

/// One connection outside any pool, the schema brought up to date: for bulk work
/// (`admin migrate`).
pub(crate) fn lone_connection(url: &str) -> DbResult<postgres::Client> {
    let mut conn = Manager::new(url)?.connect_now()?;
    schema::upgrade(conn.client())?;
    Ok(conn.into_client())
}

/// A PostgreSQL database shared by any number of server processes.
pub struct PgDb {
    pool: r2d2::Pool<Manager>,
    url: String,
}

impl std::fmt::Debug for PgDb {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PgDb")
            .field("url", &redact(&self.url))
            .finish_non_exhaustive()
    }
}

impl PgDb {
    /// Connects to `url` (creating and upgrading the schema if needed) with a pool of at most
    /// `pool_size` connections. `sslmode=require` in the URL makes every connection TLS,
    /// verified against the system's roots and the CA file `sslrootcert=` names.
    pub fn open(url: &str, pool_size: u32) -> DbResult<PgDb> {
        let manager = Manager::new(url)?;
        // The first connection is made here, so a wrong URL or password is one clear error.
        let mut first = manager.connect_now()?;
        schema::upgrade(first.client())?;
        drop(first);
        let pool = r2d2::Pool::builder()
            .max_size(pool_size.max(1))
            .min_idle(Some(0))
            .connection_timeout(CHECKOUT_TIMEOUT)
            .idle_timeout(Some(Duration::from_secs(300)))
            .test_on_check_out(false)
            .error_handler(Box::new(r2d2::LoggingErrorHandler))
            .build_unchecked(manager);
        Ok(PgDb {
            pool,
            url: url.to_string(),
        })
    }

    /// The database's address, password hidden.
    pub fn describe(&self) -> String {
        redact(&self.url)
    }

    fn conn(&self) -> DbResult<r2d2::PooledConnection<Manager>> {
        self.pool
            .get()
            .map_err(|e| DbError::Unavailable(format!("no database connection: {e}")))
    }
}

impl Database for PgDb {
    fn read(&self) -> DbResult<Box<dyn ReadTx + '_>> {
        let mut conn = self.conn()?;
        conn.batch("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")?;
        Ok(Box::new(Tx::new(conn, false)))
    }

    fn lookup(&self) -> DbResult<Box<dyn ReadTx + '_>> {
        let mut tx = Tx::new(self.conn()?, false);
        // No transaction to end: each statement commits on its own.
        tx.open = false;
        Ok(Box::new(tx))
    }

    fn write(&self) -> DbResult<Box<dyn WriteTx + '_>> {
        let mut conn = self.conn()?;
        conn.batch("BEGIN ISOLATION LEVEL READ COMMITTED")?;
        Ok(Box::new(Tx::new(conn, true)))
    }

    fn write_relaxed(&self) -> DbResult<Box<dyn WriteTx + '_>> {
        let mut conn = self.conn()?;
        // This transaction's commit returns before its WAL record is flushed; the next
        // ordinary commit (or the WAL writer, within moments) makes it durable.
        conn.batch("BEGIN ISOLATION LEVEL READ COMMITTED; SET LOCAL synchronous_commit = off")?;
        Ok(Box::new(Tx::new(conn, true)))
    }
}

/// One transaction on a pooled connection: rolled back when dropped without commit, and the
/// connection returned to the pool (or closed, if the rollback failed).
struct Tx {
    conn: RefCell<r2d2::PooledConnection<Manager>>,
    open: bool,
    /// A write transaction (not a read-only view).
    writer: bool,
}

impl Tx {
    fn new(conn: r2d2::PooledConnection<Manager>, writer: bool) -> Tx {
        Tx {
            conn: RefCell::new(conn),
            open: true,
            writer,
        }
    }

    /// The connection, for one statement at a time.
    fn conn(&self) -> RefMut<'_, Conn> {
        RefMut::map(self.conn.borrow_mut(), |c| &mut **c)
    }
}

impl Drop for Tx {
    fn drop(&mut self) {
        if self.open {
            let mut conn = self.conn();
            if conn.batch("ROLLBACK").is_err() {
                conn.mark_broken();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_reach_a_message() {
        assert_eq!(
            redact("postgres://fb:s3cret@db.example:5432/fieldbook?sslmode=require"),
            "postgres://fb:***@db.example:5432/fieldbook?sslmode=require"
        );
        assert_eq!(
            redact("postgresql://db/fieldbook?user=fb&password=s3cret"),
            "postgresql://db/fieldbook?user=fb&password=***"
        );
        assert_eq!(redact("postgres://fb@db/x"), "postgres://fb@db/x");
    }

    #[test]
    fn only_postgres_urls_are_postgres() {
        assert!(is_url("postgres://x/y"));
        assert!(is_url("PostgreSQL://x/y"));
        assert!(!is_url("./fieldbook-data"));
        assert!(!is_url("mysql://x/y"));
    }
}
