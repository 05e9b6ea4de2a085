//! Encrypting a store that an older version kept in plain text: its content is copied into a
//! new encrypted file (SQLCipher's `sqlcipher_export`), which then takes the old file's place.

use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::{Store, KEY_LEN};
use crate::{Error, Result};

impl Store {
    /// Encrypts the plain-text store at `path` with `key`, in place. The plain file is
    /// replaced only once the encrypted copy is complete; on any error it is left as it was.
    /// (Its old blocks may remain on the disk until overwritten.)
    pub fn encrypt_plain(path: &Path, key: &[u8]) -> Result<()> {
        if key.len() != KEY_LEN {
            return Err(Error::invalid("key", format!("must be {KEY_LEN} bytes")));
        }
        let partial = PathBuf::from(format!("{}.encrypting", path.display()));
        let _ = std::fs::remove_file(&partial);
        // CREATE: the attached copy is a new file.
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        )?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        conn.execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")?;
        conn.execute(
            &format!(
                "ATTACH DATABASE ?1 AS encrypted KEY \"x'{}'\"",
                hex::encode(key)
            ),
            [partial.to_string_lossy()],
        )?;
        conn.execute_batch(&format!(
            "PRAGMA cipher_log_level = NONE; {}",
            super::PAGE_SEAL.replace("PRAGMA ", "PRAGMA encrypted.")
        ))?;
        conn.query_row("SELECT sqlcipher_export('encrypted')", [], |_| Ok(()))?;
        conn.execute_batch(&format!(
            "PRAGMA encrypted.user_version = {version}; DETACH DATABASE encrypted;"
        ))?;
        drop(conn);
        std::fs::rename(&partial, path).map_err(|e| Error::malformed("store", e))?;
        for suffix in ["-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
        Ok(())
    }
}
