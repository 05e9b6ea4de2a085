//! The forms of employers: the employer (added or edited), its contacts, and voiding a
//! visit or a case note entered in error.

use fieldbook_core::ids::{ContactId, NoteId, VisitId};
use fieldbook_core::model::{EmployerContact, EmployerInfo};
use fieldbook_core::{Error, NewEmployer, Store};

use super::kinds::{employer_id, field, seeker_id, Field, FormKind};
use super::{bad_id, wrong_form, FieldKind, Values};
use FieldKind::{LongText, Text};

pub(super) const EMPLOYER: &[Field] = &[
    field("name", Text, true),
    field("industry", Text, false),
    field("address", Text, false),
    field("phone", Text, false),
    field("business_needs", LongText, false),
    field("hiring_notes", LongText, false),
];

/// Adds an employer, or saves the one edited (keeping what the form does not show).
pub(super) fn save_employer(
    store: &Store,
    kind: &FormKind,
    v: &Values<'_>,
) -> Result<String, Error> {
    let (id, old) = match kind {
        FormKind::EditEmployer { employer_id: e } => {
            let id = employer_id(e)?;
            (Some(id), store.employer(id)?.info)
        }
        _ => (None, EmployerInfo::default()),
    };
    let info = EmployerInfo {
        name: v.required("name"),
        industry: v.text("industry"),
        address: v.text("address"),
        phone: v.text("phone"),
        business_needs: v.text("business_needs"),
        hiring_notes: v.text("hiring_notes"),
        ..old
    };
    match id {
        Some(id) => {
            store.update_employer(id, info)?;
            Ok(id.to_string())
        }
        None => Ok(store
            .create_employer(NewEmployer { id: None, info })?
            .to_string()),
    }
}

pub(super) fn load_employer(
    store: &Store,
    kind: &FormKind,
) -> Result<Vec<(&'static str, String)>, Error> {
    let FormKind::EditEmployer { employer_id: e } = kind else {
        return Err(wrong_form());
    };
    let i = store.employer(employer_id(e)?)?.info;
    Ok(vec![
        ("name", i.name),
        ("industry", i.industry.unwrap_or_default()),
        ("address", i.address.unwrap_or_default()),
        ("phone", i.phone.unwrap_or_default()),
        ("business_needs", i.business_needs.unwrap_or_default()),
        ("hiring_notes", i.hiring_notes.unwrap_or_default()),
    ])
}

pub(super) const CONTACT: &[Field] = &[
    field("name", Text, true),
    field("role", Text, false),
    field("phone", Text, false),
    field("email", Text, false),
];

pub(super) fn save_contact(
    store: &Store,
    kind: &FormKind,
    v: &Values<'_>,
) -> Result<String, Error> {
    let contact = EmployerContact {
        name: v.required("name"),
        role: v.text("role"),
        phone: v.text("phone"),
        email: v.text("email"),
    };
    match kind {
        FormKind::Contact { employer_id: e } => {
            Ok(store.add_contact(employer_id(e)?, contact)?.to_string())
        }
        FormKind::EditContact {
            employer_id: e,
            contact_id: c,
        } => {
            store.update_contact(employer_id(e)?, contact_id(c)?, contact)?;
            Ok(c.clone())
        }
        _ => Err(wrong_form()),
    }
}

fn contact_id(id: &str) -> Result<ContactId, Error> {
    id.parse().map_err(|_| bad_id("contact", id))
}

/// The contact being edited, as saved.
pub(super) fn load_contact(
    store: &Store,
    kind: &FormKind,
) -> Result<Vec<(&'static str, String)>, Error> {
    let FormKind::EditContact {
        employer_id: e,
        contact_id: c,
    } = kind
    else {
        return Err(wrong_form());
    };
    let contact = store
        .employer(employer_id(e)?)?
        .contacts
        .remove(&contact_id(c)?)
        .ok_or_else(|| bad_id("contact", c))?;
    Ok(vec![
        ("name", contact.name),
        ("role", contact.role.unwrap_or_default()),
        ("phone", contact.phone.unwrap_or_default()),
        ("email", contact.email.unwrap_or_default()),
    ])
}

pub(super) const VOID: &[Field] = &[field("reason", LongText, true)];

/// Marks the visit or case note as entered in error, with the reason.
pub(super) fn save_void(store: &Store, kind: &FormKind, v: &Values<'_>) -> Result<String, Error> {
    let reason = v.required("reason");
    match kind {
        FormKind::VoidVisit {
            employer_id: e,
            visit_id,
        } => {
            let visit: VisitId = visit_id.parse().map_err(|_| bad_id("visit", visit_id))?;
            store.void_visit(employer_id(e)?, visit, &reason)?;
            Ok(visit.to_string())
        }
        FormKind::VoidNote {
            seeker_id: s,
            note_id,
        } => {
            let note: NoteId = note_id.parse().map_err(|_| bad_id("case note", note_id))?;
            store.void_note(seeker_id(s)?, note, &reason)?;
            Ok(note.to_string())
        }
        _ => Err(wrong_form()),
    }
}
