//! One database connection and the pool's recipe for making them: the URL read once (with
//! libpq's TLS options, which the driver does not know, taken out and handled in
//! [`super::tls`]), session limits set on every new connection, prepared statements kept per
//! connection.

use std::collections::HashMap;
use std::str::FromStr;

use postgres::config::SslMode;
use postgres::types::ToSql;
use postgres::{Client, Row, Statement};
use tokio_postgres_rustls::MakeRustlsConnect;

use super::db_error;
use super::tls::TlsChoice;
use crate::db::{DbError, DbResult};

/// Set on every connection: a transaction left open by a stuck node is ended, and a writer
/// waiting on a team's feed longer than this is told to try again instead of waiting forever.
const SESSION_SETTINGS: &str =
    "SET idle_in_transaction_session_timeout = '60s'; SET lock_timeout = '30s'";

/// A parameter of a statement.
pub type Param<'a> = &'a (dyn ToSql + Sync);

/// Makes connections for the pool.
pub struct Manager {
    config: postgres::Config,
    tls: MakeRustlsConnect,
}

impl std::fmt::Debug for Manager {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Manager").finish_non_exhaustive()
    }
}

/// Splits libpq's `sslmode` and `sslrootcert` out of a URL's query: the rest of the URL and
/// the two values (percent-decoded).
fn split_tls_options(url: &str) -> (String, Option<String>, Option<String>) {
    let Some((base, query)) = url.split_once('?') else {
        return (url.to_string(), None, None);
    };
    let (mut mode, mut root) = (None, None);
    let mut kept = Vec::new();
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let decoded = url::form_urlencoded::parse(pair.as_bytes()).next();
        match decoded {
            Some((k, v)) if k == "sslmode" => mode = Some(v.into_owned()),
            Some((k, v)) if k == "sslrootcert" => root = Some(v.into_owned()),
            _ => kept.push(pair),
        }
    }
    let rest = if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    (rest, mode, root)
}

impl Manager {
    /// Reads a `postgres://` URL. A bad one is an error naming what is wrong (never the
    /// password).
    pub fn new(url: &str) -> DbResult<Manager> {
        let (rest, mode, root) = split_tls_options(url.trim());
        let choice = TlsChoice::parse(mode.as_deref(), root.as_deref())?;
        let mut config = postgres::Config::from_str(&rest).map_err(|e| {
            DbError::Other(format!("database URL {}: {e}", super::redact(url.trim())))
        })?;
        config.ssl_mode(match choice.driver_mode {
            "disable" => SslMode::Disable,
            "require" => SslMode::Require,
            _ => SslMode::Prefer,
        });
        if config.get_application_name().is_none() {
            config.application_name("fieldbook-server");
        }
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(std::time::Duration::from_secs(10));
        }
        Ok(Manager {
            config,
            tls: choice.connector()?,
        })
    }

    /// A new connection, with the session settings applied.
    pub fn connect_now(&self) -> DbResult<Conn> {
        let mut client = self
            .config
            .connect(self.tls.clone())
            .map_err(|e| match db_error(e) {
                DbError::Other(m) | DbError::Unavailable(m) => {
                    DbError::Unavailable(format!("cannot connect to the database: {m}"))
                }
                DbError::Conflict => DbError::Unavailable("cannot connect to the database".into()),
            })?;
        client.batch_execute(SESSION_SETTINGS).map_err(db_error)?;
        Ok(Conn {
            client,
            statements: HashMap::new(),
            broken: false,
        })
    }
}

impl r2d2::ManageConnection for Manager {
    type Connection = Conn;
    type Error = DbError;

    fn connect(&self) -> Result<Conn, DbError> {
        self.connect_now()
    }

    fn is_valid(&self, conn: &mut Conn) -> Result<(), DbError> {
        conn.batch("")
    }

    fn has_broken(&self, conn: &mut Conn) -> bool {
        conn.broken || conn.client.is_closed()
    }
}

/// A connection and its prepared statements.
pub struct Conn {
    client: Client,
    statements: HashMap<String, Statement>,
    /// Left in an unknown state (a rollback failed): closed instead of reused.
    broken: bool,
}

impl std::fmt::Debug for Conn {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Conn").finish_non_exhaustive()
    }
}

impl Conn {
    /// The driver's client, for work outside the statement cache (schema upgrades, copying).
    pub fn client(&mut self) -> &mut Client {
        &mut self.client
    }

    /// The driver's client alone, for work that needs a connection of its own.
    pub fn into_client(self) -> Client {
        self.client
    }

    /// Runs statements without parameters.
    pub fn batch(&mut self, sql: &str) -> DbResult<()> {
        self.client.batch_execute(sql).map_err(db_error)
    }

    /// Marks the connection unusable: the pool closes it.
    pub fn mark_broken(&mut self) {
        self.broken = true;
    }

    fn statement(&mut self, sql: &str) -> DbResult<Statement> {
        if let Some(s) = self.statements.get(sql) {
            return Ok(s.clone());
        }
        let s = self.client.prepare(sql).map_err(db_error)?;
        self.statements.insert(sql.to_string(), s.clone());
        Ok(s)
    }

    /// Rows of a prepared statement.
    pub fn query(&mut self, sql: &str, params: &[Param<'_>]) -> DbResult<Vec<Row>> {
        let s = self.statement(sql)?;
        self.client.query(&s, params).map_err(db_error)
    }

    /// At most one row.
    pub fn query_opt(&mut self, sql: &str, params: &[Param<'_>]) -> DbResult<Option<Row>> {
        let s = self.statement(sql)?;
        self.client.query_opt(&s, params).map_err(db_error)
    }

    /// Exactly one row.
    pub fn query_one(&mut self, sql: &str, params: &[Param<'_>]) -> DbResult<Row> {
        let s = self.statement(sql)?;
        self.client.query_one(&s, params).map_err(db_error)
    }

    /// Rows changed.
    pub fn execute(&mut self, sql: &str, params: &[Param<'_>]) -> DbResult<u64> {
        let s = self.statement(sql)?;
        self.client.execute(&s, params).map_err(db_error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tls_options_are_taken_out_of_the_url() {
        let (rest, mode, root) = split_tls_options(
            "postgres://fb@db/x?sslmode=verify-full&connect_timeout=5&sslrootcert=%2Fetc%2Fca.pem",
        );
        assert_eq!(rest, "postgres://fb@db/x?connect_timeout=5");
        assert_eq!(mode.as_deref(), Some("verify-full"));
        assert_eq!(root.as_deref(), Some("/etc/ca.pem"));
        assert_eq!(split_tls_options("postgres://db/x").0, "postgres://db/x");
        assert_eq!(
            split_tls_options("postgres://db/x?sslmode=disable").0,
            "postgres://db/x"
        );
    }

    #[test]
    fn a_bad_url_names_the_problem_not_the_password() {
        let err = Manager::new("postgres://fb:s3cret@db/x?colour=blue").unwrap_err();
        let text = err.to_string();
        assert!(text.contains("colour"), "{text}");
        assert!(!text.contains("s3cret"), "{text}");
    }
}
