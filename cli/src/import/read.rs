//! Reading an import file as it comes: an Excel workbook (.xlsx, .xls, .ods), a CSV in UTF-8
//! (with or without a byte-order mark), UTF-16 or Windows-1252 (what Excel's "CSV" saves on
//! Windows), or JSON Lines. A table keeps each row's line (or sheet row) number for reports.

use std::path::Path;

use calamine::{open_workbook_auto, Data, Reader};
use chrono::{NaiveDate, NaiveDateTime};

/// One cell, as typed as the file says.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    Date(NaiveDateTime),
    Bool(bool),
}

impl Cell {
    /// The cell as text, the way a person reads it: `46279` stays a number, a date cell
    /// reads `2026-09-14` (with the time when it has one), yes/no for a tick box.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.trim().to_string(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(t) if t.time() == chrono::NaiveTime::MIN => t.date().to_string(),
            Cell::Date(t) => t.format("%Y-%m-%d %H:%M").to_string(),
            Cell::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
        }
    }

    pub fn is_blank(&self) -> bool {
        self.text().is_empty()
    }
}

/// A row of a table, with the line (CSV) or row (workbook) it came from.
#[derive(Debug, Clone)]
pub struct Row {
    pub line: usize,
    pub cells: Vec<Cell>,
}

/// A sheet or a CSV file: its header row and the rows under it.
#[derive(Debug, Clone)]
pub struct Table {
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
}

impl Table {
    /// The header row is the first with two or more cells filled: a report's title line
    /// above it (one cell) is passed over.
    fn from_rows(mut rows: Vec<Row>) -> Result<Table, String> {
        let filled = |r: &Row| r.cells.iter().filter(|c| !c.is_blank()).count();
        let start = rows
            .iter()
            .position(|r| filled(r) >= 2)
            .or_else(|| rows.iter().position(|r| filled(r) >= 1))
            .ok_or("the file has no rows")?;
        let header = rows.remove(start);
        let rows = rows.split_off(start);
        Ok(Table {
            headers: header.cells.iter().map(Cell::text).collect(),
            rows,
        })
    }
}

/// What an import file holds.
#[derive(Debug)]
pub enum Source {
    /// JSON Lines: (line number, text) of each non-blank line.
    Lines(Vec<(usize, String)>),
    Table(Table),
}

/// A file read for import, with how it was read ("CSV, Windows-1252").
#[derive(Debug)]
pub struct Read {
    pub format: String,
    pub source: Source,
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

/// Reads `path`; `sheet` chooses a workbook's sheet (default: the first with data).
pub fn read(path: &Path, sheet: Option<&str>) -> Result<Read, String> {
    let shown = path.display();
    match extension(path).as_str() {
        "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => workbook(path, sheet),
        ext => {
            let bytes = std::fs::read(path).map_err(|e| format!("{shown}: {e}"))?;
            let (text, encoding) = decode(&bytes);
            let json = matches!(ext, "jsonl" | "ndjson" | "json")
                || (ext != "csv" && ext != "tsv" && text.trim_start().starts_with('{'));
            if json {
                let lines = text
                    .lines()
                    .enumerate()
                    .filter(|(_, l)| !l.trim().is_empty())
                    .map(|(i, l)| (i + 1, l.to_string()))
                    .collect();
                return Ok(Read {
                    format: format!("JSON Lines, {encoding}"),
                    source: Source::Lines(lines),
                });
            }
            let delimiter = delimiter(ext, &text);
            let table = csv_table(&text, delimiter).map_err(|e| format!("{shown}: {e}"))?;
            let name = if delimiter == b'\t' {
                "tab-separated"
            } else {
                "CSV"
            };
            Ok(Read {
                format: format!("{name}, {encoding}"),
                source: Source::Table(table),
            })
        }
    }
}

/// The text of a file and the encoding it was in: UTF-8 (a byte-order mark is dropped),
/// UTF-16 with its mark, and otherwise Windows-1252 — Excel's "CSV" on Windows in the US.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return (String::from_utf8_lossy(rest).into_owned(), "UTF-8 with BOM");
    }
    if let Some((encoding, _)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_with_bom_removal(bytes);
        let name = if encoding == encoding_rs::UTF_8 {
            "UTF-8 with BOM"
        } else {
            "UTF-16"
        };
        return (text.into_owned(), name);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), "UTF-8"),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            (text.into_owned(), "Windows-1252")
        }
    }
}

/// Tabs for .tsv (or a first line with tabs and no commas), semicolons when the first line
/// has more of them than commas (European Excel), else commas.
fn delimiter(ext: &str, text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    let count = |c: char| first.matches(c).count();
    if ext == "tsv" || (count('\t') > 0 && count(',') == 0) {
        b'\t'
    } else if count(';') > count(',') {
        b';'
    } else {
        b','
    }
}

fn csv_table(text: &str, delimiter: u8) -> Result<Table, String> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // Line numbers counted from the byte offsets, as an editor shows them.
    let (mut line, mut counted) = (1, 0);
    for record in reader.records() {
        let record = record.map_err(|e| e.to_string())?;
        // A record's position may fall on the line end before it (CRLF): start at its text.
        let mut start = record.position().map_or(counted, |p| p.byte() as usize);
        while matches!(text.as_bytes().get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        line += text.as_bytes()[counted..start.max(counted)]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        counted = start.max(counted);
        rows.push(Row {
            line,
            cells: record.iter().map(|c| Cell::Text(c.to_string())).collect(),
        });
    }
    Table::from_rows(rows)
}

fn workbook(path: &Path, sheet: Option<&str>) -> Result<Read, String> {
    let shown = path.display();
    let mut book = open_workbook_auto(path).map_err(|e| format!("{shown}: {e}"))?;
    let names = book.sheet_names();
    let chosen = match sheet {
        Some(s) => names
            .iter()
            .find(|n| n.eq_ignore_ascii_case(s))
            .cloned()
            .ok_or_else(|| {
                format!(
                    "{shown} has no sheet `{s}`: its sheets are {}",
                    names.join(", ")
                )
            })?,
        None => {
            let mut first = None;
            for name in &names {
                let range = book
                    .worksheet_range(name)
                    .map_err(|e| format!("{shown}, sheet {name}: {e}"))?;
                if !range.is_empty() {
                    first = Some(name.clone());
                    break;
                }
            }
            first.ok_or_else(|| format!("{shown} has no sheet with data"))?
        }
    };
    let range = book
        .worksheet_range(&chosen)
        .map_err(|e| format!("{shown}, sheet {chosen}: {e}"))?;
    let top = range.start().map_or(0, |(row, _)| row as usize);
    let rows = range
        .rows()
        .enumerate()
        .map(|(i, cells)| Row {
            line: top + i + 1,
            cells: cells.iter().map(cell).collect(),
        })
        .collect();
    Ok(Read {
        format: format!("Excel workbook, sheet \"{chosen}\""),
        source: Source::Table(Table::from_rows(rows)?),
    })
}

fn cell(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(dt) => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            NaiveDate::from_ymd_opt(i32::from(y), u32::from(mo), u32::from(d))
                .and_then(|day| day.and_hms_opt(u32::from(h), u32::from(mi), u32::from(s)))
                .map_or_else(|| Cell::Number(dt.as_f64()), Cell::Date)
        }
        Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Error(e) => Cell::Text(format!("#{e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings_as_excel_saves_them() {
        let (t, e) = decode(b"\xEF\xBB\xBFname\r\nJos\xC3\xA9\r\n");
        assert_eq!((t.as_str(), e), ("name\r\nJosé\r\n", "UTF-8 with BOM"));
        let (t, e) = decode(b"name\r\nJos\xE9 N\xFA\xF1ez \x96 caf\xE9\r\n");
        assert_eq!(
            (t.as_str(), e),
            ("name\r\nJosé Núñez – café\r\n", "Windows-1252")
        );
        let (t, e) = decode("name\nJosé\n".as_bytes());
        assert_eq!((t.as_str(), e), ("name\nJosé\n", "UTF-8"));
        let (t, e) = decode(b"\xFF\xFEn\x00a\x00");
        assert_eq!((t.as_str(), e), ("na", "UTF-16"));
    }

    #[test]
    fn csv_rows_keep_their_line_numbers() {
        let t = csv_table(
            "\r\nName,Status\r\nAna,\"Job\r\nSearch\"\r\n,\r\nBo,working\r\n",
            b',',
        )
        .unwrap();
        assert_eq!(t.headers, vec!["Name", "Status"]);
        let lines: Vec<usize> = t.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, vec![3, 5, 6]);
        assert!(t.rows[1].cells.iter().all(Cell::is_blank));
    }

    #[test]
    fn cells_read_as_people_read_them() {
        assert_eq!(Cell::Number(6125550100.0).text(), "6125550100");
        assert_eq!(Cell::Number(15.5).text(), "15.5");
        let d = NaiveDate::from_ymd_opt(2026, 9, 14).unwrap();
        assert_eq!(
            Cell::Date(d.and_hms_opt(0, 0, 0).unwrap()).text(),
            "2026-09-14"
        );
        assert_eq!(
            Cell::Date(d.and_hms_opt(10, 30, 0).unwrap()).text(),
            "2026-09-14 10:30"
        );
        assert_eq!(Cell::Text("  Ana ".into()).text(), "Ana");
    }
}
