//! Opening the phone in a data directory: the directory and every file in it readable by its
//! owner only, the store always encrypted (see `keys`), a store an older version kept in
//! plain text encrypted in place on first open, and a wrong or missing key one clear line.

use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use fieldbook_core::Store;

use crate::keys::{self, Key, Location};

/// The store's file in the data directory.
pub const STORE_FILE: &str = "fieldbook.db";

/// How the first bytes of a plain SQLite file read; an encrypted store looks random.
const PLAIN_HEADER: &[u8] = b"SQLite format 3\0";

fn store_path(data: &Path) -> PathBuf {
    data.join(STORE_FILE)
}

/// Whether a store exists (an empty file is a store not yet made).
fn exists(db: &Path) -> bool {
    std::fs::metadata(db).is_ok_and(|m| m.len() > 0)
}

fn is_plain(db: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 16];
    std::fs::File::open(db)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| head == PLAIN_HEADER)
}

/// Makes the store's files readable by their owner only (and the file itself, before
/// SQLite makes it, so its journal files are made the same way).
fn private_files(db: &Path) -> Result<(), String> {
    if !db.exists() {
        std::fs::OpenOptions::new()
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .open(db)
            .map_err(|e| format!("{}: {e}", db.display()))?;
    }
    for suffix in ["", "-wal", "-shm"] {
        let file = PathBuf::from(format!("{}{suffix}", db.display()));
        if file.exists() {
            std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600))
                .map_err(|e| format!("{}: {e}", file.display()))?;
        }
    }
    Ok(())
}

/// The key of the store in `data`: the named key file, else where the data directory says
/// it is, else a new one for a new store (or for a store an older version kept in plain
/// text, which is then encrypted).
fn key(data: &Path, key_file: Option<&Path>) -> Result<Key, String> {
    let db = store_path(data);
    if let Some(path) = key_file {
        if keys::inside(path, data) {
            return Err(format!(
                "the key file {} is inside the data directory {}: keep the key apart from the store it protects",
                path.display(),
                data.display()
            ));
        }
        let key = keys::from_file(path, !exists(&db) || is_plain(&db))?;
        return encrypt_if_plain(&db, key, data);
    }
    if let Some(location) = keys::recorded(data)? {
        return Ok(Key {
            bytes: keys::fetch(&location)?,
            location,
        });
    }
    if exists(&db) && !is_plain(&db) {
        return Err(format!(
            "the store {} is encrypted, and nothing in {} says where its key is: give it with --key-file or FIELDBOOK_KEY_FILE",
            db.display(),
            data.display()
        ));
    }
    let key = keys::make(data)?;
    encrypt_if_plain(&db, key, data)
}

/// Encrypts a store an older version kept in plain text, with `key`, and records where the
/// key is.
fn encrypt_if_plain(db: &Path, key: Key, data: &Path) -> Result<Key, String> {
    if exists(db) && is_plain(db) {
        Store::encrypt_plain(db, &key.bytes).map_err(|e| format!("{}: {e}", db.display()))?;
        eprintln!(
            "note: {} was kept in plain text; it is now encrypted, with its key in {}",
            db.display(),
            key.location
        );
    }
    if keys::recorded(data)?.is_none() {
        keys::record(data, &key.location)?;
    }
    Ok(key)
}

/// Opens the phone in `data`.
pub fn open(data: &Path, key_file: Option<&Path>) -> Result<Store, String> {
    keys::private_dir(data)?;
    let key = key(data, key_file)?;
    let db = store_path(data);
    private_files(&db)?;
    open_with(&db, &key.bytes, &key.location)
}

fn open_with(db: &Path, key: &[u8], location: &Location) -> Result<Store, String> {
    Store::open(db, Some(key)).map_err(|e| match e {
        fieldbook_core::Error::WrongKey => {
            format!("the key in {location} does not open {}", db.display())
        }
        other => format!("{}: {other}", db.display()),
    })
}

/// A copy of the phone's store to try things on (`import --dry-run`), in a private
/// directory inside the data directory, removed when the returned guard is dropped. A
/// phone with no store yet gets an empty one.
pub fn open_copy(
    data: &Path,
    key_file: Option<&Path>,
) -> Result<(tempfile::TempDir, Store), String> {
    keys::private_dir(data)?;
    let scratch = tempfile::Builder::new()
        .prefix(".dry-run-")
        .tempdir_in(data)
        .map_err(|e| format!("{}: {e}", data.display()))?;
    let db = store_path(data);
    let copy = scratch.path().join(STORE_FILE);
    if !exists(&db) {
        let key: [u8; fieldbook_core::KEY_LEN] = rand::random();
        let store = Store::open(&copy, Some(&key)).map_err(|e| e.to_string())?;
        return Ok((scratch, store));
    }
    for suffix in ["", "-wal"] {
        let from = PathBuf::from(format!("{}{suffix}", db.display()));
        if from.exists() {
            std::fs::copy(&from, format!("{}{suffix}", copy.display()))
                .map_err(|e| format!("{}: {e}", from.display()))?;
        }
    }
    let store = if is_plain(&db) {
        Store::open(&copy, None).map_err(|e| e.to_string())?
    } else {
        let key = key(data, key_file)?;
        open_with(&copy, &key.bytes, &key.location)?
    };
    Ok((scratch, store))
}
