//! Server at program scale (issues 17 and 16): real `fieldbook-server` processes on
//! loopback, a program seeded through the sync service itself, and phones speaking the
//! protocol over HTTP from a load generator in this process (requests pre-encoded, so the
//! figures are the server's). Prints one table, a column per setup — one node on SQLite, and
//! when a PostgreSQL cluster is there (`scripts/with-postgres`) one node and two nodes on
//! PostgreSQL, the phones' requests spread over the nodes as a balancer would: steady-state
//! syncs/s, p50/p99 and server CPU per sync at two program sizes, accepted visits/s with 20
//! phones pushing, latency at 80 % of the maximum rate, the report API's latency, and (SQLite)
//! push cost by the employer's history.
//!
//! Run: `scripts/with-postgres cargo bench --workspace --bench load` (release), or without
//! `scripts/with-postgres` for the SQLite column alone. `FIELDBOOK_LOAD_SECONDS` sets the
//! length of each measured run (default 8); `FIELDBOOK_LOAD_ONLY` picks parts by name
//! (`1 team`, `50 teams`, `history`) and `FIELDBOOK_LOAD_SETUPS` setups by name
//! (`PostgreSQL`, `1 core`, …). A setup "on 1 core" keeps node `i` on CPU `i`; run the bench
//! itself under `taskset -c 1` as well to give the load generator the other core, so the
//! latencies are the server's and not two programs' competing for the same cores.

mod program;

use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use fieldbook_core::ids::UserId;
use fieldbook_core::protocol::{
    self, SyncResponse, PROTOCOL_VERSION, SYNC_CONTENT_TYPE, VERSION_HEADER,
};
use fieldbook_server::db::Location;
use fieldbook_test_support::postgres::Scratch;

use program::{seed, Phone};

/// Where a setup's data lives, removed when dropped.
enum Store {
    Sqlite(tempfile::TempDir),
    Postgres(Scratch),
}

impl Store {
    fn location(&self) -> Location {
        match self {
            Store::Sqlite(dir) => Location::Sqlite(dir.path().to_path_buf()),
            Store::Postgres(db) => Location::Postgres(db.url().to_string()),
        }
    }

    /// The server's command-line arguments that name it.
    fn args(&self) -> Vec<String> {
        match self {
            Store::Sqlite(dir) => vec!["--data".into(), dir.path().display().to_string()],
            Store::Postgres(db) => vec!["--database".into(), db.url().to_string()],
        }
    }
}

/// A setup compared side by side: the backend and how many nodes serve it.
#[derive(Clone, Copy)]
struct Setup {
    name: &'static str,
    postgres: bool,
    nodes: usize,
    /// Each node kept to one core of its own (node `i` on CPU `i`), standing in for a machine
    /// per node: what a second node adds when it brings its own CPU, which on this shared
    /// two-core machine nothing else can show.
    pinned: bool,
}

impl Setup {
    fn store(&self) -> Store {
        if self.postgres {
            Store::Postgres(Scratch::database().expect("a PostgreSQL cluster"))
        } else {
            Store::Sqlite(tempfile::tempdir().expect("dir"))
        }
    }
}

/// One server process.
struct Running {
    child: Child,
    url: String,
}

impl Running {
    fn start(store: &Store, cpu: Option<usize>) -> Running {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("port")
            .port();
        let server = env!("CARGO_BIN_EXE_fieldbook-server");
        // `taskset` execs the server in its own process, so the child's pid is the server's.
        let mut command = match cpu {
            Some(cpu) => {
                let mut c = Command::new("taskset");
                c.args(["-c", &cpu.to_string(), server]);
                c
            }
            None => Command::new(server),
        };
        let mut child = command
            .args(store.args())
            .args(["serve", "--listen", &format!("127.0.0.1:{port}")])
            .env("RUST_LOG", "error")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("server");
        use std::io::BufRead;
        let stdout = child.stdout.take().expect("stdout");
        let mut lines = std::io::BufReader::new(stdout).lines();
        for line in lines.by_ref() {
            if line.expect("line").contains("listening on") {
                break;
            }
        }
        std::thread::spawn(move || for _ in lines {});
        eprintln!("server pid {}", child.id());
        Running {
            child,
            url: format!("http://127.0.0.1:{port}"),
        }
    }

    /// CPU seconds the server has used (user + system).
    fn cpu_seconds(&self) -> f64 {
        let stat =
            std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).expect("stat");
        let fields: Vec<&str> = stat
            .rsplit(')')
            .next()
            .unwrap_or("")
            .split_whitespace()
            .collect();
        let ticks: f64 =
            fields[11].parse::<f64>().unwrap_or(0.0) + fields[12].parse::<f64>().unwrap_or(0.0);
        ticks / 100.0
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The nodes of a setup. A phone's requests go to node `phone mod nodes`, as a balancer with
/// affinity (by token, say) would send them, so each node keeps its own phones' documents
/// warm; correctness does not depend on it (`tests/tests/nodes.rs` routes at random).
struct Nodes(Vec<Running>);

impl Nodes {
    fn start(store: &Store, setup: Setup) -> Nodes {
        Nodes(
            (0..setup.nodes)
                .map(|i| Running::start(store, setup.pinned.then_some(i)))
                .collect(),
        )
    }

    fn url(&self, n: u64) -> &str {
        &self.0[n as usize % self.0.len()].url
    }

    fn urls(&self) -> Arc<Vec<String>> {
        Arc::new(self.0.iter().map(|r| r.url.clone()).collect())
    }

    /// CPU seconds all nodes have used (the database's own processes not counted).
    fn cpu_seconds(&self) -> f64 {
        self.0.iter().map(Running::cpu_seconds).sum()
    }

    /// Waits until the nodes are done starting up (each warms its report cache in the
    /// background, seconds of CPU at program size), so no measure counts that work.
    fn settle(&self) {
        let step = Duration::from_millis(250);
        let until = Instant::now() + Duration::from_secs(120);
        let mut before = self.cpu_seconds();
        while Instant::now() < until {
            std::thread::sleep(step);
            let now = self.cpu_seconds();
            if now - before < 0.01 {
                return;
            }
            before = now;
        }
        eprintln!("nodes still busy after 120 s; measuring anyway");
    }
}

/// The whole machine's CPU time so far, busy and total, in ticks (/proc/stat): how much of
/// the machine a run kept busy, the database and the load generator included.
fn machine_ticks() -> (u64, u64) {
    let stat = std::fs::read_to_string("/proc/stat").unwrap_or_default();
    let cpu: Vec<u64> = stat
        .lines()
        .next()
        .unwrap_or("")
        .split_whitespace()
        .skip(1)
        .filter_map(|f| f.parse().ok())
        .collect();
    let total: u64 = cpu.iter().sum();
    // idle and iowait
    let idle = cpu.get(3).copied().unwrap_or(0) + cpu.get(4).copied().unwrap_or(0);
    (total - idle, total)
}

/// Measures what a run costs: the nodes' CPU and the machine's busy share.
struct Meter {
    cpu: f64,
    machine: (u64, u64),
}

impl Meter {
    fn start(server: &Nodes) -> Meter {
        Meter {
            cpu: server.cpu_seconds(),
            machine: machine_ticks(),
        }
    }

    fn finish(self, server: &Nodes, latencies: Vec<f64>, seconds: f64) -> Run {
        let (busy, total) = machine_ticks();
        let (busy0, total0) = self.machine;
        Run {
            latencies,
            seconds,
            cpu: server.cpu_seconds() - self.cpu,
            busy: (busy - busy0) as f64 / (total - total0).max(1) as f64,
        }
    }
}

/// One sync over HTTP: the decoded answer.
async fn post(client: &reqwest::Client, url: &str, token: &str, body: Vec<u8>) -> SyncResponse {
    let resp = client
        .post(format!("{url}{}", protocol::SYNC_PATH))
        .bearer_auth(token)
        .header(VERSION_HEADER, PROTOCOL_VERSION.to_string())
        .header("content-type", SYNC_CONTENT_TYPE)
        .header("content-encoding", "gzip")
        .body(body)
        .send()
        .await
        .expect("request");
    assert!(resp.status().is_success(), "{}", resp.status());
    protocol::decode(&resp.bytes().await.expect("body")).expect("answer")
}

/// Latencies of a run, in seconds, and how many requests it made.
struct Run {
    latencies: Vec<f64>,
    seconds: f64,
    /// CPU seconds the nodes used.
    cpu: f64,
    /// Share of the machine's CPU (all cores) that was busy.
    busy: f64,
}

impl Run {
    fn rate(&self) -> f64 {
        self.latencies.len() as f64 / self.seconds
    }
    fn pct(&self, p: f64) -> f64 {
        let mut l = self.latencies.clone();
        l.sort_by(|a, b| a.total_cmp(b));
        l[((l.len() as f64 - 1.0) * p) as usize] * 1000.0
    }
    fn cpu_ms_per_request(&self) -> f64 {
        self.cpu / self.latencies.len() as f64 * 1000.0
    }
}

/// Idle syncs of up-to-date phones: `clients` requests in flight, for `seconds`; or, with
/// `rate`, requests started at that fixed rate (open loop).
/// Phones syncing with nothing new over `client`: `clients` at a time, each sending its
/// next request as soon as its last is answered, or at `rate` requests a second in all
/// (open loop: a request's time counts from when it was due).
async fn idle_syncs(
    client: &reqwest::Client,
    server: &Nodes,
    phones: &[Phone],
    clients: usize,
    seconds: f64,
    rate: Option<f64>,
) -> Run {
    let bodies: Arc<Vec<(String, Vec<u8>)>> = Arc::new(
        phones
            .iter()
            .map(|p| (p.token.clone(), p.body(Vec::new())))
            .collect(),
    );
    let meter = Meter::start(server);
    let started = Instant::now();
    let deadline = started + Duration::from_secs_f64(seconds);
    let next = Arc::new(AtomicU64::new(0));
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let (client, bodies, next, urls) =
            (client.clone(), bodies.clone(), next.clone(), server.urls());
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            loop {
                let n = next.fetch_add(1, Ordering::Relaxed);
                let at = match rate {
                    Some(r) => started + Duration::from_secs_f64(n as f64 / r),
                    None => Instant::now(),
                };
                if at >= deadline {
                    return lat;
                }
                tokio::time::sleep_until(at.into()).await;
                let phone = n as usize % bodies.len();
                let (token, body) = &bodies[phone];
                let url = &urls[phone % urls.len()];
                let answer = post(&client, url, token, body.clone()).await;
                assert!(answer.docs.is_empty(), "an idle sync sends nothing");
                // From when the request was due, so a late start counts against the server.
                lat.push(at.elapsed().as_secs_f64());
            }
        }));
    }
    let mut latencies = Vec::new();
    for t in tasks {
        latencies.extend(t.await.expect("task"));
    }
    meter.finish(server, latencies, started.elapsed().as_secs_f64())
}

/// Each of `phones` pushes one visit after another for `seconds`.
async fn pushing(server: &Nodes, phones: Vec<Phone>, seconds: f64) -> (Run, Vec<Phone>) {
    let client = reqwest::Client::new();
    let meter = Meter::start(server);
    let started = Instant::now();
    let deadline = started + Duration::from_secs_f64(seconds);
    let mut tasks = Vec::new();
    for (i, mut phone) in phones.into_iter().enumerate() {
        let (client, urls) = (client.clone(), server.urls());
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut e = 0;
            let url = &urls[i % urls.len()];
            while Instant::now() < deadline {
                e = (e + 1) % phone.employers.len();
                let push = phone.visit(e);
                let body = phone.body(vec![push]);
                let sent = Instant::now();
                let answer = post(&client, url, &phone.token, body).await;
                assert!(answer.rejected.is_empty(), "{:?}", answer.rejected);
                phone.cursor = answer.cursor;
                lat.push(sent.elapsed().as_secs_f64());
            }
            (lat, phone)
        }));
    }
    let mut latencies = Vec::new();
    let mut back = Vec::new();
    for t in tasks {
        let (l, p) = t.await.expect("task");
        latencies.extend(l);
        back.push(p);
    }
    (
        meter.finish(server, latencies, started.elapsed().as_secs_f64()),
        back,
    )
}

/// The report API's latency for a supervisor of the first team: (first answer, repeated).
fn report_latency(store: &Store, server: &Nodes, supervisor: UserId) -> (f64, f64) {
    // Give the first team's supervisor a web login through the admin command.
    let mut admin = Command::new(env!("CARGO_BIN_EXE_fieldbook-server"))
        .args(store.args())
        .args([
            "admin",
            "user",
            "password",
            "--user",
            &supervisor.to_string(),
            "--login",
            "bench",
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .expect("admin");
    use std::io::Write;
    admin
        .stdin
        .take()
        .expect("stdin")
        .write_all(b"a long passphrase for the bench\n")
        .expect("password");
    admin.wait().expect("admin");
    let http = reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .expect("client");
    let login = http
        .post(format!("{}/login", server.url(0)))
        .header("content-type", "application/x-www-form-urlencoded")
        .body("login=bench&password=a+long+passphrase+for+the+bench")
        .send()
        .expect("login");
    let cookie = login.headers()["set-cookie"]
        .to_str()
        .expect("cookie")
        .split(';')
        .next()
        .expect("cookie")
        .to_string();
    let get = || {
        let t = Instant::now();
        let r = http
            .get(format!("{}/api/v1/overview", server.url(0)))
            .header("cookie", &cookie)
            .send()
            .expect("report");
        assert!(r.status().is_success(), "{}", r.status());
        r.bytes().expect("body");
        t.elapsed().as_secs_f64() * 1000.0
    };
    let first = get();
    let mut again: Vec<f64> = (0..20).map(|_| get()).collect();
    again.sort_by(|a, b| a.total_cmp(b));
    (first, again[again.len() / 2])
}

/// Mean time of `n` pushes of one visit each to an employer already holding `history` visits.
async fn push_cost(history: usize, n: usize) -> f64 {
    let store = Store::Sqlite(tempfile::tempdir().expect("dir"));
    let mut phones = tokio::task::block_in_place(|| seed(&store.location(), 1, 1, 1, 1, history));
    let server = Nodes::start(
        &store,
        Setup {
            name: "history",
            postgres: false,
            nodes: 1,
            pinned: false,
        },
    );
    let mut phone = phones.remove(1);
    let client = reqwest::Client::new();
    let mut total = 0.0;
    for i in 0..n + 20 {
        let push = phone.visit(0);
        let body = phone.body(vec![push]);
        let t = Instant::now();
        let answer = post(&client, server.url(0), &phone.token, body).await;
        if i >= 20 {
            total += t.elapsed().as_secs_f64();
        }
        phone.cursor = answer.cursor;
    }
    total / n as f64 * 1000.0
}

/// The table: a row per measure, a column per setup.
#[derive(Default)]
struct Table {
    setups: Vec<&'static str>,
    rows: Vec<(String, Vec<String>)>,
}

impl Table {
    /// Records `value` of `label` for the setup now measured (the last added).
    fn put(&mut self, label: String, value: String) {
        let column = self.setups.len() - 1;
        let at = match self.rows.iter().position(|(l, _)| *l == label) {
            Some(i) => i,
            None => {
                self.rows.push((label, Vec::new()));
                self.rows.len() - 1
            }
        };
        let (label, cells) = &mut self.rows[at];
        eprintln!("{} | {label}: {value}", self.setups[column]);
        cells.resize(column + 1, "–".into());
        cells[column] = value;
    }

    fn print(&self) {
        println!("| measure | {} |", self.setups.join(" | "));
        println!("|---|{}", "---|".repeat(self.setups.len()));
        for (label, cells) in &self.rows {
            let mut cells = cells.clone();
            cells.resize(self.setups.len(), "–".into());
            println!("| {label} | {} |", cells.join(" | "));
        }
    }
}

/// Requests in flight at most, in the run that finds the maximum rate and in the run at 80 %
/// of it: the same connections carry both, so the second asks 80 % of what they carried.
const IN_FLIGHT: usize = 64;

/// Measures one program size on one setup.
async fn measure(
    table: &mut Table,
    setup: Setup,
    label: &str,
    size: (usize, usize, usize, usize),
    seconds: f64,
) {
    let (teams, specialists, seekers, employers) = size;
    // Making and dropping a PostgreSQL database blocks: off the async workers.
    let store = tokio::task::block_in_place(|| setup.store());
    let seeding = Instant::now();
    let phones = tokio::task::block_in_place(|| {
        seed(&store.location(), teams, specialists, seekers, employers, 3)
    });
    eprintln!(
        "{}: seeded {label} in {:.1} s",
        setup.name,
        seeding.elapsed().as_secs_f64()
    );
    let server = Nodes::start(&store, setup);
    tokio::task::block_in_place(|| server.settle());
    // One client for every run, its connections kept between them, as phones keep theirs.
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(IN_FLIGHT)
        .build()
        .expect("client");
    // Warm up, then the steady state: every phone up to date, syncing with nothing new.
    idle_syncs(&client, &server, &phones, 32, 1.0, None).await;
    let max = idle_syncs(&client, &server, &phones, IN_FLIGHT, seconds, None).await;
    table.put(
        format!("{label}: idle syncs/s ({IN_FLIGHT} in flight)"),
        format!("{:.0}", max.rate()),
    );
    table.put(
        format!("{label}: idle p50 / p99 ms"),
        format!("{:.2} / {:.2}", max.pct(0.5), max.pct(0.99)),
    );
    table.put(
        format!("{label}: server CPU per idle sync"),
        format!("{:.3} ms", max.cpu_ms_per_request()),
    );
    table.put(
        format!("{label}: machine busy during idle syncs"),
        format!("{:.0} %", max.busy * 100.0),
    );
    // A second at that rate first, so the measured run starts with its connections open.
    let rate = Some(max.rate() * 0.8);
    idle_syncs(&client, &server, &phones, IN_FLIGHT, 1.0, rate).await;
    let at80 = idle_syncs(&client, &server, &phones, IN_FLIGHT, seconds, rate).await;
    table.put(
        format!("{label}: at 80 % of that rate, p50 / p99 ms"),
        format!("{:.2} / {:.2}", at80.pct(0.5), at80.pct(0.99)),
    );
    let supervisor = phones[0].user;
    let (first, again) =
        tokio::task::block_in_place(|| report_latency(&store, &server, supervisor));
    table.put(
        format!("{label}: report API first / repeated ms"),
        format!("{first:.1} / {again:.1}"),
    );
    let pushers: Vec<Phone> = phones
        .into_iter()
        .filter(|p| !p.employers.is_empty())
        .take(20)
        .collect();
    let n = pushers.len();
    let (push, pushers) = pushing(&server, pushers, seconds).await;
    table.put(
        format!("{label}: accepted visits/s ({n} phones pushing)"),
        format!("{:.0}", push.rate()),
    );
    table.put(
        format!("{label}: push p50 / p99 ms"),
        format!("{:.2} / {:.2}", push.pct(0.5), push.pct(0.99)),
    );
    table.put(
        format!("{label}: server CPU per push"),
        format!("{:.3} ms", push.cpu_ms_per_request()),
    );
    table.put(
        format!("{label}: machine busy during pushes"),
        format!("{:.0} %", push.busy * 100.0),
    );
    drop(pushers);
    let (_, again) = tokio::task::block_in_place(|| report_latency(&store, &server, supervisor));
    table.put(
        format!("{label}: report API after the pushes ms"),
        format!("{again:.1}"),
    );
    drop(server);
    tokio::task::block_in_place(|| drop(store));
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    fieldbook_core::install_crypto();
    let seconds: f64 = std::env::var("FIELDBOOK_LOAD_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(8.0);
    let only = std::env::var("FIELDBOOK_LOAD_ONLY").unwrap_or_default();
    let setup = |name, postgres, nodes, pinned| Setup {
        name,
        postgres,
        nodes,
        pinned,
    };
    let mut setups = vec![
        setup("SQLite, 1 node", false, 1, false),
        setup("SQLite, 1 node on 1 core", false, 1, true),
    ];
    if fieldbook_test_support::postgres::url().is_some() {
        setups.push(setup("PostgreSQL, 1 node", true, 1, false));
        setups.push(setup("PostgreSQL, 2 nodes", true, 2, false));
        setups.push(setup("PostgreSQL, 1 node on 1 core", true, 1, true));
        setups.push(setup("PostgreSQL, 2 nodes on 1 core each", true, 2, true));
    } else {
        eprintln!("no PostgreSQL cluster (run through scripts/with-postgres): SQLite only");
    }
    // `FIELDBOOK_LOAD_SETUPS` keeps only the setups whose name contains it.
    let chosen = std::env::var("FIELDBOOK_LOAD_SETUPS").unwrap_or_default();
    setups.retain(|s| s.name.contains(chosen.as_str()));
    let mut table = Table::default();
    for setup in setups {
        table.setups.push(setup.name);
        for (label, size) in [
            ("1 team / 20 job seekers", (1, 2, 20, 30)),
            ("50 teams / 5,000 job seekers", (50, 5, 100, 30)),
        ] {
            if only.is_empty() || label.contains(only.as_str()) {
                measure(&mut table, setup, label, size, seconds).await;
            }
        }
        if !setup.postgres && !setup.pinned && (only.is_empty() || only.contains("history")) {
            for history in [0, 100, 1000] {
                let ms = push_cost(history, 200).await;
                table.put(
                    format!("push to an employer with {history} visits (mean of 200)"),
                    format!("{ms:.3} ms"),
                );
            }
        }
    }
    table.print();
}
