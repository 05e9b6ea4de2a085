//! Turning a table's rows into operations: blank rows are passed over, each row's cells become
//! the fields of one `seeker.add`, `employer.add` or `visit.log`, and a row that repeats an
//! earlier one (the same cells, or the same external id) is reported instead of applied.

use std::collections::HashMap;

use serde_json::{Map, Value};

use super::columns::{Column, Kind, Mapping, KEY_FIELD};
use super::read::{Row, Table};
use crate::ops::{fields, EmployerRow, Op, Problem, SeekerRow};
use crate::values::normalize;

/// A row that is not to be applied, and why.
#[derive(Debug, Clone, PartialEq)]
pub enum Held {
    /// The same cells as an earlier row: applied once.
    Repeat { of: usize },
    /// Refused before anything was written.
    Refused(Problem),
}

/// One row of the table, read.
#[derive(Debug)]
pub struct Line {
    pub line: usize,
    pub op: Result<Op, Held>,
    /// The row's external id, when it has one.
    pub external_id: Option<String>,
}

/// The rows of `table` as operations, in order; blank rows left out (their count is
/// returned too).
pub fn lines(table: &Table, mapping: &Mapping) -> (Vec<Line>, usize) {
    let mut seen_rows: HashMap<String, usize> = HashMap::new();
    let mut seen_ids: HashMap<String, (usize, String)> = HashMap::new();
    let mut out = Vec::new();
    let mut blank = 0;
    for row in &table.rows {
        if row.cells.iter().all(|c| c.is_blank()) {
            blank += 1;
            continue;
        }
        let obj = fields_of(row, mapping);
        // Compared as people read them: case and spacing do not make a row new.
        let text = normalize(&Value::Object(obj.clone()).to_string());
        let external_id = obj
            .get(KEY_FIELD)
            .and_then(Value::as_str)
            .map(str::to_string);
        let held = if let Some(first) = seen_rows.get(&text) {
            Some(Held::Repeat { of: *first })
        } else if let Some((first, _)) = external_id
            .as_ref()
            .and_then(|id| seen_ids.get(&normalize(id)))
        {
            Some(Held::Refused(Problem::new(
                Some(KEY_FIELD),
                format!(
                    "`{}` is also the id on line {first}, with other values: one of the two rows is wrong",
                    external_id.as_deref().unwrap_or_default()
                ),
            )))
        } else {
            None
        };
        seen_rows.entry(text).or_insert(row.line);
        if let Some(id) = &external_id {
            seen_ids
                .entry(normalize(id))
                .or_insert((row.line, id.clone()));
        }
        let op = match held {
            Some(h) => Err(h),
            None => op_of(mapping.kind, obj).map_err(Held::Refused),
        };
        out.push(Line {
            line: row.line,
            op,
            external_id,
        });
    }
    (out, blank)
}

/// A row's non-blank cells as an import line's fields (`benefits.offered` into the
/// `benefits` object), values translated by the map file.
fn fields_of(row: &Row, mapping: &Mapping) -> Map<String, Value> {
    let mut obj = Map::new();
    for (cell, column) in row.cells.iter().zip(&mapping.columns) {
        let Column::Field(target) = column else {
            continue;
        };
        let text = cell.text();
        if text.is_empty() {
            continue;
        }
        let value = Value::String(mapping.translate(target.field, &text).to_string());
        match target.field.split_once('.') {
            Some((group, field)) => {
                let inner = obj
                    .entry(group)
                    .or_insert_with(|| Value::Object(Map::new()));
                if let Value::Object(inner) = inner {
                    inner.insert(field.to_string(), value);
                }
            }
            None => {
                obj.insert(target.field.to_string(), value);
            }
        }
    }
    obj
}

fn op_of(kind: Kind, obj: Map<String, Value>) -> Result<Op, Problem> {
    match kind {
        Kind::Seekers => SeekerRow::from_json(obj, false).map(Op::SeekerAdd),
        Kind::Employers => EmployerRow::from_json(obj, false).map(Op::EmployerAdd),
        Kind::Visits => fields(obj).map(Op::VisitLog),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::columns::MapFile;
    use crate::import::read::Cell;

    fn table(rows: &[&[&str]]) -> Table {
        Table {
            headers: rows[0].iter().map(|s| s.to_string()).collect(),
            rows: rows[1..]
                .iter()
                .enumerate()
                .map(|(i, r)| Row {
                    line: i + 2,
                    cells: r.iter().map(|c| Cell::Text(c.to_string())).collect(),
                })
                .collect(),
        }
    }

    #[test]
    fn blank_rows_repeats_and_reused_ids() {
        let t = table(&[
            &["Case #", "Client Name", "Status"],
            &["C-1", "Ana Lima", "Job Search"],
            &["", " ", ""],
            &["C-1", "Ana Lima ", "job search"],
            &["c-1", "Bo Ek", "working"],
            &["C-2", "Cy Day", "Job Hunting"],
        ]);
        let m = Mapping::new(Kind::Seekers, &t.headers, &MapFile::default(), None).unwrap();
        let (lines, blank) = lines(&t, &m);
        assert_eq!(blank, 1);
        assert!(lines[0].op.is_ok());
        assert!(
            matches!(lines[1].op, Err(Held::Repeat { of: 2 })),
            "{:?}",
            lines[1].op
        );
        let Err(Held::Refused(p)) = &lines[2].op else {
            panic!("{:?}", lines[2].op)
        };
        assert!(p.reason.contains("line 2"), "{p}");
        let Err(Held::Refused(p)) = &lines[3].op else {
            panic!()
        };
        assert_eq!(p.field.as_deref(), Some("status"));
        assert!(p.reason.contains("`Job Hunting`"), "{p}");
    }
}
