//! Hand-built documents for the fidelity and outcome tests: job seekers, jobs, supports,
//! employers and visits, with every date written out so each test can count by hand.

#![allow(dead_code)]

use std::collections::BTreeMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use fieldbook_core::fidelity::TeamData;
use fieldbook_core::ids::*;
use fieldbook_core::model::*;

pub fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

pub fn at(s: &str) -> DateTime<FixedOffset> {
    DateTime::parse_from_rfc3339(&format!("{s}T10:00:00-05:00")).unwrap()
}

/// A team's documents, owned, for [`Team::data`].
#[derive(Default)]
pub struct Team {
    pub seekers: Vec<SeekerDoc>,
    pub employers: Vec<EmployerDoc>,
    pub assignments: BTreeMap<SeekerId, Vec<UserId>>,
    pub specialists: Vec<UserId>,
}

impl Team {
    pub fn data(&self) -> TeamData<'_> {
        TeamData {
            seekers: &self.seekers,
            employers: &self.employers,
            assignments: &self.assignments,
            specialists: &self.specialists,
        }
    }
}

/// A job seeker with the given entry dates and answer to "out of work at entry".
pub fn seeker(
    name: &str,
    referral: Option<&str>,
    meeting: Option<&str>,
    unemployed: Option<bool>,
) -> SeekerDoc {
    serde_json::from_value(serde_json::json!({
        "id": SeekerId::new(),
        "profile": {
            "name": name,
            "referral_date": referral,
            "first_meeting": meeting,
            "unemployed_at_entry": unemployed,
        },
    }))
    .unwrap()
}

/// A job seeker who met the specialist on `since` and has looked for work from then.
pub fn searching(name: &str, since: &str) -> SeekerDoc {
    let mut s = seeker(name, None, Some(since), Some(true));
    status(&mut s, SeekerStatus::JobSearch, since);
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

/// Adds a job; `end` is (last day, day the specialist learned of it).
pub fn job(
    s: &mut SeekerDoc,
    employer: (Option<EmployerId>, &str),
    title: &str,
    start: &str,
    end: Option<(&str, &str)>,
    competitive: bool,
) -> JobId {
    let id = JobId::new();
    s.jobs.insert(
        id,
        Job {
            employer_id: employer.0,
            employer_name: employer.1.into(),
            title: title.into(),
            job_type: None,
            soc_code: None,
            start: d(start),
            hours_per_week: Some(20.0),
            hourly_wage_cents: Some(1500),
            permanent: Some(true),
            competitive,
            disclosed: None,
            end: end.map(|(e, learned)| JobEnd {
                date: d(e),
                reason: "moved".into(),
                learned: Some(d(learned)),
            }),
            voided: None,
        },
    );
    id
}

/// A follow-along support given by `by`.
pub fn support_by(s: &mut SeekerDoc, date: &str, in_person: bool, by: SupportGiver) {
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

/// A follow-along support given by the employment specialist.
pub fn support(s: &mut SeekerDoc, date: &str, in_person: bool) {
    support_by(s, date, in_person, SupportGiver::Specialist);
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

/// A visit by `by` about `people` (each gets the job-search activity, as the phone writes it).
pub fn visit(
    e: &mut EmployerDoc,
    on: &str,
    by: UserId,
    mode: ContactMode,
    people: &mut [&mut SeekerDoc],
    followed: Option<bool>,
) {
    let id = VisitId::new();
    let seekers: Vec<SeekerId> = people.iter().map(|p| p.id).collect();
    let v: Visit = serde_json::from_value(serde_json::json!({
        "at": at(on),
        "specialist": by,
        "mode": mode,
        "purpose": VisitPurpose::LearnBusinessNeeds,
        "seekers": seekers,
        "followed_preference": followed,
    }))
    .unwrap();
    for p in people.iter_mut() {
        let activity: JobSearchActivity = serde_json::from_value(serde_json::json!({
            "at": v.at,
            "employer_id": e.id,
            "employer_name": e.info.name,
            "mode": mode,
            "purpose": v.purpose,
            "followed_preference": followed,
        }))
        .unwrap();
        p.activities.insert(id, activity);
    }
    e.visits.insert(id, v);
}
