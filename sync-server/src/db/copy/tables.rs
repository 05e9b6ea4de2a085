//! Every table of the server's database, column by column, as both backends store it: what
//! `admin migrate` copies and compares. A value is read from SQLite (ids and times as text,
//! `enroll_failures.at` as whole seconds) into one backend-neutral [`Value`], written to
//! PostgreSQL in its own types, and read back from there into the same [`Value`], so one
//! digest describes a table in either database.

use std::borrow::Cow;

use chrono::{DateTime, NaiveDateTime, TimeZone, Utc};
use postgres::types::{ToSql, Type};
use sha2::{Digest, Sha256};
use uuid::Uuid;

/// How a column is stored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    Text,
    Uuid,
    /// A time: RFC 3339 text in SQLite, `timestamptz` in PostgreSQL.
    Time,
    /// A time as whole seconds in SQLite, `timestamptz` in PostgreSQL.
    Seconds,
    Int,
    Bytes,
}

impl Col {
    /// The PostgreSQL type of the column.
    pub fn pg_type(self) -> Type {
        match self {
            Col::Text => Type::TEXT,
            Col::Uuid => Type::UUID,
            Col::Time | Col::Seconds => Type::TIMESTAMPTZ,
            Col::Int => Type::INT8,
            Col::Bytes => Type::BYTEA,
        }
    }
}

/// A table: its name and columns, in the order copied.
#[derive(Debug)]
pub struct Table {
    pub name: &'static str,
    pub columns: &'static [(&'static str, Col)],
    /// The `id` column is an identity column whose counter must continue after the copy.
    pub identity: bool,
}

impl Table {
    /// The column names, comma-separated.
    pub fn column_list(&self) -> String {
        self.columns
            .iter()
            .map(|(name, _)| *name)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

use Col::{Bytes, Int, Seconds, Text, Time};

/// Every table, parents before the rows that refer to them.
pub const TABLES: &[Table] = &[
    Table {
        name: "meta",
        columns: &[("key", Text), ("value", Text)],
        identity: false,
    },
    Table {
        name: "teams",
        columns: &[
            ("id", Col::Uuid),
            ("name", Text),
            ("created_at", Time),
            ("feed", Int),
        ],
        identity: false,
    },
    Table {
        name: "users",
        columns: &[
            ("id", Col::Uuid),
            ("team_id", Col::Uuid),
            ("name", Text),
            ("role", Text),
            ("seeker_id", Col::Uuid),
            ("granted_seq", Int),
            ("created_at", Time),
            ("login", Text),
            ("password_hash", Text),
        ],
        identity: false,
    },
    Table {
        name: "enroll_codes",
        columns: &[
            ("code_hash", Text),
            ("user_id", Col::Uuid),
            ("expires_at", Time),
            ("used_at", Time),
            ("created_at", Time),
            ("used_by", Col::Uuid),
        ],
        identity: false,
    },
    Table {
        name: "devices",
        columns: &[
            ("id", Col::Uuid),
            ("user_id", Col::Uuid),
            ("name", Text),
            ("actor", Text),
            ("token_hash", Text),
            ("enrolled_at", Time),
            ("last_sync_at", Time),
            ("last_cursor", Int),
            ("revoked_at", Time),
        ],
        identity: false,
    },
    Table {
        name: "server_actors",
        columns: &[("actor", Text), ("created_at", Time)],
        identity: false,
    },
    Table {
        name: "documents",
        columns: &[
            ("id", Col::Uuid),
            ("kind", Text),
            ("team_id", Col::Uuid),
            ("seeker_id", Col::Uuid),
            ("genesis_actor", Text),
            ("snapshot", Bytes),
            ("snapshot_seq", Int),
            ("size", Int),
            ("created_seq", Int),
            ("updated_seq", Int),
        ],
        identity: false,
    },
    Table {
        name: "changes",
        columns: &[
            ("team_id", Col::Uuid),
            ("seq", Int),
            ("doc_id", Col::Uuid),
            ("hash", Text),
            ("actor", Text),
            ("device_id", Col::Uuid),
            ("bytes", Bytes),
            ("received_at", Time),
        ],
        identity: false,
    },
    Table {
        name: "quarantine",
        columns: &[
            ("doc_id", Col::Uuid),
            ("hash", Text),
            ("seq", Int),
            ("actor", Text),
            ("device_id", Col::Uuid),
            ("bytes", Bytes),
            ("reason", Text),
            ("at", Time),
        ],
        identity: false,
    },
    Table {
        name: "assignments",
        columns: &[
            ("seeker_id", Col::Uuid),
            ("user_id", Col::Uuid),
            ("seq", Int),
            ("device_id", Col::Uuid),
        ],
        identity: false,
    },
    Table {
        name: "revocations",
        columns: &[("seq", Int), ("user_id", Col::Uuid), ("doc_id", Col::Uuid)],
        identity: false,
    },
    Table {
        name: "audit",
        columns: &[
            ("id", Int),
            ("at", Time),
            ("action", Text),
            ("user_id", Text),
            ("device_id", Text),
            ("doc_id", Text),
            ("hash", Text),
            ("detail", Text),
        ],
        identity: true,
    },
    Table {
        name: "enroll_failures",
        columns: &[("addr", Text), ("at", Seconds)],
        identity: false,
    },
    Table {
        name: "sessions",
        columns: &[
            ("token_hash", Text),
            ("user_id", Col::Uuid),
            ("expires_at", Time),
            ("created_at", Time),
        ],
        identity: false,
    },
    Table {
        name: "refused",
        columns: &[
            ("id", Int),
            ("doc_id", Col::Uuid),
            ("kind", Text),
            ("team_id", Col::Uuid),
            ("user_id", Col::Uuid),
            ("device_id", Col::Uuid),
            ("actor", Text),
            ("code", Text),
            ("reason", Text),
            ("changes", Bytes),
            ("at", Time),
            ("resolution", Text),
            ("resolved_by", Col::Uuid),
            ("resolved_at", Time),
        ],
        identity: true,
    },
];

/// One stored value, whichever database it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    Null,
    Text(String),
    Uuid(Uuid),
    Time(DateTime<Utc>),
    Int(i64),
    Bytes(Vec<u8>),
}

/// A SQLite value as the column's [`Value`]; a value that does not fit is an error naming it.
pub fn from_sqlite(col: Col, raw: rusqlite::types::ValueRef<'_>) -> Result<Value, String> {
    use rusqlite::types::ValueRef as V;
    let text = |raw: V<'_>| -> Result<String, String> {
        match raw {
            V::Text(t) => std::str::from_utf8(t)
                .map(str::to_string)
                .map_err(|e| format!("text that is not UTF-8 ({e})")),
            other => Err(format!("{:?} where text was expected", other.data_type())),
        }
    };
    Ok(match (col, raw) {
        (_, V::Null) => Value::Null,
        (Col::Text, raw) => Value::Text(text(raw)?),
        (Col::Uuid, raw) => {
            let s = text(raw)?;
            Value::Uuid(Uuid::parse_str(s.trim()).map_err(|e| format!("{s:?} is not an id ({e})"))?)
        }
        (Col::Time, raw) => Value::Time(parse_time(&text(raw)?)?),
        (Col::Seconds, V::Integer(secs)) => Value::Time(
            Utc.timestamp_opt(secs, 0)
                .single()
                .ok_or_else(|| format!("{secs} is not a time"))?,
        ),
        (Col::Int, V::Integer(i)) => Value::Int(i),
        (Col::Bytes, V::Blob(b)) => Value::Bytes(b.to_vec()),
        (Col::Bytes, V::Text(t)) => Value::Bytes(t.to_vec()),
        (col, other) => {
            return Err(format!(
                "{:?} where {col:?} was expected",
                other.data_type()
            ))
        }
    })
}

/// A time as the server writes it (RFC 3339), or as SQLite's `datetime('now')` wrote it in
/// an upgrade (`YYYY-MM-DD HH:MM:SS`, UTC).
fn parse_time(s: &str) -> Result<DateTime<Utc>, String> {
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Ok(t.with_timezone(&Utc));
    }
    NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f")
        .map(|t| t.and_utc())
        .map_err(|_| format!("{s:?} is not a time"))
}

/// A PostgreSQL column as the column's [`Value`].
pub fn from_postgres(col: Col, row: &postgres::Row, idx: usize) -> Result<Value, String> {
    fn get<'a, T: postgres::types::FromSql<'a>>(
        row: &'a postgres::Row,
        idx: usize,
    ) -> Result<Option<T>, String> {
        row.try_get(idx).map_err(|e| e.to_string())
    }
    Ok(match col {
        Col::Text => get::<String>(row, idx)?.map(Value::Text),
        Col::Uuid => get::<Uuid>(row, idx)?.map(Value::Uuid),
        Col::Time | Col::Seconds => get::<DateTime<Utc>>(row, idx)?.map(Value::Time),
        Col::Int => get::<i64>(row, idx)?.map(Value::Int),
        Col::Bytes => get::<Vec<u8>>(row, idx)?.map(Value::Bytes),
    }
    .unwrap_or(Value::Null))
}

/// A value as a parameter of the column's PostgreSQL type (a null typed too).
pub fn to_postgres(col: Col, value: &Value) -> Result<Box<dyn ToSql + Sync>, String> {
    Ok(match (col, value) {
        (Col::Text, Value::Null) => Box::new(None::<String>),
        (Col::Uuid, Value::Null) => Box::new(None::<Uuid>),
        (Col::Time | Col::Seconds, Value::Null) => Box::new(None::<DateTime<Utc>>),
        (Col::Int, Value::Null) => Box::new(None::<i64>),
        (Col::Bytes, Value::Null) => Box::new(None::<Vec<u8>>),
        (Col::Text, Value::Text(s)) => Box::new(s.clone()),
        (Col::Uuid, Value::Uuid(u)) => Box::new(*u),
        (Col::Time | Col::Seconds, Value::Time(t)) => Box::new(*t),
        (Col::Int, Value::Int(i)) => Box::new(*i),
        (Col::Bytes, Value::Bytes(b)) => Box::new(b.clone()),
        (col, v) => return Err(format!("{v:?} in a {col:?} column")),
    })
}

/// Rows and a digest of a table, whatever order its rows come in.
#[derive(Debug, Default)]
pub struct Tally {
    rows: u64,
    hashes: Vec<[u8; 32]>,
}

impl Tally {
    /// Adds one row. Times count to the microsecond (PostgreSQL's precision).
    pub fn add(&mut self, row: &[Value]) {
        let mut h = Sha256::new();
        for v in row {
            let (tag, bytes): (u8, Cow<'_, [u8]>) = match v {
                Value::Null => (0, Cow::Borrowed(&[])),
                Value::Text(s) => (1, Cow::Borrowed(s.as_bytes())),
                Value::Uuid(u) => (2, Cow::Borrowed(u.as_bytes())),
                Value::Time(t) => (3, Cow::Owned(t.timestamp_micros().to_be_bytes().to_vec())),
                Value::Int(i) => (4, Cow::Owned(i.to_be_bytes().to_vec())),
                Value::Bytes(b) => (5, Cow::Borrowed(b)),
            };
            h.update([tag]);
            h.update((bytes.len() as u64).to_be_bytes());
            h.update(&bytes);
        }
        self.hashes.push(h.finalize().into());
        self.rows += 1;
    }

    /// Rows added.
    pub fn rows(&self) -> u64 {
        self.rows
    }

    /// The table's digest: its rows' hashes, sorted, hashed together (hex).
    pub fn digest(&mut self) -> String {
        self.hashes.sort_unstable();
        let mut h = Sha256::new();
        for row in &self.hashes {
            h.update(row);
        }
        hex::encode(h.finalize())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::types::ValueRef;

    #[test]
    fn sqlite_values_become_typed_values_or_clear_errors() {
        let id = "5f0c2b1e-7d3a-4c8e-9a1b-2c3d4e5f6a7b";
        assert_eq!(
            from_sqlite(Col::Uuid, ValueRef::Text(id.as_bytes())).unwrap(),
            Value::Uuid(id.parse().unwrap())
        );
        let err = from_sqlite(Col::Uuid, ValueRef::Text(b"not-an-id")).unwrap_err();
        assert!(err.contains("not-an-id"), "{err}");
        let t = from_sqlite(Col::Time, ValueRef::Text(b"2026-11-30 03:50:07")).unwrap();
        assert_eq!(
            t,
            Value::Time(Utc.with_ymd_and_hms(2026, 11, 30, 3, 50, 7).unwrap())
        );
        let t = from_sqlite(Col::Time, ValueRef::Text(b"2026-11-30T03:50:07.5+00:00")).unwrap();
        assert!(matches!(t, Value::Time(_)));
        assert_eq!(
            from_sqlite(Col::Seconds, ValueRef::Integer(60)).unwrap(),
            Value::Time(Utc.timestamp_opt(60, 0).unwrap())
        );
        assert_eq!(from_sqlite(Col::Text, ValueRef::Null).unwrap(), Value::Null);
        assert!(from_sqlite(Col::Int, ValueRef::Text(b"7")).is_err());
    }

    #[test]
    fn digests_ignore_row_order_but_not_content() {
        let a = vec![Value::Int(1), Value::Text("x".into())];
        let b = vec![Value::Int(2), Value::Null];
        let (mut one, mut two, mut three) = (Tally::default(), Tally::default(), Tally::default());
        one.add(&a);
        one.add(&b);
        two.add(&b);
        two.add(&a);
        three.add(&a);
        three.add(&[Value::Int(2), Value::Text(String::new())]);
        assert_eq!(one.digest(), two.digest());
        assert_ne!(one.digest(), three.digest());
    }
}
