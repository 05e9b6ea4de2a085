//! Crafted changes: a real change taken apart, one field rewritten, and put together again
//! with a true checksum, the way a tampered phone (or a hostile server) would send it. Raw byte
//! flips mostly die at the checksum; these reach the checks behind it.

use automerge::legacy::{ElementId, Key, ObjectId, OpId, OpType};
use automerge::{ActorId, Change, ChangeHash, ExpandedChange, ScalarValue};
use serde::{Deserialize, Serialize};

/// One rewrite of a change.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Edit {
    /// Adds to the sequence number (wrapping; 0 is kept at 0).
    Seq(i64),
    /// Adds to the first operation number (kept at least 1).
    StartOp(i64),
    /// Drops one dependency.
    DropDep(u8),
    /// Adds a dependency: one of the hashes the caller knows, by index.
    AddDep(u8),
    /// Makes another author the change's actor.
    Actor(Author),
    /// Replaces the message (who made the change, as JSON).
    Message(Option<String>),
    /// Replaces the time.
    Time(i64),
    /// Drops one operation.
    DropOp(u8),
    /// Repeats one operation.
    DupOp(u8),
    /// Replaces the value an operation writes.
    Value(u8, Scalar),
    /// Replaces the map key an operation writes.
    Key(u8, String),
    /// Turns an operation into another kind of operation.
    Action(u8, Action),
    /// Adds to the counters of the operations an operation overwrites.
    Pred(u8, i64),
    /// Adds to the counter of the object an operation writes into.
    Obj(u8, i64),
    /// Flips the insert flag of an operation.
    Insert(u8),
    /// Bytes after the change's columns (a newer format's fields).
    Extra(Vec<u8>),
}

/// Who a rewritten change claims as its author.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Author {
    /// The author of the change it was made from (no change).
    Same,
    /// The actor of the document's genesis change.
    Genesis,
    /// An actor made from this byte: nobody the server knows.
    Stranger(u8),
}

/// A value an operation can write.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Scalar {
    Str(String),
    Int(i64),
    Uint(u64),
    F64(f64),
    Bool(bool),
    Null,
    Bytes(Vec<u8>),
    Timestamp(i64),
    Counter(i64),
}

/// The kinds of operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Action {
    MakeMap,
    MakeList,
    MakeText,
    Delete,
    Increment(i64),
}

/// What a rewrite may refer to besides the change itself.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Hashes an [`Edit::AddDep`] picks from.
    pub hashes: Vec<ChangeHash>,
    /// The genesis actor of the document the change is for.
    pub genesis: Option<ActorId>,
}

/// Flips bits of raw change bytes, then (when `fix_checksum`) writes the checksum the damaged
/// bytes hash to, so the damage passes the checksum test.
pub fn flip(bytes: &[u8], at: u16, xor: u8, fix_checksum: bool) -> Vec<u8> {
    let mut out = bytes.to_vec();
    if out.is_empty() {
        return out;
    }
    let i = usize::from(at) % out.len();
    out[i] ^= xor.max(1);
    if fix_checksum && out.len() > 8 {
        if let Ok(Ok(c)) = crate::quietly(|| Change::from_bytes(out.clone())) {
            let hash = c.hash();
            out[4..8].copy_from_slice(&hash.0[..4]);
        }
    }
    out
}

/// `base` rewritten by `edits`, encoded as a change with a true checksum. `None` when the
/// rewrite cannot be encoded (Automerge's encoder refuses, or panics, on it).
pub fn craft(base: &Change, edits: &[Edit], cx: &Context) -> Option<Vec<u8>> {
    let mut e: ExpandedChange = crate::quietly(|| base.decode()).ok()?;
    for edit in edits {
        apply(&mut e, edit, cx);
    }
    let change = crate::quietly(move || Change::from(e)).ok()?;
    Some(change.raw_bytes().to_vec())
}

fn apply(e: &mut ExpandedChange, edit: &Edit, cx: &Context) {
    let n = e.operations.len();
    let op_at = |i: u8| (n > 0).then(|| usize::from(i) % n);
    match edit {
        Edit::Seq(d) if e.seq != 0 => e.seq = e.seq.wrapping_add_signed(*d).max(1),
        Edit::Seq(_) => {}
        Edit::StartOp(d) => {
            let v = e.start_op.get().wrapping_add_signed(*d).max(1);
            e.start_op = std::num::NonZeroU64::new(v).unwrap_or(std::num::NonZeroU64::MIN);
        }
        Edit::DropDep(i) if !e.deps.is_empty() => {
            let i = usize::from(*i) % e.deps.len();
            e.deps.remove(i);
        }
        Edit::DropDep(_) => {}
        Edit::AddDep(i) if !cx.hashes.is_empty() => {
            e.deps.push(cx.hashes[usize::from(*i) % cx.hashes.len()]);
        }
        Edit::AddDep(_) => {}
        Edit::Actor(a) => {
            let actor = match a {
                Author::Same => return,
                Author::Genesis => match &cx.genesis {
                    Some(g) => g.clone(),
                    None => return,
                },
                Author::Stranger(b) => ActorId::from(vec![*b; 16]),
            };
            rename_actor(e, actor);
        }
        Edit::Message(m) => e.message = m.clone(),
        Edit::Time(t) => e.time = *t,
        Edit::DropOp(i) => {
            if let Some(i) = op_at(*i) {
                e.operations.remove(i);
            }
        }
        Edit::DupOp(i) => {
            if let Some(i) = op_at(*i) {
                let op = e.operations[i].clone();
                e.operations.insert(i, op);
            }
        }
        Edit::Value(i, v) => {
            if let Some(i) = op_at(*i) {
                e.operations[i].action = OpType::Put(scalar(v));
            }
        }
        Edit::Key(i, k) => {
            if let Some(i) = op_at(*i) {
                e.operations[i].key = Key::Map(k.as_str().into());
            }
        }
        Edit::Action(i, a) => {
            if let Some(i) = op_at(*i) {
                e.operations[i].action = match a {
                    Action::MakeMap => OpType::Make(automerge::ObjType::Map),
                    Action::MakeList => OpType::Make(automerge::ObjType::List),
                    Action::MakeText => OpType::Make(automerge::ObjType::Text),
                    Action::Delete => OpType::Delete,
                    Action::Increment(by) => OpType::Increment(*by),
                };
            }
        }
        Edit::Pred(i, d) => {
            if let Some(i) = op_at(*i) {
                let op = &mut e.operations[i];
                op.pred = op
                    .pred
                    .iter()
                    .map(|p| shift(p, *d))
                    .collect::<Vec<_>>()
                    .into();
            }
        }
        Edit::Obj(i, d) => {
            if let Some(i) = op_at(*i) {
                let op = &mut e.operations[i];
                op.obj = match &op.obj {
                    ObjectId::Root => {
                        ObjectId::Id(OpId(d.unsigned_abs().max(1), e.actor_id.clone()))
                    }
                    ObjectId::Id(id) => ObjectId::Id(shift(id, *d)),
                };
                if let Key::Seq(ElementId::Id(id)) = &op.key {
                    op.key = Key::Seq(ElementId::Id(shift(id, *d)));
                }
            }
        }
        Edit::Insert(i) => {
            if let Some(i) = op_at(*i) {
                e.operations[i].insert = !e.operations[i].insert;
            }
        }
        Edit::Extra(b) => e.extra_bytes = b.clone(),
    }
}

fn shift(id: &OpId, d: i64) -> OpId {
    OpId(id.0.wrapping_add_signed(d).max(1), id.1.clone())
}

/// Makes `actor` the author, and the operations the change made its own.
fn rename_actor(e: &mut ExpandedChange, actor: ActorId) {
    let old = std::mem::replace(&mut e.actor_id, actor.clone());
    let swap = |id: &OpId| {
        if id.1 == old {
            OpId(id.0, actor.clone())
        } else {
            id.clone()
        }
    };
    for op in &mut e.operations {
        if let ObjectId::Id(id) = &op.obj {
            op.obj = ObjectId::Id(swap(id));
        }
        if let Key::Seq(ElementId::Id(id)) = &op.key {
            op.key = Key::Seq(ElementId::Id(swap(id)));
        }
        op.pred = op.pred.iter().map(swap).collect::<Vec<_>>().into();
    }
}

fn scalar(v: &Scalar) -> ScalarValue {
    match v {
        Scalar::Str(s) => ScalarValue::Str(s.as_str().into()),
        Scalar::Int(i) => ScalarValue::Int(*i),
        Scalar::Uint(u) => ScalarValue::Uint(*u),
        Scalar::F64(f) => ScalarValue::F64(*f),
        Scalar::Bool(b) => ScalarValue::Boolean(*b),
        Scalar::Null => ScalarValue::Null,
        Scalar::Bytes(b) => ScalarValue::Bytes(b.clone()),
        Scalar::Timestamp(t) => ScalarValue::Timestamp(*t),
        Scalar::Counter(c) => ScalarValue::counter(*c),
    }
}
