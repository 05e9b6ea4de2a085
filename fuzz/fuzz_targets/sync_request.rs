//! Decoding a sync request, as the server does with every body a device posts: the version is
//! read first (`peek_version`), then the whole request (`decode`). Both must return, and a
//! request that decodes must encode and decode to itself. The first byte chooses whether the
//! rest is the body as sent (gzip) or the postcard inside it (compressed here, so mutations
//! reach the decoder past gzip's checksum).

#![no_main]

use fieldbook_core::protocol::{decode, encode, peek_version, SyncRequest};
use fieldbook_fuzz::{fixture, gzip};
use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: {
        fieldbook_fuzz::init(|dir| fieldbook_fuzz::write_seeds(dir, &seeds()));
    },
    |data: &[u8]| {
        let Some((&mode, rest)) = data.split_first() else {
            return;
        };
        let body = if mode & 1 == 0 { rest.to_vec() } else { gzip(rest) };
        let version = peek_version(&body);
        if let Ok(request) = decode::<SyncRequest>(&body) {
            assert_eq!(version.ok(), Some(request.version), "peek_version disagrees");
            let again = encode(&request).expect("a decoded request encodes");
            assert_eq!(decode::<SyncRequest>(&again).ok(), Some(request));
        }
    }
);

/// The requests the fixture's phones sent, as sent and as plain postcard.
fn seeds() -> Vec<(String, Vec<u8>)> {
    let mut seeds = Vec::new();
    for (i, body) in fixture::get().requests.iter().enumerate() {
        let mut wire = vec![0u8];
        wire.extend_from_slice(body);
        seeds.push((format!("wire-{i}"), wire));
        if let Ok(request) = decode::<SyncRequest>(body) {
            let mut plain = vec![1u8];
            plain.extend(postcard::to_stdvec(&request).unwrap_or_default());
            seeds.push((format!("plain-{i}"), plain));
        }
    }
    seeds
}
