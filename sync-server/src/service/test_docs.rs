//! Hand-built job seekers, jobs, consents and visits for the report tests, every date
//! written out so each test counts by hand.

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use fieldbook_core::ids::*;
use fieldbook_core::model::*;

pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("{s}T10:00:00-05:00")).unwrap()
}

/// A job seeker who met their specialist on `met` and has looked for work since.
pub fn seeker(name: &str, met: &str) -> SeekerDoc {
    let mut s: SeekerDoc = serde_json::from_value(serde_json::json!({
        "id": SeekerId::new(),
        "profile": { "name": name, "first_meeting": met, "unemployed_at_entry": true },
    }))
    .unwrap();
    status(&mut s, SeekerStatus::JobSearch, met);
    s
}

pub fn status(s: &mut SeekerDoc, st: SeekerStatus, date: &str) {
    s.status_history.insert(
        StatusChangeId::new(),
        StatusChange {
            status: st,
            date: d(date),
            reason: None,
            recorded: None,
            job_id: None,
            voided: None,
        },
    );
}

pub fn job(s: &mut SeekerDoc, title: &str, start: &str, end: Option<(&str, &str)>) {
    s.jobs.insert(
        JobId::new(),
        Job {
            employer_id: None,
            employer_name: "Hy-Vee".into(),
            title: title.into(),
            job_type: None,
            soc_code: None,
            start: d(start),
            hours_per_week: Some(20.0),
            hourly_wage_cents: Some(1500),
            permanent: Some(true),
            competitive: true,
            disclosed: None,
            end: end.map(|(e, learned)| JobEnd {
                date: d(e),
                reason: "moved".into(),
                learned: Some(d(learned)),
            }),
            voided: None,
        },
    );
}

pub fn consent(s: &mut SeekerDoc, to: ReleaseTo, signed: &str, expires: &str) {
    s.consents.insert(
        ConsentId::new(),
        Consent {
            scope: "employment records".into(),
            recipient: "DEED VRS".into(),
            release_to: Some(to),
            signed: d(signed),
            expires: d(expires),
        },
    );
}

/// A face-to-face employer visit by `by` on `on` about `people`.
pub fn visit(e: &mut EmployerDoc, on: &str, by: UserId, people: &mut [&mut SeekerDoc]) {
    let id = VisitId::new();
    let seekers: Vec<SeekerId> = people.iter().map(|p| p.id).collect();
    let v: Visit = serde_json::from_value(serde_json::json!({
        "at": at(on), "specialist": by, "mode": ContactMode::InPerson,
        "purpose": VisitPurpose::LearnBusinessNeeds, "seekers": seekers,
    }))
    .unwrap();
    for p in people.iter_mut() {
        let activity: JobSearchActivity = serde_json::from_value(serde_json::json!({
            "at": v.at, "employer_id": e.id, "employer_name": e.info.name,
            "mode": ContactMode::InPerson, "purpose": v.purpose,
        }))
        .unwrap();
        p.activities.insert(id, activity);
    }
    e.visits.insert(id, v);
}

pub fn employer(name: &str) -> EmployerDoc {
    EmployerDoc {
        id: EmployerId::new(),
        info: EmployerInfo {
            name: name.into(),
            ..Default::default()
        },
        contacts: BTreeMap::new(),
        visits: BTreeMap::new(),
        merged_into: None,
    }
}

pub fn support(s: &mut SeekerDoc, date: &str, in_person: bool, by: SupportGiver) {
    s.supports.insert(
        SupportId::new(),
        SupportContact {
            date: d(date),
            in_person,
            given_by: by,
            kind: "check-in".into(),
            job_id: None,
            note: None,
            voided: None,
        },
    );
}
