//! Moving a program up: every row of a SQLite server's database copied into an empty
//! PostgreSQL database (`fieldbook-server admin migrate --from DIR --to postgres://…`), then
//! counted and digested table by table in both, so nothing can be lost unseen. Tokens,
//! actors, cursors and feed numbers come along unchanged, so phones keep syncing without
//! enrolling again.
//!
//! The copy is one PostgreSQL transaction: if anything fails, the target stays empty. Times
//! keep microseconds (PostgreSQL's precision; the server never needs finer), and the digest
//! compares them at that precision.

pub mod tables;

use std::path::Path;

use postgres::binary_copy::BinaryCopyInWriter;
use postgres::types::ToSql;
use rusqlite::{Connection, OpenFlags};
use serde::Serialize;

use super::postgres::{db_error, lone_connection};
use super::sqlite::{self, SqliteDb};
use super::{DbError, DbResult};
use tables::{from_postgres, from_sqlite, to_postgres, Tally, Value, TABLES};

/// One table, as found in both databases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TableReport {
    pub table: &'static str,
    pub source_rows: u64,
    pub target_rows: u64,
    pub source_digest: String,
    pub target_digest: String,
}

impl TableReport {
    /// Whether the table arrived whole and unchanged.
    pub fn same(&self) -> bool {
        self.source_rows == self.target_rows && self.source_digest == self.target_digest
    }
}

/// What `admin migrate` found: every table, in copy order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CopyReport {
    pub tables: Vec<TableReport>,
}

impl CopyReport {
    /// Tables that differ between the two databases.
    pub fn differing(&self) -> Vec<&'static str> {
        self.tables
            .iter()
            .filter(|t| !t.same())
            .map(|t| t.table)
            .collect()
    }

    /// Rows copied in all.
    pub fn rows(&self) -> u64 {
        self.tables.iter().map(|t| t.target_rows).sum()
    }
}

/// Copies the SQLite server database in `from` into the empty PostgreSQL database at `to`,
/// and compares the two.
pub fn sqlite_to_postgres(from: &Path, to: &str) -> DbResult<CopyReport> {
    let file = sqlite::file_in(from);
    if !file.is_file() {
        return Err(DbError::Other(format!(
            "no Fieldbook server database in {} (looked for {})",
            from.display(),
            file.display()
        )));
    }
    // Brings an older file to the current schema, as starting the server would.
    drop(SqliteDb::open(from)?);
    let mut source = Connection::open_with_flags(&file, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mut target = lone_connection(to)?;
    let client = &mut target;
    refuse_if_not_empty(client)?;

    let read = source.transaction()?;
    let mut tx = client.transaction().map_err(db_error)?;
    let mut counted = Vec::new();
    for table in TABLES {
        let tally = copy_table(&read, &mut tx, table)?;
        if table.identity {
            // The id counter continues after the copied rows.
            tx.batch_execute(&format!(
                "SELECT setval(pg_get_serial_sequence('{0}', 'id'), COALESCE(MAX(id), 1),
                               MAX(id) IS NOT NULL) FROM {0}",
                table.name
            ))
            .map_err(db_error)?;
        }
        counted.push(tally);
    }
    tx.commit().map_err(db_error)?;
    drop(read);

    let mut check = client
        .build_transaction()
        .isolation_level(postgres::IsolationLevel::RepeatableRead)
        .read_only(true)
        .start()
        .map_err(db_error)?;
    let mut report = CopyReport { tables: Vec::new() };
    for (table, mut source_tally) in TABLES.iter().zip(counted) {
        let mut target_tally = tally_postgres(&mut check, table)?;
        report.tables.push(TableReport {
            table: table.name,
            source_rows: source_tally.rows(),
            target_rows: target_tally.rows(),
            source_digest: source_tally.digest(),
            target_digest: target_tally.digest(),
        });
    }
    check.commit().map_err(db_error)?;
    Ok(report)
}

/// A database that holds anything already is refused: the copy would mix two programs.
fn refuse_if_not_empty(client: &mut postgres::Client) -> DbResult<()> {
    let mut held = Vec::new();
    for table in TABLES {
        let row = client
            .query_one(&format!("SELECT COUNT(*) FROM {}", table.name), &[])
            .map_err(db_error)?;
        let n: i64 = row.get(0);
        if n > 0 {
            held.push(format!("{}: {n}", table.name));
        }
    }
    if held.is_empty() {
        return Ok(());
    }
    Err(DbError::Other(format!(
        "the PostgreSQL database already holds data ({}); migrate into an empty database",
        held.join(", ")
    )))
}

/// Copies one table's rows and tallies them as read from SQLite.
fn copy_table(
    source: &Connection,
    tx: &mut postgres::Transaction<'_>,
    table: &tables::Table,
) -> DbResult<Tally> {
    let columns = table.column_list();
    let types: Vec<_> = table.columns.iter().map(|(_, c)| c.pg_type()).collect();
    let sink = tx
        .copy_in(&format!(
            "COPY {} ({columns}) FROM STDIN (FORMAT binary)",
            table.name
        ))
        .map_err(db_error)?;
    let mut writer = BinaryCopyInWriter::new(sink, &types);
    let mut stmt = source.prepare(&format!("SELECT {columns} FROM {}", table.name))?;
    let mut rows = stmt.query([])?;
    let mut tally = Tally::default();
    let mut values = Vec::with_capacity(table.columns.len());
    while let Some(row) = rows.next()? {
        values.clear();
        for (i, (name, col)) in table.columns.iter().enumerate() {
            let value = from_sqlite(*col, row.get_ref(i)?).map_err(|e| {
                DbError::Other(format!(
                    "{}.{name}, row {}: {e}",
                    table.name,
                    tally.rows() + 1
                ))
            })?;
            values.push(value);
        }
        tally.add(&values);
        let params = table
            .columns
            .iter()
            .zip(&values)
            .map(|((_, col), v)| to_postgres(*col, v))
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| DbError::Other(format!("{}: {e}", table.name)))?;
        let refs: Vec<&(dyn ToSql + Sync)> = params.iter().map(|b| &**b).collect();
        writer.write(&refs).map_err(db_error)?;
    }
    writer.finish().map_err(db_error)?;
    Ok(tally)
}

/// Tallies one table as PostgreSQL holds it.
fn tally_postgres(tx: &mut postgres::Transaction<'_>, table: &tables::Table) -> DbResult<Tally> {
    use postgres::fallible_iterator::FallibleIterator;
    let sql = format!("SELECT {} FROM {}", table.column_list(), table.name);
    let mut rows = tx
        .query_raw(&sql, std::iter::empty::<&(dyn ToSql + Sync)>())
        .map_err(db_error)?;
    let mut tally = Tally::default();
    while let Some(row) = rows.next().map_err(db_error)? {
        let values = table
            .columns
            .iter()
            .enumerate()
            .map(|(i, (_, col))| from_postgres(*col, &row, i))
            .collect::<Result<Vec<Value>, _>>()
            .map_err(|e| DbError::Other(format!("{}: {e}", table.name)))?;
        tally.add(&values);
    }
    Ok(tally)
}
