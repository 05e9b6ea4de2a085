//! Case notes: team-private, never sent to the job seeker's phone.

use chrono::{DateTime, FixedOffset, Local};

use crate::document::DocKind;
use crate::ids::{NoteId, SeekerId};
use crate::model::{non_empty, CaseNote};
use crate::store::Store;
use crate::{Error, Result};

impl Store {
    /// Adds a case note about a job seeker on this phone's caseload.
    pub fn add_note(
        &self,
        seeker: SeekerId,
        text: &str,
        at: Option<DateTime<FixedOffset>>,
    ) -> Result<NoteId> {
        let note = CaseNote {
            at: at.unwrap_or_else(|| Local::now().fixed_offset()),
            author: self.identity().user_id,
            text: non_empty("text", text)?,
            voided: None,
        };
        let note_id = NoteId::new();
        self.write("note.add", |e| {
            if !e.exists(seeker.doc())? {
                return Err(Error::not_found("job seeker", seeker));
            }
            e.refuse_merged(seeker.doc(), DocKind::Seeker)?;
            let notes = seeker.notes_doc();
            let doc = if e.exists(notes)? {
                e.doc(notes, DocKind::Notes)?
            } else {
                let d = e.create(notes, DocKind::Notes)?;
                d.put(&[], "seeker_id", &seeker)?;
                d
            };
            doc.put(&["notes"], &note_id.to_string(), &note)?;
            Ok(note_id)
        })
    }
}
