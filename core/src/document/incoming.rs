//! Changes from elsewhere, checked before Automerge sees them. Automerge trusts the changes it
//! is given: a change whose sequence number skips one, whose operation ids repeat an earlier
//! change's, or whose checksum lies can make it panic (or, in a release build, silently build a
//! document that panics later on every device that loads it). Every phone is untrusted, and so
//! is the server's well-formedness: both ends put what arrives through [`check`] and apply it
//! behind [`guarded`], so one bad change fails its own document and nothing else.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::panic::{catch_unwind, AssertUnwindSafe};

use automerge::{ActorId, Change, ChangeHash, ExpandedChange};

/// Why changes from elsewhere were not applied, in words a person can act on.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Problem {
    /// The bytes are not one well-formed Automerge change.
    #[error("a change could not be read: {0}")]
    Undecodable(String),
    /// The change's checksum does not match its content (damaged or tampered with).
    #[error("a change is damaged: its checksum does not match its content")]
    Checksum,
    /// The change builds on history nobody sent.
    #[error("changes build on history that is missing")]
    MissingHistory,
    /// The change's sequence number does not follow its author's previous change.
    #[error("a change is out of sequence for its author (expected {expected}, got {got}); was the app restored from a backup?")]
    Sequence { expected: u64, got: u64 },
    /// The change reuses operation numbers of history it builds on.
    #[error("a change reuses operation numbers of earlier history")]
    OperationIds,
    /// The change does not build on its author's previous change (a dependency was left
    /// out): Automerge accepts it, but the document it makes cannot be loaded again.
    #[error("a change does not build on its author's previous change")]
    Unrooted,
    /// The change carries a field this app never writes (an Automerge author).
    #[error("a change carries an author record this app never writes")]
    Author,
    /// The change was authored by another device than the one sending it.
    #[error("a change was made by another device; only this device's own edits are accepted")]
    ForeignActor,
    /// The change names another person or device as who made it.
    #[error("a change names another person or device as its author")]
    Misattributed,
    /// An operation addresses a map as a list is addressed (by position, or as an insertion)
    /// or a list as a map is: Automerge stores such a write under a key nobody wrote.
    #[error(
        "a change writes into a record the wrong way (a list's position in a map, or the reverse)"
    )]
    Addressing,
    /// Automerge refused the changes.
    #[error("changes could not be applied: {0}")]
    Refused(String),
    /// Automerge failed inside (a bug or a crafted change its checks missed); the document in
    /// memory must be dropped.
    #[error("changes could not be applied: the document engine failed on them")]
    Crashed,
}

/// The latest change of each author of a document: what the next change of that author
/// must follow.
#[derive(Debug, Clone, Default)]
pub struct Tips {
    by_actor: HashMap<ActorId, Tip>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Tip {
    seq: u64,
    max_op: u64,
    hash: ChangeHash,
}

impl Tips {
    /// The tips of every author of `doc`, read from its change metadata.
    pub(crate) fn of(doc: &mut automerge::AutoCommit) -> Tips {
        let mut tips = Tips::default();
        for meta in doc.get_changes_meta(&[]) {
            tips.advance(meta.actor.as_ref(), meta.seq, meta.max_op, meta.hash);
        }
        tips
    }

    fn advance(&mut self, actor: &ActorId, seq: u64, max_op: u64, hash: ChangeHash) {
        let next = Tip { seq, max_op, hash };
        match self.by_actor.get_mut(actor) {
            Some(tip) if tip.seq >= seq => {}
            Some(tip) => *tip = next,
            None => {
                self.by_actor.insert(actor.clone(), next);
            }
        }
    }

    /// The sequence number `actor`'s next change must carry.
    pub fn next_seq(&self, actor: &ActorId) -> u64 {
        self.by_actor.get(actor).map_or(1, |t| t.seq + 1)
    }

    pub(crate) fn record(&mut self, change: &Change) {
        self.advance(
            change.actor_id(),
            change.seq(),
            change.max_op(),
            change.hash(),
        );
    }
}

/// Decodes one change as sent over the wire: exactly one uncompressed change chunk, with a
/// checksum that matches its content.
pub fn decode(bytes: &[u8]) -> Result<Change, Problem> {
    const MAGIC: [u8; 4] = [0x85, 0x6f, 0x4a, 0x83];
    const CHANGE_CHUNK: u8 = 1;
    if bytes.len() < 9 || bytes[..4] != MAGIC || bytes[8] != CHANGE_CHUNK {
        return Err(Problem::Undecodable("not an Automerge change".into()));
    }
    let change = guarded(|| Change::from_bytes(bytes.to_vec()))
        .map_err(|_| Problem::Undecodable("the decoder failed".into()))?
        .map_err(|e| Problem::Undecodable(e.to_string()))?;
    if change.raw_bytes() != bytes {
        return Err(Problem::Undecodable(
            "bytes follow the change (or it is encoded unusually)".into(),
        ));
    }
    if bytes[4..8] != change.hash().0[..4] {
        return Err(Problem::Checksum);
    }
    Ok(change)
}

/// What a change must satisfy besides being well-formed: who may have made it.
pub type AuthorRule<'a> = &'a dyn Fn(&Change) -> Result<(), Problem>;

/// What the rules need of a change a document already holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Known {
    pub start_op: u64,
    pub max_op: u64,
    pub deps: Vec<ChangeHash>,
}

/// Answers what a document knows of a change, by hash.
pub type Lookup<'a> = &'a mut dyn FnMut(&ChangeHash) -> Option<Known>;

/// Checks `incoming` against a document whose changes are answered by `known` and whose
/// authors' latest changes are `tips`. Returns the changes the document lacks, in an order
/// Automerge can apply them; duplicates and changes it already has are dropped. Nothing is
/// applied.
pub fn check(
    known: Lookup<'_>,
    tips: &Tips,
    incoming: Vec<Change>,
    author: AuthorRule<'_>,
) -> Result<Vec<Change>, Problem> {
    let mut seen = HashSet::new();
    let mut pending: Vec<Change> = Vec::new();
    for change in incoming {
        let hash = change.hash();
        if seen.insert(hash) && known(&hash).is_none() {
            pending.push(change);
        }
    }
    let mut tips = tips.clone();
    // The changes accepted so far in this batch.
    let mut batch: HashMap<ChangeHash, Known> = HashMap::new();
    let mut ordered = Vec::with_capacity(pending.len());
    // Repeatedly take the changes whose dependencies are all present: a causal order.
    while !pending.is_empty() {
        let before = pending.len();
        let mut waiting = Vec::new();
        for change in pending {
            let mut deps_max = Some(0u64);
            for dep in change.deps() {
                let max = match batch.get(dep) {
                    Some(k) => Some(k.max_op),
                    None => known(dep).map(|k| k.max_op),
                };
                deps_max = match (deps_max, max) {
                    (Some(m), Some(d)) => Some(m.max(d)),
                    _ => None,
                };
            }
            let Some(deps_max) = deps_max else {
                waiting.push(change);
                continue;
            };
            check_one(&change, &tips, deps_max, author)?;
            let mut either = |h: &ChangeHash| batch.get(h).cloned().or_else(|| known(h));
            if !builds_on_own(&tips, &Facts::of(&change), &mut either) {
                return Err(Problem::Unrooted);
            }
            tips.record(&change);
            batch.insert(
                change.hash(),
                Known {
                    start_op: change.start_op().get(),
                    max_op: change.max_op(),
                    deps: change.deps().to_vec(),
                },
            );
            ordered.push(change);
        }
        if waiting.len() == before {
            return Err(Problem::MissingHistory);
        }
        pending = waiting;
    }
    Ok(ordered)
}

fn check_one(
    change: &Change,
    tips: &Tips,
    deps_max: u64,
    author: AuthorRule<'_>,
) -> Result<(), Problem> {
    if change.author().is_some() {
        return Err(Problem::Author);
    }
    author(change)?;
    follows(tips, &Facts::of(change), deps_max)
}

/// What the rules need to know of a change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    pub hash: ChangeHash,
    pub actor: ActorId,
    pub seq: u64,
    pub start_op: u64,
    pub max_op: u64,
    pub deps: Vec<ChangeHash>,
}

impl Facts {
    fn of(change: &Change) -> Facts {
        Facts {
            hash: change.hash(),
            actor: change.actor_id().clone(),
            seq: change.seq(),
            start_op: change.start_op().get(),
            max_op: change.max_op(),
            deps: change.deps().to_vec(),
        }
    }
}

/// The rules every change keeps with the history it builds on: its sequence number follows
/// its author's previous change, and its operation numbers come after every operation it
/// builds on (`deps_max`) and every earlier operation of its author.
fn follows(tips: &Tips, change: &Facts, deps_max: u64) -> Result<(), Problem> {
    let expected = tips.next_seq(&change.actor);
    if change.seq != expected {
        return Err(Problem::Sequence {
            expected,
            got: change.seq,
        });
    }
    let own_max = tips.by_actor.get(&change.actor).map_or(0, |t| t.max_op);
    if change.start_op <= deps_max.max(own_max) {
        return Err(Problem::OperationIds);
    }
    Ok(())
}

/// Whether `change` builds on its author's previous change (the author's tip in `tips`), the
/// way every change an author makes does: that change is among the history its dependencies
/// reach. A change that leaves it out is accepted by Automerge, but the document's own save
/// then fails to load ("missing ops"), on every device. The walk back from the dependencies
/// stops at changes older than the previous one (operation numbers only grow along history,
/// which [`follows`] holds every change to), so it covers what happened since the author's
/// previous change, not the whole history.
fn builds_on_own(tips: &Tips, change: &Facts, known: Lookup<'_>) -> bool {
    let Some(previous) = tips.by_actor.get(&change.actor) else {
        return true;
    };
    let mut seen: HashSet<ChangeHash> = HashSet::new();
    let mut stack: Vec<ChangeHash> = change.deps.clone();
    while let Some(hash) = stack.pop() {
        if hash == previous.hash {
            return true;
        }
        if !seen.insert(hash) {
            continue;
        }
        if let Some(k) = known(&hash) {
            if k.start_op > previous.max_op {
                stack.extend(k.deps);
            }
        }
    }
    false
}

/// Checks a whole history, oldest first, by the rules [`check`] applies to new changes.
/// Returns the first change that breaks them, by hash.
pub fn audit_history(changes: &[Facts]) -> Result<(), (ChangeHash, Problem)> {
    let mut tips = Tips::default();
    let mut seen: HashMap<ChangeHash, Known> = HashMap::new();
    for change in changes {
        let mut deps_max = 0;
        for dep in &change.deps {
            match seen.get(dep) {
                Some(k) => deps_max = deps_max.max(k.max_op),
                None => return Err((change.hash, Problem::MissingHistory)),
            }
        }
        follows(&tips, change, deps_max).map_err(|p| (change.hash, p))?;
        if !builds_on_own(&tips, change, &mut |h| seen.get(h).cloned()) {
            return Err((change.hash, Problem::Unrooted));
        }
        tips.advance(&change.actor, change.seq, change.max_op, change.hash);
        seen.insert(
            change.hash,
            Known {
                start_op: change.start_op,
                max_op: change.max_op,
                deps: change.deps.clone(),
            },
        );
    }
    Ok(())
}

/// Runs Automerge code so that a panic inside it becomes an error for this one call. Whatever
/// the closure was changing must be dropped after an `Err`.
pub fn guarded<R>(f: impl FnOnce() -> R) -> Result<R, Problem> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|_| Problem::Crashed)
}

/// The id of the object the `i`-th operation of a change makes, as changes name objects.
fn made_id(start_op: u64, i: usize, actor: &str) -> String {
    format!("{}@{actor}", start_op + i as u64)
}

/// Checks that every operation addresses its object the way that kind of object is addressed:
/// a map by key and never as an insertion, a list or text by position. Automerge applies a
/// change that writes into a map by position, or with a list's insert flag, and stores the
/// value under a key made of an operation id ("10@…") that the change never names: the check
/// of what changes touched would not read it, and the document would no longer read as its
/// kind. `object_type` answers for objects the document already holds; objects made by these
/// changes are known from them.
pub(crate) fn check_addressing(
    changes: &[ExpandedChange],
    object_type: &mut dyn FnMut(&str) -> Option<automerge::ObjType>,
) -> Result<(), Problem> {
    use automerge::legacy::{Key, ObjectId, OpType};
    use automerge::ObjType;
    let mut made: HashMap<String, ObjType> = HashMap::new();
    for change in changes {
        let actor = change.actor_id.to_hex_string();
        let start = change.start_op.get();
        for (i, op) in change.operations.iter().enumerate() {
            let obj_type = match &op.obj {
                ObjectId::Root => Some(ObjType::Map),
                ObjectId::Id(id) => {
                    let id = id.to_string();
                    made.get(&id).copied().or_else(|| object_type(&id))
                }
            };
            let by_key = matches!(op.key, Key::Map(_));
            let fits = match obj_type {
                Some(ObjType::Map | ObjType::Table) => by_key && !op.insert,
                Some(ObjType::List | ObjType::Text) => !by_key,
                None => false,
            };
            if !fits {
                return Err(Problem::Addressing);
            }
            if let OpType::Make(t) = op.action {
                made.insert(made_id(start, i, &actor), t);
            }
        }
    }
    Ok(())
}

/// The entries changes touch, read from their own operations, when every operation writes a
/// map key in the root, in a map whose path `known` gives (the document's fixed collections),
/// or in a map made earlier in the same changes: what adding a visit, a note or a status does.
/// The same paths [`touched`] finds in Automerge's patches, at a cost that follows the changes
/// (patches locate every object in the whole document). `None` when an operation writes
/// anywhere else (an existing entry, a list): the caller then asks Automerge.
pub(crate) fn touched_by_ops(
    changes: &[ExpandedChange],
    known: &HashMap<String, Vec<String>>,
) -> Option<BTreeSet<Vec<String>>> {
    use automerge::legacy::{Key, ObjectId, OpType};
    use automerge::ObjType;
    // Objects made by these changes: their path, and whether they are lists.
    let mut made: HashMap<String, (Vec<String>, bool)> = HashMap::new();
    let mut out = BTreeSet::new();
    for change in changes {
        let actor = change.actor_id.to_hex_string();
        let start = change.start_op.get();
        for (i, op) in change.operations.iter().enumerate() {
            let (mut path, list) = match &op.obj {
                ObjectId::Root => (Vec::new(), false),
                ObjectId::Id(id) => {
                    let id = id.to_string();
                    match made.get(&id) {
                        Some(m) => m.clone(),
                        None => (known.get(&id)?.clone(), false),
                    }
                }
            };
            match (&op.key, list) {
                (Key::Map(key), false) if !op.insert => path.push(key.to_string()),
                // An element of a list made here: Automerge's patch names the list. An object
                // inside a list would be named by its index, unknown here, unless the path is
                // cut there anyway.
                (Key::Seq(_), true) if !matches!(op.action, OpType::Make(_)) || path.len() >= 3 => {
                }
                _ => return None,
            }
            let kind = match op.action {
                OpType::Make(ObjType::Map) => Some(false),
                OpType::Make(ObjType::List) => Some(true),
                OpType::Make(_) => return None,
                _ => None,
            };
            if let Some(list) = kind {
                made.insert(made_id(start, i, &actor), (path.clone(), list));
            }
            path.truncate(3);
            out.insert(path);
        }
    }
    Some(out)
}

/// The entries of a document that changes touched, as (path of a map, key) pairs one or two
/// levels deep: what has to be checked against the schema again.
pub(crate) fn touched(patches: &[automerge::Patch]) -> BTreeSet<Vec<String>> {
    use automerge::{PatchAction, Prop};
    let mut out = BTreeSet::new();
    for patch in patches {
        let mut path: Vec<String> = patch
            .path
            .iter()
            .map(|(_, p)| match p {
                Prop::Map(k) => k.clone(),
                Prop::Seq(i) => i.to_string(),
            })
            .collect();
        match &patch.action {
            PatchAction::PutMap { key, .. } | PatchAction::DeleteMap { key } => {
                path.push(key.clone())
            }
            PatchAction::Increment {
                prop: Prop::Map(k), ..
            }
            | PatchAction::Conflict { prop: Prop::Map(k) } => path.push(k.clone()),
            _ => {}
        }
        path.truncate(3);
        if !path.is_empty() {
            out.insert(path);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use automerge::transaction::Transactable;
    use automerge::{AutoCommit, ROOT};

    fn doc_with(actor: &ActorId, n: usize) -> AutoCommit {
        let mut d = AutoCommit::new().with_actor(actor.clone());
        for i in 0..n {
            d.put(ROOT, format!("k{i}"), i as i64).unwrap();
            d.commit();
        }
        d
    }

    fn known_in(d: &mut AutoCommit) -> impl FnMut(&ChangeHash) -> Option<Known> + '_ {
        |h| {
            d.get_change_meta_by_hash(h).map(|m| Known {
                start_op: m.start_op,
                max_op: m.max_op,
                deps: m.deps,
            })
        }
    }

    #[test]
    fn honest_changes_pass_in_any_order() {
        let a = ActorId::random();
        let mut base = doc_with(&a, 1);
        let mut phone = base.fork().with_actor(ActorId::random());
        for i in 0..3 {
            phone.put(ROOT, format!("p{i}"), 1).unwrap();
            phone.commit();
        }
        let mut new = phone.get_changes(&base.get_heads());
        new.reverse();
        let tips = Tips::of(&mut base);
        let ordered = check(&mut known_in(&mut base), &tips, new, &|_| Ok(())).unwrap();
        assert_eq!(ordered.len(), 3);
        assert!(ordered.windows(2).all(|w| w[0].seq() < w[1].seq()));
        base.apply_changes(ordered).unwrap();
    }

    #[test]
    fn gaps_and_missing_history_are_refused() {
        let a = ActorId::random();
        let mut base = AutoCommit::new();
        let mut phone = doc_with(&a, 3);
        let all = phone.get_changes(&[]);
        let tips = Tips::of(&mut base);
        // Only the third change: its history is missing.
        let err = check(
            &mut known_in(&mut base),
            &tips,
            vec![all[2].clone()],
            &|_| Ok(()),
        );
        assert_eq!(err.unwrap_err(), Problem::MissingHistory);
    }

    /// `change` with its dependencies replaced, as a tampered (or badly restored) phone
    /// could send it.
    fn with_deps(change: &Change, deps: Vec<ChangeHash>) -> Change {
        let mut e = change.decode();
        e.deps = deps;
        Change::from(e)
    }

    fn facts(changes: &[Change]) -> Vec<Facts> {
        changes.iter().map(Facts::of).collect()
    }

    #[test]
    fn a_change_must_build_on_its_authors_previous_change() {
        let phone = ActorId::random();
        let mut base = doc_with(&ActorId::random(), 1);
        let mut p = base.fork().with_actor(phone.clone());
        for i in 0..2 {
            p.put(ROOT, format!("p{i}"), i).unwrap();
            p.commit();
        }
        let heads = base.get_heads();
        base.apply_changes(p.get_changes(&heads)).unwrap();
        let genesis = base.get_changes(&[])[0].hash();
        p.put(ROOT, "late", 1).unwrap();
        p.commit();
        let honest = p.get_last_local_change().unwrap().clone();
        let tips = Tips::of(&mut base);
        // Its only dependency replaced by an older change: Automerge would take it, and the
        // document would not load from its own save afterwards.
        let unrooted = with_deps(&honest, vec![genesis]);
        let got = check(
            &mut known_in(&mut base),
            &tips,
            vec![unrooted.clone()],
            &|_| Ok(()),
        );
        assert_eq!(got.unwrap_err(), Problem::Unrooted);
        let mut broken = base.fork();
        broken.apply_changes(vec![unrooted]).unwrap();
        assert!(
            AutoCommit::load(&broken.save()).is_err(),
            "the rule guards a real failure"
        );
        assert_eq!(
            audit_history(&facts(&broken.get_changes(&[])))
                .unwrap_err()
                .1,
            Problem::Unrooted
        );
        // The honest change passes, and so does one that reaches the previous change only
        // through another phone's change built on it.
        let ok = check(&mut known_in(&mut base), &tips, vec![honest], &|_| Ok(()));
        assert_eq!(ok.unwrap().len(), 1);
        let mut other = p.fork().with_actor(ActorId::random());
        other.put(ROOT, "other", 1).unwrap();
        other.commit();
        p.merge(&mut other).unwrap();
        p.put(ROOT, "after", 1).unwrap();
        p.commit();
        let heads = base.get_heads();
        let mut new = p.get_changes(&heads);
        // Automerge names the author's previous change among the dependencies even when
        // another one builds on it; without it the change still builds on it, through the other.
        let after = new.pop().unwrap();
        let through_other: Vec<ChangeHash> = after
            .deps()
            .iter()
            .filter(|d| **d != new[0].hash())
            .copied()
            .collect();
        assert_eq!(through_other.len(), 1);
        new.push(with_deps(&after, through_other));
        new.reverse();
        let ordered = check(&mut known_in(&mut base), &tips, new, &|_| Ok(())).unwrap();
        base.apply_changes(ordered).unwrap();
        assert!(audit_history(&facts(&base.get_changes(&[]))).is_ok());
        assert!(AutoCommit::load(&base.save()).is_ok());
    }

    #[test]
    fn checksums_and_trailing_bytes_are_checked() {
        let mut d = doc_with(&ActorId::random(), 1);
        let bytes = d.get_changes(&[])[0].raw_bytes().to_vec();
        assert!(decode(&bytes).is_ok());
        let mut bad = bytes.clone();
        bad[4] ^= 0xff;
        assert_eq!(decode(&bad).unwrap_err(), Problem::Checksum);
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(matches!(decode(&longer), Err(Problem::Undecodable(_))));
        assert!(matches!(
            decode(&bytes[..bytes.len() - 1]),
            Err(Problem::Undecodable(_))
        ));
        assert!(matches!(decode(b"garbage"), Err(Problem::Undecodable(_))));
    }
}
