//! A real team, built once per process through the real sync path: a server over SQLite, a
//! specialist with two phones (core stores) that make real records and sync in-process. What
//! the targets start every input from is kept as files to copy (the server's database, a
//! phone's store), so each input meets the same state and a saved crash replays alone.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use automerge::ChangeHash;
use chrono::{Duration, Local, NaiveDate};
use fieldbook_core::document::{DocKind, Document};
use fieldbook_core::ids::{DocId, TeamId};
use fieldbook_core::model::{
    ContactMode, EmployerInfo, Role, SeekerProfile, StepOwner, VisitPurpose,
};
use fieldbook_core::protocol::{self, EnrollRequest, PushDoc, SyncRequest, PROTOCOL_VERSION};
use fieldbook_core::{NewEmployer, NewSeeker, NewStep, NewVisit, Refusal, Store};
use fieldbook_server::db::sqlite::{file_in, SqliteDb};
use fieldbook_server::db::Database;
use fieldbook_server::service::accounts::NewUser;
use fieldbook_server::service::Service;

/// The team every target starts from.
#[derive(Debug)]
pub struct Fixture {
    _dir: tempfile::TempDir,
    /// The server's database file after setup: copied for every input.
    pub server_db: PathBuf,
    /// The token of the phone that pushes (the specialist's phone A).
    pub token: String,
    pub team: TeamId,
    /// Documents on the server after setup, with their heads then.
    pub docs: Vec<(DocId, DocKind, Vec<ChangeHash>)>,
    /// Phone A's next push, made on the phone and never sent: real changes to the documents
    /// above and a new employer's, by document in the order the phone sends them.
    pub pool: Vec<PushDoc>,
    /// Phone B's store after its first sync, holding one unsent visit: copied for every input.
    pub phone_db: PathBuf,
    /// Every request body the phones sent, and every answer body they got, gzip-compressed as
    /// on the wire: the answers in `phone_answers` are to phone B's stored state.
    pub requests: Vec<Vec<u8>>,
    pub answers: Vec<Vec<u8>>,
    pub phone_answers: Vec<Vec<u8>>,
    /// Each stored document's snapshot after setup.
    pub snapshots: Vec<(DocId, DocKind, Vec<u8>)>,
}

static FIXTURE: OnceLock<Fixture> = OnceLock::new();

/// The team, built on first use.
pub fn get() -> &'static Fixture {
    FIXTURE.get_or_init(|| build().expect("building the fuzz fixture"))
}

type Res<T> = Result<T, Box<dyn std::error::Error>>;

/// Bodies seen on the wire.
#[derive(Default)]
struct Wire {
    requests: Vec<Vec<u8>>,
    answers: Vec<Vec<u8>>,
}

fn build() -> Res<Fixture> {
    let dir = crate::scratch();
    let server_dir = dir.path().join("server");
    let wire = Mutex::new(Wire::default());
    let (team, token, pool, phone_db, phone_answers) = {
        let db: Arc<dyn Database> = Arc::new(SqliteDb::open(&server_dir)?);
        let service = Service::new(db)?;
        let team = service.add_team("Riverbend IPS")?;
        let ana = service.add_user(&NewUser {
            team_id: team.id,
            name: "Ana Ruiz".into(),
            role: Role::Specialist,
            seeker_id: None,
        })?;
        let phone_a = Store::open(dir.path().join("a.db"), None)?;
        let token = enroll(&service, &phone_a, ana.id, "phone A")?;
        let employer = phone_a.create_employer(NewEmployer {
            id: None,
            info: EmployerInfo {
                name: "Maple Street Bakery".into(),
                industry: Some("food service".into()),
                ..Default::default()
            },
        })?;
        let seeker = phone_a.create_seeker(NewSeeker {
            id: None,
            profile: SeekerProfile {
                name: "Jordan Lee".into(),
                county: Some("Riverbend".into()),
                ..Default::default()
            },
            status: None,
            status_date: None,
        })?;
        visit(&phone_a, employer, "Met the owner; hiring in spring")?;
        phone_a.add_note(seeker, "Prefers morning shifts; bus route 4 only.", None)?;
        sync(&service, &phone_a, &token, &wire)?;

        let phone_b = Store::open(dir.path().join("b.db"), None)?;
        let token_b = enroll(&service, &phone_b, ana.id, "phone B")?;
        sync(&service, &phone_b, &token_b, &wire)?;
        visit(&phone_b, employer, "Dropped off a candidate profile")?;
        drop(phone_b);
        let phone_db = dir.path().join("phone-b-template.db");
        std::fs::copy(dir.path().join("b.db"), &phone_db)?;

        phone_a.add_step(
            seeker,
            NewStep {
                id: None,
                what: "Update resume with work history".into(),
                who: StepOwner::Specialist,
                due: NaiveDate::from_ymd_opt(2026, 12, 1),
            },
        )?;
        visit(&phone_a, employer, "Manager interested")?;
        sync(&service, &phone_a, &token, &wire)?;

        // Phone B's stored state syncs once, to record real answers to it.
        let answered_before = lock(&wire).answers.len();
        let copy = dir.path().join("b-copy.db");
        std::fs::copy(&phone_db, &copy)?;
        sync(&service, &Store::open(&copy, None)?, &token_b, &wire)?;
        let phone_answers = lock(&wire).answers[answered_before..].to_vec();

        // Phone A's next push, recorded and never delivered.
        visit(&phone_a, employer, "Second visit: met the shift lead")?;
        visit(&phone_a, employer, "Third visit: tour of the kitchen")?;
        phone_a.add_note(seeker, "Wants to try a bakery job.", None)?;
        phone_a.add_step(
            seeker,
            NewStep {
                id: None,
                what: "Visit two employers on the target list".into(),
                who: StepOwner::Seeker,
                due: None,
            },
        )?;
        let other = phone_a.create_employer(NewEmployer {
            id: None,
            info: EmployerInfo {
                name: "Valley Auto Parts".into(),
                ..Default::default()
            },
        })?;
        visit(&phone_a, other, "Introduced IPS")?;
        let pool = record_push(&phone_a, &wire)?;
        (team.id, token, pool, phone_db, phone_answers)
    };
    // Every connection is closed: the database is one file.
    let server_db = dir.path().join("server-template.db");
    std::fs::copy(file_in(&server_dir), &server_db)?;
    let (docs, snapshots) = stored_docs(&server_dir, team)?;
    let wire = wire.into_inner().unwrap_or_else(|p| p.into_inner());
    Ok(Fixture {
        _dir: dir,
        server_db,
        token,
        team,
        docs,
        pool,
        phone_db,
        requests: wire.requests,
        answers: wire.answers,
        phone_answers,
        snapshots,
    })
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// The documents stored for `team`, their heads and snapshots.
#[allow(clippy::type_complexity)]
fn stored_docs(
    server_dir: &Path,
    team: TeamId,
) -> Res<(
    Vec<(DocId, DocKind, Vec<ChangeHash>)>,
    Vec<(DocId, DocKind, Vec<u8>)>,
)> {
    let db = SqliteDb::open(server_dir)?;
    let read = db.read()?;
    let mut docs = Vec::new();
    let mut snapshots = Vec::new();
    let mut metas = read.team_docs(team)?;
    // In the order they were made, so an input naming the n-th document means the same one in
    // every process (ids are random).
    metas.sort_by_key(|m| (m.created_seq, m.kind));
    for meta in metas {
        let stored = read
            .stored_doc(meta.id)?
            .ok_or("a listed document is missing")?;
        let mut doc = Document::load_checked(meta.kind, meta.id, &stored.bytes())?;
        docs.push((meta.id, meta.kind, doc.heads()));
        snapshots.push((meta.id, meta.kind, doc.save()));
    }
    Ok((docs, snapshots))
}

/// Enrolls `phone` as `user` with a fresh code; returns the device token.
fn enroll(
    service: &Service,
    phone: &Store,
    user: fieldbook_core::ids::UserId,
    name: &str,
) -> Res<String> {
    let code = service.add_enroll_code(user, Duration::hours(1))?;
    let answer = service.enroll(
        &EnrollRequest {
            version: PROTOCOL_VERSION,
            code: code.code,
            actor: phone.identity().actor,
            device_name: name.into(),
        },
        "fuzz",
    )?;
    phone.accept_enrollment("http://127.0.0.1:1", &answer, None)?;
    Ok(answer.token)
}

/// Syncs `phone` with `service` in-process, recording the bodies.
fn sync(service: &Service, phone: &Store, token: &str, wire: &Mutex<Wire>) -> Res<()> {
    let exchange = |body: Vec<u8>| -> Result<Vec<u8>, Refusal> {
        let served = (|| -> fieldbook_server::ServerResult<Vec<u8>> {
            let request: SyncRequest = protocol::decode(&body)?;
            let caller = service.authenticate(token)?;
            Ok(protocol::encode(&service.sync(&caller, &request)?)?)
        })();
        let answer =
            served.map_err(|e| Refusal::Other(fieldbook_core::Error::Network(e.to_string())))?;
        let mut w = lock(wire);
        w.requests.push(body);
        w.answers.push(answer.clone());
        Ok(answer)
    };
    let report = phone.sync_with(&exchange, None)?;
    if !report.rejected.is_empty() || !report.failed.is_empty() {
        return Err(format!("the fixture's sync was refused: {report:?}").into());
    }
    Ok(())
}

/// What `phone` would push next, taken from the request it sends (which is then refused).
fn record_push(phone: &Store, wire: &Mutex<Wire>) -> Res<Vec<PushDoc>> {
    let sent = Mutex::new(None);
    let exchange = |body: Vec<u8>| -> Result<Vec<u8>, Refusal> {
        *lock(&sent) = Some(body);
        Err(Refusal::Other(fieldbook_core::Error::Network(
            "recorded, not sent".into(),
        )))
    };
    let _ = phone.sync_with(&exchange, None);
    let body = lock(&sent).take().ok_or("the phone sent nothing")?;
    let request: SyncRequest = protocol::decode(&body)?;
    lock(wire).requests.push(body);
    // By kind, the documents the server has before new ones: the same order in every process
    // (ids are random, and the phone sends by id).
    let mut push = request.push;
    push.sort_by_key(|p| (p.kind, is_new(p)));
    Ok(push)
}

/// Whether a pushed document is new: its first change is its genesis or builds on it alone.
fn is_new(p: &PushDoc) -> bool {
    let genesis = Document::genesis_hash(p.kind, p.id);
    p.changes.first().is_some_and(|c| {
        automerge::Change::from_bytes(c.to_vec())
            .is_ok_and(|c| c.hash() == genesis || c.deps() == [genesis])
    })
}

fn visit(phone: &Store, employer: fieldbook_core::ids::EmployerId, outcome: &str) -> Res<()> {
    phone.log_visit(NewVisit {
        id: None,
        employer_id: employer,
        at: Local::now().fixed_offset() - Duration::hours(1),
        specialist: None,
        contact_id: None,
        location: None,
        mode: ContactMode::InPerson,
        purpose: VisitPurpose::LearnBusinessNeeds,
        seekers: vec![],
        followed_preference: None,
        outcome: Some(outcome.into()),
        next_step: None,
        next_step_date: None,
    })?;
    Ok(())
}
