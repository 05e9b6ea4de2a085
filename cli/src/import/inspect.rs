//! `fieldbook import --inspect FILE`: how a file would be read, before anything is written —
//! its format, what its rows are taken to be, each column with the field it gives (or why it
//! is not imported) and a few sample values.

use serde::Serialize;

use super::columns::{guess_kind, Column, MapFile, Mapping};
use super::read::{self, Source};
use super::ImportArgs;

/// One column as an import would read it.
#[derive(Debug, Serialize)]
pub struct ColumnView {
    pub column: String,
    /// The field it gives; none when it is not imported.
    pub field: Option<&'static str>,
    /// Why it is not imported.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Up to three different values from the first rows.
    pub samples: Vec<String>,
}

/// The whole view.
#[derive(Debug, Serialize)]
pub struct Inspection {
    pub file: String,
    pub format: String,
    /// What the rows are taken to be (none: say with --kind).
    pub kind: Option<&'static str>,
    pub rows: usize,
    pub blank_rows: usize,
    pub columns: Vec<ColumnView>,
    /// A problem that would stop the import before any row (a missing name column).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problem: Option<String>,
}

impl Inspection {
    pub fn text(&self) -> String {
        let mut out = format!(
            "{} ({}): {} row(s), {} blank\nrows are: {}\n",
            self.file,
            self.format,
            self.rows,
            self.blank_rows,
            self.kind
                .unwrap_or("unknown (say with --kind seekers|employers|visits)")
        );
        let width = self
            .columns
            .iter()
            .map(|c| c.column.chars().count())
            .max()
            .unwrap_or(6)
            .max(6);
        out.push_str(&format!("{:<width$}  {:<28}  samples\n", "column", "field"));
        for c in &self.columns {
            let field = match (&c.field, &c.note) {
                (Some(f), _) => f.to_string(),
                (None, Some(note)) => format!("(not imported: {note})"),
                (None, None) => "(not imported)".into(),
            };
            out.push_str(&format!(
                "{:<width$}  {:<28}  {}\n",
                c.column,
                field,
                c.samples.join(" | ")
            ));
        }
        if let Some(p) = &self.problem {
            out.push_str(&format!("problem: {p}\n"));
        }
        out.trim_end().to_string()
    }
}

/// Reads the file and shows how it maps; writes nothing.
pub fn inspect(args: &ImportArgs) -> Result<Inspection, String> {
    let map = args
        .map
        .as_deref()
        .map(MapFile::read)
        .transpose()?
        .unwrap_or_default();
    let read = read::read(&args.file, args.sheet.as_deref().or(map.sheet.as_deref()))?;
    let Source::Table(table) = read.source else {
        return Err(format!(
            "{} is JSON Lines: its lines name their fields; --inspect shows spreadsheets",
            args.file.display()
        ));
    };
    let kind = args
        .kind
        .or(map.kind)
        .or_else(|| guess_kind(&table.headers));
    let mapping = kind.map(|k| Mapping::new(k, &table.headers, &map, args.key.as_deref()));
    let (mapping, problem) = match mapping {
        Some(Ok(m)) => (Some(m), None),
        Some(Err(e)) => (None, Some(e)),
        None => (None, None),
    };
    let filled: Vec<_> = table
        .rows
        .iter()
        .filter(|r| r.cells.iter().any(|c| !c.is_blank()))
        .collect();
    let columns = table
        .headers
        .iter()
        .enumerate()
        .map(|(i, header)| {
            let mut samples: Vec<String> = Vec::new();
            for row in &filled {
                let text = row.cells.get(i).map(|c| c.text()).unwrap_or_default();
                if !text.is_empty() && !samples.contains(&text) {
                    samples.push(text);
                }
                if samples.len() == 3 {
                    break;
                }
            }
            let (field, note) = match mapping.as_ref().map(|m| &m.columns[i]) {
                Some(Column::Field(t)) => (Some(t.field), None),
                Some(Column::Ignored(why)) => (None, Some(why.clone())),
                None => (None, None),
            };
            ColumnView {
                column: header.clone(),
                field,
                note,
                samples,
            }
        })
        .collect();
    Ok(Inspection {
        file: args.file.display().to_string(),
        format: read.format,
        kind: kind.map(|k| k.name()),
        rows: filled.len(),
        blank_rows: table.rows.len() - filled.len(),
        columns,
        problem,
    })
}
