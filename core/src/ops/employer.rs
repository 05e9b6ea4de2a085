//! Employers and their contact people.

use crate::document::DocKind;
use crate::external::{self, Named};
use crate::ids::{ContactId, EmployerId};
use crate::model::{non_empty, trimmed, EmployerContact, EmployerDoc, EmployerInfo};
use crate::store::Store;
use crate::{Error, Result};

/// An employer the team starts to work with.
#[derive(Debug, Clone, PartialEq)]
pub struct NewEmployer {
    /// Given when importing, so later lines can refer to the employer.
    pub id: Option<EmployerId>,
    pub info: EmployerInfo,
}

pub(crate) fn clean_info(info: &EmployerInfo) -> Result<EmployerInfo> {
    Ok(EmployerInfo {
        name: non_empty("name", &info.name)?,
        industry: trimmed("industry", info.industry.as_deref())?,
        address: trimmed("address", info.address.as_deref())?,
        phone: trimmed("phone", info.phone.as_deref())?,
        website: trimmed("website", info.website.as_deref())?,
        business_needs: trimmed("business_needs", info.business_needs.as_deref())?,
        hiring_notes: trimmed("hiring_notes", info.hiring_notes.as_deref())?,
        external_id: trimmed("external_id", info.external_id.as_deref())?,
    })
}

pub(crate) fn clean_contact(c: &EmployerContact) -> Result<EmployerContact> {
    Ok(EmployerContact {
        name: non_empty("contact.name", &c.name)?,
        role: trimmed("contact.role", c.role.as_deref())?,
        phone: trimmed("contact.phone", c.phone.as_deref())?,
        email: trimmed("contact.email", c.email.as_deref())?,
    })
}

impl Store {
    /// Adds an employer, visible to the whole team after the next sync.
    pub fn create_employer(&self, new: NewEmployer) -> Result<EmployerId> {
        let info = clean_info(&new.info)?;
        let id = new.id.unwrap_or_else(EmployerId::new);
        self.write("employer.add", |e| {
            if let Some(name) = &info.external_id {
                external::ensure_free(e.tx, Named::Employer, name, None)?;
            }
            // The form's fields live at the top of the document, beside contacts and visits.
            e.create(id.doc(), DocKind::Employer)?
                .put_fields(&[], &info)?;
            Ok(id)
        })
    }

    /// Replaces the employer form's fields.
    pub fn update_employer(&self, id: EmployerId, info: EmployerInfo) -> Result<()> {
        let info = clean_info(&info)?;
        self.write("employer.edit", |e| {
            if let Some(name) = &info.external_id {
                external::ensure_free(e.tx, Named::Employer, name, Some(id.uuid()))?;
            }
            e.doc(id.doc(), DocKind::Employer)?.put_fields(&[], &info)
        })
    }

    /// Adds a contact person at an employer.
    pub fn add_contact(&self, employer: EmployerId, contact: EmployerContact) -> Result<ContactId> {
        let contact = clean_contact(&contact)?;
        let contact_id = ContactId::new();
        self.write("employer.contact.add", |e| {
            e.doc(employer.doc(), DocKind::Employer)?.put(
                &["contacts"],
                &contact_id.to_string(),
                &contact,
            )?;
            Ok(contact_id)
        })
    }

    /// Updates a contact person.
    pub fn update_contact(
        &self,
        employer: EmployerId,
        contact_id: ContactId,
        contact: EmployerContact,
    ) -> Result<()> {
        let contact = clean_contact(&contact)?;
        self.write("employer.contact.edit", |e| {
            let doc: EmployerDoc = e.read(employer.doc(), DocKind::Employer)?;
            if !doc.contacts.contains_key(&contact_id) {
                return Err(Error::not_found("contact", contact_id));
            }
            e.doc(employer.doc(), DocKind::Employer)?.put(
                &["contacts"],
                &contact_id.to_string(),
                &contact,
            )
        })
    }
}
