//! Reading SQLite rows into the backend's row types.

use std::str::FromStr;

use fieldbook_core::document::DocKind;
use fieldbook_core::model::Role;
use rusqlite::Row;

use crate::db::{DeviceRow, DocMeta, TeamRow, UserRow};

fn conversion(idx: usize, e: impl std::error::Error + Send + Sync + 'static) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(idx, rusqlite::types::Type::Text, Box::new(e))
}

/// A text column parsed into `T` (ids, times).
pub fn col<T>(row: &Row<'_>, idx: usize) -> rusqlite::Result<T>
where
    T: FromStr,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    row.get::<_, String>(idx)?
        .parse()
        .map_err(|e| conversion(idx, e))
}

/// A nullable text column parsed into `T`.
pub fn opt_col<T>(row: &Row<'_>, idx: usize) -> rusqlite::Result<Option<T>>
where
    T: FromStr,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    row.get::<_, Option<String>>(idx)?
        .map(|s| s.parse().map_err(|e| conversion(idx, e)))
        .transpose()
}

#[derive(Debug, thiserror::Error)]
#[error("unknown {0}")]
struct Unknown(&'static str);

pub fn role_col(row: &Row<'_>, idx: usize) -> rusqlite::Result<Role> {
    Role::parse(&row.get::<_, String>(idx)?).ok_or_else(|| conversion(idx, Unknown("role")))
}

pub fn kind_col(row: &Row<'_>, idx: usize) -> rusqlite::Result<DocKind> {
    DocKind::parse(&row.get::<_, String>(idx)?).ok_or_else(|| conversion(idx, Unknown("kind")))
}

/// A feed number or count (stored as SQLite's signed integer).
pub fn seq_col(row: &Row<'_>, idx: usize) -> rusqlite::Result<u64> {
    Ok(row.get::<_, i64>(idx)? as u64)
}

pub fn team(r: &Row<'_>) -> rusqlite::Result<TeamRow> {
    Ok(TeamRow {
        id: col(r, 0)?,
        name: r.get(1)?,
        created_at: col(r, 2)?,
    })
}

pub const USER_COLUMNS: &str = "id, team_id, name, role, seeker_id, created_at";

pub fn user(r: &Row<'_>) -> rusqlite::Result<UserRow> {
    Ok(UserRow {
        id: col(r, 0)?,
        team_id: col(r, 1)?,
        name: r.get(2)?,
        role: role_col(r, 3)?,
        seeker_id: opt_col(r, 4)?,
        created_at: col(r, 5)?,
    })
}

pub const DEVICE_COLUMNS: &str =
    "d.id, d.user_id, u.name, d.name, d.enrolled_at, d.last_sync_at, d.revoked_at";

pub fn device(r: &Row<'_>) -> rusqlite::Result<DeviceRow> {
    Ok(DeviceRow {
        id: col(r, 0)?,
        user_id: col(r, 1)?,
        user_name: r.get(2)?,
        name: r.get(3)?,
        enrolled_at: col(r, 4)?,
        last_sync_at: opt_col(r, 5)?,
        revoked_at: opt_col(r, 6)?,
    })
}

pub const DOC_COLUMNS: &str =
    "id, kind, team_id, seeker_id, created_seq, updated_seq, snapshot_seq, size";

pub fn doc_meta(r: &Row<'_>) -> rusqlite::Result<DocMeta> {
    Ok(DocMeta {
        id: col(r, 0)?,
        kind: kind_col(r, 1)?,
        team_id: col(r, 2)?,
        seeker_id: opt_col(r, 3)?,
        created_seq: seq_col(r, 4)?,
        updated_seq: seq_col(r, 5)?,
        snapshot_seq: seq_col(r, 6)?,
        size: seq_col(r, 7)?,
    })
}
