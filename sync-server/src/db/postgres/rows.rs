//! Reading PostgreSQL rows into the backend's row types.

use fieldbook_core::document::DocKind;
use fieldbook_core::model::Role;
use postgres::types::FromSql;
use postgres::Row;
use uuid::Uuid;

use crate::db::{DbError, DbResult, DeviceRow, DocMeta, TeamRow, UserRow};

/// Column `idx` as `T`; a type mismatch is an error naming the column.
pub fn get<'a, T: FromSql<'a>>(row: &'a Row, idx: usize) -> DbResult<T> {
    row.try_get(idx).map_err(|e| {
        let name = row.columns().get(idx).map_or("?", |c| c.name());
        DbError::Other(format!("column {name}: {e}"))
    })
}

/// A uuid column as a typed id.
pub fn id<T: From<Uuid>>(row: &Row, idx: usize) -> DbResult<T> {
    Ok(T::from(get::<Uuid>(row, idx)?))
}

/// A nullable uuid column as a typed id.
pub fn opt_id<T: From<Uuid>>(row: &Row, idx: usize) -> DbResult<Option<T>> {
    Ok(get::<Option<Uuid>>(row, idx)?.map(T::from))
}

/// A feed number or count (stored as a signed `bigint`).
pub fn seq(row: &Row, idx: usize) -> DbResult<u64> {
    Ok(get::<i64>(row, idx)? as u64)
}

/// A feed number as PostgreSQL stores it.
pub fn stored(seq: u64) -> i64 {
    seq as i64
}

pub fn role(row: &Row, idx: usize) -> DbResult<Role> {
    let s: &str = get(row, idx)?;
    Role::parse(s).ok_or_else(|| DbError::Other(format!("unknown role {s:?}")))
}

pub fn kind(row: &Row, idx: usize) -> DbResult<DocKind> {
    let s: &str = get(row, idx)?;
    DocKind::parse(s).ok_or_else(|| DbError::Other(format!("unknown document kind {s:?}")))
}

/// Every row through `f`.
pub fn all<T>(rows: Vec<Row>, f: impl Fn(&Row) -> DbResult<T>) -> DbResult<Vec<T>> {
    rows.iter().map(f).collect()
}

pub fn team(r: &Row) -> DbResult<TeamRow> {
    Ok(TeamRow {
        id: id(r, 0)?,
        name: get(r, 1)?,
        created_at: get(r, 2)?,
    })
}

pub fn user(r: &Row) -> DbResult<UserRow> {
    Ok(UserRow {
        id: id(r, 0)?,
        team_id: id(r, 1)?,
        name: get(r, 2)?,
        role: role(r, 3)?,
        seeker_id: opt_id(r, 4)?,
        created_at: get(r, 5)?,
    })
}

pub fn device(r: &Row) -> DbResult<DeviceRow> {
    Ok(DeviceRow {
        id: id(r, 0)?,
        user_id: id(r, 1)?,
        user_name: get(r, 2)?,
        name: get(r, 3)?,
        enrolled_at: get(r, 4)?,
        last_sync_at: get(r, 5)?,
        revoked_at: get(r, 6)?,
    })
}

pub fn doc_meta(r: &Row) -> DbResult<DocMeta> {
    Ok(DocMeta {
        id: id(r, 0)?,
        kind: kind(r, 1)?,
        team_id: id(r, 2)?,
        seeker_id: opt_id(r, 3)?,
        created_seq: seq(r, 4)?,
        updated_seq: seq(r, 5)?,
        snapshot_seq: seq(r, 6)?,
        size: seq(r, 7)?,
    })
}
