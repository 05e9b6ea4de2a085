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

/// PBKDF2 rounds for web passwords.
const PASSWORD_ROUNDS: u32 = 200_000;

/// A password's stored form: `pbkdf2-sha256$ROUNDS$SALT$HASH` (hex), salted per user.
pub fn hash_password(password: &str) -> String {
    let salt: [u8; 16] = rand::rng().random();
    let hash = derive(password, &salt, PASSWORD_ROUNDS);
    format!(
        "pbkdf2-sha256${PASSWORD_ROUNDS}${}${}",
        hex::encode(salt),
        hex::encode(hash)
    )
}

fn derive(password: &str, salt: &[u8], rounds: u32) -> [u8; 32] {
    let mut out = [0u8; 32];
    pbkdf2::pbkdf2_hmac::<Sha256>(password.as_bytes(), salt, rounds, &mut out);
    out
}

/// Whether `password` matches a stored form (in time independent of where they differ).
pub fn verify_password(password: &str, stored: &str) -> bool {
    let parts: Vec<&str> = stored.split('$').collect();
    let [scheme, rounds, salt, hash] = parts[..] else {
        return false;
    };
    let (Ok(rounds), Ok(salt), Ok(hash)) =
        (rounds.parse::<u32>(), hex::decode(salt), hex::decode(hash))
    else {
        return false;
    };
    if scheme != "pbkdf2-sha256" || hash.len() != 32 || rounds == 0 {
        return false;
    }
    same_bytes(&derive(password, &salt, rounds), &hash)
}

/// Compares two secrets in time that does not depend on where they differ.
pub fn same(a: &str, b: &str) -> bool {
    same_bytes(a.as_bytes(), b.as_bytes())
}

fn same_bytes(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_verify_only_themselves() {
        let stored = super::hash_password("correct horse battery");
        assert!(super::verify_password("correct horse battery", &stored));
        assert!(!super::verify_password("correct horse batterz", &stored));
        assert!(!super::verify_password("correct horse battery", "garbage"));
        assert_ne!(
            stored,
            super::hash_password("correct horse battery"),
            "salted"
        );
    }

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
