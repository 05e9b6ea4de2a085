//! `serve --demo`: a small IPS program to try Fieldbook with. Seeded once, through the real
//! sync path: each demo specialist's caseload is written on an in-process phone (a core
//! store) and pushed like any phone's work. Every start prints fresh enrollment codes.

use chrono::{Duration, FixedOffset, NaiveDate, TimeZone, Utc};
use fieldbook_core::ids::{EmployerId, SeekerId, UserId};
use fieldbook_core::model::{
    ContactMode, JobEnd, PlanInfo, Role, SeekerProfile, SeekerStatus, StepOwner, VisitPurpose,
};
use fieldbook_core::protocol::{self, EnrollRequest, SyncRequest, PROTOCOL_VERSION};
use fieldbook_core::{NewEmployer, NewJob, NewSeeker, NewStep, NewVisit, Refusal, Store};
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};
use serde::Serialize;

use crate::db::UserRow;
use crate::service::accounts::NewUser;
use crate::service::Service;
use crate::{ServerError, ServerResult};

/// The demo team's name; its presence means the demo was seeded already.
pub const DEMO_TEAM: &str = "Riverbend IPS (demo)";
const CODE_HOURS: i64 = 24 * 7;

const SEEKERS: [&str; 20] = [
    "Jordan Lee",
    "Maria Santos",
    "DeShawn Carter",
    "Emily Novak",
    "Tom Whitaker",
    "Aisha Rahman",
    "Kevin O'Brien",
    "Lupe Hernandez",
    "Sam Patel",
    "Grace Kim",
    "Robert Ellis",
    "Nina Petrova",
    "Carlos Mendoza",
    "Hannah Brooks",
    "Tyrell Jackson",
    "Olivia Chen",
    "Frank Moreau",
    "Beatriz Lima",
    "Isaac Cohen",
    "Wendy Tran",
];
const EMPLOYERS: [(&str, &str); 24] = [
    ("Riverbend Hardware", "retail"),
    ("Maple Street Bakery", "food service"),
    ("County Animal Shelter", "animal care"),
    ("Sunrise Senior Living", "health care"),
    ("Blue Heron Diner", "food service"),
    ("Valley Auto Parts", "retail"),
    ("Greenway Landscaping", "grounds"),
    ("Lakeside Public Library", "public sector"),
    ("Northside Grocery Co-op", "retail"),
    ("Pioneer Print Shop", "manufacturing"),
    ("Hilltop Motel", "hospitality"),
    ("Cedar Creek Farm Supply", "retail"),
    ("Main Street Pharmacy", "retail"),
    ("Ridge Line Logistics", "warehouse"),
    ("Copper Kettle Cafe", "food service"),
    ("St. Anne's Hospital Laundry", "health care"),
    ("Valley Bike Works", "repair"),
    ("Riverbend School District", "public sector"),
    ("Golden Years Home Care", "health care"),
    ("Prairie Cleaners", "services"),
    ("Fox Hollow Vineyard", "agriculture"),
    ("Downtown Thrift", "retail"),
    ("Summit Fitness", "services"),
    ("Harbor Freight Depot", "warehouse"),
];
const COUNTIES: [&str; 3] = ["Riverbend", "Pine", "Lake"];

/// A demo account and its fresh code.
#[derive(Debug, Clone, Serialize)]
pub struct DemoAccount {
    pub name: String,
    pub role: Role,
    pub user_id: UserId,
    pub code: String,
}

/// Seeds the demo program unless it exists, then makes a code per demo account.
pub fn seed(storage: &Service, server_url: &str) -> ServerResult<Vec<DemoAccount>> {
    let team = match storage.teams()?.into_iter().find(|t| t.name == DEMO_TEAM) {
        Some(team) => team,
        None => {
            let team = storage.add_team(DEMO_TEAM)?;
            build(storage, team.id, server_url)?;
            team
        }
    };
    let mut users: Vec<UserRow> = storage
        .users()?
        .into_iter()
        .filter(|u| u.team_id == team.id && u.role != Role::Admin)
        .collect();
    users.sort_by_key(|u| (u.role.as_str(), u.name.clone()));
    users
        .into_iter()
        .map(|u| {
            let code = storage.add_enroll_code(u.id, Duration::hours(CODE_HOURS))?;
            Ok(DemoAccount {
                name: u.name,
                role: u.role,
                user_id: u.id,
                code: code.code,
            })
        })
        .collect()
}

/// The text `serve --demo` prints.
pub fn describe(accounts: &[DemoAccount], url: &str) -> String {
    let mut out = format!(
        "Demo program \"{DEMO_TEAM}\" is ready. One-time enrollment codes (valid 7 days):\n"
    );
    for a in accounts {
        out.push_str(&format!(
            "  {:<16} {:<11} {}\n",
            a.name,
            a.role.as_str(),
            a.code
        ));
    }
    if let Some(a) = accounts.iter().find(|a| a.role == Role::Specialist) {
        out.push_str(&format!(
            "Enroll a terminal phone as {}:\n  fieldbook --data ./phone enroll --server {url} --code {}\n",
            a.name, a.code
        ));
    }
    out
}

fn build(storage: &Service, team_id: fieldbook_core::ids::TeamId, url: &str) -> ServerResult<()> {
    let staff = |name: &str, role| {
        storage.add_user(&NewUser {
            team_id,
            name: name.into(),
            role,
            seeker_id: None,
        })
    };
    staff("Dana Whitfield", Role::Supervisor)?;
    let specialists = [
        staff("Ana Ruiz", Role::Specialist)?,
        staff("Marcus Bell", Role::Specialist)?,
    ];
    let mut rng = StdRng::seed_from_u64(2026);
    let mut first_seeker = None;
    for (i, specialist) in specialists.iter().enumerate() {
        let seekers = &SEEKERS[i * 10..i * 10 + 10];
        let employers = if i == 0 {
            &EMPLOYERS[..14]
        } else {
            &EMPLOYERS[14..]
        };
        let made = on_demo_phone(storage, specialist, url, |store| {
            caseload(store, specialist.id, seekers, employers, &mut rng)
        })?;
        first_seeker = first_seeker.or(made.first().copied());
    }
    if let Some(seeker) = first_seeker {
        storage.add_user(&NewUser {
            team_id,
            name: SEEKERS[0].into(),
            role: Role::Seeker,
            seeker_id: Some(seeker),
        })?;
    }
    Ok(())
}

/// Runs `work` on a throwaway phone enrolled as `user`, syncs it in-process, then revokes it.
fn on_demo_phone<R>(
    storage: &Service,
    user: &UserRow,
    url: &str,
    work: impl FnOnce(&Store) -> fieldbook_core::Result<R>,
) -> ServerResult<R> {
    let dir = std::env::temp_dir().join(format!("fieldbook-demo-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).map_err(|e| ServerError::Internal(e.to_string()))?;
    let result = (|| {
        let store = Store::open(dir.join("phone.db"), None)?;
        let code = storage.add_enroll_code(user.id, Duration::hours(1))?;
        let answer = storage.enroll(
            &EnrollRequest {
                version: PROTOCOL_VERSION,
                code: code.code,
                actor: store.identity().actor,
                device_name: format!("demo loader ({})", user.name),
            },
            "demo",
        )?;
        store.accept_enrollment(url, &answer, None)?;
        let out = work(&store)?;
        let exchange = |body: Vec<u8>| -> Result<Vec<u8>, Refusal> {
            let served = (|| -> ServerResult<Vec<u8>> {
                let request: SyncRequest = protocol::decode(&body)?;
                let caller = storage.authenticate(&answer.token)?;
                Ok(protocol::encode(&storage.sync(&caller, &request)?)?)
            })();
            served.map_err(|e| Refusal::Other(fieldbook_core::Error::Network(e.to_string())))
        };
        let report = store.sync_with(&exchange, None)?;
        if !report.rejected.is_empty() {
            return Err(ServerError::Internal(format!(
                "demo data refused: {:?}",
                report.rejected
            )));
        }
        storage.revoke(answer.device_id)?;
        Ok(out)
    })();
    let _ = std::fs::remove_dir_all(&dir);
    result
}

fn caseload(
    store: &Store,
    specialist: UserId,
    seekers: &[&str],
    employers: &[(&str, &str)],
    rng: &mut StdRng,
) -> fieldbook_core::Result<Vec<SeekerId>> {
    let today = fieldbook_core::today();
    let offset =
        FixedOffset::west_opt(6 * 3600).unwrap_or_else(|| FixedOffset::east_opt(0).expect("utc"));
    let mut employer_ids: Vec<EmployerId> = Vec::new();
    for (name, industry) in employers {
        employer_ids.push(store.create_employer(NewEmployer {
            id: None,
            info: fieldbook_core::model::EmployerInfo {
                name: name.to_string(),
                industry: Some(industry.to_string()),
                ..Default::default()
            },
        })?);
    }
    let mut seeker_ids = Vec::new();
    for (n, name) in seekers.iter().enumerate() {
        let referral = today - Duration::days(rng.random_range(4..220));
        let met = (n % 7 != 6).then(|| referral + Duration::days(rng.random_range(1..6)));
        let id = store.create_seeker(NewSeeker {
            id: None,
            profile: SeekerProfile {
                name: name.to_string(),
                county: Some(COUNTIES[n % 3].into()),
                referral_date: Some(referral),
                first_meeting: met.filter(|d| *d <= today),
                unemployed_at_entry: Some(true),
                ..Default::default()
            },
            status: Some(SeekerStatus::Engaging),
            status_date: Some(referral),
        })?;
        store.update_plan(
            id,
            PlanInfo {
                goal: Some(format!(
                    "A {} job close to home",
                    employers[n % employers.len()].1
                )),
                target_job_types: vec![employers[n % employers.len()].1.to_string()],
                ..Default::default()
            },
        )?;
        let steps = [
            ("Update resume with work history", StepOwner::Specialist),
            ("Visit two employers on the target list", StepOwner::Seeker),
            ("Meet the benefits planner", StepOwner::Seeker),
        ];
        for (k, (what, who)) in steps.iter().enumerate() {
            let step = store.add_step(
                id,
                NewStep {
                    id: None,
                    what: what.to_string(),
                    who: *who,
                    due: Some(today + Duration::days(k as i64 * 5 - 3)),
                },
            )?;
            if k == 0 && n % 2 == 0 {
                store.complete_step(id, step, today - Duration::days(2))?;
            }
        }
        if n % 3 != 2 {
            store.set_status(
                id,
                SeekerStatus::JobSearch,
                referral + Duration::days(7).min(today - referral),
                None,
            )?;
        }
        seeker_ids.push(id);
    }
    // About five face-to-face employer contacts a week over the last ten weeks.
    for week in 0..10i64 {
        for _ in 0..rng.random_range(3..8) {
            let day = today - Duration::days(week * 7 + rng.random_range(0..5));
            let at = offset
                .from_local_datetime(
                    &day.and_hms_opt(rng.random_range(9..16), 0, 0)
                        .unwrap_or_default(),
                )
                .single()
                .unwrap_or_else(|| Utc::now().fixed_offset());
            let discussed: Vec<SeekerId> = (0..rng.random_range(0..3))
                .map(|_| seeker_ids[rng.random_range(0..seeker_ids.len())])
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            let mode = if rng.random_range(0..6) == 0 {
                ContactMode::Phone
            } else {
                ContactMode::InPerson
            };
            let purposes = [
                VisitPurpose::IntroduceIps,
                VisitPurpose::LearnBusinessNeeds,
                VisitPurpose::FollowUp,
                VisitPurpose::PresentCandidate,
            ];
            store.log_visit(NewVisit {
                id: None,
                employer_id: employer_ids[rng.random_range(0..employer_ids.len())],
                at,
                specialist: Some(specialist),
                contact_id: None,
                location: None,
                mode,
                purpose: if discussed.is_empty() {
                    purposes[rng.random_range(0..2)]
                } else {
                    purposes[rng.random_range(2..4)]
                },
                followed_preference: (!discussed.is_empty()).then_some(true),
                seekers: discussed,
                outcome: Some("Manager interested; hiring in the spring".into()),
                next_step: Some("Drop off a candidate profile".into()),
                next_step_date: Some(day + Duration::days(7)),
            })?;
        }
    }
    for (k, seeker) in seeker_ids.iter().enumerate().filter(|(k, _)| k % 4 == 1) {
        let start: NaiveDate = today - Duration::days(10 + 9 * k as i64);
        let job = store.start_job(
            *seeker,
            NewJob {
                id: None,
                employer_id: Some(employer_ids[k % employer_ids.len()]),
                employer_name: None,
                title: "Associate".into(),
                job_type: Some(employers[k % employers.len()].1.to_string()),
                soc_code: None,
                start,
                hours_per_week: Some(20.0),
                hourly_wage_cents: Some(1550),
                permanent: Some(true),
                competitive: true,
                disclosed: Some(k % 2 == 1),
            },
        )?;
        if k == 5 {
            store.end_job(
                *seeker,
                job,
                JobEnd {
                    date: today - Duration::days(5),
                    reason: "Seasonal work ended".into(),
                    learned: Some(today - Duration::days(4)),
                },
            )?;
        }
    }
    if let Some(first) = seeker_ids.first() {
        store.add_note(*first, "Prefers morning shifts; bus route 4 only.", None)?;
    }
    Ok(seeker_ids)
}
