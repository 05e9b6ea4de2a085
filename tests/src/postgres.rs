//! Throw-away PostgreSQL databases for tests, on the cluster the test command started
//! (`scripts/with-postgres` exports `FIELDBOOK_TEST_POSTGRES`). Each [`Scratch`] is a new,
//! empty database (or schema) dropped again when it goes out of scope, so tests never see each
//! other's rows.
//!
//! Without the variable the PostgreSQL tests say they were skipped — unless
//! `FIELDBOOK_REQUIRE_POSTGRES` is set (the test command sets it), where a missing database
//! fails the run instead of passing it silently.

use std::sync::atomic::{AtomicU64, Ordering};

/// The test cluster's URL, if the test command started one.
pub fn url() -> Option<String> {
    match std::env::var("FIELDBOOK_TEST_POSTGRES") {
        Ok(url) if !url.trim().is_empty() => Some(url),
        _ => {
            assert!(
                std::env::var_os("FIELDBOOK_REQUIRE_POSTGRES").is_none(),
                "FIELDBOOK_REQUIRE_POSTGRES is set but FIELDBOOK_TEST_POSTGRES is not: run the tests through scripts/with-postgres"
            );
            None
        }
    }
}

/// The PEM file of the CA that signed the test cluster's certificate.
pub fn ca_file() -> Option<String> {
    std::env::var("FIELDBOOK_TEST_POSTGRES_CA").ok()
}

/// Prints that a PostgreSQL test was skipped, and why.
pub fn skipped(test: &str) {
    eprintln!("{test}: skipped, no PostgreSQL (run through scripts/with-postgres)");
}

/// `url` with another database name.
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((b, q)) => (b, format!("?{q}")),
        None => (url, String::new()),
    };
    let authority_end = base
        .find("://")
        .map(|i| i + 3)
        .and_then(|start| base[start..].find('/').map(|j| start + j))
        .unwrap_or(base.len());
    format!("{}/{name}{query}", &base[..authority_end])
}

/// `url` with a query parameter added.
fn with_param(url: &str, param: &str) -> String {
    if url.contains('?') {
        format!("{url}&{param}")
    } else {
        format!("{url}?{param}")
    }
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn unique(prefix: &str) -> String {
    format!(
        "{prefix}_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        rand_suffix()
    )
}

fn rand_suffix() -> u32 {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u64(COUNTER.load(Ordering::Relaxed));
    h.finish() as u32
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Database,
    Schema,
}

/// An empty database (or schema) of its own on the test cluster.
#[derive(Debug)]
pub struct Scratch {
    admin: String,
    name: String,
    kind: Kind,
    url: String,
}

fn admin_client(url: &str) -> postgres::Client {
    postgres::Client::connect(&with_param(url, "sslmode=disable"), postgres::NoTls)
        .expect("connect to the test cluster")
}

impl Scratch {
    /// A new database, for tests that start server processes (each node gets the URL).
    pub fn database() -> Option<Scratch> {
        let admin = url()?;
        let name = unique("fbtest");
        admin_client(&admin)
            .batch_execute(&format!("CREATE DATABASE {name}"))
            .expect("create database");
        let url = with_param(&with_database(&admin, &name), "sslmode=disable");
        Some(Scratch {
            admin,
            name,
            kind: Kind::Database,
            url,
        })
    }

    /// A new schema in the cluster's main database: cheaper than a database, for the
    /// conformance suite's many fresh stores. Its URL sets the search path to it.
    pub fn schema() -> Option<Scratch> {
        let admin = url()?;
        let name = unique("fbtest");
        admin_client(&admin)
            .batch_execute(&format!("CREATE SCHEMA {name}"))
            .expect("create schema");
        let url = with_param(
            &with_param(&admin, "sslmode=disable"),
            &format!("options=-csearch_path%3D{name}"),
        );
        Some(Scratch {
            admin,
            name,
            kind: Kind::Schema,
            url,
        })
    }

    /// The URL a server or backend connects with (no TLS: the TLS test asks for it itself).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The URL without any TLS choice, to add one.
    pub fn url_without_tls(&self) -> String {
        match self.kind {
            Kind::Database => with_database(&self.admin, &self.name),
            Kind::Schema => with_param(
                &self.admin,
                &format!("options=-csearch_path%3D{}", self.name),
            ),
        }
    }

    /// A client on this scratch database, for looking at rows directly.
    pub fn client(&self) -> postgres::Client {
        postgres::Client::connect(&self.url, postgres::NoTls).expect("connect to scratch")
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let sql = match self.kind {
            Kind::Database => format!("DROP DATABASE IF EXISTS {} WITH (FORCE)", self.name),
            Kind::Schema => format!("DROP SCHEMA IF EXISTS {} CASCADE", self.name),
        };
        if let Ok(mut c) =
            postgres::Client::connect(&with_param(&self.admin, "sslmode=disable"), postgres::NoTls)
        {
            let _ = c.batch_execute(&sql);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_rewritten_in_place() {
        assert_eq!(
            with_database("postgres://pg@127.0.0.1:5/postgres", "x"),
            "postgres://pg@127.0.0.1:5/x"
        );
        assert_eq!(
            with_database("postgres://pg@h/postgres?a=b", "x"),
            "postgres://pg@h/x?a=b"
        );
        assert_eq!(with_param("postgres://h/d", "a=1"), "postgres://h/d?a=1");
        assert_eq!(
            with_param("postgres://h/d?a=1", "b=2"),
            "postgres://h/d?a=1&b=2"
        );
    }
}
