//! Rewriting an Automerge change's header the way a tampered app could: a new sequence number
//! or first operation number, with the checksum made to match, so only the server's own
//! checks can tell. (The change format: magic, checksum, chunk type, length, then the header
//! fields deps, actor, seq, start op, time, message, followed by the operations.)

use sha2::{Digest, Sha256};

const MAGIC: [u8; 4] = [0x85, 0x6f, 0x4a, 0x83];

/// The header fields of a change and the rest of its body as is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub deps: Vec<[u8; 32]>,
    pub actor: Vec<u8>,
    pub seq: u64,
    pub start_op: u64,
    pub time: i64,
    pub message: Vec<u8>,
    /// Other actors, operation columns and extra bytes, untouched.
    pub rest: Vec<u8>,
}

fn uleb(bytes: &[u8], at: &mut usize) -> u64 {
    let (mut value, mut shift) = (0u64, 0);
    loop {
        let b = bytes[*at];
        *at += 1;
        value |= u64::from(b & 0x7f) << shift;
        if b & 0x80 == 0 {
            return value;
        }
        shift += 7;
    }
}

fn sleb(bytes: &[u8], at: &mut usize) -> i64 {
    let (mut value, mut shift) = (0i64, 0);
    loop {
        let b = bytes[*at];
        *at += 1;
        value |= i64::from(b & 0x7f) << shift;
        shift += 7;
        if b & 0x80 == 0 {
            if shift < 64 && b & 0x40 != 0 {
                value |= -1i64 << shift;
            }
            return value;
        }
    }
}

fn put_uleb(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

fn put_sleb(out: &mut Vec<u8>, mut v: i64) {
    loop {
        let b = (v & 0x7f) as u8;
        v >>= 7;
        let done = (v == 0 && b & 0x40 == 0) || (v == -1 && b & 0x40 != 0);
        if done {
            out.push(b);
            return;
        }
        out.push(b | 0x80);
    }
}

/// Reads an uncompressed change chunk's header.
pub fn parse(change: &[u8]) -> Header {
    assert_eq!(change[..4], MAGIC, "an Automerge chunk");
    assert_eq!(change[8], 1, "an uncompressed change");
    let mut at = 9;
    let len = uleb(change, &mut at) as usize;
    let data = &change[at..at + len];
    let mut at = 0;
    let deps = (0..uleb(data, &mut at))
        .map(|_| {
            let d: [u8; 32] = data[at..at + 32].try_into().expect("hash");
            at += 32;
            d
        })
        .collect();
    let actor_len = uleb(data, &mut at) as usize;
    let actor = data[at..at + actor_len].to_vec();
    at += actor_len;
    let seq = uleb(data, &mut at);
    let start_op = uleb(data, &mut at);
    let time = sleb(data, &mut at);
    let message_len = uleb(data, &mut at) as usize;
    let message = data[at..at + message_len].to_vec();
    at += message_len;
    Header {
        deps,
        actor,
        seq,
        start_op,
        time,
        message,
        rest: data[at..].to_vec(),
    }
}

/// Writes a change chunk from `header`, with a checksum that matches.
pub fn encode(header: &Header) -> Vec<u8> {
    let mut data = Vec::new();
    put_uleb(&mut data, header.deps.len() as u64);
    for d in &header.deps {
        data.extend_from_slice(d);
    }
    put_uleb(&mut data, header.actor.len() as u64);
    data.extend_from_slice(&header.actor);
    put_uleb(&mut data, header.seq);
    put_uleb(&mut data, header.start_op);
    put_sleb(&mut data, header.time);
    put_uleb(&mut data, header.message.len() as u64);
    data.extend_from_slice(&header.message);
    data.extend_from_slice(&header.rest);
    let mut hashed = vec![1u8];
    put_uleb(&mut hashed, data.len() as u64);
    hashed.extend_from_slice(&data);
    let hash = Sha256::digest(&hashed);
    let mut out = MAGIC.to_vec();
    out.extend_from_slice(&hash[..4]);
    out.extend_from_slice(&hashed);
    out
}

/// `change` with its header changed by `edit`, checksum recomputed.
pub fn rewrite(change: &[u8], edit: impl FnOnce(&mut Header)) -> Vec<u8> {
    let mut header = parse(change);
    edit(&mut header);
    encode(&header)
}

#[cfg(test)]
mod tests {
    use super::*;
    use automerge::transaction::Transactable;

    #[test]
    fn an_untouched_header_encodes_to_the_same_bytes() {
        let mut doc = automerge::AutoCommit::new();
        doc.put(automerge::ROOT, "k", "v").unwrap();
        let hash = doc
            .commit_with(
                automerge::transaction::CommitOptions::default()
                    .with_message("m")
                    .with_time(-5),
            )
            .unwrap();
        let bytes = doc.get_change_by_hash(&hash).unwrap().raw_bytes().to_vec();
        assert_eq!(rewrite(&bytes, |_| {}), bytes);
        let moved = rewrite(&bytes, |h| h.seq += 1);
        let change = automerge::Change::from_bytes(moved).unwrap();
        assert_eq!(change.seq(), 2);
    }
}
