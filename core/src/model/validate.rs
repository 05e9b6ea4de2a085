//! Small input checks shared by the operations. Each returns a field-named error.

use chrono::NaiveDate;

use crate::{Error, Result};

/// A required text field, trimmed; empty or blank is an error.
pub(crate) fn non_empty(field: &str, value: &str) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Error::invalid(field, "is required"));
    }
    if v.len() > 10_000 {
        return Err(Error::invalid(field, "is longer than 10000 characters"));
    }
    Ok(v.to_string())
}

/// An optional text field, trimmed; blank becomes `None`.
pub(crate) fn trimmed(field: &str, value: Option<&str>) -> Result<Option<String>> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) if v.len() > 10_000 => {
            Err(Error::invalid(field, "is longer than 10000 characters"))
        }
        Some(v) => Ok(Some(v.to_string())),
    }
}

/// `later` must not come before `earlier` (an end before its start).
pub(crate) fn not_before(
    field: &str,
    later: Option<NaiveDate>,
    earlier_field: &str,
    earlier: Option<NaiveDate>,
) -> Result<()> {
    if let (Some(l), Some(e)) = (later, earlier) {
        if l < e {
            return Err(Error::invalid(
                field,
                format!("{l} is before {earlier_field} {e}"),
            ));
        }
    }
    Ok(())
}
