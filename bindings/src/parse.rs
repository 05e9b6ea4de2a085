//! Text from the apps into the core's types. Apps pass dates as `2026-11-24`, times as RFC 3339
//! with their UTC offset and ids as UUIDs; anything else is an `Invalid` error naming the field.

use chrono::{DateTime, FixedOffset, NaiveDate};
use fieldbook_core::Error;

use crate::error::FfiResult;

/// A calendar date.
pub fn date(field: &str, s: &str) -> FfiResult<NaiveDate> {
    s.trim()
        .parse()
        .map_err(|_| Error::invalid(field, format!("{s:?} is not a date like 2026-11-24")).into())
}

/// An optional calendar date; empty text counts as none.
pub fn opt_date(field: &str, s: &Option<String>) -> FfiResult<Option<NaiveDate>> {
    s.as_deref()
        .filter(|s| !s.trim().is_empty())
        .map(|s| date(field, s))
        .transpose()
}

/// A local time with its UTC offset.
pub fn time(field: &str, s: &str) -> FfiResult<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(s.trim()).map_err(|_| {
        Error::invalid(
            field,
            format!("{s:?} is not a time like 2026-11-24T10:30:00-06:00"),
        )
        .into()
    })
}

/// An id of type `T`.
pub fn id<T: std::str::FromStr>(field: &str, s: &str) -> FfiResult<T> {
    s.trim()
        .parse()
        .map_err(|_| Error::invalid(field, format!("{s:?} is not an id")).into())
}

/// An optional id; empty text counts as none.
pub fn opt_id<T: std::str::FromStr>(field: &str, s: &Option<String>) -> FfiResult<Option<T>> {
    s.as_deref()
        .filter(|s| !s.trim().is_empty())
        .map(|s| id(field, s))
        .transpose()
}
