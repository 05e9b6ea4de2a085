//! Every job seeker's consents as index rows, so the caseload's renewal warnings are read
//! from one table instead of from each person's record (the first caseload after opening
//! would otherwise load every document).

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;
use rusqlite::types::Value;
use rusqlite::Connection;
use serde::Deserialize;

use super::index::enum_name;
use super::rows::{self, text, KnownRows, Table};
use crate::document::DocKind;
use crate::ids::{ConsentId, SeekerId};
use crate::model::Consent;
use crate::Result;

pub(crate) static CONSENT: Table = Table::new(
    "consent_index",
    "consent_id",
    "seeker_id",
    &["recipient", "release_to", "signed", "expires"],
);

/// A job seeker's consents as rows of the consent index.
pub(crate) fn rows(consents: &BTreeMap<ConsentId, Consent>) -> Vec<(String, Vec<Value>)> {
    consents
        .iter()
        .map(|(id, c)| {
            let values = vec![
                Value::Text(c.recipient.clone()),
                text(c.release_to.as_ref().map(enum_name)),
                Value::Text(c.signed.to_string()),
                Value::Text(c.expires.to_string()),
            ];
            (id.to_string(), values)
        })
        .collect()
}

/// Fills the consent index from every stored job seeker's record (a store made before it).
pub(crate) fn backfill(conn: &Connection) -> Result<()> {
    let ids: Vec<String> = conn
        .prepare("SELECT id FROM documents WHERE kind = 'seeker'")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut cache = super::docs::DocCache::default();
    for id in ids {
        let Ok(doc_id) = id.parse::<crate::ids::DocId>() else {
            continue;
        };
        let consents = {
            #[derive(Deserialize)]
            struct ConsentsOnly {
                #[serde(default)]
                consents: BTreeMap<ConsentId, Consent>,
            }
            // A record that cannot be read gets no rows; reading it says why.
            match cache
                .get(conn, doc_id, DocKind::Seeker)
                .and_then(|d| d.read::<ConsentsOnly>())
            {
                Ok(record) => record.consents,
                Err(_) => continue,
            }
        };
        cache.evict(doc_id);
        rows::reconcile(
            conn,
            &CONSENT,
            &id,
            rows(&consents),
            &mut KnownRows::default(),
        )?;
    }
    Ok(())
}

/// Every stored job seeker's consents, from the index, by person (the scope is not indexed
/// and comes back empty).
pub(crate) fn by_seeker(
    conn: &Connection,
) -> Result<HashMap<SeekerId, BTreeMap<ConsentId, Consent>>> {
    let mut stmt = conn.prepare_cached(
        "SELECT seeker_id, consent_id, recipient, release_to, signed, expires FROM consent_index",
    )?;
    let mut rows = stmt.query([])?;
    let mut out: HashMap<SeekerId, BTreeMap<ConsentId, Consent>> = Default::default();
    while let Some(r) = rows.next()? {
        let bad =
            |what: &str, e: String| crate::Error::malformed(format!("consent index {what}"), e);
        let seeker: SeekerId = r
            .get::<_, String>(0)?
            .parse()
            .map_err(|e| bad("seeker", format!("{e}")))?;
        let consent: ConsentId = r
            .get::<_, String>(1)?
            .parse()
            .map_err(|e| bad("consent", format!("{e}")))?;
        let release_to = match r.get::<_, Option<String>>(3)? {
            Some(t) => Some(
                serde_json::from_value(serde_json::Value::String(t))
                    .map_err(|e| bad("release_to", e.to_string()))?,
            ),
            None => None,
        };
        let day = |i: usize| -> Result<NaiveDate> {
            r.get::<_, String>(i)?
                .parse()
                .map_err(|e: chrono::ParseError| bad("date", e.to_string()))
        };
        out.entry(seeker).or_default().insert(
            consent,
            Consent {
                scope: String::new(),
                recipient: r.get(2)?,
                release_to,
                signed: day(4)?,
                expires: day(5)?,
            },
        );
    }
    Ok(out)
}
