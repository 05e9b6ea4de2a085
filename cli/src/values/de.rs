//! Serde deserializers for import fields: each accepts what the parsers of `values` accept, as a
//! JSON string (every spreadsheet cell arrives as one) or as a JSON number or boolean, and
//! fails with the parser's message (the caller adds the field's name).

use serde::de::{Deserializer, Error};
use serde::Deserialize;
use serde_json::Value;

use super::Choice;

/// The value as text, numbers written as a spreadsheet shows them.
fn text_of(v: Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::String(s) => Some(s),
        Value::Number(n) => Some(match n.as_f64() {
            Some(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", f as i64),
            _ => n.to_string(),
        }),
        Value::Bool(b) => Some(b.to_string()),
        other => Some(other.to_string()),
    }
}

fn parsed<'de, D: Deserializer<'de>, T>(
    d: D,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Result<Option<T>, D::Error> {
    match text_of(Value::deserialize(d)?) {
        Some(s) if !s.trim().is_empty() => parse(&s).map(Some).map_err(D::Error::custom),
        _ => Ok(None),
    }
}

fn required<'de, D: Deserializer<'de>, T>(
    d: D,
    parse: impl Fn(&str) -> Result<T, String>,
) -> Result<T, D::Error> {
    parsed(d, parse)?.ok_or_else(|| D::Error::custom("is required"))
}

/// Optional text, trimmed (a number becomes its digits: a phone number cell).
pub fn text<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    parsed(d, |s| Ok(s.trim().to_string()))
}

/// Required text (blank is refused by the core, naming the field).
pub fn text_required<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(text_of(Value::deserialize(d)?).unwrap_or_default())
}

pub fn date<'de, D: Deserializer<'de>>(d: D) -> Result<Option<chrono::NaiveDate>, D::Error> {
    parsed(d, super::date)
}

pub fn date_required<'de, D: Deserializer<'de>>(d: D) -> Result<chrono::NaiveDate, D::Error> {
    required(d, super::date)
}

pub fn time<'de, D: Deserializer<'de>>(
    d: D,
) -> Result<Option<chrono::DateTime<chrono::FixedOffset>>, D::Error> {
    parsed(d, super::time)
}

pub fn clock<'de, D: Deserializer<'de>>(d: D) -> Result<Option<chrono::NaiveTime>, D::Error> {
    parsed(d, super::clock)
}

pub fn boolean<'de, D: Deserializer<'de>>(d: D) -> Result<Option<bool>, D::Error> {
    parsed(d, super::boolean)
}

pub fn number<'de, D: Deserializer<'de>>(d: D) -> Result<Option<f64>, D::Error> {
    parsed(d, super::number)
}

pub fn choice<'de, D: Deserializer<'de>, T: Choice>(d: D) -> Result<Option<T>, D::Error> {
    parsed(d, super::choice::<T>)
}

/// A list: a JSON array, or one cell split on `;`, `,` or new lines.
pub fn list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    match Value::deserialize(d)? {
        Value::Array(items) => Ok(items
            .into_iter()
            .filter_map(text_of)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect()),
        other => Ok(text_of(other).map(|s| super::list(&s)).unwrap_or_default()),
    }
}
