//! Printing results: JSON for scripts (`--json`), short text for people.

use std::io::Write;

use serde::Serialize;

/// Prints `value` as pretty JSON, or `text(value)` for people. A reader that stops early
/// (`| head`) is not an error.
pub fn emit<T: Serialize>(
    json: bool,
    value: &T,
    text: impl FnOnce(&T) -> String,
) -> Result<(), String> {
    let out = if json {
        serde_json::to_string_pretty(value).map_err(|e| e.to_string())?
    } else {
        text(value)
    };
    if out.is_empty() {
        return Ok(());
    }
    match writeln!(std::io::stdout().lock(), "{out}") {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(e.to_string()),
        _ => Ok(()),
    }
}

/// `-` for nothing.
pub fn or_dash(v: Option<impl ToString>) -> String {
    v.map(|v| v.to_string()).unwrap_or_else(|| "-".into())
}
