//! Which column gives which field. Built-in aliases know the headers county and agency
//! exports use (`Client Name`, `Referral Date`, `Case #`…); a `--map` file names the rest,
//! chooses the column holding the records' external ids, and can translate a file's own
//! values (`"Active - Job Dev" = "job_search"`). Headers are compared in any case and spacing.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

pub use super::aliases::{Target, KEY_FIELD};
use super::aliases::{EMPLOYER_TARGETS, SEEKER_TARGETS, VISIT_TARGETS};
use crate::values::normalize;

/// What the rows of a table are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Job seekers: one row per person.
    #[value(alias = "seeker")]
    #[serde(alias = "seeker")]
    Seekers,
    /// Employers: one row per employer (with a contact person, optionally).
    #[value(alias = "employer")]
    #[serde(alias = "employer")]
    Employers,
    /// Employer contacts: one row per visit, call or e-mail.
    #[value(alias = "visit")]
    #[serde(alias = "visit")]
    Visits,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Seekers, Kind::Employers, Kind::Visits];

    pub fn name(&self) -> &'static str {
        match self {
            Kind::Seekers => "seekers",
            Kind::Employers => "employers",
            Kind::Visits => "visits",
        }
    }

    /// What one row is, in words.
    pub fn row_is(&self) -> &'static str {
        match self {
            Kind::Seekers => "job seekers",
            Kind::Employers => "employers",
            Kind::Visits => "employer contacts (visits)",
        }
    }

    pub fn targets(&self) -> &'static [Target] {
        match self {
            Kind::Seekers => SEEKER_TARGETS,
            Kind::Employers => EMPLOYER_TARGETS,
            Kind::Visits => VISIT_TARGETS,
        }
    }
}

/// A `--map` file: what the rows are, which column holds the external ids, headers the
/// aliases do not know, and the file's own words for values.
///
/// ```toml
/// kind = "seekers"
/// key = "Case Number"
/// [columns]
/// "Client" = "name"
/// "Worker" = "skip"
/// [values.status]
/// "Active - Job Dev" = "job_search"
/// ```
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MapFile {
    pub kind: Option<Kind>,
    pub key: Option<String>,
    pub sheet: Option<String>,
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
    #[serde(default)]
    pub values: BTreeMap<String, BTreeMap<String, String>>,
}

/// The word a map file uses for a column not to import.
pub const SKIP: &str = "skip";

impl MapFile {
    pub fn read(path: &Path) -> Result<MapFile, String> {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        toml::from_str(&text).map_err(|e| format!("map file {}: {e}", path.display()))
    }
}

/// How one column is read.
#[derive(Debug, Clone, PartialEq)]
pub enum Column {
    /// Its cells give this field.
    Field(&'static Target),
    /// Not imported, and why.
    Ignored(String),
}

/// Every column of a table mapped for one kind of row, with the notes to show once.
#[derive(Debug)]
pub struct Mapping {
    pub kind: Kind,
    pub headers: Vec<String>,
    pub columns: Vec<Column>,
    /// Per field, the file's values (normalized) and what they stand for.
    pub values: BTreeMap<String, BTreeMap<String, String>>,
    pub warnings: Vec<String>,
}

/// The target a header means, by its field name or an alias.
fn by_alias(kind: Kind, header: &str) -> Option<&'static Target> {
    let h = normalize(header);
    kind.targets()
        .iter()
        .find(|t| normalize(t.field) == h || t.aliases.iter().any(|a| normalize(a) == h))
}

/// Chooses the kind the headers fit best: the one with the most columns only that kind has,
/// then the most columns it reads at all; none when two fit equally.
pub fn guess_kind(headers: &[String]) -> Option<Kind> {
    let mut scores: Vec<((usize, usize), Kind)> = Kind::ALL
        .iter()
        .map(|k| {
            let targets: Vec<&Target> = headers.iter().filter_map(|h| by_alias(*k, h)).collect();
            let marking = targets.iter().filter(|t| t.marks_kind).count();
            ((marking, targets.len()), *k)
        })
        .collect();
    scores.sort_by_key(|(score, _)| std::cmp::Reverse(*score));
    match scores.as_slice() {
        [(best, kind), (second, _), ..] if best > second => Some(*kind),
        _ => None,
    }
}

impl Mapping {
    /// Maps `headers` for `kind`, with the map file's choices first.
    pub fn new(
        kind: Kind,
        headers: &[String],
        map: &MapFile,
        key: Option<&str>,
    ) -> Result<Mapping, String> {
        let find = |field: &str| kind.targets().iter().find(|t| t.field == field);
        let named: BTreeMap<String, &String> =
            map.columns.iter().map(|(h, f)| (normalize(h), f)).collect();
        let key = key.or(map.key.as_deref()).map(normalize);
        if let Some(k) = &key {
            if !headers.iter().any(|h| normalize(h) == *k) {
                return Err(format!(
                    "no column is called `{}` (the key): the columns are {}",
                    key.as_deref().unwrap_or(""),
                    quoted(headers)
                ));
            }
        }
        let mut warnings = Vec::new();
        let mut columns = Vec::new();
        for (i, header) in headers.iter().enumerate() {
            let h = normalize(header);
            let column = if h.is_empty() {
                Column::Ignored(format!("column {} has no header", i + 1))
            } else if key.as_deref() == Some(h.as_str()) {
                Column::Field(find(KEY_FIELD).ok_or("no key field")?)
            } else if let Some(field) = named.get(&h) {
                if field.as_str() == SKIP {
                    Column::Ignored("skipped by the map file".into())
                } else {
                    Column::Field(find(field).ok_or_else(|| {
                        let fields: Vec<&str> = kind.targets().iter().map(|t| t.field).collect();
                        format!(
                            "map file: column `{header}` is mapped to `{field}`, which {} rows do not have: use one of {}, or \"{SKIP}\"",
                            kind.name(),
                            fields.join(", ")
                        )
                    })?)
                }
            } else {
                match by_alias(kind, header) {
                    Some(target) if key.is_some() && target.field == KEY_FIELD => {
                        Column::Ignored("another column is the key".into())
                    }
                    Some(target) => Column::Field(target),
                    None => Column::Ignored("no field is called that".into()),
                }
            };
            columns.push(column);
        }
        // Two columns for one field: the first is read.
        for i in 0..columns.len() {
            if let Column::Field(target) = columns[i] {
                if let Some(first) = columns[..i]
                    .iter()
                    .position(|c| *c == Column::Field(target))
                {
                    columns[i] = Column::Ignored(format!(
                        "`{}` already gives {}",
                        headers[first], target.field
                    ));
                }
            }
        }
        for (header, column) in headers.iter().zip(&columns) {
            if let Column::Ignored(why) = column {
                if !header.trim().is_empty() || !why.contains("no header") {
                    warnings.push(format!("column \"{header}\" is not imported: {why}"));
                }
            }
        }
        let values = map
            .values
            .iter()
            .map(|(field, pairs)| {
                let pairs = pairs
                    .iter()
                    .map(|(from, to)| (normalize(from), to.clone()))
                    .collect();
                (field.clone(), pairs)
            })
            .collect();
        let mapping = Mapping {
            kind,
            headers: headers.to_vec(),
            columns,
            values,
            warnings,
        };
        mapping.check_required()?;
        Ok(mapping)
    }

    fn gives(&self, field: &str) -> bool {
        self.columns
            .iter()
            .any(|c| matches!(c, Column::Field(t) if t.field == field))
    }

    /// A table without the columns every row needs is refused once, before any row.
    fn check_required(&self) -> Result<(), String> {
        let missing = match self.kind {
            Kind::Seekers
                if !["name", "first_name", "last_name"]
                    .iter()
                    .any(|f| self.gives(f)) =>
            {
                Some("the job seekers' names (`name`, or `first_name` and `last_name`)")
            }
            Kind::Employers if !self.gives("name") => Some("the employers' names (`name`)"),
            Kind::Visits if !self.gives("employer") => {
                Some("the employer of each visit (`employer`)")
            }
            Kind::Visits if !self.gives("date") && !self.gives("at") => {
                Some("the date of each visit (`date`, or `at` for date and time)")
            }
            _ => None,
        };
        match missing {
            Some(what) => Err(format!(
                "no column gives {what}: the columns are {}; name the right one with --map",
                quoted(&self.headers)
            )),
            None => Ok(()),
        }
    }

    /// The column header that gives `field`, for messages. The core names a group's field
    /// without its group (`offered`), so that is tried too when only one column fits.
    pub fn header_of(&self, field: &str) -> Option<&str> {
        let exact = self
            .columns
            .iter()
            .position(|c| matches!(c, Column::Field(t) if t.field == field));
        let suffix = format!(".{field}");
        let in_group: Vec<usize> = self
            .columns
            .iter()
            .enumerate()
            .filter(|(_, c)| matches!(c, Column::Field(t) if t.field.ends_with(&suffix)))
            .map(|(i, _)| i)
            .collect();
        exact
            .or(match in_group.as_slice() {
                [one] => Some(*one),
                _ => None,
            })
            .map(|i| self.headers[i].as_str())
    }

    /// The file's value `value` of `field`, as the map file translates it.
    pub fn translate<'v>(&'v self, field: &str, value: &'v str) -> &'v str {
        self.values
            .get(field)
            .and_then(|pairs| pairs.get(&normalize(value)))
            .map_or(value, String::as_str)
    }
}

fn quoted(headers: &[String]) -> String {
    headers
        .iter()
        .map(|h| format!("\"{h}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(h: &[&str]) -> Vec<String> {
        h.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn county_headers_map_and_tell_the_kind() {
        let h = headers(&[
            "Case #",
            "Client Name",
            " Referral Date ",
            "Status",
            "Worker",
        ]);
        assert_eq!(guess_kind(&h), Some(Kind::Seekers));
        let m = Mapping::new(Kind::Seekers, &h, &MapFile::default(), None).unwrap();
        let fields: Vec<String> = m
            .columns
            .iter()
            .map(|c| match c {
                Column::Field(t) => t.field.to_string(),
                Column::Ignored(_) => "-".into(),
            })
            .collect();
        assert_eq!(fields, vec!["id", "name", "referral_date", "status", "-"]);
        assert_eq!(m.warnings.len(), 1, "{:?}", m.warnings);
        assert!(m.warnings[0].contains("Worker"));
        let e = headers(&["Employer", "Industry", "Contact", "Phone"]);
        assert_eq!(guess_kind(&e), Some(Kind::Employers));
        let v = headers(&[
            "Employer",
            "Contact Date",
            "Contact Type",
            "Client ID",
            "Outcome",
        ]);
        assert_eq!(guess_kind(&v), Some(Kind::Visits));
        assert_eq!(guess_kind(&headers(&["Name", "Phone"])), None);
    }

    #[test]
    fn a_missing_name_column_is_one_error() {
        let h = headers(&["Case #", "Referral Date"]);
        let e = Mapping::new(Kind::Seekers, &h, &MapFile::default(), None).unwrap_err();
        assert!(e.contains("names") && e.contains("\"Case #\""), "{e}");
    }

    #[test]
    fn a_map_file_names_columns_keys_and_values() {
        let map: MapFile = toml::from_str(
            "kind = \"seekers\"\nkey = \"Person\"\n[columns]\n\"Who\" = \"name\"\n\"Person\" = \"skip\"\n[values.status]\n\"Active - Job Dev\" = \"job_search\"\n",
        )
        .unwrap();
        let h = headers(&["Person", "Who", "Status"]);
        let m = Mapping::new(Kind::Seekers, &h, &map, None).unwrap();
        assert_eq!(m.header_of("id"), Some("Person"));
        assert_eq!(m.header_of("name"), Some("Who"));
        assert_eq!(m.translate("status", "active - JOB dev"), "job_search");
        let bad: MapFile = toml::from_str("[columns]\n\"Who\" = \"nmae\"\n").unwrap();
        let e = Mapping::new(Kind::Seekers, &h, &bad, None).unwrap_err();
        assert!(e.contains("nmae") && e.contains("Who"), "{e}");
    }
}
