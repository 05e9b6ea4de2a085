//! The key that encrypts a phone's store. A store is always encrypted: its key is made on
//! first use and kept in the OS keyring where there is one (Keychain, Secret Service,
//! Credential Manager), else in a file readable by its owner only, outside the data
//! directory (`~/.config/fieldbook/keys/`), or where `--key-file` / `FIELDBOOK_KEY_FILE`
//! says — never beside the store it protects. The data directory records *where* the key is
//! (`store-key.toml`), never the key, so it is always found again; a key that cannot be found
//! is an error, never a new key over old data.

use std::io::Write;
use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
use std::path::{Path, PathBuf};

use fieldbook_core::KEY_LEN;
use serde::{Deserialize, Serialize};

/// The file in the data directory that says where the store's key is.
pub const LOCATION_FILE: &str = "store-key.toml";

/// The keyring service the keys are kept under.
const SERVICE: &str = "fieldbook";

/// Where a store's key is kept.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kept_in", rename_all = "snake_case")]
pub enum Location {
    /// The OS keyring, under the service `fieldbook` and this entry.
    Keyring { entry: String },
    /// A file readable by its owner only.
    File { path: PathBuf },
}

impl std::fmt::Display for Location {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Location::Keyring { entry } => {
                write!(
                    f,
                    "the OS keyring (service \"{SERVICE}\", entry \"{entry}\")"
                )
            }
            Location::File { path } => write!(f, "the key file {}", path.display()),
        }
    }
}

/// A store key and where it is kept.
pub struct Key {
    pub bytes: [u8; KEY_LEN],
    pub location: Location,
}

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Key")
            .field("location", &self.location)
            .finish_non_exhaustive()
    }
}

fn parse_key(bytes: &[u8], from: &Location) -> Result<[u8; KEY_LEN], String> {
    let raw = if bytes.len() == KEY_LEN {
        Some(bytes.to_vec())
    } else {
        hex::decode(String::from_utf8_lossy(bytes).trim()).ok()
    };
    raw.and_then(|k| k.try_into().ok())
        .ok_or_else(|| format!("{from} does not hold a store key (32 bytes or 64 hex characters)"))
}

/// Whether `path` is `dir` or lies under it.
pub fn inside(path: &Path, dir: &Path) -> bool {
    let resolve = |p: &Path| -> PathBuf {
        // A path that does not exist yet: resolve its parent.
        match (p.canonicalize(), p.parent(), p.file_name()) {
            (Ok(c), _, _) => c,
            (Err(_), Some(parent), Some(name)) if !parent.as_os_str().is_empty() => parent
                .canonicalize()
                .map(|c| c.join(name))
                .unwrap_or_else(|_| p.to_path_buf()),
            _ => std::env::current_dir()
                .map(|d| d.join(p))
                .unwrap_or_else(|_| p.to_path_buf()),
        }
    };
    resolve(path).starts_with(resolve(dir))
}

/// Makes a directory (and its parents) readable by its owner only.
pub fn private_dir(dir: &Path) -> Result<(), String> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
        .map_err(|e| format!("{}: {e}", dir.display()))
}

/// Writes a new file readable by its owner only (refusing to replace one).
pub fn write_private(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
        .map_err(|e| format!("{}: {e}", path.display()))?;
    f.write_all(bytes)
        .and_then(|()| f.sync_all())
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// The key at `location`.
pub fn fetch(location: &Location) -> Result<[u8; KEY_LEN], String> {
    match location {
        Location::File { path } => {
            let bytes = std::fs::read(path).map_err(|e| {
                format!(
                    "cannot read {location}: {e}; without it this phone's store cannot be opened"
                )
            })?;
            parse_key(&bytes, location)
        }
        Location::Keyring { entry } => {
            let secret = keyring::Entry::new(SERVICE, entry)
                .and_then(|e| e.get_password())
                .map_err(|e| {
                    format!("cannot read {location}: {e}; without it this phone's store cannot be opened")
                })?;
            parse_key(secret.as_bytes(), location)
        }
    }
}

/// Reads the location file of a data directory, if there is one.
pub fn recorded(data: &Path) -> Result<Option<Location>, String> {
    let path = data.join(LOCATION_FILE);
    match std::fs::read_to_string(&path) {
        Ok(text) => toml::from_str(&text)
            .map(Some)
            .map_err(|e| format!("{}: {e}", path.display())),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// Records where the key of the store in `data` is kept.
pub fn record(data: &Path, location: &Location) -> Result<(), String> {
    let text = format!(
        "# Where the key of this phone's store (fieldbook.db) is kept. Not the key itself.\n{}",
        toml::to_string(location).map_err(|e| e.to_string())?
    );
    let path = data.join(LOCATION_FILE);
    let partial = data.join(format!("{LOCATION_FILE}.new"));
    let _ = std::fs::remove_file(&partial);
    write_private(&partial, text.as_bytes())?;
    std::fs::rename(&partial, &path).map_err(|e| format!("{}: {e}", path.display()))
}

/// Reads the key file the user named, making it first when `create` (a new store).
pub fn from_file(path: &Path, create: bool) -> Result<Key, String> {
    let location = Location::File {
        path: std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()),
    };
    if !path.exists() && create {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            if !parent.exists() {
                private_dir(parent)?;
            }
        }
        let bytes: [u8; KEY_LEN] = rand::random();
        write_private(path, format!("{}\n", hex::encode(bytes)).as_bytes())?;
        return Ok(Key { bytes, location });
    }
    Ok(Key {
        bytes: fetch(&location)?,
        location,
    })
}

/// Where keys go when there is no keyring: `$XDG_CONFIG_HOME/fieldbook/keys`, else
/// `~/.config/fieldbook/keys`.
fn key_dir() -> Result<PathBuf, String> {
    let config = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
        .ok_or("no home directory to keep the store key in: give one with --key-file")?;
    Ok(config.join("fieldbook").join("keys"))
}

/// Makes a new key for the store in `data`: into the OS keyring when there is one (and
/// `FIELDBOOK_KEYRING` is not `off`), else into a private file outside `data`.
pub fn make(data: &Path) -> Result<Key, String> {
    let bytes: [u8; KEY_LEN] = rand::random();
    let name = format!("store-{}", uuid::Uuid::new_v4());
    let keyring_wanted = std::env::var("FIELDBOOK_KEYRING").map_or(true, |v| v != "off");
    if keyring_wanted {
        let location = Location::Keyring {
            entry: name.clone(),
        };
        // Kept only once it reads back: a keyring that takes the key but cannot give it
        // back (or is not there at all, as on a headless machine) is passed over.
        let stored = keyring::Entry::new(SERVICE, &name).and_then(|entry| {
            entry.set_password(&hex::encode(bytes))?;
            entry.get_password()
        });
        if stored.is_ok_and(|back| back == hex::encode(bytes)) {
            return Ok(Key { bytes, location });
        }
    }
    let dir = key_dir()?;
    let path = dir.join(format!("{name}.key"));
    if inside(&path, data) {
        return Err(format!(
            "the key would be kept at {}, inside the data directory it protects: give another place with --key-file",
            path.display()
        ));
    }
    private_dir(&dir)?;
    write_private(&path, format!("{}\n", hex::encode(bytes)).as_bytes())?;
    Ok(Key {
        bytes,
        location: Location::File { path },
    })
}
