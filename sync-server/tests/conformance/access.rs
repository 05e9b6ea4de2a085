//! The access rules as a randomized test: random teams, role mixes, records, assignments,
//! reassignments, unassignments, device revocations and write attempts. After every case each
//! device holds exactly what the table of `docs/adr/0003-access-rules.md` allows — both the
//! device that synced all along and a new phone of the same account — and every write the
//! table forbids was refused while every write it allows was accepted. The expected sets come
//! from the model below, written from the ADR, not from the server's own rules.

use std::collections::{BTreeMap, BTreeSet};

use fieldbook_core::document::{DocKind, Document};
use fieldbook_core::ids::{DocId, SeekerId, TeamId, UserId};
use fieldbook_core::model::Role;
use fieldbook_server::service::accounts::NewUser;
use fieldbook_server::service::Service;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde_json::json;

use super::device::Device;

/// What the ADR says, about the world as the test made it.
#[derive(Default)]
struct Model {
    users: BTreeMap<UserId, (TeamId, Role, Option<SeekerId>)>,
    docs: BTreeMap<DocId, (DocKind, TeamId, Option<SeekerId>)>,
    assigned: BTreeSet<(SeekerId, UserId)>,
}

impl Model {
    fn may_read(&self, user: UserId, doc: DocId) -> bool {
        let (team, role, own) = self.users[&user];
        let (kind, doc_team, seeker) = self.docs[&doc];
        if team != doc_team {
            return false;
        }
        match (role, kind) {
            (Role::Admin, _) => false,
            (Role::Seeker, DocKind::Seeker) => seeker.is_some() && seeker == own,
            (Role::Seeker, _) => false,
            (Role::Supervisor, _) => true,
            (Role::Specialist, DocKind::Employer | DocKind::Directory) => true,
            (Role::Specialist, DocKind::Seeker | DocKind::Notes) => {
                seeker.is_some_and(|s| self.assigned.contains(&(s, user)))
            }
        }
    }

    fn may_write(&self, user: UserId, doc: DocId) -> bool {
        let (_, role, _) = self.users[&user];
        let (kind, _, _) = self.docs[&doc];
        matches!(role, Role::Specialist | Role::Supervisor)
            && kind != DocKind::Directory
            && self.may_read(user, doc)
    }

    fn readable(&self, user: UserId) -> BTreeSet<DocId> {
        self.docs
            .keys()
            .copied()
            .filter(|d| self.may_read(user, *d))
            .collect()
    }
}

/// One random case: returns how many writes were tried.
fn case(service: &Service, rng: &mut StdRng) -> usize {
    let mut model = Model::default();
    let mut devices: Vec<Device> = Vec::new();
    let mut revoked: BTreeSet<usize> = BTreeSet::new();
    // The server's copy of each document, kept by applying what it accepted.
    let mut truth: BTreeMap<DocId, Document> = BTreeMap::new();
    let mut seekers_of: BTreeMap<TeamId, Vec<SeekerId>> = BTreeMap::new();
    let mut tried = 0;

    for t in 0..rng.random_range(1..=2) {
        let team = service.add_team(&format!("Team {t}")).expect("team").id;
        model
            .docs
            .insert(team.doc(), (DocKind::Directory, team, None));
        let mut add = |role: Role, seeker: Option<SeekerId>, model: &mut Model| {
            let user = service
                .add_user(&NewUser {
                    team_id: team,
                    name: format!("{role:?}"),
                    role,
                    seeker_id: seeker,
                })
                .expect("user")
                .id;
            model.users.insert(user, (team, role, seeker));
            devices.push(Device::enroll(service, user));
        };
        add(Role::Supervisor, None, &mut model);
        for _ in 0..rng.random_range(1..=3) {
            add(Role::Specialist, None, &mut model);
        }
        if rng.random_bool(0.5) {
            add(Role::Admin, None, &mut model);
        }
        // Job seekers' accounts name records made later (or never).
        let planned: Vec<SeekerId> = (0..rng.random_range(1..=3))
            .map(|_| SeekerId::new())
            .collect();
        for s in planned.iter().take(rng.random_range(0..=2)) {
            add(Role::Seeker, Some(*s), &mut model);
        }
        seekers_of.insert(team, planned);
    }
    for _ in 0..rng.random_range(8..=20) {
        let i = rng.random_range(0..devices.len());
        if revoked.contains(&i) {
            continue;
        }
        let (team, role, _) = model.users[&devices[i].user];
        match rng.random_range(0..10) {
            // Create a job seeker's record (and maybe their notes).
            0 | 1 => {
                let planned = &seekers_of[&team];
                let seeker = planned[rng.random_range(0..planned.len())];
                if model.docs.contains_key(&seeker.doc()) {
                    continue;
                }
                let may = matches!(role, Role::Specialist | Role::Supervisor);
                let mut pushes = vec![devices[i].create(
                    DocKind::Seeker,
                    seeker.doc(),
                    &json!({"profile": {"name": "Job Seeker"}}),
                )];
                if rng.random_bool(0.5) {
                    pushes.push(devices[i].create(
                        DocKind::Notes,
                        seeker.notes_doc(),
                        &json!({"seeker_id": seeker}),
                    ));
                }
                tried += pushes.len();
                let answer = devices[i].sync(service, pushes.clone()).expect("sync");
                if may {
                    assert!(
                        answer.rejected.is_empty(),
                        "{role:?} creates: {:?}",
                        answer.rejected
                    );
                    for p in &pushes {
                        let s = Some(seeker);
                        model.docs.insert(p.id, (p.kind, team, s));
                        let mut doc = Document::genesis(p.kind, p.id);
                        doc.apply_incoming(&p.changes, &|_| Ok(())).unwrap();
                        truth.insert(p.id, doc);
                    }
                    if role == Role::Specialist {
                        model.assigned.insert((seeker, devices[i].user));
                    }
                } else {
                    assert_eq!(
                        answer.rejected.len(),
                        pushes.len(),
                        "{role:?} may not create"
                    );
                }
            }
            // Create an employer.
            2 => {
                let id = DocId::new();
                let push = devices[i].create(DocKind::Employer, id, &json!({"name": "Shop"}));
                tried += 1;
                let answer = devices[i].sync(service, vec![push.clone()]).expect("sync");
                if matches!(role, Role::Specialist | Role::Supervisor) {
                    assert!(answer.rejected.is_empty(), "{:?}", answer.rejected);
                    model.docs.insert(id, (DocKind::Employer, team, None));
                    let mut doc = Document::genesis(DocKind::Employer, id);
                    doc.apply_incoming(&push.changes, &|_| Ok(())).unwrap();
                    truth.insert(id, doc);
                } else {
                    assert_eq!(answer.rejected.len(), 1);
                }
            }
            // Assign (sometimes replacing), or unassign.
            3 | 4 => {
                let planned = &seekers_of[&team];
                let seeker = planned[rng.random_range(0..planned.len())];
                let specialists: Vec<UserId> = model
                    .users
                    .iter()
                    .filter(|(_, (t, r, _))| *t == team && *r == Role::Specialist)
                    .map(|(u, _)| *u)
                    .collect();
                let user = specialists[rng.random_range(0..specialists.len())];
                if rng.random_bool(0.7) {
                    let replace = rng.random_bool(0.4);
                    service.assign(seeker, user, replace).expect("assign");
                    if replace {
                        model.assigned.retain(|(s, _)| *s != seeker);
                    }
                    model.assigned.insert((seeker, user));
                } else if model.assigned.remove(&(seeker, user)) {
                    service.unassign(seeker, user).expect("unassign");
                }
            }
            // Revoke a device now and then.
            5 if rng.random_bool(0.2) => {
                service.revoke(devices[i].device).expect("revoke");
                revoked.insert(i);
                assert!(
                    devices[i].caller(service).is_err(),
                    "a revoked device is refused"
                );
            }
            // Try to write to any document of any team.
            _ => {
                if truth.is_empty() {
                    continue;
                }
                let target = *truth.keys().nth(rng.random_range(0..truth.len())).unwrap();
                let expected = model.may_write(devices[i].user, target);
                // A phone edits what it holds; a tampered one sends edits of anything.
                devices[i].pull_all(service).expect("pull");
                let value = rng.random::<u64>().to_string();
                let push = match devices[i].held.get_mut(&target) {
                    Some(held) => {
                        let mut base =
                            Document::load(held.kind(), target, &held.save(), &[]).expect("copy");
                        devices[i].edit(&mut base, "touched", &value)
                    }
                    None => devices[i].edit(truth.get_mut(&target).unwrap(), "touched", &value),
                };
                tried += 1;
                let answer = devices[i].sync(service, vec![push.clone()]).expect("sync");
                assert_eq!(
                    answer.rejected.is_empty(),
                    expected,
                    "{role:?} writing {:?}: {:?}",
                    model.docs[&target].0,
                    answer.rejected
                );
                if expected {
                    truth
                        .get_mut(&target)
                        .unwrap()
                        .apply_incoming(&push.changes, &|_| Ok(()))
                        .unwrap();
                }
            }
        }
        // Some devices sync now and then, keeping their cursor.
        let j = rng.random_range(0..devices.len());
        if !revoked.contains(&j) && rng.random_bool(0.5) {
            devices[j].pull_all(service).expect("pull");
        }
    }

    for (i, device) in devices.iter_mut().enumerate() {
        if revoked.contains(&i) {
            continue;
        }
        let expected = model.readable(device.user);
        device.pull_all(service).expect("pull");
        let held: BTreeSet<DocId> = device.held.keys().copied().collect();
        assert_eq!(
            held, expected,
            "a device that synced along holds what it may read"
        );
        device.reset();
        device.pull_all(service).expect("pull");
        let fresh: BTreeSet<DocId> = device.held.keys().copied().collect();
        assert_eq!(
            fresh, expected,
            "a new phone of the account gets what it may read"
        );
    }
    tried
}

/// Runs `cases` random cases against one service per case.
pub fn run(make: &dyn Fn() -> Service, cases: u64, seed: u64) {
    let mut writes = 0;
    for n in 0..cases {
        let mut rng = StdRng::seed_from_u64(seed.wrapping_add(n));
        let service = make();
        writes += case(&service, &mut rng);
    }
    assert!(writes > cases as usize, "the cases tried writes ({writes})");
}
