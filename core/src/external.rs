//! External ids: the ids records had in the system a team moved from (a county's case
//! numbers, a spreadsheet's keys) or names typed with `--id`. A record's own id is always a
//! fresh random UUID made on the device; the external id is a field of the record, indexed
//! on the phone per kind (a visit's within its employer), so imports and the terminal can
//! find records by it. It never becomes part of a document id: two teams' "1", or a job
//! seeker and an employer both called "1", never meet, and nothing about one team's
//! documents can be learned from another's names.
//!
//! Within one phone, a kind holds each external id once (case and outer spaces ignored).
//! Two phones may still give the same id to two records while offline; lookups then return
//! both, and the caller says which it means.

use rusqlite::Connection;
use uuid::Uuid;

use crate::document::DocKind;
use crate::ids::{EmployerId, VisitId};
use crate::model::Visit;
use crate::store::Store;
use crate::{Error, Reason, Result};

/// The records an external id or a name is looked up among.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    /// Job seekers (the caseload).
    Seeker,
    /// The team's employers.
    Employer,
    /// The visits logged at one employer.
    Visit(EmployerId),
}

impl Named {
    /// What these records are called in messages.
    pub fn label(&self) -> &'static str {
        match self {
            Named::Seeker => "job seeker",
            Named::Employer => "employer",
            Named::Visit(_) => "visit",
        }
    }

    /// The index table, the id column and the condition naming the external id `?1`
    /// (and the employer `?2` for visits).
    fn by_external_id(&self) -> &'static str {
        match self {
            Named::Seeker => {
                "SELECT seeker_id FROM caseload_index
                 WHERE external_id = trim(?1) COLLATE NOCASE
                   AND seeker_id NOT IN (SELECT id FROM merged_records)
                 ORDER BY seeker_id"
            }
            Named::Employer => {
                "SELECT employer_id FROM employer_index
                 WHERE external_id = trim(?1) COLLATE NOCASE
                   AND employer_id NOT IN (SELECT id FROM merged_records)
                 ORDER BY employer_id"
            }
            Named::Visit(_) => {
                "SELECT visit_id FROM visit_index
                 WHERE employer_id = ?2 AND external_id = trim(?1) COLLATE NOCASE
                 ORDER BY visit_id"
            }
        }
    }

    fn by_name(&self) -> Option<&'static str> {
        match self {
            Named::Seeker => Some(
                "SELECT seeker_id FROM caseload_index
                 WHERE (name = trim(?1) COLLATE NOCASE OR display_name = trim(?1) COLLATE NOCASE)
                   AND seeker_id NOT IN (SELECT id FROM merged_records)
                 ORDER BY seeker_id",
            ),
            Named::Employer => Some(
                "SELECT employer_id FROM employer_index
                 WHERE name = trim(?1) COLLATE NOCASE
                   AND employer_id NOT IN (SELECT id FROM merged_records)
                 ORDER BY employer_id",
            ),
            Named::Visit(_) => None,
        }
    }

    fn employer(&self) -> Option<String> {
        match self {
            Named::Visit(e) => Some(e.to_string()),
            _ => None,
        }
    }
}

fn ids(conn: &Connection, sql: &str, text: &str, among: Named) -> Result<Vec<Uuid>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let read = |r: &rusqlite::Row<'_>| r.get::<_, String>(0);
    let rows: Vec<String> = match among.employer() {
        Some(employer) => stmt
            .query_map(rusqlite::params![text, employer], read)?
            .collect::<rusqlite::Result<_>>()?,
        None => stmt
            .query_map([text], read)?
            .collect::<rusqlite::Result<_>>()?,
    };
    let mut out = Vec::new();
    for id in rows {
        out.push(
            id.parse()
                .map_err(|e| Error::malformed(format!("index row {id}"), e))?,
        );
    }
    Ok(out)
}

/// The records among `among` whose external id is `text`.
pub(crate) fn lookup(conn: &Connection, among: Named, text: &str) -> Result<Vec<Uuid>> {
    ids(conn, among.by_external_id(), text, among)
}

/// Refuses an external id that another record among `among` already has (`except` is the
/// record being written, which may keep its own).
pub(crate) fn ensure_free(
    conn: &Connection,
    among: Named,
    text: &str,
    except: Option<Uuid>,
) -> Result<()> {
    let taken = lookup(conn, among, text)?
        .into_iter()
        .any(|id| Some(id) != except);
    if taken {
        return Err(Error::invalid_because(
            "external_id",
            Reason::IdTaken {
                kind: among.label().to_string(),
                id: text.trim().to_string(),
            },
        ));
    }
    Ok(())
}

impl Store {
    /// The records among `among` that carry the external id `text` (case and outer spaces
    /// ignored): none, one, or — when two phones gave the same id offline — several.
    pub fn find_external_id(&self, among: Named, text: &str) -> Result<Vec<Uuid>> {
        self.query(|c| lookup(c, among, text))
    }

    /// One visit of an employer's log, if it is there.
    pub fn employer_visit(&self, employer: EmployerId, visit: VisitId) -> Result<Option<Visit>> {
        self.read_doc_at(
            employer.doc(),
            DocKind::Employer,
            &["visits", &visit.to_string()],
        )
    }

    /// The job seekers (name or preferred name) or employers called `name`, case ignored.
    pub fn find_by_name(&self, among: Named, name: &str) -> Result<Vec<Uuid>> {
        match among.by_name() {
            Some(sql) => self.query(|c| ids(c, sql, name, among)),
            None => Ok(Vec::new()),
        }
    }
}
