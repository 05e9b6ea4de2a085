//! Employers: the form, its contact people, and (from a spreadsheet row) both at once.

use fieldbook_core::ids::EmployerId;
use fieldbook_core::model::EmployerDoc;
use fieldbook_core::{EmployerRecord, Named};
use serde_json::{Map, Value};

use super::fields::{ContactFields, EmployerFields};
use super::seeker::{fresh_uuid, Target};
use super::{fields, take_opt_ref, take_ref, Action, Ctx, Outcome, Problem};
use crate::refs::{same, Ref};

/// `fieldbook employer add`: an employer the team starts to work with.
#[derive(Debug, Clone, clap::Args)]
pub struct EmployerAdd {
    /// An id to find the employer by later (any name; its own id is always a new UUID).
    #[arg(long)]
    pub id: Option<Ref>,
    #[command(flatten)]
    pub fields: EmployerFields,
}

/// `fieldbook employer edit`: only the given fields change.
#[derive(Debug, Clone, clap::Args)]
pub struct EmployerEdit {
    /// The employer (id, external id or name).
    #[arg(long)]
    pub employer: Ref,
    #[command(flatten)]
    pub fields: EmployerFields,
}

/// An employer's record as one import line or row gives it.
#[derive(Debug, Clone)]
pub struct EmployerRow {
    pub target: Target,
    pub fields: EmployerFields,
    pub contact: Option<ContactFields>,
}

impl From<EmployerAdd> for EmployerRow {
    fn from(a: EmployerAdd) -> EmployerRow {
        EmployerRow {
            target: Target::New(a.id),
            fields: a.fields,
            contact: None,
        }
    }
}

impl From<EmployerEdit> for EmployerRow {
    fn from(e: EmployerEdit) -> EmployerRow {
        EmployerRow {
            target: Target::Existing(e.employer),
            fields: e.fields,
            contact: None,
        }
    }
}

impl EmployerRow {
    /// Reads an `employer.add` (optional `id`) or `employer.edit` line (`employer`).
    pub fn from_json(mut obj: Map<String, Value>, edit: bool) -> Result<EmployerRow, Problem> {
        let target = if edit {
            Target::Existing(take_ref(&mut obj, "employer")?)
        } else {
            Target::New(take_opt_ref(&mut obj, "id")?)
        };
        let contact = match obj.remove("contact") {
            None | Some(Value::Null) => None,
            Some(Value::Object(c)) => Some(fields(c).map_err(|p| p.within("contact"))?),
            Some(_) => return Err(Problem::new(Some("contact"), "must be an object of fields")),
        };
        Ok(EmployerRow {
            target,
            fields: fields(obj)?,
            contact,
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
            Target::Existing(_) => "employer.edit",
            Target::New(_) => "employer.add",
        };
        let (id, create) = find(ctx, &self.target)?;
        let mut info = if create {
            Default::default()
        } else {
            ctx.store().employer(id)?.info
        };
        self.fields.apply(&mut info);
        if create {
            info.external_id = self.external_id().map(str::to_string);
        }
        let saved = ctx.store().save_employer(
            op,
            EmployerRecord {
                id,
                create,
                info,
                contacts: self.contact.iter().map(Into::into).collect(),
            },
        )?;
        let mut outcome = Outcome::new(op, saved).with("employer_id", id);
        if let Some(external) = self.external_id() {
            outcome = outcome.with("external_id", external);
        }
        Ok(outcome)
    }
}

/// The employer a row writes and whether it is to be made.
fn find(ctx: &mut Ctx<'_>, target: &Target) -> Result<(EmployerId, bool), Problem> {
    let store = ctx.store();
    match target {
        Target::Existing(r) => Ok((ctx.employer(r)?, false)),
        Target::New(None) => Ok((EmployerId::new(), true)),
        Target::New(Some(r)) => {
            if let Some(uuid) = r.uuid() {
                let id = EmployerId(uuid);
                return match store.employer(id) {
                    Ok(_) if ctx.import => Ok((id, false)),
                    Ok(_) => Err(Problem::new(
                        Some("id"),
                        format!("employer {uuid} already exists"),
                    )),
                    Err(fieldbook_core::Error::NotFound { .. }) => {
                        fresh_uuid(uuid)?;
                        Ok((id, true))
                    }
                    Err(e) => Err(e.into()),
                };
            }
            match store
                .find_external_id(Named::Employer, r.text())?
                .as_slice()
            {
                [] => Ok((EmployerId::new(), true)),
                [one] if ctx.import => Ok((EmployerId(*one), false)),
                [one] => Err(Problem::new(
                    Some("id"),
                    format!(
                        "an employer with the id `{r}` already exists ({one}): change it with \
                         `fieldbook employer edit --employer {r}`"
                    ),
                )),
                many => Err(Problem::new(
                    Some("id"),
                    format!(
                        "{} employers have the id `{r}`: name one by its UUID",
                        many.len()
                    ),
                )),
            }
        }
    }
}

/// `contact.add`: a contact person at an employer; in an import, one with the same name is
/// updated (with the fields given) instead of added twice.
pub fn contact(ctx: &mut Ctx<'_>, employer: &Ref, f: ContactFields) -> Result<Outcome, Problem> {
    let id = ctx.employer(employer)?;
    let store = ctx.store();
    let outcome = |action: Action, contact| {
        Outcome::new("contact.add", action)
            .with("employer_id", id)
            .with("contact_id", contact)
    };
    if !ctx.import {
        let at = store.add_contact(id, (&f).into())?;
        return Ok(outcome(Action::Created, at));
    }
    let named = |doc: &EmployerDoc| {
        doc.contacts
            .iter()
            .find(|(_, c)| same(&c.name, &f.name))
            .map(|(at, _)| *at)
    };
    let doc = store.employer(id)?;
    let known = named(&doc);
    let saved = store.save_employer(
        "contact.add",
        EmployerRecord {
            id,
            create: false,
            info: doc.info,
            contacts: vec![(&f).into()],
        },
    )?;
    let at = named(&store.employer(id)?)
        .ok_or_else(|| Problem::general("the contact was not stored"))?;
    let action = match (known, Action::from(saved)) {
        (None, _) => Action::Created,
        (Some(_), action) => action,
    };
    Ok(outcome(action, at))
}
