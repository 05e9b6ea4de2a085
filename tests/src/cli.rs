//! A `fieldbook` terminal phone in its own directory, run as a user runs it. By default it is
//! given no key file: its key goes where a headless machine puts it (a private file under
//! the phone's own `HOME`), never into the developer's keyring or home.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

use crate::binary;

/// One terminal phone.
#[derive(Debug)]
pub struct CliPhone {
    pub dir: tempfile::TempDir,
    key_file: bool,
}

impl Default for CliPhone {
    fn default() -> Self {
        Self::new()
    }
}

impl CliPhone {
    /// A phone that keeps its key where `fieldbook` chooses (no `--key-file`).
    pub fn new() -> CliPhone {
        CliPhone {
            dir: tempfile::tempdir().expect("temp dir"),
            key_file: false,
        }
    }

    /// A phone given `--key-file` (beside, not inside, its data directory).
    pub fn with_key_file() -> CliPhone {
        CliPhone {
            key_file: true,
            ..CliPhone::new()
        }
    }

    /// The data directory (`--data`).
    pub fn data(&self) -> PathBuf {
        self.dir.path().join("phone")
    }

    /// The phone's home directory (where a key file goes without a keyring).
    pub fn home(&self) -> PathBuf {
        self.dir.path().join("home")
    }

    /// The key file given with `--key-file`.
    pub fn key_file(&self) -> PathBuf {
        self.dir.path().join("store.key")
    }

    /// `fieldbook --data DIR [--key-file K]` with an environment of its own: no session
    /// bus (so no keyring), `HOME` in the phone's directory.
    pub fn command(&self) -> Command {
        let home = self.home();
        std::fs::create_dir_all(&home).expect("home dir");
        let mut cmd = Command::new(binary("fieldbook"));
        cmd.current_dir(self.dir.path())
            .env("HOME", &home)
            .env("XDG_RUNTIME_DIR", &home)
            .env_remove("XDG_CONFIG_HOME")
            .env_remove("DBUS_SESSION_BUS_ADDRESS")
            .env_remove("FIELDBOOK_KEY_FILE")
            .env_remove("FIELDBOOK_PHONE")
            // The core's log only when a test asks for it (`-v`).
            .env_remove("RUST_LOG")
            .arg("--data")
            .arg(self.data());
        if self.key_file {
            cmd.arg("--key-file").arg(self.key_file());
        }
        cmd
    }

    /// Runs a shell line as written in the docs (`fieldbook seeker add …`), with
    /// `fieldbook` standing for this phone (its binary, data directory and environment).
    pub fn shell(&self, line: &str) -> Output {
        let home = self.home();
        std::fs::create_dir_all(&home).expect("home dir");
        let bin = binary("fieldbook");
        let line = line.replacen("fieldbook ", &format!("{} ", bin.display()), 1);
        let mut cmd = Command::new("bash");
        cmd.arg("-c")
            .arg(&line)
            .current_dir(self.dir.path())
            .env("HOME", &home)
            .env("XDG_RUNTIME_DIR", &home)
            .env("FIELDBOOK_PHONE", self.data())
            .env_remove("XDG_CONFIG_HOME")
            .env_remove("DBUS_SESSION_BUS_ADDRESS")
            .env_remove("FIELDBOOK_KEY_FILE");
        cmd.output().expect("run bash")
    }

    /// Runs a command with `--json`, success or not.
    pub fn raw(&self, args: &[&str]) -> Output {
        self.command()
            .arg("--json")
            .args(args)
            .output()
            .expect("run fieldbook")
    }

    /// Runs a command that must succeed; returns its JSON.
    pub fn run(&self, args: &[&str]) -> Value {
        let out = self.raw(args);
        assert!(
            out.status.success(),
            "fieldbook {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout)
            .unwrap_or_else(|e| panic!("{args:?}: {e}: {}", String::from_utf8_lossy(&out.stdout)))
    }

    /// Runs a command whose JSON is wanted whether it succeeds or not (an import that
    /// refuses some lines).
    pub fn report(&self, args: &[&str]) -> (bool, Value) {
        let out = self.raw(args);
        let value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "{args:?}: {e}: {} / {}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
        });
        (out.status.success(), value)
    }

    /// Enrolls with `server` using `code`.
    pub fn enroll(&self, server: &crate::Server, code: &str) -> Value {
        self.run(&[
            "enroll",
            "--server",
            &server.url(),
            "--code",
            code,
            "--device-name",
            "cli",
        ])
    }

    /// Writes a file into the phone's directory; returns its path.
    pub fn write(&self, name: &str, text: &str) -> String {
        let path = self.dir.path().join(name);
        std::fs::write(&path, text).expect("write file");
        path.to_string_lossy().into_owned()
    }

    /// Copies a committed fixture (tests/fixtures/import) into the phone's directory.
    pub fn fixture(&self, name: &str) -> String {
        let from = fixtures().join(name);
        let to = self.dir.path().join(name);
        std::fs::copy(&from, &to).unwrap_or_else(|e| panic!("{}: {e}", from.display()));
        to.to_string_lossy().into_owned()
    }
}

/// The committed import fixtures.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/import")
}
