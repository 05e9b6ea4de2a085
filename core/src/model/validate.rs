//! Small input checks shared by the operations. Each returns a field-named error.

use chrono::NaiveDate;

use crate::{Error, Reason, Result};

/// A required text field, trimmed; empty or blank is an error.
pub(crate) fn non_empty(field: &str, value: &str) -> Result<String> {
    let v = value.trim();
    if v.is_empty() {
        return Err(Error::invalid_because(field, Reason::Required));
    }
    if v.len() > MAX_TEXT {
        return Err(too_long(field));
    }
    Ok(v.to_string())
}

/// An optional text field, trimmed; blank becomes `None`.
pub(crate) fn trimmed(field: &str, value: Option<&str>) -> Result<Option<String>> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) if v.len() > MAX_TEXT => Err(too_long(field)),
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
            return Err(Error::invalid_because(
                field,
                Reason::Before {
                    value: l.to_string(),
                    earlier_field: earlier_field.to_string(),
                    earlier: e.to_string(),
                },
            ));
        }
    }
    Ok(())
}

/// The longest text field, in bytes.
const MAX_TEXT: usize = 10_000;

fn too_long(field: &str) -> Error {
    Error::invalid_because(field, Reason::TooLong { max: MAX_TEXT })
}
