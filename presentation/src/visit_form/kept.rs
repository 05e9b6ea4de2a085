//! A half-typed visit as text and back, for an app to keep where the system restores a
//! screen after the process was killed (iOS `@SceneStorage` takes strings, not records).
//! Reading checks every field: a kept draft from another version of the app, or damaged,
//! is refused with the field and value named, and nothing is restored from it.

use serde_json::{json, Map, Value};

use super::{VisitDraft, MODES, PURPOSES};

/// The version of the text; a text of another version is refused, not half read.
const VERSION: u64 = 1;

/// The longest offset from UTC a phone can have, in minutes (UTC+14:00), with room.
const MAX_OFFSET_MINUTES: i64 = 24 * 60 - 1;

/// Why a kept visit draft cannot be restored.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum DraftError {
    /// `field` (`draft` for the whole text) holds `value`, which no draft holds.
    #[error("the kept visit draft cannot be restored: {field} is {value}")]
    Malformed { field: String, value: String },
}

/// `draft` as text to keep (JSON, versioned).
#[uniffi::export]
pub fn visit_draft_text(draft: VisitDraft) -> String {
    json!({
        "version": VERSION,
        "employer_search": draft.employer_search,
        "employer_id": draft.employer_id,
        "date": draft.date,
        "time": draft.time,
        "offset_minutes": draft.offset_minutes,
        "contact_id": draft.contact_id,
        "seeker_search": draft.seeker_search,
        "seeker_ids": draft.seeker_ids,
        "mode": draft.mode,
        "purpose": draft.purpose,
        "followed_preference": draft.followed_preference,
        "outcome": draft.outcome,
        "next_step": draft.next_step,
        "next_step_date": draft.next_step_date,
        "tried_to_save": draft.tried_to_save,
    })
    .to_string()
}

/// The draft kept as `text` by `visit_draft_text`; pass it to `Screens.visit_form`.
#[uniffi::export]
pub fn visit_draft_from_text(text: String) -> Result<VisitDraft, DraftError> {
    let value: Value =
        serde_json::from_str(&text).map_err(|_| malformed("draft", &Value::String(text)))?;
    let Value::Object(fields) = &value else {
        return Err(malformed("draft", &value));
    };
    let kept = Kept(fields);
    let version = kept.get("version");
    if version.as_u64() != Some(VERSION) {
        return Err(malformed("version", version));
    }
    let mode = kept.text("mode")?;
    if !MODES.iter().any(|m| m.as_str() == mode) {
        return Err(malformed("mode", kept.get("mode")));
    }
    let purpose = kept.text("purpose")?;
    if !PURPOSES.iter().any(|p| p.as_str() == purpose) {
        return Err(malformed("purpose", kept.get("purpose")));
    }
    let offset = kept.get("offset_minutes");
    let offset_minutes = offset
        .as_i64()
        .filter(|m| m.abs() <= MAX_OFFSET_MINUTES)
        .and_then(|m| i32::try_from(m).ok())
        .ok_or_else(|| malformed("offset_minutes", offset))?;
    let seeker_ids = match kept.get("seeker_ids") {
        Value::Array(ids) => ids
            .iter()
            .map(|id| id.as_str().map(str::to_owned))
            .collect::<Option<Vec<_>>>(),
        _ => None,
    }
    .ok_or_else(|| malformed("seeker_ids", kept.get("seeker_ids")))?;
    let followed_preference = match kept.get("followed_preference") {
        Value::Null => None,
        Value::Bool(b) => Some(*b),
        other => return Err(malformed("followed_preference", other)),
    };
    let tried = kept.get("tried_to_save");
    Ok(VisitDraft {
        employer_search: kept.text("employer_search")?,
        employer_id: kept.optional_text("employer_id")?,
        date: kept.text("date")?,
        time: kept.text("time")?,
        offset_minutes,
        contact_id: kept.optional_text("contact_id")?,
        seeker_search: kept.text("seeker_search")?,
        seeker_ids,
        mode,
        purpose,
        followed_preference,
        outcome: kept.text("outcome")?,
        next_step: kept.text("next_step")?,
        next_step_date: kept.text("next_step_date")?,
        tried_to_save: tried
            .as_bool()
            .ok_or_else(|| malformed("tried_to_save", tried))?,
    })
}

/// The fields of a kept draft.
struct Kept<'a>(&'a Map<String, Value>);

impl Kept<'_> {
    /// Field `name`, `null` when missing.
    fn get(&self, name: &str) -> &Value {
        self.0.get(name).unwrap_or(&Value::Null)
    }

    fn text(&self, name: &str) -> Result<String, DraftError> {
        match self.get(name) {
            Value::String(s) => Ok(s.clone()),
            other => Err(malformed(name, other)),
        }
    }

    fn optional_text(&self, name: &str) -> Result<Option<String>, DraftError> {
        match self.get(name) {
            Value::Null => Ok(None),
            Value::String(s) => Ok(Some(s.clone())),
            other => Err(malformed(name, other)),
        }
    }
}

/// The error naming `field` and its `value` (as JSON, cut short: it may be long).
fn malformed(field: &str, value: &Value) -> DraftError {
    let mut shown = value.to_string();
    if let Some((cut, _)) = shown.char_indices().nth(80) {
        shown.truncate(cut);
        shown.push('…');
    }
    DraftError::Malformed {
        field: field.to_owned(),
        value: shown,
    }
}
