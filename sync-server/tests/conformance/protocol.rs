//! What the sync service must do over every backend: devices converge, a sync with nothing
//! new writes nothing, a large answer pages, concurrent writers lose nothing, a code redeems
//! once however many ask at the same time.

use fieldbook_core::document::DocKind;
use fieldbook_core::ids::{DocId, TeamId, UserId};
use fieldbook_core::model::Role;
use fieldbook_core::protocol::{EnrollRequest, PROTOCOL_VERSION};
use fieldbook_server::service::accounts::NewUser;
use fieldbook_server::service::Service;
use fieldbook_server::ServerError;
use serde_json::json;

use super::device::Device;

fn staff(service: &Service, team: TeamId, role: Role) -> UserId {
    service
        .add_user(&NewUser {
            team_id: team,
            name: format!("{role:?}"),
            role,
            seeker_id: None,
        })
        .unwrap()
        .id
}

/// Two specialists' devices see each other's employers and edits.
pub fn devices_converge(service: &Service) {
    let team = service.add_team("Converge").unwrap().id;
    let (ua, ub) = (
        staff(service, team, Role::Specialist),
        staff(service, team, Role::Specialist),
    );
    let (mut a, mut b) = (Device::enroll(service, ua), Device::enroll(service, ub));
    let shop = DocId::new();
    let answer = a
        .sync(
            service,
            vec![a.create(DocKind::Employer, shop, &json!({"name": "Shop"}))],
        )
        .unwrap();
    assert!(answer.rejected.is_empty(), "{:?}", answer.rejected);
    b.pull_all(service).unwrap();
    let mut copy = b.held.remove(&shop).expect("b has the shop");
    let edit = b.edit(&mut copy, "phone", "555-0100");
    b.held.insert(shop, copy);
    assert!(b.sync(service, vec![edit]).unwrap().rejected.is_empty());
    a.pull_all(service).unwrap();
    let phone: Option<String> = a.held[&shop].read_at(&["phone"]).unwrap();
    assert_eq!(phone.as_deref(), Some("555-0100"));
    assert!(a.held.contains_key(&team.doc()), "the team directory too");
}

/// A sync that brings nothing new writes nothing: no audit line, no device update, no feed
/// number.
pub fn an_idle_sync_writes_nothing(service: &Service) {
    let team = service.add_team("Idle").unwrap().id;
    let u = staff(service, team, Role::Specialist);
    let mut d = Device::enroll(service, u);
    d.pull_all(service).unwrap();
    d.pull_all(service).unwrap();
    let audit = service.audit(100_000).unwrap().len();
    let id = d.device;
    let device_row = |s: &Service| {
        s.devices()
            .unwrap()
            .into_iter()
            .find(|x| x.id == id)
            .unwrap()
            .last_sync_at
    };
    let seen = device_row(service);
    let cursor = d.cursor;
    for _ in 0..5 {
        let answer = d.sync(service, Vec::new()).unwrap();
        assert!(answer.docs.is_empty() && !answer.more);
    }
    assert_eq!(service.audit(100_000).unwrap().len(), audit);
    assert_eq!(device_row(service), seen);
    assert_eq!(d.cursor, cursor);
}

/// A team larger than one answer arrives in pages, each within the page size (one document
/// may exceed it alone), and the cursor moves only with the last page.
pub fn large_answers_page(service: &Service) {
    let team = service.add_team("Large").unwrap().id;
    let u = staff(service, team, Role::Specialist);
    let writer = Device::enroll(service, u);
    let mut seed = 7u64;
    let mut text = |n: usize| -> String {
        (0..n)
            .map(|_| {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                char::from(b'a' + ((seed >> 33) % 26) as u8)
            })
            .collect()
    };
    let docs = 24;
    let mut pushes = Vec::new();
    for _ in 0..docs {
        pushes.push(writer.create(
            DocKind::Employer,
            DocId::new(),
            &json!({"name": "Big", "business_needs": text(300_000)}),
        ));
    }
    let mut writer = writer;
    assert!(writer.sync(service, pushes).unwrap().rejected.is_empty());
    let mut reader = Device::enroll(service, staff(service, team, Role::Supervisor));
    let mut pages = 0;
    loop {
        let before = reader.cursor;
        let answer = reader.sync(service, Vec::new()).unwrap();
        pages += 1;
        let size: usize = answer
            .docs
            .iter()
            .map(|d| match &d.data {
                fieldbook_core::protocol::DocData::Snapshot(b) => b.len(),
                fieldbook_core::protocol::DocData::Changes(c) => c.iter().map(|x| x.len()).sum(),
            })
            .sum();
        assert!(
            size <= fieldbook_core::protocol::ANSWER_PAGE_BYTES + 400_000,
            "page {pages} carries {size} bytes"
        );
        if !answer.more {
            break;
        }
        assert_eq!(reader.cursor, before, "the cursor waits for the last page");
        assert!(pages < 50, "the answer ends");
    }
    assert!(pages >= 2, "{pages} pages");
    let employers = reader
        .held
        .values()
        .filter(|d| d.kind() == DocKind::Employer)
        .count();
    assert_eq!(employers, docs);
}

/// Devices pushing to one document at the same moment both land; nothing is lost.
pub fn concurrent_pushes_to_one_document(service: &Service) {
    let team = service.add_team("Busy").unwrap().id;
    let shop = DocId::new();
    let mut first = Device::enroll(service, staff(service, team, Role::Specialist));
    first
        .sync(
            service,
            vec![first.create(DocKind::Employer, shop, &json!({"name": "Shop"}))],
        )
        .unwrap();
    let writers: Vec<Device> = (0..4)
        .map(|_| {
            let mut d = Device::enroll(service, staff(service, team, Role::Specialist));
            d.pull_all(service).unwrap();
            d
        })
        .collect();
    std::thread::scope(|scope| {
        for (n, mut d) in writers.into_iter().enumerate() {
            scope.spawn(move || {
                for k in 0..5 {
                    let mut copy = d.held.remove(&shop).unwrap();
                    let edit = d.edit(&mut copy, &format!("w{n}k{k}"), "x");
                    d.held.insert(shop, copy);
                    let answer = d.sync(service, vec![edit]).unwrap();
                    assert!(answer.rejected.is_empty(), "{:?}", answer.rejected);
                }
            });
        }
    });
    first.pull_all(service).unwrap();
    let doc = first.held[&shop].to_json().unwrap();
    let written = doc
        .as_object()
        .unwrap()
        .keys()
        .filter(|k| k.starts_with('w'))
        .count();
    assert_eq!(written, 20, "every concurrent edit landed");
}

/// However many ask at once, one code enrolls one device.
pub fn a_code_redeems_once_under_contention(service: &Service) {
    let team = service.add_team("Race").unwrap().id;
    let u = staff(service, team, Role::Specialist);
    let code = service
        .add_enroll_code(u, chrono::Duration::hours(1))
        .unwrap()
        .code;
    let outcomes: Vec<Result<_, ServerError>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|i| {
                let code = code.clone();
                scope.spawn(move || {
                    service.enroll(
                        &EnrollRequest {
                            version: PROTOCOL_VERSION,
                            code,
                            actor: automerge::ActorId::random().to_hex_string(),
                            device_name: format!("phone {i}"),
                        },
                        &format!("10.0.0.{i}"),
                    )
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let won = outcomes.iter().filter(|o| o.is_ok()).count();
    assert_eq!(won, 1, "{outcomes:?}");
    assert!(outcomes
        .iter()
        .filter_map(|o| o.as_ref().err())
        .all(|e| matches!(e, ServerError::BadCode)));
}

/// A named test of this part of the suite.
pub type ProtocolTest = (&'static str, fn(&Service));

/// Every test of this part, in order.
pub fn all() -> Vec<ProtocolTest> {
    vec![
        ("devices_converge", devices_converge),
        ("an_idle_sync_writes_nothing", an_idle_sync_writes_nothing),
        ("large_answers_page", large_answers_page),
        (
            "concurrent_pushes_to_one_document",
            concurrent_pushes_to_one_document,
        ),
        (
            "a_code_redeems_once_under_contention",
            a_code_redeems_once_under_contention,
        ),
    ]
}
