//! What an import did (or, in a dry run, would do): counts, the notes about the file's
//! columns (each once), and every line with what happened to it and, for a refused line,
//! the column, the field and the reason naming the value.

use std::path::Path;

use serde::Serialize;
use serde_json::{Map, Value};

use super::columns::Mapping;
use super::rows::Held;
use super::Prepared;
use crate::ops::{Action, Outcome};

/// One line of the file and what became of it.
#[derive(Debug, Clone, Serialize)]
pub struct LineReport {
    pub line: usize,
    /// created, updated, unchanged, refused or repeated.
    pub action: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub op: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// The ids written (`seeker_id`, `visit_id`…).
    #[serde(flatten)]
    pub ids: Map<String, Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// For a repeated row: the line it repeats.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub same_as: Option<usize>,
}

/// The outcome of an import.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub file: String,
    /// How the file was read ("CSV, Windows-1252").
    pub format: String,
    /// What the rows are, for a spreadsheet.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<&'static str>,
    pub dry_run: bool,
    pub created: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub refused: usize,
    pub repeated: usize,
    /// Blank rows passed over.
    pub blank: usize,
    /// Notes about the file as a whole (columns not imported), each once.
    pub warnings: Vec<String>,
    pub lines: Vec<LineReport>,
}

impl Report {
    pub fn new(file: &Path, prepared: &Prepared, dry_run: bool) -> Report {
        let mapping = prepared.mapping.as_ref();
        let mut warnings = mapping.map(|m| m.warnings.clone()).unwrap_or_default();
        let keyed = prepared.lines.iter().any(|l| l.external_id.is_some());
        if mapping.is_some() && !keyed && !prepared.lines.is_empty() {
            warnings.push(
                "no column holds the records' ids in the old system: importing this file again \
                 adds its rows again (name the column with --key, or map one to `id`)"
                    .into(),
            );
        }
        Report {
            file: file.display().to_string(),
            format: prepared.format.clone(),
            kind: mapping.map(|m| m.kind.name()),
            dry_run,
            created: 0,
            updated: 0,
            unchanged: 0,
            refused: 0,
            repeated: 0,
            blank: prepared.blank,
            warnings,
            lines: Vec::new(),
        }
    }

    /// Records what became of one line.
    pub fn add(
        &mut self,
        line: usize,
        external_id: Option<String>,
        result: Result<Outcome, Held>,
        mapping: Option<&Mapping>,
    ) {
        let mut entry = LineReport {
            line,
            action: "refused",
            op: None,
            external_id,
            ids: Map::new(),
            field: None,
            column: None,
            reason: None,
            same_as: None,
        };
        match result {
            Ok(outcome) => {
                entry.action = match outcome.action {
                    Action::Created => {
                        self.created += 1;
                        "created"
                    }
                    Action::Updated => {
                        self.updated += 1;
                        "updated"
                    }
                    Action::Unchanged => {
                        self.unchanged += 1;
                        "unchanged"
                    }
                };
                entry.op = Some(outcome.op);
                if let Some(Value::String(x)) = outcome.ids.get("external_id") {
                    entry.external_id = Some(x.clone());
                }
                entry.ids = outcome.ids;
                entry.ids.remove("external_id");
            }
            Err(Held::Repeat { of }) => {
                self.repeated += 1;
                entry.action = "repeated";
                entry.same_as = Some(of);
            }
            Err(Held::Refused(problem)) => {
                self.refused += 1;
                entry.column = problem
                    .field
                    .as_deref()
                    .and_then(|f| mapping.and_then(|m| m.header_of(f)))
                    .map(str::to_string);
                entry.field = problem.field;
                entry.reason = Some(problem.reason);
            }
        }
        self.lines.push(entry);
    }

    /// The report for people: the notes, each line that needs a look, then the counts.
    pub fn text(&self) -> String {
        let mut out = format!("{} ({})", self.file, self.format);
        if let Some(kind) = self.kind {
            out.push_str(&format!(", rows are {kind}"));
        }
        for w in &self.warnings {
            out.push_str(&format!("\n  note: {w}"));
        }
        for l in &self.lines {
            match l.action {
                "refused" => {
                    let mut what = String::new();
                    if let Some(column) = &l.column {
                        what.push_str(&format!("column \"{column}\" "));
                    }
                    match (&l.field, what.is_empty()) {
                        (Some(field), true) => what.push_str(&format!("{field}: ")),
                        (Some(field), false) => what.push_str(&format!("({field}): ")),
                        (None, false) => what.push_str(": "),
                        (None, true) => {}
                    }
                    out.push_str(&format!(
                        "\n  line {}: refused: {what}{}",
                        l.line,
                        l.reason.as_deref().unwrap_or("")
                    ));
                }
                "repeated" => out.push_str(&format!(
                    "\n  line {}: repeats line {}, applied once",
                    l.line,
                    l.same_as.unwrap_or(0)
                )),
                _ => {}
            }
        }
        out.push_str(&format!(
            "\n{} created, {} updated, {} unchanged, {} refused, {} repeated, {} blank row(s) skipped",
            self.created, self.updated, self.unchanged, self.refused, self.repeated, self.blank
        ));
        if self.dry_run {
            out.push_str("\ndry run: nothing was written");
        }
        out
    }
}
