//! A terminal phone's store is always encrypted. Run with no `--key-file` on a machine with
//! no keyring (as CI is), the key goes into a private file outside the data directory; the
//! data directory says where, never what. After a whole session — enrollment, records,
//! a sync — no file of the phone shows a name or the device token, and nothing is readable
//! by other users. A wrong key is one clear line; a lost key is an error, never a new key.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use fieldbook_core::ids::{DeviceId, TeamId, UserId};
use fieldbook_core::model::{Role, SeekerProfile};
use fieldbook_core::protocol::{EnrollResponse, PROTOCOL_VERSION};
use fieldbook_core::{NewSeeker, Store};
use fieldbook_test_support::cli::CliPhone;
use fieldbook_test_support::{Server, Team};

/// Every file under `dir`.
fn files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(files(&path));
        } else {
            out.push(path);
        }
    }
    out
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

/// A device token as SQLite would hold it in plain text: the `token` key of the meta table
/// next to its value, 43 characters of URL-safe base64.
fn shows_a_token(bytes: &[u8]) -> bool {
    bytes.windows(5 + 43).any(|w| {
        w.starts_with(b"token")
            && w[5..]
                .iter()
                .all(|c| c.is_ascii_alphanumeric() || *c == b'-' || *c == b'_')
    })
}

/// What a reader of the files could learn: names, the token, the key itself.
fn readable(dir: &Path, secrets: &[&[u8]]) -> Vec<String> {
    let mut found = Vec::new();
    for file in files(dir) {
        let bytes = std::fs::read(&file).unwrap();
        for secret in secrets {
            if contains(&bytes, secret) {
                found.push(format!(
                    "{}: {}",
                    file.display(),
                    String::from_utf8_lossy(secret)
                ));
            }
        }
        if shows_a_token(&bytes) {
            found.push(format!("{}: a device token", file.display()));
        }
    }
    found
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

/// A plain-text store as an older `fieldbook` left it (no key): Zelda's record and a token.
fn plain_store(path: &Path) {
    let store = Store::open(path, None).unwrap();
    store
        .create_seeker(NewSeeker {
            id: None,
            profile: SeekerProfile {
                name: "Zelda Quartermain".into(),
                ..Default::default()
            },
            status: None,
            status_date: None,
        })
        .unwrap();
    let answer = EnrollResponse {
        version: PROTOCOL_VERSION,
        device_id: DeviceId::new(),
        user_id: UserId::new(),
        user_name: "Old Phone".into(),
        role: Role::Specialist,
        team_id: TeamId::new(),
        token: "tokentokentokentokentokentokentokentokentok".into(),
    };
    store
        .accept_enrollment("http://127.0.0.1:9", &answer, None)
        .unwrap();
}

#[test]
fn the_scan_finds_what_a_plain_store_shows() {
    // The check below can fail: on a store kept the old way it finds the name and token.
    let dir = tempfile::tempdir().unwrap();
    plain_store(&dir.path().join("fieldbook.db"));
    let found = readable(dir.path(), &[b"Zelda Quartermain"]);
    assert!(found.iter().any(|f| f.contains("Zelda")), "{found:?}");
    assert!(found.iter().any(|f| f.contains("token")), "{found:?}");
}

#[test]
fn a_session_without_a_key_file_leaves_nothing_readable() {
    let server = Server::start();
    let team = Team::create(&server, 1);
    let phone = CliPhone::new();
    phone.enroll(&server, &server.code(&team.specialists[0]));
    phone.run(&[
        "seeker",
        "add",
        "--id",
        "zq",
        "--name",
        "Zelda Quartermain",
        "--phone",
        "555-0142",
    ]);
    phone.run(&["employer", "add", "--name", "Quartermain Quilts"]);
    phone.run(&[
        "visit",
        "log",
        "--employer",
        "Quartermain Quilts",
        "--seeker",
        "zq",
        "--outcome",
        "Zelda met the owner",
    ]);
    phone.run(&[
        "notes",
        "add",
        "--seeker",
        "zq",
        "--text",
        "Zelda prefers mornings",
    ]);
    assert!(phone.run(&["sync"])["sent"].as_u64().unwrap() >= 3);

    // Where the key went: a private file outside the data directory, recorded by place.
    let data = phone.data();
    let location = std::fs::read_to_string(data.join("store-key.toml")).unwrap();
    assert!(location.contains("kept_in = \"file\""), "{location}");
    let key_path = location
        .lines()
        .find_map(|l| l.strip_prefix("path = "))
        .map(|p| PathBuf::from(p.trim_matches('"')))
        .expect("the key's path");
    assert!(key_path.starts_with(phone.home()), "{}", key_path.display());
    assert!(!key_path.starts_with(&data));
    assert_eq!(mode(&key_path), 0o600);
    assert_eq!(mode(key_path.parent().unwrap()), 0o700);
    let key = std::fs::read_to_string(&key_path)
        .unwrap()
        .trim()
        .to_string();
    assert_eq!(key.len(), 64);

    // Nothing in the data directory shows a name, the token or the key; nothing is
    // readable by anyone but the owner.
    let found = readable(
        &data,
        &[b"Zelda", b"Quartermain", b"555-0142", key.as_bytes()],
    );
    assert!(found.is_empty(), "readable: {found:?}");
    assert_eq!(mode(&data), 0o700);
    for file in files(&data) {
        assert_eq!(
            mode(&file) & 0o077,
            0,
            "{} is readable by others",
            file.display()
        );
    }

    // A wrong key: one line, no library noise, nothing changed.
    let db = data.join("fieldbook.db");
    let before = std::fs::read(&db).unwrap();
    let wrong = phone.write("wrong.key", &"00".repeat(32));
    let out = phone
        .command()
        .args(["--key-file", &wrong, "caseload"])
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
    assert!(err.contains("does not open"), "{err}");
    assert!(
        !err.to_lowercase().contains("sqlcipher") && !err.contains("ERROR CORE"),
        "{err}"
    );

    // A lost key: a clear error naming where it was, and no new key over the old data.
    std::fs::rename(&key_path, phone.dir.path().join("moved.key")).unwrap();
    let out = phone.raw(&["caseload"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(err.contains(&key_path.display().to_string()), "{err}");
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the store is untouched"
    );
    assert_eq!(
        std::fs::read_to_string(data.join("store-key.toml")).unwrap(),
        location,
        "the record of where the key is stays"
    );
    assert_eq!(
        std::fs::read_dir(key_path.parent().unwrap())
            .unwrap()
            .count(),
        0,
        "no new key was made"
    );
    std::fs::rename(phone.dir.path().join("moved.key"), &key_path).unwrap();
    assert_eq!(phone.run(&["caseload"]).as_array().unwrap().len(), 1);
}

#[test]
fn a_store_kept_in_plain_text_is_encrypted_on_first_open() {
    let phone = CliPhone::new();
    std::fs::create_dir_all(phone.data()).unwrap();
    plain_store(&phone.data().join("fieldbook.db"));
    let out = phone.raw(&["caseload"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let caseload: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(caseload[0]["name"], "Zelda Quartermain");
    assert!(String::from_utf8_lossy(&out.stderr).contains("now encrypted"));
    let found = readable(&phone.data(), &[b"Zelda", b"Quartermain"]);
    assert!(found.is_empty(), "readable: {found:?}");
    assert_eq!(phone.run(&["caseload"]).as_array().unwrap().len(), 1);
}

#[test]
fn key_files_are_named_by_flag_or_environment_never_inside_the_data() {
    let phone = CliPhone::new();
    let inside = phone.data().join("store.key");
    let out = phone
        .command()
        .args(["--key-file", inside.to_str().unwrap(), "caseload"])
        .output()
        .unwrap();
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("inside the data directory"));

    let elsewhere = phone.dir.path().join("keys").join("phone.key");
    let out = phone
        .command()
        .env("FIELDBOOK_KEY_FILE", &elsewhere)
        .args(["seeker", "add", "--name", "Ivy Hale"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(mode(&elsewhere), 0o600);
    assert_eq!(mode(elsewhere.parent().unwrap()), 0o700);
    // Recorded, so the next command finds it without being told.
    assert_eq!(phone.run(&["caseload"]).as_array().unwrap().len(), 1);
    assert!(
        !phone.home().join(".config").exists(),
        "no second key was made"
    );
}
