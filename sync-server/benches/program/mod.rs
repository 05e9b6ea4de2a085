#![allow(dead_code)] // Each benchmark uses part of the program.

//! The seeded program both server benchmarks use: teams, staff devices enrolled with real
//! codes, job seekers and employers with visits, all written through the sync service, and
//! phones that make visits as a real phone would.

use automerge::ActorId;
use fieldbook_core::document::{ChangeMeta, DocKind, Document};
use fieldbook_core::ids::{DeviceId, DocId, SeekerId, UserId, VisitId};
use fieldbook_core::model::Role;
use fieldbook_core::protocol::{self, EnrollRequest, PushDoc, SyncRequest, PROTOCOL_VERSION};
use fieldbook_server::db::Location;
use fieldbook_server::service::accounts::NewUser;
use fieldbook_server::service::Service;
use serde_bytes::ByteBuf;
use serde_json::json;

/// A device of the seeded program.
pub struct Phone {
    pub user: UserId,
    pub device: DeviceId,
    pub actor: ActorId,
    pub token: String,
    pub cursor: u64,
    /// Employers this phone writes visits to, as it holds them.
    pub employers: Vec<Document>,
}

impl Phone {
    pub fn meta(&self) -> ChangeMeta {
        ChangeMeta {
            op: Some("visit.log".into()),
            user: Some(self.user),
            device: Some(self.device),
        }
    }

    /// A new visit at employer `e`, as the change a phone would push.
    pub fn visit(&mut self, e: usize) -> PushDoc {
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

    pub fn body(&self, push: Vec<PushDoc>) -> Vec<u8> {
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

/// Seeds a program at `at` through the service (opened here, closed on return): `teams` teams of `specialists` specialists
/// and a supervisor, `seekers` job seekers and `employers` employers per team, each employer
/// with `visits` visits. Returns every staff device, synced up.
pub fn seed(
    at: &Location,
    teams: usize,
    specialists: usize,
    seekers: usize,
    employers: usize,
    visits: usize,
) -> Vec<Phone> {
    seed_open(at, teams, specialists, seekers, employers, visits).1
}

/// [`seed`], keeping the service open.
pub fn seed_open(
    at: &Location,
    teams: usize,
    specialists: usize,
    seekers: usize,
    employers: usize,
    visits: usize,
) -> (Service, Vec<Phone>) {
    let service = Service::new(at.open(8).expect("db")).expect("service");
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
    (service, phones)
}

/// A new document made on `phone`: the push, and the phone's copy.
pub fn create(
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

pub fn push_in(service: &Service, phone: &mut Phone, push: Vec<PushDoc>) {
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
pub fn pull_in(service: &Service, phone: &mut Phone) {
    push_in(service, phone, Vec::new());
}
