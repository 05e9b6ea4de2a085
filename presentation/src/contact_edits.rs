//! The edit buttons of an employer's contacts: one per contact, opening the shared contact
//! form (`FormKind::EditContact`, saved through the core's `update_contact`). Each button
//! names its contact for TalkBack and VoiceOver, since every contact carries one. A job
//! seeker's own phone gets none.

use fieldbook_core::ids::EmployerId;
use fieldbook_core::model::Role;

use crate::errors::problem;
use crate::record_form::FormKind;
use crate::screens::Screens;
use crate::seeker::ScreenError;

/// The button editing one contact.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct ContactEdit {
    pub contact_id: String,
    /// The form the button opens.
    pub form: FormKind,
    /// The button's text: "Edit Lee Vang".
    pub label: String,
    /// What TalkBack and VoiceOver read: "Edit the contact Lee Vang at Maple Street Bakery".
    pub accessibility_label: String,
}

#[uniffi::export]
impl Screens {
    /// The edit buttons of the contacts of employer `employer_id`, by name; none on a job
    /// seeker's own phone. An employer this phone cannot read is said so in words.
    pub fn contact_edits(&self, employer_id: String) -> Result<Vec<ContactEdit>, ScreenError> {
        let words = self.words();
        let store = self.store();
        let unavailable = |e: fieldbook_core::Error| ScreenError::Unavailable {
            words: problem(&words, &e, &|_| None).message,
        };
        let id: EmployerId = employer_id
            .parse()
            .map_err(|_| unavailable(fieldbook_core::Error::not_found("employer", &employer_id)))?;
        let doc = store.employer(id).map_err(unavailable)?;
        if store.identity().role == Some(Role::Seeker) {
            return Ok(Vec::new());
        }
        let mut contacts: Vec<_> = doc.contacts.into_iter().collect();
        contacts.sort_by(|(a_id, a), (b_id, b)| (&a.name, a_id).cmp(&(&b.name, b_id)));
        Ok(contacts
            .into_iter()
            .map(|(contact, c)| ContactEdit {
                contact_id: contact.to_string(),
                form: FormKind::EditContact {
                    employer_id: employer_id.clone(),
                    contact_id: contact.to_string(),
                },
                label: words.get("contact-edit", &[("name", c.name.as_str().into())]),
                accessibility_label: words.get(
                    "contact-edit-spoken",
                    &[
                        ("name", c.name.as_str().into()),
                        ("employer", doc.info.name.as_str().into()),
                    ],
                ),
            })
            .collect())
    }
}
