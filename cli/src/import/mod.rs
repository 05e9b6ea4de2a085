//! `fieldbook import FILE`: moving a caseload in from the files a county or agency exports —
//! an Excel workbook, a CSV (UTF-8, UTF-8 with BOM, UTF-16 or Windows-1252), or JSON Lines
//! of operations. Headers are mapped by alias or a `--map` file (`--inspect` shows how);
//! every row is applied on its own, whole or not at all; a problem is reported once, with
//! its line, column, field and value. Safe to run again: rows with an external id update
//! their record, repeated entries are recognized, and `--dry-run` shows what would happen.

mod aliases;
mod columns;
mod inspect;
mod read;
mod report;
mod rows;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use fieldbook_core::Store;

pub use columns::Kind;
use columns::{guess_kind, MapFile, Mapping};
pub use inspect::inspect;
use read::Source;
pub use report::Report;
use rows::{Held, Line};

use crate::ops::{Ctx, Op, Problem};
use crate::refs::Resolver;

/// The options of `fieldbook import`.
#[derive(Debug, Clone, clap::Args)]
pub struct ImportArgs {
    /// The file: .xlsx/.xls/.ods, .csv/.tsv, or .jsonl (one operation per line).
    pub file: PathBuf,
    /// What the rows of a spreadsheet are (default: told from the headers).
    #[arg(long, value_enum)]
    pub kind: Option<Kind>,
    /// A TOML file naming columns, the key column, and the file's own values.
    #[arg(long, value_name = "FILE")]
    pub map: Option<PathBuf>,
    /// The column holding each record's id in the old system (its external id): importing
    /// the file again updates those records instead of adding them twice.
    #[arg(long, value_name = "COLUMN")]
    pub key: Option<String>,
    /// The workbook's sheet (default: the first with data).
    #[arg(long)]
    pub sheet: Option<String>,
    /// Show what would be created, updated or refused, and change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Show the file's columns, the field each maps to, and sample values; change nothing.
    #[arg(long)]
    pub inspect: bool,
}

/// A file read and mapped, ready to apply.
#[derive(Debug)]
pub struct Prepared {
    pub format: String,
    pub mapping: Option<Mapping>,
    pub lines: Vec<Line>,
    pub blank: usize,
}

/// Reads and maps the file; nothing touches the store yet.
pub fn prepare(args: &ImportArgs) -> Result<Prepared, String> {
    let map = args
        .map
        .as_deref()
        .map(MapFile::read)
        .transpose()?
        .unwrap_or_default();
    let sheet = args.sheet.as_deref().or(map.sheet.as_deref());
    let read = read::read(&args.file, sheet)?;
    match read.source {
        Source::Lines(lines) => Ok(Prepared {
            format: read.format,
            mapping: None,
            blank: 0,
            lines: lines
                .into_iter()
                .map(|(line, text)| Line {
                    line,
                    op: serde_json::from_str(&text)
                        .map_err(|e| Problem::general(format!("not a JSON object: {e}")))
                        .and_then(Op::from_json)
                        .map_err(Held::Refused),
                    external_id: None,
                })
                .collect(),
        }),
        Source::Table(table) => {
            let kind = match args.kind.or(map.kind) {
                Some(kind) => kind,
                None => guess_kind(&table.headers).ok_or_else(|| {
                    format!(
                        "cannot tell from the columns whether the rows are job seekers, employers \
                         or visits: say which with --kind seekers|employers|visits (columns: {})",
                        table.headers.join(", ")
                    )
                })?,
            };
            let mapping = Mapping::new(kind, &table.headers, &map, args.key.as_deref())?;
            let (lines, blank) = rows::lines(&table, &mapping);
            Ok(Prepared {
                format: read.format,
                mapping: Some(mapping),
                lines,
                blank,
            })
        }
    }
}

/// Applies every line it can to `store`, in order.
pub fn apply(prepared: Prepared, store: &Store, args: &ImportArgs) -> Report {
    let mut report = Report::new(&args.file, &prepared, args.dry_run);
    let mut ctx = Ctx {
        refs: Resolver::new(store),
        import: true,
    };
    let total = prepared.lines.len();
    let progress = std::io::stderr().is_terminal() && total > 50;
    for (n, line) in prepared.lines.into_iter().enumerate() {
        let applied = line.op.map(|op| op.apply(&mut ctx).map_err(Held::Refused));
        report.add(
            line.line,
            line.external_id,
            applied.and_then(|r| r),
            prepared.mapping.as_ref(),
        );
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
    report
}
