//! A job seeker's record: the profile and status, benefits, consents, career profile, plan
//! and school. A spreadsheet row (or a `seeker.add` line) may carry all of it; it is written
//! in one transaction, so a row is applied whole or not at all.

use fieldbook_core::ids::SeekerId;
use fieldbook_core::model::SeekerDoc;
use fieldbook_core::{Named, SeekerRecord};
use serde_json::{Map, Value};

use super::fields::{
    BenefitsFields, CareerFields, ConsentFields, EducationFields, PlanFields, ProfileFields,
};
use super::{fields, take_opt_ref, take_ref, Action, Ctx, Outcome, Problem};
use crate::refs::Ref;

/// `fieldbook seeker add`: a job seeker joins the caseload.
#[derive(Debug, Clone, clap::Args)]
pub struct SeekerAdd {
    /// An id to find the record by later (a case number, or any name; the record's own id
    /// is always a new random UUID).
    #[arg(long)]
    pub id: Option<Ref>,
    #[command(flatten)]
    pub profile: ProfileFields,
}

/// `fieldbook seeker edit`: only the given fields change.
#[derive(Debug, Clone, clap::Args)]
pub struct SeekerEdit {
    /// The job seeker (id, external id or name).
    #[arg(long)]
    pub seeker: Ref,
    #[command(flatten)]
    pub profile: ProfileFields,
}

/// Which record a row writes.
#[derive(Debug, Clone, PartialEq)]
pub enum Target {
    /// A new record, or (in an import) the one already holding this external id.
    New(Option<Ref>),
    /// An existing record.
    Existing(Ref),
}

/// A job seeker's whole record as one import line or row gives it.
#[derive(Debug, Clone)]
pub struct SeekerRow {
    pub target: Target,
    /// Names in two columns, joined when there is no full name.
    pub first_name: Option<String>,
    pub last_name: Option<String>,
    pub profile: ProfileFields,
    pub benefits: Option<BenefitsFields>,
    pub career: Option<CareerFields>,
    pub plan: Option<PlanFields>,
    pub consent: Option<ConsentFields>,
    pub education: Option<EducationFields>,
}

impl From<SeekerAdd> for SeekerRow {
    fn from(a: SeekerAdd) -> SeekerRow {
        SeekerRow::new(Target::New(a.id), a.profile)
    }
}

impl From<SeekerEdit> for SeekerRow {
    fn from(e: SeekerEdit) -> SeekerRow {
        SeekerRow::new(Target::Existing(e.seeker), e.profile)
    }
}

/// Takes the group `key` (a JSON object of a form's fields) out of a line.
fn group<T: serde::de::DeserializeOwned>(
    obj: &mut Map<String, Value>,
    key: &str,
) -> Result<Option<T>, Problem> {
    match obj.remove(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Object(inner)) => fields(inner).map(Some).map_err(|p| p.within(key)),
        Some(_) => Err(Problem::new(Some(key), "must be an object of fields")),
    }
}

fn text(obj: &mut Map<String, Value>, key: &str) -> Result<Option<String>, Problem> {
    #[derive(serde::Deserialize)]
    struct Text(#[serde(deserialize_with = "crate::values::de::text")] Option<String>);
    match obj.remove(key) {
        None => Ok(None),
        Some(v) => serde_json::from_value::<Text>(v)
            .map(|t| t.0)
            .map_err(|e| Problem::new(Some(key), e)),
    }
}

impl SeekerRow {
    pub fn new(target: Target, profile: ProfileFields) -> SeekerRow {
        SeekerRow {
            target,
            first_name: None,
            last_name: None,
            profile,
            benefits: None,
            career: None,
            plan: None,
            consent: None,
            education: None,
        }
    }

    /// Reads a `seeker.add` (`edit` false: optional `id`) or `seeker.edit` line (`seeker`).
    pub fn from_json(mut obj: Map<String, Value>, edit: bool) -> Result<SeekerRow, Problem> {
        let target = if edit {
            Target::Existing(take_ref(&mut obj, "seeker")?)
        } else {
            Target::New(take_opt_ref(&mut obj, "id")?)
        };
        Ok(SeekerRow {
            target,
            first_name: text(&mut obj, "first_name")?,
            last_name: text(&mut obj, "last_name")?,
            benefits: group(&mut obj, "benefits")?,
            career: group(&mut obj, "career")?,
            plan: group(&mut obj, "plan")?,
            consent: group(&mut obj, "consent")?,
            education: group(&mut obj, "education")?,
            profile: fields(obj)?,
        })
    }

    /// The external id it is found by, when it has one.
    pub fn external_id(&self) -> Option<&str> {
        match &self.target {
            Target::New(Some(r)) if r.uuid().is_none() => Some(r.text()),
            _ => None,
        }
    }

    pub fn apply(self, ctx: &mut Ctx<'_>) -> Result<Outcome, Problem> {
        let op = match self.target {
            Target::Existing(_) => "seeker.edit",
            Target::New(_) => "seeker.add",
        };
        let (id, create) = find(ctx, &self.target)?;
        let doc = (!create).then(|| ctx.store().seeker(id)).transpose()?;
        let mut record = record_of(id, doc.as_ref());
        let joined = [&self.first_name, &self.last_name]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ");
        if self.profile.name.is_none() && !joined.is_empty() {
            record.profile.name = joined;
        }
        self.profile.apply(&mut record.profile);
        if create {
            record.profile.external_id = self.external_id().map(str::to_string);
        }
        record.status = self.profile.status;
        record.status_date = self.profile.status_date;
        if let Some(b) = &self.benefits {
            let mut planning = doc.as_ref().map(|d| d.benefits.clone()).unwrap_or_default();
            b.apply(&mut record.profile, &mut planning);
            record.benefits = b.plans().then_some(planning);
        }
        if let Some(c) = &self.career {
            let mut career = doc.as_ref().map(|d| d.career.clone()).unwrap_or_default();
            c.apply(&mut career);
            record.career = Some(career);
        }
        if let Some(p) = &self.plan {
            let mut plan = doc
                .as_ref()
                .map(|d| d.plan.info.clone())
                .unwrap_or_default();
            p.apply(&mut plan);
            record.plan = Some(plan);
        }
        record
            .consents
            .extend(self.consent.as_ref().map(Into::into));
        record
            .education
            .extend(self.education.as_ref().map(Into::into));
        let saved = ctx.store().save_seeker(op, record)?;
        let mut outcome = Outcome::new(op, saved).with("seeker_id", id);
        if let Some(external) = self.external_id() {
            outcome = outcome.with("external_id", external);
        }
        Ok(outcome)
    }
}

/// The record a row writes and whether it is to be made.
fn find(ctx: &mut Ctx<'_>, target: &Target) -> Result<(SeekerId, bool), Problem> {
    let store = ctx.store();
    match target {
        Target::Existing(r) => Ok((ctx.seeker(r)?, false)),
        Target::New(None) => Ok((SeekerId::new(), true)),
        Target::New(Some(r)) => {
            if let Some(uuid) = r.uuid() {
                let id = SeekerId(uuid);
                return match store.seeker(id) {
                    Ok(_) if ctx.import => Ok((id, false)),
                    Ok(_) => Err(Problem::new(
                        Some("id"),
                        format!("job seeker {uuid} already exists"),
                    )),
                    Err(fieldbook_core::Error::NotFound { .. }) => {
                        fresh_uuid(uuid)?;
                        Ok((id, true))
                    }
                    Err(e) => Err(e.into()),
                };
            }
            match store.find_external_id(Named::Seeker, r.text())?.as_slice() {
                [] => Ok((SeekerId::new(), true)),
                [one] if ctx.import => Ok((SeekerId(*one), false)),
                [one] => Err(Problem::new(
                    Some("id"),
                    format!(
                        "a job seeker with the id `{r}` already exists ({one}): change it with \
                         `fieldbook seeker edit --seeker {r}`"
                    ),
                )),
                many => Err(Problem::new(
                    Some("id"),
                    format!(
                        "{} job seekers have the id `{r}`: name one by its UUID",
                        many.len()
                    ),
                )),
            }
        }
    }
}

/// A UUID given for a new record must be a random (version 4) one: other versions are
/// derived from something, and the server reserves them.
pub fn fresh_uuid(uuid: uuid::Uuid) -> Result<(), Problem> {
    if uuid.get_version_num() != 4 {
        return Err(Problem::new(
            Some("id"),
            format!("`{uuid}` is not a random (version 4) UUID; give a name instead and the record gets a new id"),
        ));
    }
    Ok(())
}

/// A record to save: the current profile of an existing job seeker (`doc`), or a new one;
/// nothing else yet.
fn record_of(id: SeekerId, doc: Option<&SeekerDoc>) -> SeekerRecord {
    SeekerRecord {
        id,
        create: doc.is_none(),
        profile: doc.map(|d| d.profile.clone()).unwrap_or_default(),
        status: None,
        status_date: None,
        benefits: None,
        career: None,
        plan: None,
        consents: Vec::new(),
        education: Vec::new(),
    }
}

/// Saves one part of an existing job seeker's record.
fn save_part(
    ctx: &mut Ctx<'_>,
    seeker: &Ref,
    op: &'static str,
    part: impl FnOnce(&mut SeekerRecord, &SeekerDoc),
) -> Result<Outcome, Problem> {
    let id = ctx.seeker(seeker)?;
    let doc = ctx.store().seeker(id)?;
    let mut record = record_of(id, Some(&doc));
    part(&mut record, &doc);
    let saved = ctx.store().save_seeker(op, record)?;
    let action = match (op.ends_with(".add"), Action::from(saved)) {
        (true, Action::Updated) => Action::Created,
        (_, action) => action,
    };
    Ok(Outcome::new(op, action).with("seeker_id", id))
}

pub fn benefits(ctx: &mut Ctx<'_>, seeker: &Ref, f: BenefitsFields) -> Result<Outcome, Problem> {
    save_part(ctx, seeker, "benefits.edit", |r, doc| {
        let mut planning = doc.benefits.clone();
        f.apply(&mut r.profile, &mut planning);
        r.benefits = Some(planning);
    })
}

pub fn career(ctx: &mut Ctx<'_>, seeker: &Ref, f: CareerFields) -> Result<Outcome, Problem> {
    save_part(ctx, seeker, "career.edit", |r, doc| {
        let mut career = doc.career.clone();
        f.apply(&mut career);
        r.career = Some(career);
    })
}

pub fn plan(ctx: &mut Ctx<'_>, seeker: &Ref, f: PlanFields) -> Result<Outcome, Problem> {
    save_part(ctx, seeker, "plan.edit", |r, doc| {
        let mut plan = doc.plan.info.clone();
        f.apply(&mut plan);
        r.plan = Some(plan);
    })
}

pub fn consent(ctx: &mut Ctx<'_>, seeker: &Ref, f: ConsentFields) -> Result<Outcome, Problem> {
    save_part(ctx, seeker, "consent.add", |r, _| {
        r.consents.push((&f).into())
    })
}

pub fn education(ctx: &mut Ctx<'_>, seeker: &Ref, f: EducationFields) -> Result<Outcome, Problem> {
    save_part(ctx, seeker, "education.add", |r, _| {
        r.education.push((&f).into())
    })
}
