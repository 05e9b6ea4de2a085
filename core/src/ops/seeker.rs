//! Creating and editing a job seeker's record: profile, status, benefits, consents, career
//! profile, work history, education.

use chrono::{NaiveDate, Utc};

use super::{read_seeker, today};
use crate::document::DocKind;
use crate::external::{self, Named};
use crate::ids::{ConsentId, EducationId, SeekerId, StatusChangeId, WorkHistoryId};
use crate::model::{
    non_empty, not_before, trimmed, BenefitsPlanning, CareerProfile, Consent, DisclosurePreference,
    EducationSpell, ReleaseTo, SeekerProfile, SeekerStatus, StatusChange, WorkHistoryEntry,
};
use crate::store::Store;
use crate::{Error, Reason, Result};

/// A job seeker joining the caseload.
#[derive(Debug, Clone, PartialEq)]
pub struct NewSeeker {
    /// Given when importing, so later lines can refer to the person; otherwise made here.
    pub id: Option<SeekerId>,
    pub profile: SeekerProfile,
    /// The starting status; engaging when not given.
    pub status: Option<SeekerStatus>,
    /// When that status began; the first meeting, the referral or today when not given.
    pub status_date: Option<NaiveDate>,
}

/// A signed consent to release information.
#[derive(Debug, Clone, PartialEq)]
pub struct NewConsent {
    pub scope: String,
    /// To whom, in the consent's words.
    pub recipient: String,
    /// The kind of recipient: what the consent allows (disclosure to employers, listing in
    /// the state's per-person export…).
    pub release_to: ReleaseTo,
    pub signed: NaiveDate,
    /// One year after signing when not given (Minnesota's default).
    pub expires: Option<NaiveDate>,
}

pub(crate) fn clean_profile(p: &SeekerProfile) -> Result<SeekerProfile> {
    not_before(
        "first_meeting",
        p.first_meeting,
        "referral_date",
        p.referral_date,
    )?;
    let benefits_held = p
        .benefits_held
        .iter()
        .map(|b| b.trim().to_string())
        .filter(|b| !b.is_empty())
        .collect();
    Ok(SeekerProfile {
        name: non_empty("name", &p.name)?,
        preferred_name: trimmed("preferred_name", p.preferred_name.as_deref())?,
        phone: trimmed("phone", p.phone.as_deref())?,
        county: trimmed("county", p.county.as_deref())?,
        referral_date: p.referral_date,
        first_meeting: p.first_meeting,
        unemployed_at_entry: p.unemployed_at_entry,
        benefits_held,
        external_id: trimmed("external_id", p.external_id.as_deref())?,
    })
}

/// The first entry of a new job seeker's status history: engaging unless said otherwise,
/// from the first meeting, the referral or today.
pub(crate) fn first_status(
    status: Option<SeekerStatus>,
    date: Option<NaiveDate>,
    profile: &SeekerProfile,
) -> StatusChange {
    StatusChange {
        status: status.unwrap_or(SeekerStatus::Engaging),
        date: date
            .or(profile.first_meeting)
            .or(profile.referral_date)
            .unwrap_or_else(today),
        reason: None,
        recorded: Some(Utc::now()),
        job_id: None,
        voided: None,
    }
}

/// Benefits planning with its dates in order and its planner trimmed.
pub(crate) fn clean_benefits(benefits: BenefitsPlanning) -> Result<BenefitsPlanning> {
    not_before("offered", benefits.offered, "referred", benefits.referred)?;
    match benefits.offered {
        Some(_) => not_before("completed", benefits.completed, "offered", benefits.offered)?,
        None => not_before(
            "completed",
            benefits.completed,
            "referred",
            benefits.referred,
        )?,
    }
    Ok(BenefitsPlanning {
        planner: trimmed("planner", benefits.planner.as_deref())?,
        ..benefits
    })
}

/// A consent with its text required and its expiry set (one year when not given).
pub(crate) fn clean_consent(consent: NewConsent) -> Result<Consent> {
    let expires = consent
        .expires
        .unwrap_or_else(|| Consent::default_expiry(consent.signed));
    not_before("expires", Some(expires), "signed", Some(consent.signed))?;
    Ok(Consent {
        scope: non_empty("scope", &consent.scope)?,
        recipient: non_empty("recipient", &consent.recipient)?,
        release_to: Some(consent.release_to),
        signed: consent.signed,
        expires,
    })
}

/// A career profile with its hours in range and its job types trimmed.
pub(crate) fn clean_career(career: CareerProfile) -> Result<CareerProfile> {
    if let Some(h) = career.preferred_hours_per_week {
        if !(0.0..=80.0).contains(&h) {
            return Err(Error::invalid_because(
                "preferred_hours_per_week",
                Reason::OutOfRange {
                    value: h.to_string(),
                    min: "0".into(),
                    max: "80".into(),
                    min_excluded: false,
                },
            ));
        }
    }
    Ok(CareerProfile {
        preferred_job_types: career
            .preferred_job_types
            .iter()
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
        ..career
    })
}

/// A spell of school or training with its program required and its end after its start.
pub(crate) fn clean_education(spell: EducationSpell) -> Result<EducationSpell> {
    not_before("end", spell.end, "start", Some(spell.start))?;
    Ok(EducationSpell {
        program: non_empty("program", &spell.program)?,
        ..spell
    })
}

impl Store {
    /// Adds a job seeker to this phone's caseload. Everyone who wants to work is eligible:
    /// nothing here gates on readiness or history.
    pub fn create_seeker(&self, new: NewSeeker) -> Result<SeekerId> {
        let profile = clean_profile(&new.profile)?;
        let id = new.id.unwrap_or_else(SeekerId::new);
        let status = first_status(new.status, new.status_date, &profile);
        self.write("seeker.add", |e| {
            if let Some(name) = &profile.external_id {
                external::ensure_free(e.tx, Named::Seeker, name, None)?;
            }
            let doc = e.create(id.doc(), DocKind::Seeker)?;
            doc.put(&[], "profile", &profile)?;
            doc.put(
                &["status_history"],
                &StatusChangeId::new().to_string(),
                &status,
            )?;
            Ok(id)
        })
    }

    /// Replaces the profile form's fields. Fields another phone changed and this form did not
    /// touch keep the other phone's value.
    pub fn update_profile(&self, id: SeekerId, profile: SeekerProfile) -> Result<()> {
        let profile = clean_profile(&profile)?;
        self.write("seeker.edit", |e| {
            if let Some(name) = &profile.external_id {
                external::ensure_free(e.tx, Named::Seeker, name, Some(id.uuid()))?;
            }
            e.doc(id.doc(), DocKind::Seeker)?
                .put(&[], "profile", &profile)
        })
    }

    /// Records a change of status. The history keeps every entry; the latest is current.
    pub fn set_status(
        &self,
        id: SeekerId,
        status: SeekerStatus,
        date: NaiveDate,
        reason: Option<String>,
    ) -> Result<StatusChangeId> {
        let change = StatusChange {
            status,
            date,
            reason: trimmed("reason", reason.as_deref())?,
            recorded: Some(Utc::now()),
            job_id: None,
            voided: None,
        };
        let change_id = StatusChangeId::new();
        self.write("seeker.status", |e| {
            e.doc(id.doc(), DocKind::Seeker)?.put(
                &["status_history"],
                &change_id.to_string(),
                &change,
            )?;
            Ok(change_id)
        })
    }

    /// Records benefits-planning referral, offer, completion and planner.
    pub fn update_benefits(&self, id: SeekerId, benefits: BenefitsPlanning) -> Result<()> {
        let benefits = clean_benefits(benefits)?;
        self.write("seeker.benefits", |e| {
            e.doc(id.doc(), DocKind::Seeker)?
                .put(&[], "benefits", &benefits)
        })
    }

    /// Records a signed consent to release information.
    pub fn add_consent(&self, id: SeekerId, consent: NewConsent) -> Result<ConsentId> {
        let consent = clean_consent(consent)?;
        let consent_id = ConsentId::new();
        self.write("seeker.consent", |e| {
            e.doc(id.doc(), DocKind::Seeker)?.put(
                &["consents"],
                &consent_id.to_string(),
                &consent,
            )?;
            Ok(consent_id)
        })
    }

    /// Replaces the career profile form's fields.
    pub fn update_career(&self, id: SeekerId, career: CareerProfile) -> Result<()> {
        let career = clean_career(career)?;
        self.write("career.edit", |e| {
            e.doc(id.doc(), DocKind::Seeker)?
                .put(&[], "career", &career)
        })
    }

    /// Records the job seeker's decision about disclosing their mental illness to employers,
    /// leaving the rest of the career profile as it is. "Do not disclose" makes every visit
    /// that would disclose them refused.
    pub fn set_disclosure(&self, id: SeekerId, preference: DisclosurePreference) -> Result<()> {
        let preference = DisclosurePreference {
            how: trimmed("how", preference.how.as_deref())?,
            ..preference
        };
        self.write("career.disclosure", |e| {
            e.doc(id.doc(), DocKind::Seeker)?
                .put(&["career"], "disclosure", &preference)
        })
    }

    /// Adds a past job to the work history.
    pub fn add_work_history(&self, id: SeekerId, entry: WorkHistoryEntry) -> Result<WorkHistoryId> {
        not_before("end", entry.end, "start", entry.start)?;
        let entry = WorkHistoryEntry {
            employer: non_empty("employer", &entry.employer)?,
            title: non_empty("title", &entry.title)?,
            ..entry
        };
        let entry_id = WorkHistoryId::new();
        self.write("career.work_history", |e| {
            e.doc(id.doc(), DocKind::Seeker)?.put(
                &["work_history"],
                &entry_id.to_string(),
                &entry,
            )?;
            Ok(entry_id)
        })
    }

    /// Records school or training (for the "in education" outcome), or updates it when `at`
    /// names an existing spell (to record its end).
    pub fn record_education(
        &self,
        id: SeekerId,
        at: Option<EducationId>,
        spell: EducationSpell,
    ) -> Result<EducationId> {
        let spell = clean_education(spell)?;
        self.write("seeker.education", |e| {
            let doc = read_seeker(e, id)?;
            let spell_id = match at {
                Some(a) if !doc.education.contains_key(&a) => {
                    return Err(Error::not_found("education", a))
                }
                Some(a) => a,
                None => EducationId::new(),
            };
            e.doc(id.doc(), DocKind::Seeker)?
                .put(&["education"], &spell_id.to_string(), &spell)?;
            Ok(spell_id)
        })
    }
}
