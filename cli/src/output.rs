//! Printing results: JSON for scripts (`--json`), short text for people.

use serde::Serialize;

/// Prints `value` as pretty JSON, or `text(value)` for people.
pub fn emit<T: Serialize>(
    json: bool,
    value: &T,
    text: impl FnOnce(&T) -> String,
) -> Result<(), String> {
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(value).map_err(|e| e.to_string())?
        );
    } else {
        let t = text(value);
        if !t.is_empty() {
            println!("{t}");
        }
    }
    Ok(())
}

/// `-` for nothing.
pub fn or_dash(v: Option<impl ToString>) -> String {
    v.map(|v| v.to_string()).unwrap_or_else(|| "-".into())
}
