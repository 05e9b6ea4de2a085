//! `fieldbook import FILE`: JSON Lines of operations (one object per line, with `op`), or CSV
//! with a header row for job seekers (`name` column) and employers (`name` + employer columns,
//! chosen with `--kind employer`). Each line is applied on its own: a failing line is reported
//! with its number and reason and leaves nothing behind; the others are applied.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use fieldbook_core::Store;
use serde::Serialize;
use serde_json::{Map, Value};

use crate::ops::Op;

/// What the CSV rows are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CsvKind {
    Seeker,
    Employer,
}

/// A line that was not applied.
#[derive(Debug, Clone, Serialize)]
pub struct LineError {
    pub line: usize,
    pub reason: String,
}

/// The outcome of an import.
#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    pub applied: usize,
    pub failed: Vec<LineError>,
    /// What each applied line produced (ids), in file order.
    pub results: Vec<Value>,
}

/// A line of the file (1-based) and the operation it holds, or why it does not hold one.
type Line = (usize, Result<Op, String>);

/// Reads `path` and applies every line it can.
pub fn run(store: &Store, path: &Path, csv_kind: Option<CsvKind>) -> Result<ImportReport, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let is_csv = csv_kind.is_some()
        || path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    let lines: Vec<Line> = if is_csv {
        csv_ops(&text, csv_kind.unwrap_or(CsvKind::Seeker))?
    } else {
        text.as_bytes()
            .lines()
            .enumerate()
            .filter_map(|(i, l)| {
                let l = l.ok()?;
                (!l.trim().is_empty()).then(|| {
                    (
                        i + 1,
                        serde_json::from_str::<Op>(&l).map_err(|e| e.to_string()),
                    )
                })
            })
            .collect()
    };
    let total = lines.len();
    let progress = std::io::stderr().is_terminal() && total > 50;
    let mut report = ImportReport {
        applied: 0,
        failed: Vec::new(),
        results: Vec::new(),
    };
    for (n, (line, op)) in lines.into_iter().enumerate() {
        match op.and_then(|op| op.apply(store).map_err(|e| e.to_string())) {
            Ok(v) => {
                report.applied += 1;
                report.results.push(v);
            }
            Err(reason) => report.failed.push(LineError { line, reason }),
        }
        if progress && (n % 10 == 0 || n + 1 == total) {
            let width = 30;
            let done = (n + 1) * width / total;
            let mut err = std::io::stderr().lock();
            let _ = write!(
                err,
                "\r[{}{}] {}/{}",
                "#".repeat(done),
                " ".repeat(width - done),
                n + 1,
                total
            );
            let _ = err.flush();
        }
    }
    if progress {
        eprintln!();
    }
    Ok(report)
}

/// Turns CSV rows into `seeker.add` / `employer.add` operations; empty cells are absent.
fn csv_ops(text: &str, kind: CsvKind) -> Result<Vec<Line>, String> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(false)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = reader
        .headers()
        .map_err(|e| format!("header row: {e}"))?
        .iter()
        .map(|h| h.trim().to_lowercase().replace([' ', '-'], "_"))
        .collect();
    let op = match kind {
        CsvKind::Seeker => "seeker.add",
        CsvKind::Employer => "employer.add",
    };
    Ok(reader
        .records()
        .enumerate()
        .map(|(i, record)| {
            let line = i + 2;
            let parsed = record.map_err(|e| e.to_string()).and_then(|r| {
                let mut obj = Map::new();
                obj.insert("op".into(), Value::String(op.into()));
                for (h, cell) in headers.iter().zip(r.iter()) {
                    if !cell.trim().is_empty() {
                        obj.insert(h.clone(), Value::String(cell.trim().to_string()));
                    }
                }
                serde_json::from_value::<Op>(Value::Object(obj)).map_err(|e| e.to_string())
            });
            (line, parsed)
        })
        .collect())
}
