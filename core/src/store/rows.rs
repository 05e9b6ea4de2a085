//! Making a document's index rows equal to what they should be while writing only the rows
//! that differ. Every page a transaction writes is encrypted and MACed, so a visit that adds
//! one row should write one row, not rewrite all of its employer's.

use std::collections::HashMap;
use std::sync::OnceLock;

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};

use crate::Result;

/// An index table whose rows each belong to one document.
pub(crate) struct Table {
    name: &'static str,
    /// The primary key column (with `owner`, when they differ).
    key: &'static str,
    /// The column naming the owning document (may be the key itself).
    owner: &'static str,
    /// The other columns, in the order the rows give their values.
    columns: &'static [&'static str],
    sql: OnceLock<Statements>,
}

struct Statements {
    select: String,
    upsert: String,
    delete: String,
}

impl Table {
    pub(crate) const fn new(
        name: &'static str,
        key: &'static str,
        owner: &'static str,
        columns: &'static [&'static str],
    ) -> Table {
        Table {
            name,
            key,
            owner,
            columns,
            sql: OnceLock::new(),
        }
    }

    /// Where `column` sits among a row's values.
    pub(crate) fn position(&self, column: &str) -> Option<usize> {
        self.columns.iter().position(|c| *c == column)
    }

    fn sql(&self) -> &Statements {
        self.sql.get_or_init(|| {
            let Table {
                name,
                key,
                owner,
                columns,
                ..
            } = self;
            let owner_column = (owner != key).then_some(*owner);
            let all: Vec<&str> = std::iter::once(*key)
                .chain(owner_column)
                .chain(columns.iter().copied())
                .collect();
            let placeholders: Vec<String> = (1..=all.len()).map(|i| format!("?{i}")).collect();
            Statements {
                select: format!(
                    "SELECT {key}, {} FROM {name} WHERE {owner} = ?1",
                    columns.join(", ")
                ),
                upsert: format!(
                    "INSERT OR REPLACE INTO {name} ({}) VALUES ({})",
                    all.join(", "),
                    placeholders.join(", ")
                ),
                delete: format!("DELETE FROM {name} WHERE {owner} = ?1 AND {key} = ?2"),
            }
        })
    }
}

/// Text, or NULL.
pub(crate) fn text(v: Option<impl ToString>) -> Value {
    v.map_or(Value::Null, |v| Value::Text(v.to_string()))
}

/// An integer (booleans as 0/1, as SQLite stores them).
pub(crate) fn int(v: Option<i64>) -> Value {
    v.map_or(Value::Null, Value::Integer)
}

/// The rows one document owns, by table, as its last re-index wrote them: kept with the
/// cached document so the next re-index need not read them back.
pub(crate) type KnownRows = HashMap<&'static str, HashMap<String, Vec<Value>>>;

/// Writes `rows` (key, values) of the document `owner_id` into `table`: inserts the new,
/// replaces the changed, deletes the ones that are gone, leaves the rest untouched. `known`
/// holds the rows as last written, when known; it is brought up to date.
pub(crate) fn reconcile(
    conn: &Connection,
    table: &Table,
    owner_id: &str,
    rows: Vec<(String, Vec<Value>)>,
    known: &mut KnownRows,
) -> Result<()> {
    let existing = match known.remove(table.name) {
        Some(existing) => {
            #[cfg(debug_assertions)]
            {
                let stored = stored(conn, table, owner_id)?;
                debug_assert_eq!(existing, stored, "known rows of {} drifted", table.name);
            }
            existing
        }
        None => stored(conn, table, owner_id)?,
    };
    let changed = rows
        .iter()
        .filter(|(k, values)| existing.get(k) != Some(values));
    upsert(conn, table, owner_id, changed)?;
    let mut delete = conn.prepare_cached(&table.sql().delete)?;
    let written: HashMap<String, Vec<Value>> = rows.into_iter().collect();
    for gone in existing.keys().filter(|k| !written.contains_key(*k)) {
        delete.execute([owner_id, gone.as_str()])?;
    }
    known.insert(table.name, written);
    Ok(())
}

/// The rows of `owner_id` in `table`, read from the store.
fn stored(conn: &Connection, table: &Table, owner_id: &str) -> Result<HashMap<String, Vec<Value>>> {
    let width = table.columns.len();
    let mut select = conn.prepare_cached(&table.sql().select)?;
    let read = select.query_map([owner_id], |r| {
        let values = (1..=width)
            .map(|i| r.get::<_, Value>(i))
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok((r.get::<_, String>(0)?, values))
    })?;
    Ok(read.collect::<rusqlite::Result<_>>()?)
}

/// Writes rows new to the document `owner_id` into `table`, leaving its other rows as they
/// are. When `known` holds the table's rows, the new ones join them.
pub(crate) fn add(
    conn: &Connection,
    table: &Table,
    owner_id: &str,
    rows: Vec<(String, Vec<Value>)>,
    known: &mut KnownRows,
) -> Result<()> {
    upsert(conn, table, owner_id, rows.iter())?;
    if let Some(existing) = known.get_mut(table.name) {
        existing.extend(rows);
    }
    Ok(())
}

/// The row `key` of the document `owner_id` in `table` as it stands, read from the store
/// (and then known) unless `known` holds the table's rows.
pub(crate) fn current_row(
    conn: &Connection,
    table: &Table,
    owner_id: &str,
    key: &str,
    known: &mut KnownRows,
) -> Result<Option<Vec<Value>>> {
    if !known.contains_key(table.name) {
        known.insert(table.name, stored(conn, table, owner_id)?);
    }
    Ok(known
        .get(table.name)
        .and_then(|rows| rows.get(key))
        .cloned())
}

/// Checks (in debug builds) that the store, and `known` where it holds the table, have
/// exactly `rows` for the document `owner_id` in `table`: that index rows brought up to
/// date from a write alone are the rows the whole document gives.
#[cfg(debug_assertions)]
pub(crate) fn check(
    conn: &Connection,
    table: &Table,
    owner_id: &str,
    rows: Vec<(String, Vec<Value>)>,
    known: &KnownRows,
) -> Result<()> {
    let expected: HashMap<String, Vec<Value>> = rows.into_iter().collect();
    let what = || format!("index rows of {} for {owner_id}", table.name);
    debug_assert_eq!(
        stored(conn, table, owner_id)?,
        expected,
        "{} drifted",
        what()
    );
    if let Some(known) = known.get(table.name) {
        debug_assert_eq!(known, &expected, "known {} drifted", what());
    }
    Ok(())
}

/// Inserts or replaces `rows` (key, values) of the document `owner_id` in `table`.
fn upsert<'r>(
    conn: &Connection,
    table: &Table,
    owner_id: &str,
    rows: impl Iterator<Item = &'r (String, Vec<Value>)>,
) -> Result<()> {
    let owner = Value::Text(owner_id.to_string());
    let owner_column = (table.owner != table.key).then_some(&owner);
    let mut upsert = conn.prepare_cached(&table.sql().upsert)?;
    for (k, values) in rows {
        let key = Value::Text(k.clone());
        let params = std::iter::once(&key)
            .chain(owner_column)
            .chain(values.iter());
        upsert.execute(params_from_iter(params))?;
    }
    Ok(())
}
