//! Helpers for end-to-end tests: a real `fieldbook-server` process on loopback with its own
//! data directory, admin commands run as the IT person would, and phones (core stores)
//! enrolled with real codes.
//!
//! The binaries are found next to the test executable's target directory; the README's
//! test command builds them first (`cargo build --workspace`).

pub mod cli;

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use fieldbook_core::{Enrollment, Store};
use serde_json::Value;

pub mod balancer;
pub mod forge;
pub mod postgres;
pub mod raw;

/// A built binary of the workspace (`fieldbook-server`, `fieldbook`): beside the test
/// executable, or in `FIELDBOOK_BIN_DIR` (the test command points it at the release build to
/// run the hostile-input tests against release binaries too: a `debug_assert!` in a dependency
/// can hide what a release build does).
pub fn binary(name: &str) -> PathBuf {
    let dir = match std::env::var_os("FIELDBOOK_BIN_DIR") {
        Some(d) => PathBuf::from(d),
        None => {
            let exe = std::env::current_exe().expect("test executable path");
            let mut dir = exe.parent().expect("deps dir").to_path_buf();
            if dir.ends_with("deps") {
                dir.pop();
            }
            dir
        }
    };
    let path = dir.join(name);
    assert!(
        path.exists(),
        "{} is missing: run `cargo build --workspace` first (./scripts/test does)",
        path.display()
    );
    path
}

/// An HTTP client for tests (ring as TLS crypto, as the shipped code installs it).
pub fn http() -> reqwest::blocking::Client {
    http_builder().build().expect("client")
}

/// A builder for a test HTTP client, with ring installed as TLS crypto.
pub fn http_builder() -> reqwest::blocking::ClientBuilder {
    fieldbook_core::install_crypto();
    reqwest::blocking::Client::builder()
}

/// A port free right now on loopback.
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

/// A running `fieldbook-server serve` process.
pub struct Server {
    child: Option<Child>,
    /// The server's data directory (kept across restarts).
    pub data: PathBuf,
    pub port: u16,
    /// What `--demo` printed before "listening".
    pub banner: String,
    demo: bool,
    /// `(certificate, key)` PEM files: serve HTTPS.
    tls: Option<(PathBuf, PathBuf)>,
    /// More `serve` arguments.
    extra: Vec<String>,
    /// Environment variables for the server process.
    env: Vec<(String, String)>,
    /// A PostgreSQL database (`--database`) instead of the data directory.
    database: Option<String>,
    _dir: Option<tempfile::TempDir>,
}

impl Server {
    /// Starts a server on a fresh data directory.
    pub fn start() -> Server {
        Self::start_with(false)
    }

    /// Starts a server seeded with the demo program.
    pub fn start_demo() -> Server {
        Self::start_with(true)
    }

    /// Starts a server serving HTTPS with this certificate chain and key (PEM).
    pub fn start_tls(cert_pem: &str, key_pem: &str) -> Server {
        Self::start_full(false, Some((cert_pem, key_pem)))
    }

    fn start_with(demo: bool) -> Server {
        Self::start_full(demo, None)
    }

    /// Starts a demo server with more `serve` arguments.
    pub fn start_demo_with(extra: &[&str]) -> Server {
        let mut server = Self::new_unstarted(true, None);
        server.extra = extra.iter().map(|s| s.to_string()).collect();
        server.spawn();
        server
    }

    /// Starts a server on a fresh data directory with these environment variables.
    pub fn start_with_env(env: &[(&str, &str)]) -> Server {
        let mut server = Self::new_unstarted(false, None);
        server.env = env
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        server.spawn();
        server
    }

    /// Starts a server node on the PostgreSQL database `url` (several may share one), seeded
    /// with the demo program when `demo`.
    pub fn start_on_database(url: &str, demo: bool) -> Server {
        let mut server = Self::new_unstarted(demo, None);
        server.database = Some(url.to_string());
        server.spawn();
        server
    }

    /// Starts a server node on the PostgreSQL database `url`, listening on `port` (where
    /// another server listened before: its phones keep their address).
    pub fn start_on_database_port(url: &str, port: u16) -> Server {
        let mut server = Self::new_unstarted(false, None);
        server.database = Some(url.to_string());
        server.port = port;
        server.spawn();
        server
    }

    /// The command-line arguments naming where this server keeps its data.
    fn store_args(&self) -> Vec<std::ffi::OsString> {
        match &self.database {
            Some(url) => vec!["--database".into(), url.into()],
            None => vec!["--data".into(), self.data.clone().into_os_string()],
        }
    }

    fn start_full(demo: bool, tls: Option<(&str, &str)>) -> Server {
        let mut server = Self::new_unstarted(demo, tls);
        server.spawn();
        server
    }

    fn new_unstarted(demo: bool, tls: Option<(&str, &str)>) -> Server {
        let dir = tempfile::tempdir().expect("temp dir");
        let tls = tls.map(|(cert, key)| {
            let (c, k) = (dir.path().join("cert.pem"), dir.path().join("key.pem"));
            std::fs::write(&c, cert).expect("write cert");
            std::fs::write(&k, key).expect("write key");
            (c, k)
        });
        Server {
            child: None,
            data: dir.path().join("server"),
            port: free_port(),
            banner: String::new(),
            demo,
            tls,
            extra: Vec::new(),
            env: Vec::new(),
            database: None,
            _dir: Some(dir),
        }
    }

    /// `http://127.0.0.1:PORT`, or `https://localhost:PORT` when serving TLS.
    pub fn url(&self) -> String {
        match self.tls {
            Some(_) => format!("https://localhost:{}", self.port),
            None => format!("http://127.0.0.1:{}", self.port),
        }
    }

    fn spawn(&mut self) {
        let mut cmd = Command::new(binary("fieldbook-server"));
        cmd.args(self.store_args())
            .args(["serve", "--listen", &format!("127.0.0.1:{}", self.port)])
            .env("RUST_LOG", "warn")
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        if self.demo {
            cmd.arg("--demo");
        }
        if let Some((cert, key)) = &self.tls {
            cmd.arg("--tls-cert").arg(cert).arg("--tls-key").arg(key);
        }
        cmd.args(&self.extra);
        cmd.envs(self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let mut child = cmd.spawn().expect("start fieldbook-server");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut banner = String::new();
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if line.contains("listening on") {
                    let _ = tx.send(banner.clone());
                }
                banner.push_str(&line);
                banner.push('\n');
            }
        });
        self.banner = rx
            .recv_timeout(Duration::from_secs(120))
            .expect("server did not start listening");
        self.child = Some(child);
    }

    /// The server process's peak resident memory so far (kB, `VmHWM`).
    pub fn peak_memory_kb(&self) -> u64 {
        let pid = self.child.as_ref().expect("server running").id();
        std::fs::read_to_string(format!("/proc/{pid}/status"))
            .expect("process status")
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmHWM")
    }

    /// Kills the process at once (SIGKILL), as a crash would.
    pub fn kill(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }

    /// Asks the server to stop (SIGTERM), as a service manager would, and waits for it.
    pub fn terminate(&mut self) -> std::process::ExitStatus {
        let mut child = self.child.take().expect("server running");
        Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .expect("kill -TERM");
        child.wait().expect("server exit")
    }

    /// Starts the server again on the same data directory and port.
    pub fn restart(&mut self) {
        self.kill();
        self.spawn();
    }

    /// Runs `fieldbook-server admin --json ARGS` on this server's data; panics on failure.
    pub fn admin(&self, args: &[&str]) -> Value {
        let out = self.admin_raw(args);
        assert!(
            out.status.success(),
            "admin {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("admin --json prints JSON")
    }

    /// Runs an admin command and returns its raw output, success or not.
    pub fn admin_raw(&self, args: &[&str]) -> std::process::Output {
        Command::new(binary("fieldbook-server"))
            .args(self.store_args())
            .arg("admin")
            .arg("--json")
            .args(args)
            .output()
            .expect("run fieldbook-server admin")
    }

    /// Runs an admin command with `input` on its standard input; panics on failure.
    pub fn admin_with_input(&self, args: &[&str], input: &str) -> Value {
        use std::io::Write;
        let mut child = Command::new(binary("fieldbook-server"))
            .args(self.store_args())
            .arg("admin")
            .arg("--json")
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run fieldbook-server admin");
        child
            .stdin
            .take()
            .expect("stdin")
            .write_all(input.as_bytes())
            .expect("write stdin");
        let out = child.wait_with_output().expect("admin output");
        assert!(
            out.status.success(),
            "admin {args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("admin --json prints JSON")
    }

    /// The id of the account named `name`.
    pub fn user_id(&self, name: &str) -> String {
        self.admin(&["user", "list"])
            .as_array()
            .expect("users")
            .iter()
            .find(|u| u["name"] == name)
            .and_then(|u| u["id"].as_str())
            .unwrap_or_else(|| panic!("no user {name}"))
            .to_string()
    }

    /// A new one-time code for `user`.
    pub fn code(&self, user: &str) -> String {
        self.admin(&["enroll-code", "--user", user])["code"]
            .as_str()
            .expect("code")
            .to_string()
    }

    /// Every write the server has audited (accepted changes, enrollments, assignments,
    /// revocations; not the `serve` lines of reads), to check that refused requests changed
    /// nothing.
    pub fn state(&self) -> String {
        // Every accepted change, assignment and enrollment writes an audit line; `serve`
        // lines are reads and `refuse` lines record what was turned away: both are left out.
        let writes: Vec<Value> = self
            .audit()
            .into_iter()
            .filter(|r| r["action"] != "serve" && r["action"] != "refuse")
            .collect();
        serde_json::to_string(&writes).expect("json")
    }

    /// Gives `user` (a supervisor or admin) the web login `login` and signs in: the session
    /// token.
    pub fn web_session(&self, user: &str, login: &str) -> String {
        let password = "a long passphrase for tests";
        self.admin_with_input(
            &["user", "password", "--user", user, "--login", login],
            &format!("{password}\n"),
        );
        let signed_in = http_builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client")
            .post(format!("{}/login", self.url()))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(format!(
                "login={login}&password={}",
                password.replace(' ', "+")
            ))
            .send()
            .expect("sign in");
        assert_eq!(signed_in.status().as_u16(), 303, "signed in");
        signed_in.headers()["set-cookie"]
            .to_str()
            .expect("cookie")
            .split(';')
            .next()
            .expect("cookie value")
            .trim_start_matches("fieldbook_session=")
            .to_string()
    }

    /// GETs `path` with a web session: status and body.
    pub fn get(&self, path: &str, session: &str) -> (u16, String) {
        let resp = http()
            .get(format!("{}{path}", self.url()))
            .header("cookie", format!("fieldbook_session={session}"))
            .send()
            .expect("GET");
        (resp.status().as_u16(), resp.text().unwrap_or_default())
    }

    /// The whole audit log, newest first (`admin audit --json`).
    pub fn audit(&self) -> Vec<Value> {
        let out = Command::new(binary("fieldbook-server"))
            .args(self.store_args())
            .args(["admin", "--json", "audit", "--limit", "100000"])
            .output()
            .expect("audit");
        let audit: Value = serde_json::from_slice(&out.stdout).expect("audit json");
        audit.as_array().expect("array").clone()
    }
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server")
            .field("url", &self.url())
            .field("data", &self.data)
            .finish()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.kill();
    }
}

#[derive(Debug)]
/// A team made with admin commands: a supervisor and `specialists` specialists.
pub struct Team {
    pub id: String,
    pub supervisor: String,
    pub specialists: Vec<String>,
}

impl Team {
    /// Creates the team on `server`.
    pub fn create(server: &Server, specialists: usize) -> Team {
        let id = server.admin(&["team", "add", "Test team"])["id"]
            .as_str()
            .expect("team id")
            .to_string();
        let user = |name: &str, role: &str| {
            server.admin(&["user", "add", "--team", &id, "--name", name, "--role", role])["id"]
                .as_str()
                .expect("user id")
                .to_string()
        };
        let supervisor = user("Sue Pervisor", "supervisor");
        let specialists = (0..specialists)
            .map(|i| user(&format!("Specialist {i}"), "specialist"))
            .collect();
        Team {
            id,
            supervisor,
            specialists,
        }
    }

    /// Adds a job seeker's account reading record `seeker`.
    pub fn add_seeker_account(&self, server: &Server, seeker: &str) -> String {
        server.admin(&[
            "user",
            "add",
            "--team",
            &self.id,
            "--name",
            "Job Seeker",
            "--role",
            "seeker",
            "--seeker",
            seeker,
        ])["id"]
            .as_str()
            .expect("user id")
            .to_string()
    }
}

/// A phone: a core store in its own directory.
pub struct Phone {
    pub store: Store,
    pub dir: tempfile::TempDir,
}

impl Phone {
    /// A new, not yet enrolled phone.
    pub fn new() -> Phone {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::open(dir.path().join("phone.db"), None).expect("open store");
        Phone { store, dir }
    }

    /// A phone enrolled on `server` as `user`.
    pub fn enrolled(server: &Server, user: &str) -> Phone {
        let phone = Phone::new();
        phone.enroll(server, &server.code(user)).expect("enroll");
        phone
    }

    /// Enrolls this phone on `server` with `code`.
    pub fn enroll(
        &self,
        server: &Server,
        code: &str,
    ) -> fieldbook_core::Result<fieldbook_core::Identity> {
        self.store.enroll(&Enrollment {
            server_url: server.url(),
            code: code.into(),
            device_name: "test phone".into(),
            ca_certificate_pem: None,
        })
    }

    /// Path of the store's file.
    pub fn path(&self) -> &Path {
        self.store.path()
    }
}

impl std::fmt::Debug for Phone {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Phone").field("path", &self.path()).finish()
    }
}

impl Default for Phone {
    fn default() -> Self {
        Phone::new()
    }
}

/// Quick domain fixtures for tests and benches.
pub mod fixtures {
    use chrono::{Duration, Local, NaiveDate};
    use fieldbook_core::ids::{EmployerId, SeekerId, StepId, VisitId};
    use fieldbook_core::model::{
        ContactMode, EmployerInfo, SeekerProfile, StepOwner, VisitPurpose,
    };
    use fieldbook_core::{today, NewEmployer, NewSeeker, NewStep, NewVisit, Store};

    /// A new employer named `name`.
    pub fn employer(store: &Store, name: &str) -> EmployerId {
        store
            .create_employer(NewEmployer {
                id: None,
                info: EmployerInfo {
                    name: name.into(),
                    industry: Some("retail".into()),
                    ..Default::default()
                },
            })
            .expect("create employer")
    }

    /// A new job seeker referred a week ago.
    pub fn seeker(store: &Store, name: &str) -> SeekerId {
        store
            .create_seeker(NewSeeker {
                id: None,
                profile: SeekerProfile {
                    name: name.into(),
                    referral_date: Some(today() - Duration::days(7)),
                    first_meeting: Some(today() - Duration::days(5)),
                    ..Default::default()
                },
                status: None,
                status_date: None,
            })
            .expect("create seeker")
    }

    /// `employers` new employers, each with `visits_each` visits whose outcome is `note_len`
    /// characters of pseudo-random text (which compresses about as badly as real notes): a
    /// team large enough that a new phone's first sync takes several 4 MB answer pages.
    pub fn employers_with_long_notes(
        store: &Store,
        employers: usize,
        visits_each: usize,
        note_len: usize,
    ) {
        let mut rng = 0x2545_f491_4f6c_dd1du64;
        let mut text = |n: usize| -> String {
            (0..n)
                .map(|_| {
                    rng ^= rng << 13;
                    rng ^= rng >> 7;
                    rng ^= rng << 17;
                    char::from(b"abcdefghijklmnopqrstuvwxyz0123456789 "[(rng % 37) as usize])
                })
                .collect()
        };
        for e in 0..employers {
            let id = employer(store, &format!("Employer {e}"));
            for _ in 0..visits_each {
                store
                    .log_visit(new_visit(id, &text(note_len)))
                    .expect("log visit");
            }
        }
    }

    /// A face-to-face visit at `employer` this morning, discussing `seekers`.
    pub fn visit(store: &Store, employer: EmployerId, seekers: &[SeekerId], note: &str) -> VisitId {
        store
            .log_visit(NewVisit {
                specialist: store.identity().user_id,
                seekers: seekers.to_vec(),
                ..new_visit(employer, note)
            })
            .expect("log visit")
    }

    /// A face-to-face general contact at `employer` this morning, noting `note`.
    pub fn new_visit(employer: EmployerId, note: &str) -> NewVisit {
        NewVisit {
            id: None,
            employer_id: employer,
            at: Local::now().fixed_offset() - Duration::minutes(30),
            specialist: None,
            contact_id: None,
            location: None,
            mode: ContactMode::InPerson,
            purpose: VisitPurpose::LearnBusinessNeeds,
            seekers: Vec::new(),
            followed_preference: Some(true),
            outcome: Some(note.into()),
            next_step: None,
            next_step_date: None,
        }
    }

    /// A plan step due in a week.
    pub fn step(store: &Store, seeker: SeekerId, what: &str) -> StepId {
        store
            .add_step(
                seeker,
                NewStep {
                    id: None,
                    what: what.into(),
                    who: StepOwner::Seeker,
                    due: Some(today() + Duration::days(7)),
                },
            )
            .expect("add step")
    }

    /// A date `days` ago.
    pub fn days_ago(days: i64) -> NaiveDate {
        today() - Duration::days(days)
    }
}

/// A headless Chromium driven over the WebDriver protocol (Debian's `chromium` and
/// `chromium-driver`), for the dashboard's browser test.
pub mod browser {
    use std::process::{Child, Command, Stdio};
    use std::time::{Duration, Instant};

    use serde_json::{json, Value};

    /// A ChromeDriver process with one browser session.
    pub struct Browser {
        driver: Child,
        base: String,
        session: String,
        http: reqwest::blocking::Client,
        _profile: tempfile::TempDir,
    }

    impl std::fmt::Debug for Browser {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.debug_struct("Browser").field("base", &self.base).finish()
        }
    }

    impl Browser {
        /// Starts ChromeDriver and a headless Chromium that reaches nothing but loopback.
        pub fn start() -> Browser {
            let driver_bin = which("chromedriver");
            let chromium = which("chromium");
            let port = super::free_port();
            let driver = Command::new(driver_bin)
                .arg(format!("--port={port}"))
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .expect("start chromedriver");
            let base = format!("http://127.0.0.1:{port}");
            let http = crate::http_builder()
                .timeout(Duration::from_secs(60))
                .build()
                .expect("client");
            let deadline = Instant::now() + Duration::from_secs(30);
            while http.get(format!("{base}/status")).send().is_err() {
                assert!(Instant::now() < deadline, "chromedriver did not start");
                std::thread::sleep(Duration::from_millis(100));
            }
            let profile = tempfile::tempdir().expect("profile dir");
            let caps = json!({"capabilities": {"alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": {
                    "binary": chromium,
                    "args": [
                        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                        "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync",
                        "--window-size=1200,2400",
                        format!("--user-data-dir={}", profile.path().display()),
                    ]
                }
            }}});
            let mut b = Browser {
                driver,
                base,
                session: String::new(),
                http,
                _profile: profile,
            };
            let created = b.call("POST", "/session", caps);
            b.session = created["sessionId"]
                .as_str()
                .expect("session id")
                .to_string();
            b
        }

        fn try_call(&self, method: &str, path: &str, body: Value) -> Result<Value, String> {
            let url = format!("{}{}", self.base, path);
            let req = match method {
                "GET" => self.http.get(url),
                "DELETE" => self.http.delete(url),
                _ => self
                    .http
                    .post(url)
                    .header("content-type", "application/json")
                    .body(body.to_string()),
            };
            let resp = req.send().map_err(|e| e.to_string())?;
            let status = resp.status();
            let bytes = resp.bytes().map_err(|e| e.to_string())?;
            let v: Value = serde_json::from_slice(&bytes).map_err(|e| e.to_string())?;
            if status.is_success() {
                Ok(v["value"].clone())
            } else {
                Err(format!("webdriver {method} {path}: {v}"))
            }
        }

        fn call(&self, method: &str, path: &str, body: Value) -> Value {
            self.try_call(method, path, body)
                .unwrap_or_else(|e| panic!("{e}"))
        }

        fn session_path(&self, rest: &str) -> String {
            format!("/session/{}{rest}", self.session)
        }

        /// Opens `url`.
        pub fn goto(&self, url: &str) {
            self.call("POST", &self.session_path("/url"), json!({"url": url}));
        }

        /// The current address.
        pub fn url(&self) -> String {
            self.call("GET", &self.session_path("/url"), Value::Null)
                .as_str()
                .unwrap_or("")
                .to_string()
        }

        fn element(&self, css: &str) -> String {
            let v = self.call(
                "POST",
                &self.session_path("/element"),
                json!({"using": "css selector", "value": css}),
            );
            v.as_object()
                .and_then(|o| o.values().next())
                .and_then(Value::as_str)
                .expect("element id")
                .to_string()
        }

        /// Types `text` into the element matching `css`.
        pub fn type_into(&self, css: &str, text: &str) {
            let id = self.element(css);
            self.call(
                "POST",
                &self.session_path(&format!("/element/{id}/value")),
                json!({"text": text}),
            );
        }

        /// Clicks the element matching `css`.
        pub fn click(&self, css: &str) {
            let id = self.element(css);
            self.call(
                "POST",
                &self.session_path(&format!("/element/{id}/click")),
                json!({}),
            );
        }

        /// Runs `script` (a function body) in the page and returns its result.
        pub fn eval(&self, script: &str) -> Value {
            self.call(
                "POST",
                &self.session_path("/execute/sync"),
                json!({"script": script, "args": []}),
            )
        }

        /// Waits until `script` (a function body returning a boolean) is true in the page: a
        /// click that submits a form returns before the next page has loaded.
        pub fn wait_until(&self, script: &str) {
            let deadline = Instant::now() + Duration::from_secs(30);
            loop {
                let done =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.eval(script)))
                        .map(|v| v == Value::Bool(true))
                        .unwrap_or(false);
                if done {
                    return;
                }
                assert!(Instant::now() < deadline, "page never satisfied: {script}");
                std::thread::sleep(Duration::from_millis(100));
            }
        }

        /// Sets cookie `name` for the page's site (open a page of the site first).
        pub fn set_cookie(&self, name: &str, value: &str) {
            self.call(
                "POST",
                &self.session_path("/cookie"),
                json!({"cookie": {"name": name, "value": value, "path": "/"}}),
            );
        }

        /// Accepts the open `confirm()` dialog (a form asking "are you sure?").
        pub fn accept_dialog(&self) {
            let deadline = Instant::now() + Duration::from_secs(10);
            while let Err(e) = self.try_call("POST", &self.session_path("/alert/accept"), json!({}))
            {
                assert!(Instant::now() < deadline, "no dialog to accept: {e}");
                std::thread::sleep(Duration::from_millis(100));
            }
        }

        /// Resizes the window to `width` × `height` CSS pixels (375 wide: a phone).
        pub fn set_window_size(&self, width: u32, height: u32) {
            self.call(
                "POST",
                &self.session_path("/window/rect"),
                json!({"width": width, "height": height}),
            );
        }

        /// A PNG screenshot of the window.
        pub fn screenshot(&self) -> Vec<u8> {
            use base64::Engine;
            let v = self.call("GET", &self.session_path("/screenshot"), Value::Null);
            base64::engine::general_purpose::STANDARD
                .decode(v.as_str().expect("base64 PNG"))
                .expect("PNG bytes")
        }

        /// Lays the page out as for printing (CSS `@media print`) or back for the screen,
        /// through Chromium's DevTools protocol.
        pub fn emulate_print(&self, print: bool) {
            self.call(
                "POST",
                &self.session_path("/goog/cdp/execute"),
                json!({"cmd": "Emulation.setEmulatedMedia",
                       "params": {"media": if print { "print" } else { "" }}}),
            );
        }

        /// The page printed to PDF (WebDriver's Print Page, A4 portrait).
        pub fn print_pdf(&self) -> Vec<u8> {
            use base64::Engine;
            let v = self.call(
                "POST",
                &self.session_path("/print"),
                json!({"page": {"width": 21.0, "height": 29.7}}),
            );
            base64::engine::general_purpose::STANDARD
                .decode(v.as_str().expect("base64 PDF"))
                .expect("PDF bytes")
        }

        /// The value of cookie `name`, if set.
        pub fn cookie(&self, name: &str) -> Option<String> {
            let all = self.call("GET", &self.session_path("/cookie"), Value::Null);
            all.as_array()?
                .iter()
                .find(|c| c["name"] == name)
                .and_then(|c| c["value"].as_str())
                .map(str::to_string)
        }
    }

    impl Drop for Browser {
        fn drop(&mut self) {
            if !self.session.is_empty() {
                let _ = self
                    .http
                    .delete(format!("{}/session/{}", self.base, self.session))
                    .send();
            }
            let _ = self.driver.kill();
            let _ = self.driver.wait();
        }
    }

    fn which(name: &str) -> String {
        for dir in ["/usr/bin", "/usr/local/bin", "/usr/lib/chromium"] {
            let p = std::path::Path::new(dir).join(name);
            if p.exists() {
                return p.display().to_string();
            }
        }
        panic!("{name} is missing: install Debian's chromium and chromium-driver (./scripts/test does)");
    }
}
