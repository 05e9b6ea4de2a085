//! Making a document's index rows equal to what they should be while writing only the rows
//! that differ. Every page a transaction writes is encrypted and MACed, so a visit that adds
//! one row should write one row, not rewrite all of its employer's.

use std::collections::{HashMap, HashSet};

use rusqlite::types::Value;
use rusqlite::{params_from_iter, Connection};

use crate::Result;

/// The rows one document owns in one index table.
pub(crate) struct Owned<'a> {
    pub table: &'static str,
    /// The table's primary key column.
    pub key: &'static str,
    /// The column naming the owning document (may be the key itself).
    pub owner: &'static str,
    pub owner_id: &'a str,
    /// The other columns, in the order the rows give their values.
    pub columns: &'static [&'static str],
}

/// Text, or NULL.
pub(crate) fn text(v: Option<impl ToString>) -> Value {
    v.map_or(Value::Null, |v| Value::Text(v.to_string()))
}

/// An integer (booleans as 0/1, as SQLite stores them).
pub(crate) fn int(v: Option<i64>) -> Value {
    v.map_or(Value::Null, Value::Integer)
}

/// Writes `rows` (key, values) for `owned`: inserts the new, replaces the changed, deletes the
/// ones that are gone, leaves the rest untouched.
pub(crate) fn reconcile(
    conn: &Connection,
    owned: &Owned<'_>,
    rows: Vec<(String, Vec<Value>)>,
) -> Result<()> {
    let Owned {
        table,
        key,
        owner,
        owner_id,
        columns,
    } = owned;
    let width = columns.len();
    let mut select = conn.prepare_cached(&format!(
        "SELECT {key}, {} FROM {table} WHERE {owner} = ?1",
        columns.join(", ")
    ))?;
    let existing: HashMap<String, Vec<Value>> = select
        .query_map([owner_id], |r| {
            let values = (1..=width)
                .map(|i| r.get::<_, Value>(i))
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok((r.get::<_, String>(0)?, values))
        })?
        .collect::<rusqlite::Result<_>>()?;
    let owner_column = (owner != key).then_some(*owner);
    let all: Vec<&str> = std::iter::once(*key)
        .chain(owner_column)
        .chain(columns.iter().copied())
        .collect();
    let placeholders: Vec<String> = (1..=all.len()).map(|i| format!("?{i}")).collect();
    let mut upsert = conn.prepare_cached(&format!(
        "INSERT OR REPLACE INTO {table} ({}) VALUES ({})",
        all.join(", "),
        placeholders.join(", ")
    ))?;
    let mut wanted = HashSet::new();
    for (k, values) in rows {
        if existing.get(&k) != Some(&values) {
            let owner_value = owner_column.map(|_| Value::Text(owner_id.to_string()));
            let params = std::iter::once(Value::Text(k.clone()))
                .chain(owner_value)
                .chain(values);
            upsert.execute(params_from_iter(params))?;
        }
        wanted.insert(k);
    }
    let mut delete = conn.prepare_cached(&format!(
        "DELETE FROM {table} WHERE {owner} = ?1 AND {key} = ?2"
    ))?;
    for gone in existing.keys().filter(|k| !wanted.contains(*k)) {
        delete.execute([owner_id, gone.as_str()])?;
    }
    Ok(())
}
