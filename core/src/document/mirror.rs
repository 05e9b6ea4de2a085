//! A plain JSON copy of a document, kept next to it and changed by the same writes, so that
//! reading a document after a local edit (to check it, to re-index it) does not walk the
//! whole Automerge op set again. Each function here does to the JSON exactly what its
//! namesake in `json` does to the document; a debug build checks the two agree at every
//! commit. Changes merged from elsewhere drop the copy; the next read rebuilds it.

use serde_json::{Map, Value};

/// Like `json::reconcile`: objects are merged key by key (keys `value` lacks are kept), lists
/// element by element (then grown or cut to length), anything else replaced.
pub(crate) fn reconcile(target: &mut Value, value: &Value) {
    match (target, value) {
        (Value::Object(have), Value::Object(fields)) => reconcile_fields(have, fields),
        (Value::Array(have), Value::Array(items)) => {
            for (slot, item) in have.iter_mut().zip(items) {
                reconcile(slot, item);
            }
            let start = have.len().min(items.len());
            have.extend(items[start..].iter().map(created));
            have.truncate(items.len());
        }
        (target, value) => *target = created(value),
    }
}

/// Like `json::create`: a value written where there was none (or another kind of value);
/// new maps leave out their null fields.
fn created(value: &Value) -> Value {
    match value {
        Value::Object(fields) => Value::Object(
            fields
                .iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), created(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(created).collect()),
        scalar => scalar.clone(),
    }
}

/// Like `json::reconcile_fields`: each field of `fields` into the map `have`.
pub(crate) fn reconcile_fields(have: &mut Map<String, Value>, fields: &Map<String, Value>) {
    for (key, value) in fields {
        match have.get_mut(key) {
            Some(slot) => reconcile(slot, value),
            None => {
                have.insert(key.clone(), created(value));
            }
        }
    }
}

/// Like `json::map_at`: the map at `path`, made where missing or not a map.
pub(crate) fn map_at<'v>(root: &'v mut Value, path: &[&str]) -> &'v mut Map<String, Value> {
    let mut node = root;
    for key in path {
        node = as_map(node).entry(key.to_string()).or_insert(Value::Null);
    }
    as_map(node)
}

/// `node` as a map, replacing whatever else it was (as `put_object` would).
fn as_map(node: &mut Value) -> &mut Map<String, Value> {
    if !node.is_object() {
        *node = Value::Object(Map::new());
    }
    match node {
        Value::Object(map) => map,
        _ => unreachable!("replaced by a map just above"),
    }
}

/// Like `json::prune`: drops the keys (of nested maps too) that `value` does not have.
pub(crate) fn prune(target: &mut Value, value: &Value) {
    let (Value::Object(have), Value::Object(fields)) = (target, value) else {
        return;
    };
    have.retain(|key, _| fields.contains_key(key));
    for (key, child) in have.iter_mut() {
        if let Some(wanted @ Value::Object(_)) = fields.get(key) {
            prune(child, wanted);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn merges_like_the_document() {
        let mut v = json!({"a": {"keep": 1, "x": 2}, "l": [{"k": 1, "old": true}, 2, 3]});
        reconcile(
            &mut v,
            &json!({"a": {"x": 5}, "l": [{"k": 9}, 4], "n": [1]}),
        );
        assert_eq!(
            v,
            json!({"a": {"keep": 1, "x": 5}, "l": [{"k": 9, "old": true}, 4], "n": [1]})
        );
    }

    #[test]
    fn paths_and_pruning() {
        let mut v = json!({"p": 3});
        map_at(&mut v, &["p", "q"]).insert("r".into(), json!(1));
        assert_eq!(v, json!({"p": {"q": {"r": 1}}}));
        let mut w = json!({"a": 1, "b": {"c": 1, "d": 2}, "e": {"f": 1}});
        prune(&mut w, &json!({"b": {"c": 0}, "e": 5}));
        assert_eq!(w, json!({"b": {"c": 1}, "e": {"f": 1}}));
    }
}
