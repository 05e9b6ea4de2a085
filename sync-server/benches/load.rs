//! Server at program scale (issue 17): a real `fieldbook-server` process on loopback, a
//! program seeded through the sync service itself, and phones speaking the protocol over
//! HTTP from a load generator in this process (requests pre-encoded, so the figures are the
//! server's). Prints one table: steady-state syncs/s, p50/p99 and server CPU per sync at two
//! program sizes, accepted visits/s with 20 phones pushing, push cost by the employer's
//! history, latency at 80 % of the maximum rate, and the report API's latency.
//!
//! Run: `cargo bench --workspace --bench load` (release). `FIELDBOOK_LOAD_SECONDS` sets the
//! length of each measured run (default 8).

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use automerge::ActorId;
use fieldbook_core::document::{ChangeMeta, DocKind, Document};
use fieldbook_core::ids::{DeviceId, DocId, SeekerId, UserId, VisitId};
use fieldbook_core::model::Role;
use fieldbook_core::protocol::{
    self, EnrollRequest, PushDoc, SyncRequest, SyncResponse, PROTOCOL_VERSION, SYNC_CONTENT_TYPE,
    VERSION_HEADER,
};
use fieldbook_server::db::sqlite::SqliteDb;
use fieldbook_server::service::accounts::NewUser;
use fieldbook_server::service::Service;
use serde_bytes::ByteBuf;
use serde_json::json;

/// A device of the seeded program.
struct Phone {
    user: UserId,
    device: DeviceId,
    actor: ActorId,
    token: String,
    cursor: u64,
    /// Employers this phone writes visits to, as it holds them.
    employers: Vec<Document>,
}

impl Phone {
    fn meta(&self) -> ChangeMeta {
        ChangeMeta {
            op: Some("visit.log".into()),
            user: Some(self.user),
            device: Some(self.device),
        }
    }

    /// A new visit at employer `e`, as the change a phone would push.
    fn visit(&mut self, e: usize) -> PushDoc {
        let meta = self.meta();
        let doc = &mut self.employers[e];
        doc.set_actor(&self.actor);
        let visit = json!({
            "at": "2026-11-30T10:00:00-06:00",
            "mode": "in_person",
            "purpose": "learn_business_needs",
            "seekers": [],
            "outcome": "Met the owner; hiring in spring",
            "followed_preference": true,
        });
        doc.put(&["visits"], &VisitId::new().to_string(), &visit)
            .expect("visit");
        let hash = doc.commit(&meta, 1_764_500_000).expect("a change");
        PushDoc {
            id: doc.id(),
            kind: DocKind::Employer,
            changes: vec![ByteBuf::from(doc.change_bytes(&hash).expect("bytes"))],
        }
    }

    fn body(&self, push: Vec<PushDoc>) -> Vec<u8> {
        protocol::encode(&SyncRequest {
            version: PROTOCOL_VERSION,
            cursor: self.cursor,
            push,
            want: Vec::new(),
            resume: None,
        })
        .expect("encode")
    }
}

/// Seeds a program in `dir` through the service: `teams` teams of `specialists` specialists
/// and a supervisor, `seekers` job seekers and `employers` employers per team, each employer
/// with `visits` visits. Returns every staff device, synced up.
fn seed(
    dir: &Path,
    teams: usize,
    specialists: usize,
    seekers: usize,
    employers: usize,
    visits: usize,
) -> Vec<Phone> {
    let service = Service::new(Arc::new(SqliteDb::open(dir).expect("db"))).expect("service");
    let mut phones = Vec::new();
    for t in 0..teams {
        let team = service.add_team(&format!("Team {t}")).expect("team").id;
        let mut team_phones: Vec<Phone> = Vec::new();
        for (i, role) in std::iter::once(Role::Supervisor)
            .chain(std::iter::repeat_n(Role::Specialist, specialists))
            .enumerate()
        {
            let user = service
                .add_user(&NewUser {
                    team_id: team,
                    name: format!("Staff {t}-{i}"),
                    role,
                    seeker_id: None,
                })
                .expect("user")
                .id;
            let code = service
                .add_enroll_code(user, chrono::Duration::hours(1))
                .expect("code");
            let actor = ActorId::random();
            let answer = service
                .enroll(
                    &EnrollRequest {
                        version: PROTOCOL_VERSION,
                        code: code.code,
                        actor: actor.to_hex_string(),
                        device_name: "load".into(),
                    },
                    "seed",
                )
                .expect("enroll");
            team_phones.push(Phone {
                user,
                device: answer.device_id,
                actor,
                token: answer.token,
                cursor: 0,
                employers: Vec::new(),
            });
        }
        // Specialists create the job seekers (each on their own caseload) and the employers.
        for s in 0..seekers {
            let phone = &mut team_phones[1 + s % specialists];
            let id = SeekerId::new();
            let fields = json!({"profile": {"name": format!("Job seeker {s}"), "referral_date": "2026-09-01"}});
            let (push, _) = create(phone, DocKind::Seeker, id.doc(), fields);
            push_in(&service, phone, vec![push]);
        }
        for e in 0..employers {
            let phone = &mut team_phones[1 + e % specialists];
            let (push, doc) = create(
                phone,
                DocKind::Employer,
                DocId::new(),
                json!({"name": format!("Employer {e}")}),
            );
            push_in(&service, phone, vec![push]);
            phone.employers.push(doc);
            let last = phone.employers.len() - 1;
            for _ in 0..visits {
                let push = phone.visit(last);
                push_in(&service, phone, vec![push]);
            }
        }
        for phone in &mut team_phones {
            pull_in(&service, phone);
        }
        phones.extend(team_phones);
    }
    phones
}

/// A new document made on `phone`: the push, and the phone's copy.
fn create(
    phone: &Phone,
    kind: DocKind,
    id: DocId,
    fields: serde_json::Value,
) -> (PushDoc, Document) {
    let mut doc = Document::genesis(kind, id);
    doc.set_actor(&phone.actor);
    doc.put_fields(&[], &fields).expect("fields");
    let hash = doc.commit(&phone.meta(), 1_764_500_000).expect("change");
    let genesis = Document::genesis_hash(kind, id);
    let push = PushDoc {
        id,
        kind,
        changes: [genesis, hash]
            .iter()
            .map(|h| ByteBuf::from(doc.change_bytes(h).expect("bytes")))
            .collect(),
    };
    (push, doc)
}

fn push_in(service: &Service, phone: &mut Phone, push: Vec<PushDoc>) {
    let caller = service.authenticate(&phone.token).expect("caller");
    let mut resume = None;
    let mut push = push;
    loop {
        let answer = service
            .sync(
                &caller,
                &SyncRequest {
                    version: PROTOCOL_VERSION,
                    cursor: phone.cursor,
                    push: std::mem::take(&mut push),
                    want: Vec::new(),
                    resume,
                },
            )
            .expect("push");
        assert!(answer.rejected.is_empty(), "{:?}", answer.rejected);
        phone.cursor = answer.cursor;
        resume = answer.resume;
        if !answer.more {
            return;
        }
    }
}

/// Brings `phone` up to date.
fn pull_in(service: &Service, phone: &mut Phone) {
    push_in(service, phone, Vec::new());
}

/// The server process.
struct Running {
    child: Child,
    url: String,
}

impl Running {
    fn start(dir: &Path) -> Running {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("port")
            .port();
        let mut child = Command::new(env!("CARGO_BIN_EXE_fieldbook-server"))
            .arg("--data")
            .arg(dir)
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
    cpu: f64,
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
async fn idle_syncs(
    server: &Running,
    phones: &[Phone],
    clients: usize,
    seconds: f64,
    rate: Option<f64>,
) -> Run {
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(clients)
        .build()
        .expect("client");
    let bodies: Arc<Vec<(String, Vec<u8>)>> = Arc::new(
        phones
            .iter()
            .map(|p| (p.token.clone(), p.body(Vec::new())))
            .collect(),
    );
    let cpu0 = server.cpu_seconds();
    let started = Instant::now();
    let deadline = started + Duration::from_secs_f64(seconds);
    let next = Arc::new(AtomicU64::new(0));
    let mut tasks = Vec::new();
    for _ in 0..clients {
        let (client, bodies, next, url) = (
            client.clone(),
            bodies.clone(),
            next.clone(),
            server.url.clone(),
        );
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
                let (token, body) = &bodies[n as usize % bodies.len()];
                let answer = post(&client, &url, token, body.clone()).await;
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
    Run {
        latencies,
        seconds: started.elapsed().as_secs_f64(),
        cpu: server.cpu_seconds() - cpu0,
    }
}

/// Each of `phones` pushes one visit after another for `seconds`.
async fn pushing(server: &Running, phones: Vec<Phone>, seconds: f64) -> (Run, Vec<Phone>) {
    let client = reqwest::Client::new();
    let cpu0 = server.cpu_seconds();
    let started = Instant::now();
    let deadline = started + Duration::from_secs_f64(seconds);
    let mut tasks = Vec::new();
    for mut phone in phones {
        let (client, url) = (client.clone(), server.url.clone());
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut e = 0;
            while Instant::now() < deadline {
                e = (e + 1) % phone.employers.len();
                let push = phone.visit(e);
                let body = phone.body(vec![push]);
                let sent = Instant::now();
                let answer = post(&client, &url, &phone.token, body).await;
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
        Run {
            latencies,
            seconds: started.elapsed().as_secs_f64(),
            cpu: server.cpu_seconds() - cpu0,
        },
        back,
    )
}

/// The report API's latency for a supervisor of the first team: (first answer, repeated).
fn report_latency(dir: &Path, server: &Running, supervisor: UserId) -> (f64, f64) {
    // Give the first team's supervisor a web login through the admin command.
    let mut admin = Command::new(env!("CARGO_BIN_EXE_fieldbook-server"))
        .arg("--data")
        .arg(dir)
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
        .post(format!("{}/login", server.url))
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
            .get(format!("{}/api/v1/overview", server.url))
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
    let dir = tempfile::tempdir().expect("dir");
    let mut phones = tokio::task::block_in_place(|| seed(dir.path(), 1, 1, 1, 1, history));
    let server = Running::start(dir.path());
    let mut phone = phones.remove(1);
    let client = reqwest::Client::new();
    let mut total = 0.0;
    for i in 0..n + 20 {
        let push = phone.visit(0);
        let body = phone.body(vec![push]);
        let t = Instant::now();
        let answer = post(&client, &server.url, &phone.token, body).await;
        if i >= 20 {
            total += t.elapsed().as_secs_f64();
        }
        phone.cursor = answer.cursor;
    }
    total / n as f64 * 1000.0
}

fn row(label: &str, value: String) {
    println!("| {label} | {value} |");
}

#[tokio::main(flavor = "multi_thread", worker_threads = 2)]
async fn main() {
    let seconds: f64 = std::env::var("FIELDBOOK_LOAD_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(8.0);
    println!("| measure | value |\n|---|---|");
    // `FIELDBOOK_LOAD_ONLY` picks parts by name (`1 team`, `50 teams`, `history`).
    let only = std::env::var("FIELDBOOK_LOAD_ONLY").unwrap_or_default();
    for (label, teams, specialists, seekers, employers) in [
        ("1 team / 20 job seekers", 1, 2, 20, 30),
        ("50 teams / 5,000 job seekers", 50, 5, 100, 30),
    ] {
        if !only.is_empty() && !label.contains(only.as_str()) {
            continue;
        }
        let dir = tempfile::tempdir().expect("dir");
        let seeding = Instant::now();
        let phones = tokio::task::block_in_place(|| {
            seed(dir.path(), teams, specialists, seekers, employers, 3)
        });
        eprintln!("seeded {label} in {:.1} s", seeding.elapsed().as_secs_f64());
        let server = Running::start(dir.path());
        // Warm up, then the steady state: every phone up to date, syncing with nothing new.
        idle_syncs(&server, &phones, 32, 1.0, None).await;
        let max = idle_syncs(&server, &phones, 64, seconds, None).await;
        row(
            &format!("{label}: idle syncs/s (64 in flight)"),
            format!("{:.0}", max.rate()),
        );
        row(
            &format!("{label}: p50 / p99 ms"),
            format!("{:.2} / {:.2}", max.pct(0.5), max.pct(0.99)),
        );
        row(
            &format!("{label}: server CPU per idle sync"),
            format!("{:.3} ms", max.cpu_ms_per_request()),
        );
        let at80 = idle_syncs(&server, &phones, 256, seconds, Some(max.rate() * 0.8)).await;
        row(
            &format!("{label}: at 80 % ({:.0}/s) p50 / p99 ms", max.rate() * 0.8),
            format!("{:.2} / {:.2}", at80.pct(0.5), at80.pct(0.99)),
        );
        let supervisor = phones[0].user;
        let (first, again) =
            tokio::task::block_in_place(|| report_latency(dir.path(), &server, supervisor));
        row(
            &format!("{label}: report API first / repeated ms"),
            format!("{first:.1} / {again:.1}"),
        );
        let pushers: Vec<Phone> = phones
            .into_iter()
            .filter(|p| !p.employers.is_empty())
            .take(20)
            .collect();
        let n = pushers.len();
        let (push, pushers) = pushing(&server, pushers, seconds).await;
        row(
            &format!("{label}: accepted visits/s ({n} phones pushing)"),
            format!("{:.0}", push.rate()),
        );
        row(
            &format!("{label}: push p50 / p99 ms"),
            format!("{:.2} / {:.2}", push.pct(0.5), push.pct(0.99)),
        );
        row(
            &format!("{label}: server CPU per push"),
            format!("{:.3} ms", push.cpu_ms_per_request()),
        );
        drop(pushers);
        let (_, again) =
            tokio::task::block_in_place(|| report_latency(dir.path(), &server, supervisor));
        row(
            &format!("{label}: report API after the pushes ms"),
            format!("{again:.1}"),
        );
    }
    for history in [0, 100, 1000] {
        if !only.is_empty() && !only.contains("history") {
            continue;
        }
        let ms = push_cost(history, 200).await;
        row(
            &format!("push to an employer with {history} visits (mean of 200)"),
            format!("{ms:.3} ms"),
        );
    }
}
