//! Conflicts on the pending-changes screen: a field two devices changed at once, each value
//! with who wrote it and when, and the words of the settle action (the apps call
//! `Fieldbook.settle` with the chosen value's JSON).

use chrono::FixedOffset;
use fieldbook_core::document::{Conflict, ConflictValue, DocKind};
use fieldbook_core::ids::{DocId, EmployerId, SeekerId};
use fieldbook_core::Store;

use crate::format::date_time;
use crate::words::{Arg, Words};

/// One conflicting field of a record.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ConflictItem {
    pub doc_id: String,
    /// The record in words: "Job seeker Erik Lund".
    pub record: String,
    /// The field's dotted path, for `settle`.
    pub field: String,
    /// The field in words: "Phone".
    pub field_label: String,
    /// "Phone of Job seeker Erik Lund was changed on two phones at once".
    pub headline: String,
    /// Every value; the first is the one shown now.
    pub values: Vec<ConflictChoice>,
    /// The row read aloud: the field, then each value with who and when.
    pub accessibility_label: String,
}

/// One of a conflicting field's values.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ConflictChoice {
    /// The value in words ("612-555-0101", "yes", "empty").
    pub value: String,
    /// The value as JSON, to pass to `Fieldbook.settle`; `None` when it cannot be chosen.
    pub value_json: Option<String>,
    /// "Ana Ruiz, Mon 30 Nov 2026, 2:05 PM".
    pub written: String,
    /// The button's words: "Keep 612-555-0101".
    pub settle_label: String,
}

fn value_words(words: &Words, value: &Option<serde_json::Value>) -> String {
    match value {
        None | Some(serde_json::Value::Null) => words.get("conflict-empty", &[]),
        Some(serde_json::Value::String(text)) => text.clone(),
        Some(serde_json::Value::Bool(true)) => words.get("conflict-yes", &[]),
        Some(serde_json::Value::Bool(false)) => words.get("conflict-no", &[]),
        Some(other) => other.to_string(),
    }
}

fn choice(words: &Words, value: &ConflictValue, phone: FixedOffset) -> ConflictChoice {
    let who = value
        .user_name
        .clone()
        .unwrap_or_else(|| words.get("conflict-other-phone", &[]));
    let when = value
        .at
        .map(|at| date_time(words, at.fixed_offset(), phone))
        .unwrap_or_else(|| words.get("conflict-time-unknown", &[]));
    let shown = value_words(words, &value.value);
    ConflictChoice {
        written: words.get(
            "conflict-written",
            &[("who", who.into()), ("when", when.into())],
        ),
        settle_label: words.get("conflict-keep", &[("value", Arg::Text(shown.clone()))]),
        value: shown,
        value_json: value.value.as_ref().map(|v| v.to_string()),
    }
}

/// The record's name in words, read from the phone's copy.
fn record_words(words: &Words, store: &Store, id: DocId, kind: DocKind) -> String {
    let (message, name) = match kind {
        DocKind::Seeker => (
            "record-seeker",
            store
                .seeker(SeekerId::from(id.0))
                .map(|d| d.profile.display_name().to_owned()),
        ),
        DocKind::Employer => (
            "record-employer",
            store.employer(EmployerId::from(id.0)).map(|d| d.info.name),
        ),
        DocKind::Notes | DocKind::Directory => ("record-other", Ok(id.to_string())),
    };
    let name = name.unwrap_or_else(|_| id.to_string());
    words.get(message, &[("name", Arg::Text(name))])
}

/// Every conflicting field of the job seekers' and employers' records on this phone.
pub(crate) fn conflict_rows(
    words: &Words,
    store: &Store,
    phone: FixedOffset,
) -> fieldbook_core::Result<Vec<ConflictItem>> {
    let mut rows = Vec::new();
    for (id, kind) in store.conflicted_records()? {
        let conflicts: Vec<Conflict> = store.conflicts(id)?;
        if conflicts.is_empty() {
            continue;
        }
        let record = record_words(words, store, id, kind);
        for conflict in conflicts {
            let field_id = format!("field-{}", conflict.field.replace(['.', '_'], "-"));
            let field_label = words
                .try_get(&field_id, &[])
                .unwrap_or_else(|| conflict.field.clone());
            let values: Vec<ConflictChoice> = conflict
                .values
                .iter()
                .map(|v| choice(words, v, phone))
                .collect();
            let headline = words.get(
                "conflict-spoken",
                &[
                    ("field", field_label.clone().into()),
                    ("record", record.clone().into()),
                ],
            );
            let mut spoken = vec![headline.clone()];
            spoken.extend(values.iter().map(|v| format!("{}: {}", v.value, v.written)));
            rows.push(ConflictItem {
                doc_id: id.to_string(),
                record: record.clone(),
                field: conflict.field,
                field_label,
                headline,
                values,
                accessibility_label: spoken.join(". "),
            });
        }
    }
    Ok(rows)
}
