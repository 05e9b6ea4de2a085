//! Moving values between serde and Automerge. Writes touch only what differs, so edits to
//! different fields on two phones never conflict, and never remove keys the writer does not
//! know: a field written by a newer app survives an older app's edit of the same map.

use automerge::transaction::Transactable;
use automerge::{
    hydrate, AutoCommit, ObjId, ObjType, Prop, ReadDoc, ScalarValue, Value as AmValue,
};
use serde_json::{Map, Number, Value};

use crate::Result;

/// The whole object `obj` as JSON, hydrated in one pass over the document.
pub(crate) fn read(doc: &AutoCommit, obj: &ObjId) -> Result<Value> {
    Ok(hydrated_to_json(&doc.hydrate(obj, None)?))
}

fn hydrated_to_json(value: &hydrate::Value) -> Value {
    match value {
        hydrate::Value::Scalar(s) => scalar_to_json(s),
        hydrate::Value::Map(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), hydrated_to_json(&v.value)))
                .collect(),
        ),
        hydrate::Value::List(list) => {
            Value::Array(list.iter().map(|v| hydrated_to_json(&v.value)).collect())
        }
        hydrate::Value::Text(text) => Value::String(text.to_string()),
    }
}

pub(super) fn scalar_to_json(s: &ScalarValue) -> Value {
    match s {
        ScalarValue::Str(s) => Value::String(s.to_string()),
        ScalarValue::Int(i) => Value::Number((*i).into()),
        ScalarValue::Uint(u) => Value::Number((*u).into()),
        ScalarValue::F64(f) => Number::from_f64(*f).map_or(Value::Null, Value::Number),
        ScalarValue::Counter(c) => Value::Number(i64::from(c).into()),
        ScalarValue::Timestamp(t) => Value::Number((*t).into()),
        ScalarValue::Boolean(b) => Value::Bool(*b),
        ScalarValue::Null | ScalarValue::Bytes(_) | ScalarValue::Unknown { .. } => Value::Null,
    }
}

pub(super) fn json_to_scalar(v: &Value) -> ScalarValue {
    match v {
        Value::Null => ScalarValue::Null,
        Value::Bool(b) => ScalarValue::Boolean(*b),
        Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                ScalarValue::Int(i)
            } else if let Some(u) = n.as_u64() {
                ScalarValue::Uint(u)
            } else {
                ScalarValue::F64(n.as_f64().unwrap_or(0.0))
            }
        }
        Value::String(s) => ScalarValue::Str(s.as_str().into()),
        Value::Array(_) | Value::Object(_) => ScalarValue::Null,
    }
}

/// What is at `prop` of `obj` now, owned so the document can be changed afterwards.
enum Current {
    Missing,
    Object(ObjType, ObjId),
    Scalar(Value),
}

fn current(doc: &AutoCommit, obj: &ObjId, prop: Prop) -> Result<Current> {
    Ok(match doc.get(obj, prop)? {
        None => Current::Missing,
        Some((AmValue::Object(kind), id)) => Current::Object(kind, id),
        Some((AmValue::Scalar(s), _)) => Current::Scalar(scalar_to_json(&s)),
    })
}

/// Makes `obj[prop]` equal `value`, writing only what differs. Map keys absent from `value`
/// are left alone. True when nothing was at `prop` before (a new entry).
pub(crate) fn reconcile(
    doc: &mut AutoCommit,
    obj: &ObjId,
    prop: Prop,
    value: &Value,
) -> Result<bool> {
    let cur = current(doc, obj, prop.clone())?;
    let was_missing = matches!(cur, Current::Missing);
    match value {
        Value::Object(fields) => match cur {
            Current::Object(ObjType::Map, id) => reconcile_map(doc, &id, fields)?,
            _ => create(doc, obj, prop, value, false)?,
        },
        Value::Array(items) => match cur {
            Current::Object(ObjType::List, id) => reconcile_list(doc, &id, items)?,
            _ => create(doc, obj, prop, value, false)?,
        },
        scalar => {
            if !matches!(&cur, Current::Scalar(c) if c == scalar) {
                doc.put(obj, prop, json_to_scalar(scalar))?;
            }
        }
    }
    Ok(was_missing)
}

/// Writes a whole new map or list (a new visit, a new step) in one batch: the same operations
/// as creating it and then writing field by field, without looking each field up first.
fn create(
    doc: &mut AutoCommit,
    obj: &ObjId,
    prop: Prop,
    value: &Value,
    insert: bool,
) -> Result<()> {
    doc.batch_create_object(obj, prop, &to_hydrate(value), insert)?;
    Ok(())
}

/// The new object as Automerge values. Map fields that are null are left out: a new object
/// has nothing to clear, and reading treats a missing field as null, so they would only be
/// operations to store, send and read back. (Writing null into an existing map still writes
/// it: there it clears a value.)
fn to_hydrate(value: &Value) -> hydrate::Value {
    match value {
        Value::Object(fields) => hydrate::Value::Map(
            fields
                .iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), to_hydrate(v)))
                .collect::<std::collections::HashMap<_, _>>()
                .into(),
        ),
        Value::Array(items) => {
            hydrate::Value::List(items.iter().map(to_hydrate).collect::<Vec<_>>().into())
        }
        scalar => hydrate::Value::Scalar(json_to_scalar(scalar)),
    }
}

fn reconcile_map(doc: &mut AutoCommit, obj: &ObjId, fields: &Map<String, Value>) -> Result<()> {
    for (key, value) in fields {
        reconcile(doc, obj, Prop::Map(key.clone()), value)?;
    }
    Ok(())
}

fn reconcile_list(doc: &mut AutoCommit, list: &ObjId, items: &[Value]) -> Result<()> {
    let old_len = doc.length(list);
    for (i, item) in items.iter().enumerate() {
        if i < old_len {
            reconcile(doc, list, Prop::Seq(i), item)?;
        } else {
            match item {
                Value::Object(_) | Value::Array(_) => {
                    create(doc, list, Prop::Seq(i), item, true)?;
                }
                scalar => doc.insert(list, i, json_to_scalar(scalar))?,
            }
        }
    }
    for i in (items.len()..old_len).rev() {
        doc.delete(list, i)?;
    }
    Ok(())
}

/// Writes each field of `value` (a JSON object) into the map `obj`.
pub(crate) fn reconcile_fields(doc: &mut AutoCommit, obj: &ObjId, value: &Value) -> Result<()> {
    match value {
        Value::Object(fields) => reconcile_map(doc, obj, fields),
        _ => Err(crate::Error::malformed("fields", "not a map")),
    }
}

/// Deletes the keys of map `obj` (and of its nested maps) that `value` does not have: for
/// documents one writer owns entirely (the server's team directory), where removal matters
/// and no other app version writes.
pub(crate) fn prune(doc: &mut AutoCommit, obj: &ObjId, value: &Value) -> Result<()> {
    let Value::Object(fields) = value else {
        return Ok(());
    };
    let keys: Vec<String> = doc.keys(obj).collect();
    for key in keys {
        match fields.get(&key) {
            None => doc.delete(obj, key.as_str())?,
            Some(child @ Value::Object(_)) => {
                if let Current::Object(ObjType::Map, id) =
                    current(doc, obj, Prop::Map(key.clone()))?
                {
                    prune(doc, &id, child)?;
                }
            }
            Some(_) => {}
        }
    }
    Ok(())
}

/// The map `obj`, found at `path` from the root, as JSON, with the entries of the
/// `collections` (maps keyed by id: visits, jobs, steps…) left out except those `keep` names:
/// what has to be read again to check what a batch of changes touched, without reading every
/// visit an employer ever had. A collection `keep` names as a whole is read whole.
pub(crate) fn read_pruned(
    doc: &AutoCommit,
    obj: &ObjId,
    path: &mut Vec<String>,
    collections: &[&[&str]],
    keep: &std::collections::BTreeSet<Vec<String>>,
) -> Result<Value> {
    let is = |p: &[String], c: &[&str]| p.len() == c.len() && p.iter().zip(c).all(|(a, b)| a == b);
    let under =
        |p: &[String], c: &[&str]| p.len() < c.len() && p.iter().zip(c).all(|(a, b)| a == b);
    let pruned = collections.iter().any(|c| is(path, c)) && !keep.contains(path.as_slice());
    // A pruned collection reads only the entries kept, never the list of all its keys.
    let keys: Vec<String> = if pruned {
        let mut kept: Vec<String> = keep
            .iter()
            .filter(|k| k.len() > path.len() && k.starts_with(path.as_slice()))
            .map(|k| k[path.len()].clone())
            .collect();
        kept.dedup();
        kept
    } else {
        doc.keys(obj).collect()
    };
    let mut out = Map::new();
    for key in keys {
        path.push(key.clone());
        let value = match doc.get(obj, key.as_str())? {
            None => None,
            Some((AmValue::Scalar(s), _)) => Some(scalar_to_json(&s)),
            Some((AmValue::Object(ObjType::Map), child))
                if collections.iter().any(|c| is(path, c) || under(path, c)) =>
            {
                Some(read_pruned(doc, &child, path, collections, keep)?)
            }
            Some((AmValue::Object(_), child)) => Some(read(doc, &child)?),
        };
        if let Some(value) = value {
            out.insert(key, value);
        }
        path.pop();
    }
    Ok(Value::Object(out))
}

/// The id of the map at `path` from the root, creating missing maps on the way.
pub(crate) fn map_at(doc: &mut AutoCommit, path: &[&str]) -> Result<ObjId> {
    let mut obj = automerge::ROOT;
    for key in path {
        obj = match current(doc, &obj, Prop::Map((*key).to_string()))? {
            Current::Object(ObjType::Map, id) => id,
            _ => doc.put_object(&obj, *key, ObjType::Map)?,
        };
    }
    Ok(obj)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn roundtrip(value: Value) -> (AutoCommit, Value) {
        let mut doc = AutoCommit::new();
        reconcile(&mut doc, &automerge::ROOT, Prop::Map("v".into()), &value).unwrap();
        let back = read(&doc, &automerge::ROOT).unwrap();
        (doc, back["v"].clone())
    }

    #[test]
    fn values_round_trip() {
        let v = json!({"s": "x", "i": -3, "u": 7, "f": 2.5, "b": true, "l": ["a", {"k": 1}, null],
                        "m": {"deep": {"er": [1, 2]}}});
        assert_eq!(roundtrip(v.clone()).1, v);
    }

    #[test]
    fn new_maps_leave_out_null_fields_and_old_ones_clear() {
        let (mut doc, back) = roundtrip(json!({"a": 1, "n": null, "m": {"x": null}}));
        assert_eq!(back, json!({"a": 1, "m": {}}));
        reconcile(
            &mut doc,
            &automerge::ROOT,
            Prop::Map("v".into()),
            &json!({"a": null}),
        )
        .unwrap();
        assert_eq!(
            read(&doc, &automerge::ROOT).unwrap()["v"],
            json!({"a": null, "m": {}})
        );
    }

    #[test]
    fn unchanged_values_write_nothing() {
        let v = json!({"a": 1, "b": ["x", "y"], "c": {"d": "e"}});
        let (mut doc, _) = roundtrip(v.clone());
        doc.commit();
        reconcile(&mut doc, &automerge::ROOT, Prop::Map("v".into()), &v).unwrap();
        assert_eq!(doc.commit(), None, "a no-op reconcile made a change");
    }

    #[test]
    fn unknown_keys_survive() {
        let (mut doc, _) = roundtrip(json!({"known": 1, "future": "kept"}));
        reconcile(
            &mut doc,
            &automerge::ROOT,
            Prop::Map("v".into()),
            &json!({"known": 2}),
        )
        .unwrap();
        let back = read(&doc, &automerge::ROOT).unwrap();
        assert_eq!(back["v"], json!({"known": 2, "future": "kept"}));
    }

    #[test]
    fn lists_shrink_and_grow() {
        let (mut doc, _) = roundtrip(json!(["a", "b", "c"]));
        reconcile(
            &mut doc,
            &automerge::ROOT,
            Prop::Map("v".into()),
            &json!(["a", "z"]),
        )
        .unwrap();
        assert_eq!(
            read(&doc, &automerge::ROOT).unwrap()["v"],
            json!(["a", "z"])
        );
        reconcile(
            &mut doc,
            &automerge::ROOT,
            Prop::Map("v".into()),
            &json!(["a", "z", "q", "r"]),
        )
        .unwrap();
        assert_eq!(
            read(&doc, &automerge::ROOT).unwrap()["v"],
            json!(["a", "z", "q", "r"])
        );
    }
}
