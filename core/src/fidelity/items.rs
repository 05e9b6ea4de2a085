//! The IPS-25 items that data can score, each with its raw measure and 1–5 score.

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use super::settings::{Bands, EntryBasis, FidelitySettings};
use super::supports::support_requirements;
use super::{counted, status_on, Period, Scope, TeamData};
use crate::model::{Job, SeekerDoc};

/// Which item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKey {
    CaseloadSize,
    RapidJobSearch,
    EmployerContacts,
    IndividualizedSearch,
    JobTypeDiversity,
    EmployerDiversity,
    CompetitiveJobs,
    TimeUnlimitedSupports,
    CommunityBased,
}

/// One scored item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FidelityItem {
    pub key: ItemKey,
    /// The item's name on the scale.
    pub name: String,
    /// The raw measure; `None` when there was nothing to measure.
    pub measure: Option<f64>,
    /// What the measure counts ("contacts per specialist per week").
    pub unit: String,
    /// 1–5, or `None` when there was nothing to measure.
    pub score: Option<u8>,
    /// The counts behind the measure, in plain words.
    pub detail: String,
    /// Counts to show beside the measure: what it leaves out ("3 past day 30 without a
    /// face-to-face employer contact", "2 contacts with no answer").
    #[serde(default)]
    pub beside: Vec<Aside>,
    /// Set when the measure is Fieldbook's own construction rather than the scale's: how it
    /// differs, to show beside the score.
    #[serde(default)]
    pub proxy: Option<String>,
    /// Set when the program's settings score this item by other bands (or, for competitive
    /// jobs, another minimum) than the scale's: the score is the program's, not the scale's.
    #[serde(default)]
    pub own_bands: bool,
}

/// A count shown beside an item's measure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Aside {
    pub count: u32,
    /// What is counted, in plain words, to follow the number.
    pub label: String,
}

impl FidelityItem {
    fn beside(mut self, count: usize, label: String) -> Self {
        self.beside.push(Aside {
            count: count as u32,
            label,
        });
        self
    }

    fn proxy(mut self, how: &str) -> Self {
        self.proxy = Some(how.into());
        self
    }
}

/// The scorable items for a scope and period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FidelityReport {
    pub period: Period,
    pub items: Vec<FidelityItem>,
    /// Sum of the scores of the items that could be scored.
    pub total: u32,
    /// 5 × the number of items scored.
    pub max: u32,
}

fn item(
    key: ItemKey,
    name: &str,
    unit: &str,
    measure: Option<f64>,
    bands: &Bands,
    detail: String,
) -> FidelityItem {
    FidelityItem {
        key,
        name: name.into(),
        measure: measure.map(|m| (m * 100.0).round() / 100.0),
        unit: unit.into(),
        score: measure.map(|m| bands.score(m)),
        detail,
        beside: Vec::new(),
        proxy: None,
        own_bands: false,
    }
}

fn percent(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| part as f64 * 100.0 / whole as f64)
}

/// Scores every data-scorable item for `scope` over `period`.
pub fn fidelity(
    data: &TeamData<'_>,
    scope: Scope,
    period: Period,
    s: &FidelitySettings,
) -> FidelityReport {
    let seekers = data.seekers_in(scope);
    let visits = data.visits_in(scope, period);
    let per = data.specialist_count(scope).max(1);
    let mut items = Vec::new();

    // Caseload size: active job seekers on the period's last day, per specialist.
    let active = seekers
        .iter()
        .filter(|sk| status_on(sk, period.to).is_some_and(|st| st.is_active()))
        .count();
    items.push(item(
        ItemKey::CaseloadSize,
        "Caseload size",
        "active job seekers per specialist",
        Some(active as f64 / per as f64),
        &s.caseload_size,
        format!(
            "{}, {}",
            counted(active, "active job seeker", "active job seekers"),
            counted(per, "specialist", "specialists")
        ),
    ));

    // Rapid job search: people whose first face-to-face employer contact fell in the period.
    let waits: Vec<i64> = seekers
        .iter()
        .filter_map(|sk| {
            let first = sk
                .first_face_to_face_contact()
                .filter(|d| period.contains(*d))?;
            let entry = entry_date(sk, s.entry_basis)?;
            Some((first - entry).num_days().max(0))
        })
        .collect();
    let mean = (!waits.is_empty()).then(|| waits.iter().sum::<i64>() as f64 / waits.len() as f64);
    // People the mean cannot include yet: on the caseload, past the deadline, no contact.
    let deadline = i64::from(s.first_contact_days);
    let waiting = seekers
        .iter()
        .filter(|sk| status_on(sk, period.to).is_some_and(|st| st.is_active()))
        .filter(|sk| {
            sk.first_face_to_face_contact()
                .is_none_or(|f| f > period.to)
        })
        .filter_map(|sk| entry_date(sk, s.entry_basis))
        .filter(|entry| (period.to - *entry).num_days() > deadline)
        .count();
    items.push(
        item(
            ItemKey::RapidJobSearch,
            "Rapid job search",
            "mean days from entry to first face-to-face employer contact",
            mean,
            &s.rapid_job_search,
            format!(
                "{} first contacts in the period; {waiting} past day {deadline} without one",
                waits.len()
            ),
        )
        .beside(
            waiting,
            format!("past day {deadline} without a face-to-face employer contact"),
        ),
    );

    // Frequent employer contact.
    // The scale's instruction: the mean per specialist, scored at the closest scale point.
    let face = visits.iter().filter(|v| v.mode.is_face_to_face()).count();
    let per_week = face as f64 / per as f64 / period.weeks();
    let mut contacts = item(
        ItemKey::EmployerContacts,
        "Frequent employer contact",
        "face-to-face employer contacts per specialist per week",
        Some(per_week),
        &s.employer_contacts,
        format!(
            "{face} face-to-face contacts over {:.1} weeks, scored at the closest scale point",
            period.weeks()
        ),
    );
    contacts.score = Some(s.employer_contacts.closest_point(per_week));
    items.push(contacts);

    // Individualized job search: contacts about job seekers that followed their preferences.
    // Contacts with no answer to "followed preference" cannot be judged: counted beside.
    let about_people: Vec<Option<bool>> = visits
        .iter()
        .filter(|v| !v.seekers.is_empty())
        .map(|v| v.followed_preference)
        .collect();
    let judged: Vec<bool> = about_people.iter().flatten().copied().collect();
    let unanswered = about_people.len() - judged.len();
    let followed = judged.iter().filter(|f| **f).count();
    items.push(
        item(
            ItemKey::IndividualizedSearch,
            "Individualized job search",
            "% of contacts following job seekers' preferences",
            percent(followed, judged.len()),
            &s.individualized_search,
            format!(
                "{followed} of {} contacts; {unanswered} with no answer left out",
                judged.len()
            ),
        )
        .beside(
            unanswered,
            "contacts about job seekers with no answer to \"followed preference\"".into(),
        ),
    );

    // Diversity: jobs started in the period.
    let started: Vec<&Job> = seekers
        .iter()
        .flat_map(|sk| sk.standing_jobs().map(|(_, j)| j))
        .filter(|j| period.contains(j.start))
        .collect();
    let types: BTreeSet<String> = started.iter().map(|j| job_type(j)).collect();
    let employers: BTreeSet<String> = started.iter().map(|j| employer_key(j)).collect();
    items.push(item(
        ItemKey::JobTypeDiversity,
        "Diversity of job types",
        "% of jobs of different types",
        percent(types.len(), started.len()),
        &s.job_type_diversity,
        format!("{} types among {} job starts", types.len(), started.len()),
    ));
    items.push(item(
        ItemKey::EmployerDiversity,
        "Diversity of employers",
        "% of jobs at different employers",
        percent(employers.len(), started.len()),
        &s.employer_diversity,
        format!(
            "{} employers among {} job starts",
            employers.len(),
            started.len()
        ),
    ));

    // Competitive jobs: current jobs, held on the period's last day by people on the caseload.
    let current: Vec<&Job> = seekers
        .iter()
        .filter(|sk| status_on(sk, period.to).is_some_and(|st| st.is_active()))
        .flat_map(|sk| sk.jobs_held_on(period.to).map(|(_, j)| j))
        .collect();
    let competitive = current.iter().filter(|j| j.competitive).count();
    let mut comp = item(
        ItemKey::CompetitiveJobs,
        "Competitive jobs",
        "% of current jobs that are competitive",
        percent(competitive, current.len()),
        &s.competitive_jobs,
        format!(
            "{competitive} of {} jobs held on {} by people on the caseload",
            current.len(),
            period.to
        ),
    );
    if comp.score.is_some() && (current.len() as u32) < s.competitive_min_jobs {
        comp.score = Some(1);
        comp.detail.push_str(&format!(
            " (fewer than {} current jobs scores 1)",
            s.competitive_min_jobs
        ));
    }
    items.push(comp);

    // Time-unlimited supports: requirements that came due in the period, and how many were met.
    let (met, due) = seekers
        .iter()
        .map(|sk| support_requirements(sk, period))
        .fold((0, 0), |(m, d), (m2, d2)| (m + m2, d + d2));
    items.push(
        item(
            ItemKey::TimeUnlimitedSupports,
            "Time-unlimited follow-along supports",
            "% of follow-along support requirements met",
            percent(met, due),
            &s.time_unlimited_supports,
            format!("{met} of {due} support requirements met by the employment specialist"),
        )
        .proxy(
            "The scale describes these supports in words; the share of support windows met \
             (face to face by the employment specialist) is Fieldbook's own measure.",
        ),
    );

    // Community-based services: share of contacts made face to face, in the community. The app
    // records contacts, not hours, so contacts stand in for time.
    let supports: Vec<bool> = seekers
        .iter()
        .flat_map(|sk| sk.standing_supports().map(|(_, su)| su))
        .filter(|su| {
            period.contains(su.date) && su.given_by == crate::model::SupportGiver::Specialist
        })
        .map(|su| su.in_person)
        .collect();
    let in_community = face + supports.iter().filter(|p| **p).count();
    let all = visits.len() + supports.len();
    items.push(
        item(
            ItemKey::CommunityBased,
            "Community-based services",
            "% of contacts made in the community",
            percent(in_community, all),
            &s.community_based,
            format!("{in_community} of {all} employer and support contacts face to face"),
        )
        .proxy(
            "The scale measures the share of time spent in the community; Fieldbook records \
             contacts, not hours, so face-to-face contacts stand in for time.",
        ),
    );

    let scale = FidelitySettings::default();
    for i in &mut items {
        i.own_bands = !s.scores_like(&scale, i.key);
    }
    let scored: Vec<u8> = items.iter().filter_map(|i| i.score).collect();
    FidelityReport {
        period,
        total: scored.iter().map(|s| u32::from(*s)).sum(),
        max: 5 * scored.len() as u32,
        items,
    }
}

/// Program entry on the clock of rapid job search and the first-contact deadline: the date
/// the settings' basis names, or the other one when that is not recorded (ADR 0005). One rule
/// for the fidelity item, the supervisor's action list and the phone's week.
pub fn entry_date(seeker: &SeekerDoc, basis: EntryBasis) -> Option<chrono::NaiveDate> {
    basis.entry(seeker.profile.referral_date, seeker.profile.first_meeting)
}

fn job_type(j: &Job) -> String {
    j.soc_code
        .clone()
        .or_else(|| j.job_type.clone())
        .unwrap_or_else(|| j.title.clone())
        .trim()
        .to_lowercase()
}

fn employer_key(j: &Job) -> String {
    j.employer_id
        .map(|e| e.to_string())
        .unwrap_or_else(|| j.employer_name.trim().to_lowercase())
}
