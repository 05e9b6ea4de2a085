//! Whole records at once: what a spreadsheet row (or a script) brings for one job seeker or
//! one employer — profile and status, benefits planning, career profile, plan, a consent,
//! school; an employer's form and contact people — checked first and written in one
//! transaction, so a row is applied whole or not at all. Applying the same record again
//! changes nothing and says so: that is what makes an import safe to run twice.

use chrono::{NaiveDate, Utc};

use super::employer::{clean_contact, clean_info as clean_employer};
use super::plan::clean_info as clean_plan;
use super::read_seeker;
use super::seeker::{
    clean_benefits, clean_career, clean_consent, clean_education, clean_profile, first_status,
    NewConsent,
};
use super::today;
use crate::document::DocKind;
use crate::external::{self, Named};
use crate::ids::{ConsentId, ContactId, EducationId, EmployerId, SeekerId, StatusChangeId};
use crate::model::{
    BenefitsPlanning, CareerProfile, EducationSpell, EmployerContact, EmployerDoc, EmployerInfo,
    PlanInfo, SeekerProfile, SeekerStatus, StatusChange,
};
use crate::store::Store;
use crate::Result;

/// What writing a record did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Saved {
    Created,
    Updated,
    /// Everything it says was already recorded.
    Unchanged,
}

/// One job seeker's record as a row gives it. Each part left `None` (or empty) stays as it
/// is; the parts given replace the whole form they belong to (read the current form and
/// change the fields you have, to keep the others).
#[derive(Debug, Clone, PartialEq)]
pub struct SeekerRecord {
    /// The job seeker; made with this id when `create`, else it must exist.
    pub id: SeekerId,
    pub create: bool,
    pub profile: SeekerProfile,
    /// A status to record, unless it is already the one in force (engaging for a new
    /// record when not given).
    pub status: Option<SeekerStatus>,
    /// When that status began (default: the first meeting, the referral, or today).
    pub status_date: Option<NaiveDate>,
    pub benefits: Option<BenefitsPlanning>,
    pub career: Option<CareerProfile>,
    pub plan: Option<PlanInfo>,
    /// Consents to add; one already recorded with the same recipient, scope and signing
    /// date is not added again.
    pub consents: Vec<NewConsent>,
    /// School or training; a spell with the same program and start is updated instead (an
    /// end not given keeps the one recorded).
    pub education: Vec<EducationSpell>,
}

/// One employer's record as a row gives it.
#[derive(Debug, Clone, PartialEq)]
pub struct EmployerRecord {
    /// The employer; made with this id when `create`, else it must exist.
    pub id: EmployerId,
    pub create: bool,
    /// The whole form (fields absent here are kept only if the caller copied them in).
    pub info: EmployerInfo,
    /// Contact people; one with the same name is updated instead of added (fields not
    /// given keep what is recorded).
    pub contacts: Vec<EmployerContact>,
}

/// An entry to write over one already stored: its empty fields left out, so writing the
/// same entry again changes nothing (a new entry is stored without its empty fields, and
/// writing an empty field where there is none would still be recorded as a change).
fn without_empty(entry: &impl serde::Serialize) -> Result<serde_json::Value> {
    let mut value = serde_json::to_value(entry).map_err(|e| crate::Error::malformed("entry", e))?;
    if let serde_json::Value::Object(fields) = &mut value {
        fields.retain(|_, v| !v.is_null());
    }
    Ok(value)
}

fn same_text(a: &str, b: &str) -> bool {
    a.trim().eq_ignore_ascii_case(b.trim())
}

fn outcome(create: bool, changed: &[crate::ids::DocId]) -> Saved {
    match (create, changed.is_empty()) {
        (true, _) => Saved::Created,
        (false, false) => Saved::Updated,
        (false, true) => Saved::Unchanged,
    }
}

impl Store {
    /// Creates or updates a job seeker's whole record in one write; `op` is what the
    /// record's history calls the change (`seeker.add`, `benefits.edit`…).
    pub fn save_seeker(&self, op: &str, record: SeekerRecord) -> Result<Saved> {
        let SeekerRecord { id, create, .. } = record;
        let profile = clean_profile(&record.profile)?;
        let benefits = record.benefits.map(clean_benefits).transpose()?;
        let career = record.career.map(clean_career).transpose()?;
        let plan = record.plan.map(clean_plan).transpose()?;
        let consents = record
            .consents
            .into_iter()
            .map(clean_consent)
            .collect::<Result<Vec<_>>>()?;
        let education = record
            .education
            .into_iter()
            .map(clean_education)
            .collect::<Result<Vec<_>>>()?;
        let (_, changed) = self.write_telling(op, |e| {
            if let Some(name) = &profile.external_id {
                external::ensure_free(e.tx, Named::Seeker, name, Some(id.uuid()))?;
            }
            let (current, status) = if create {
                e.create(id.doc(), DocKind::Seeker)?;
                let status = first_status(record.status, record.status_date, &profile);
                (None, Some(status))
            } else {
                let current = read_seeker(e, id)?;
                let in_force = current.current_status().map(|(_, c)| c.status);
                let status = record
                    .status
                    .filter(|s| Some(*s) != in_force)
                    .map(|status| StatusChange {
                        status,
                        date: record.status_date.unwrap_or_else(today),
                        reason: None,
                        recorded: Some(Utc::now()),
                        job_id: None,
                        voided: None,
                    });
                (Some(current), status)
            };
            let doc = e.doc(id.doc(), DocKind::Seeker)?;
            doc.put(&[], "profile", &profile)?;
            if let Some(status) = status {
                doc.put(
                    &["status_history"],
                    &StatusChangeId::new().to_string(),
                    &status,
                )?;
            }
            if let Some(benefits) = &benefits {
                doc.put(&[], "benefits", benefits)?;
            }
            if let Some(career) = &career {
                doc.put(&[], "career", career)?;
            }
            if let Some(plan) = &plan {
                doc.put(&[], "plan", plan)?;
            }
            for consent in &consents {
                let known = current.as_ref().is_some_and(|c| {
                    c.consents.values().any(|k| {
                        same_text(&k.recipient, &consent.recipient)
                            && same_text(&k.scope, &consent.scope)
                            && k.signed == consent.signed
                    })
                });
                if !known {
                    doc.put(&["consents"], &ConsentId::new().to_string(), consent)?;
                }
            }
            for spell in &education {
                let known = current.as_ref().and_then(|c| {
                    c.education.iter().find(|(_, k)| {
                        same_text(&k.program, &spell.program) && k.start == spell.start
                    })
                });
                match known {
                    Some((at, stored)) => {
                        let spell = EducationSpell {
                            end: spell.end.or(stored.end),
                            ..spell.clone()
                        };
                        doc.put(&["education"], &at.to_string(), &without_empty(&spell)?)?;
                    }
                    None => doc.put(&["education"], &EducationId::new().to_string(), spell)?,
                }
            }
            Ok(())
        })?;
        Ok(outcome(create, &changed))
    }

    /// Creates or updates an employer's whole record (its form and contact people) in one
    /// write; `op` is what the history calls the change.
    pub fn save_employer(&self, op: &str, record: EmployerRecord) -> Result<Saved> {
        let EmployerRecord { id, create, .. } = record;
        let info = clean_employer(&record.info)?;
        let contacts = record
            .contacts
            .iter()
            .map(clean_contact)
            .collect::<Result<Vec<_>>>()?;
        let (_, changed) = self.write_telling(op, |e| {
            if let Some(name) = &info.external_id {
                external::ensure_free(e.tx, Named::Employer, name, Some(id.uuid()))?;
            }
            let current = if create {
                e.create(id.doc(), DocKind::Employer)?;
                None
            } else {
                Some(e.read::<EmployerDoc>(id.doc(), DocKind::Employer)?)
            };
            let doc = e.doc(id.doc(), DocKind::Employer)?;
            doc.put_fields(&[], &info)?;
            for contact in &contacts {
                let known = current.as_ref().and_then(|c| {
                    c.contacts
                        .iter()
                        .find(|(_, k)| same_text(&k.name, &contact.name))
                });
                match known {
                    Some((at, stored)) => {
                        // Fields the row leaves empty keep what is stored.
                        let contact = EmployerContact {
                            name: contact.name.clone(),
                            role: contact.role.clone().or(stored.role.clone()),
                            phone: contact.phone.clone().or(stored.phone.clone()),
                            email: contact.email.clone().or(stored.email.clone()),
                        };
                        doc.put(&["contacts"], &at.to_string(), &without_empty(&contact)?)?;
                    }
                    None => doc.put(&["contacts"], &ContactId::new().to_string(), contact)?,
                }
            }
            Ok(())
        })?;
        Ok(outcome(create, &changed))
    }
}
