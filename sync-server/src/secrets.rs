//! Enrollment codes and device tokens: made from the OS's random source, stored only as
//! SHA-256 hashes, so a copy of the database cannot enroll a phone or sync as one.

use base64::Engine;
use rand::Rng;
use sha2::{Digest, Sha256};

/// Letters and digits that cannot be confused when read aloud or typed (no 0/O, 1/I/L).
const CODE_ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
/// Characters in a code: 31^12 ≈ 2^59 possibilities, with failed attempts rate-limited.
const CODE_LEN: usize = 12;

/// A new enrollment code, shown as `XXXX-XXXX-XXXX`.
pub fn new_code() -> String {
    let mut rng = rand::rng();
    let raw: String = (0..CODE_LEN)
        .map(|_| CODE_ALPHABET[rng.random_range(0..CODE_ALPHABET.len())] as char)
        .collect();
    format!("{}-{}-{}", &raw[0..4], &raw[4..8], &raw[8..12])
}

/// A code as typed (any case, with or without dashes and spaces) in its canonical form.
pub fn normalize_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

/// A new device token: 32 random bytes, URL-safe base64.
pub fn new_token() -> String {
    let bytes: [u8; 32] = rand::rng().random();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// The stored form of a code or token.
pub fn hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_readable_and_normalise() {
        let code = new_code();
        assert_eq!(code.len(), 14);
        assert_eq!(
            normalize_code(&code.to_lowercase().replace('-', " ")).len(),
            12
        );
        assert_eq!(
            hash(&normalize_code(&code)),
            hash(&normalize_code(&code.to_lowercase()))
        );
        assert_ne!(new_code(), new_code());
        assert_ne!(new_token(), new_token());
    }
}
