//! Finding job seekers and employers by name as it is typed: "eri", "lund", "jose" for
//! "José", "MAPLE st". Each word of a name (and of a job seeker's preferred name) is kept
//! folded — lower case, accents dropped — in `name_index`, written with the record's other
//! index rows; a search reads that table, never the documents.

use std::collections::BTreeSet;

use rusqlite::types::Value;
use rusqlite::Connection;
use serde::Serialize;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use super::rows::{self, KnownRows, Table};
use super::Store;
use crate::ids::DocId;
use crate::{Error, Result};

pub(crate) static NAME: Table = Table::new("name_index", "word", "doc_id", &["kind"]);

/// What a search looks among.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NameKind {
    Seeker,
    Employer,
}

impl NameKind {
    fn as_str(self) -> &'static str {
        match self {
            NameKind::Seeker => "seeker",
            NameKind::Employer => "employer",
        }
    }
}

/// A record whose name matches a search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Found {
    pub id: DocId,
    pub kind: NameKind,
    pub name: String,
    /// A job seeker's preferred name (their name when they gave none); an employer's name.
    pub display_name: String,
}

/// `text` folded for matching: lower case, accents and other combining marks dropped.
pub(crate) fn fold(text: &str) -> String {
    text.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The folded words of some names, each once.
fn words<'a>(names: impl IntoIterator<Item = &'a str>) -> BTreeSet<String> {
    names
        .into_iter()
        .flat_map(|n| {
            fold(n)
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The `name_index` rows of a record called by `names`.
pub(crate) fn rows<'a>(
    kind: NameKind,
    names: impl IntoIterator<Item = &'a str>,
) -> Vec<(String, Vec<Value>)> {
    words(names)
        .into_iter()
        .map(|w| (w, vec![Value::Text(kind.as_str().into())]))
        .collect()
}

/// Fills the name index from the caseload and employer indexes (a store made before it).
pub(crate) fn backfill(conn: &Connection) -> Result<()> {
    let named: Vec<(String, NameKind, String, String)> = conn
        .prepare(
            "SELECT seeker_id, 'seeker', name, display_name FROM caseload_index
             UNION ALL SELECT employer_id, 'employer', name, name FROM employer_index",
        )?
        .query_map([], |r| {
            let kind = if r.get::<_, String>(1)? == "seeker" {
                NameKind::Seeker
            } else {
                NameKind::Employer
            };
            Ok((r.get(0)?, kind, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (id, kind, name, display) in named {
        let rows = rows(kind, [name.as_str(), display.as_str()]);
        rows::reconcile(conn, &NAME, &id, rows, &mut KnownRows::default())?;
    }
    Ok(())
}

impl Store {
    /// Job seekers or employers whose name has a word starting with each word of `text`,
    /// case and accents ignored ("jos lu" finds "José Luis Ortega"), by name.
    pub fn find_by_name_prefix(&self, kind: NameKind, text: &str) -> Result<Vec<Found>> {
        let wanted = words([text]);
        if wanted.is_empty() {
            return Err(Error::invalid("name", "give at least one letter or digit"));
        }
        self.query(|c| {
            let mut matching: Option<BTreeSet<String>> = None;
            let mut stmt = c.prepare_cached(
                "SELECT DISTINCT doc_id FROM name_index
                 WHERE kind = ?1 AND word >= ?2 AND word < ?3
                   AND doc_id NOT IN (SELECT id FROM merged_records)",
            )?;
            for w in &wanted {
                let past = format!("{w}{}", char::MAX);
                let ids: BTreeSet<String> = stmt
                    .query_map([kind.as_str(), w.as_str(), past.as_str()], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                matching = Some(match matching {
                    None => ids,
                    Some(before) => before.intersection(&ids).cloned().collect(),
                });
            }
            let sql = match kind {
                NameKind::Seeker => {
                    "SELECT name, display_name FROM caseload_index WHERE seeker_id = ?1"
                }
                NameKind::Employer => {
                    "SELECT name, name FROM employer_index WHERE employer_id = ?1"
                }
            };
            let mut name_of = c.prepare_cached(sql)?;
            let mut found = Vec::new();
            for id in matching.unwrap_or_default() {
                let (name, display_name): (String, String) =
                    name_of.query_row([&id], |r| Ok((r.get(0)?, r.get(1)?)))?;
                found.push(Found {
                    id: id.parse().map_err(|e| Error::malformed("name index", e))?,
                    kind,
                    name,
                    display_name,
                });
            }
            found.sort_by_key(|f| (fold(&f.display_name), f.id));
            Ok(found)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fold_to_lower_case_without_accents() {
        assert_eq!(fold("José ÅNGSTRÖM"), "jose angstrom");
        assert_eq!(
            words(["Maple Street Bakery", "Café-Crème"]),
            ["bakery", "cafe", "creme", "maple", "street"]
                .map(String::from)
                .into()
        );
    }
}
