//! Taking back entries entered in error: a visit logged at the wrong employer, a case note
//! on the wrong person. The entry is marked void with the reason (see
//! [`crate::model::Voided`]); it stays in the record and its history and syncs like any
//! change, and no count, list or report includes it any more.

use chrono::Local;
use serde::de::IgnoredAny;

use crate::document::DocKind;
use crate::ids::{EmployerId, NoteId, SeekerId, VisitId};
use crate::model::{non_empty, Voided};
use crate::store::{Edit, Store};
use crate::{Error, Reason, Result};

impl Store {
    /// Voids a visit entered in error, and the job-search activity it copied into the
    /// record of each job seeker discussed (those held on this phone). A visit already
    /// void is refused, naming it.
    pub fn void_visit(&self, employer: EmployerId, visit: VisitId, reason: &str) -> Result<()> {
        let voided = self.voided(reason)?;
        self.write("visit.void", |e| {
            let at = ["visits", &visit.to_string()];
            if e.read_at::<IgnoredAny>(employer.doc(), DocKind::Employer, &at)?
                .is_none()
            {
                return Err(Error::not_found("visit", visit));
            }
            let seekers: Vec<SeekerId> = e
                .read_at(
                    employer.doc(),
                    DocKind::Employer,
                    &[at[0], at[1], "seekers"],
                )?
                .unwrap_or_default();
            not_void_yet(e, employer.doc(), DocKind::Employer, &at, "visit", visit)?;
            e.doc(employer.doc(), DocKind::Employer)?
                .put(&at, "voided", &voided)?;
            for s in e.survivors(seekers)? {
                let activity = ["activities", &visit.to_string()];
                if e.exists(s.doc())?
                    && e.read_at::<IgnoredAny>(s.doc(), DocKind::Seeker, &activity)?
                        .is_some()
                {
                    e.doc(s.doc(), DocKind::Seeker)?
                        .put(&activity, "voided", &voided)?;
                }
            }
            Ok(())
        })
    }

    /// Voids a case note entered in error (written on the wrong person, say).
    pub fn void_note(&self, seeker: SeekerId, note: NoteId, reason: &str) -> Result<()> {
        let voided = self.voided(reason)?;
        self.write("note.void", |e| {
            let notes = seeker.notes_doc();
            let at = ["notes", &note.to_string()];
            if !e.exists(notes)?
                || e.read_at::<IgnoredAny>(notes, DocKind::Notes, &at)?
                    .is_none()
            {
                return Err(Error::not_found("case note", note));
            }
            not_void_yet(e, notes, DocKind::Notes, &at, "case note", note)?;
            e.doc(notes, DocKind::Notes)?.put(&at, "voided", &voided)?;
            Ok(())
        })
    }

    /// The void mark for an entry this phone's user takes back now, with a reason given.
    pub(super) fn voided(&self, reason: &str) -> Result<Voided> {
        Ok(Voided {
            at: Local::now().fixed_offset(),
            by: self.identity().user_id,
            reason: non_empty("reason", reason)?,
        })
    }
}

/// Refuses voiding an entry twice (the first reason stands).
pub(super) fn not_void_yet(
    e: &mut Edit<'_>,
    doc: crate::ids::DocId,
    kind: DocKind,
    at: &[&str],
    what: &'static str,
    id: impl std::fmt::Display,
) -> Result<()> {
    let mut path = at.to_vec();
    path.push("voided");
    if e.read_at::<IgnoredAny>(doc, kind, &path)?.is_some() {
        return Err(void_already(what, id));
    }
    Ok(())
}

/// The error for voiding an entry a second time: the field is the entry's kind.
pub(super) fn void_already(what: &str, id: impl std::fmt::Display) -> Error {
    Error::invalid_because(what, Reason::VoidAlready { id: id.to_string() })
}

/// The error for changing an entry that was voided: the field is the entry's kind.
pub(super) fn void(kind: &str, id: impl std::fmt::Display) -> Error {
    Error::invalid_because(
        kind,
        Reason::Void {
            kind: kind.into(),
            id: id.to_string(),
        },
    )
}

#[cfg(test)]
mod tests {
    use chrono::{Duration, Local, NaiveDate};
    use proptest::prelude::*;

    use crate::ids::{EmployerId, SeekerId, VisitId};
    use crate::model::{ContactMode, EmployerInfo, SeekerProfile, VisitPurpose};
    use crate::{Error, NewEmployer, NewSeeker, NewVisit, Store};

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path().join("phone.db"), None).unwrap();
        (dir, store)
    }

    fn employer(store: &Store, name: &str) -> EmployerId {
        let info = EmployerInfo {
            name: name.into(),
            ..Default::default()
        };
        store
            .create_employer(NewEmployer { id: None, info })
            .unwrap()
    }

    fn seeker(store: &Store) -> SeekerId {
        let profile = SeekerProfile {
            name: "Erik Lund".into(),
            ..Default::default()
        };
        store
            .create_seeker(NewSeeker {
                id: None,
                profile,
                status: None,
                status_date: None,
            })
            .unwrap()
    }

    fn visit(
        store: &Store,
        employer: EmployerId,
        seekers: Vec<SeekerId>,
        days_ago: i64,
    ) -> VisitId {
        store
            .log_visit(NewVisit {
                id: None,
                employer_id: employer,
                at: Local::now().fixed_offset() - Duration::days(days_ago),
                specialist: None,
                contact_id: None,
                location: None,
                mode: ContactMode::InPerson,
                purpose: VisitPurpose::LearnBusinessNeeds,
                seekers,
                followed_preference: None,
                outcome: None,
                next_step: None,
                next_step_date: None,
            })
            .unwrap()
    }

    /// What the screens count: visits per employer (index), the week's face-to-face
    /// contacts, and the job seeker's first face-to-face contact (caseload index and record).
    fn counts(
        store: &Store,
        seeker: SeekerId,
    ) -> (Vec<u32>, u32, Option<NaiveDate>, Option<NaiveDate>) {
        let today = crate::today();
        let per_employer = store
            .employers()
            .unwrap()
            .iter()
            .map(|e| e.visits)
            .collect();
        let week = store.week_summary(today).unwrap().face_to_face;
        let line = store.caseload(today).unwrap()[0].first_face_to_face;
        let record = store.seeker(seeker).unwrap().first_face_to_face_contact();
        (per_employer, week, line, record)
    }

    #[test]
    fn a_voided_visit_counts_nowhere_but_stays_in_the_record_and_its_history() {
        let (_dir, store) = store();
        let bakery = employer(&store, "Maple Street Bakery");
        let erik = seeker(&store);
        let kept = visit(&store, bakery, vec![], 0);
        let wrong = visit(&store, bakery, vec![erik], 0);
        let today = crate::today();
        assert_eq!(counts(&store, erik), (vec![2], 2, Some(today), Some(today)));

        // Refused, naming the field, and nothing written.
        let before = store.history(bakery.doc()).unwrap().len();
        assert!(matches!(
            store.void_visit(bakery, wrong, "  "),
            Err(Error::Invalid { field, .. }) if field == "reason"
        ));
        assert!(matches!(
            store.void_visit(bakery, VisitId::new(), "typo"),
            Err(Error::NotFound { kind: "visit", .. })
        ));
        assert_eq!(store.history(bakery.doc()).unwrap().len(), before);

        store
            .void_visit(bakery, wrong, "logged at the wrong employer")
            .unwrap();
        assert_eq!(counts(&store, erik), (vec![1], 1, None, None));
        let listed: Vec<VisitId> = store
            .employer_visits(bakery)
            .unwrap()
            .iter()
            .map(|v| v.visit_id)
            .collect();
        assert_eq!(listed, [kept]);
        let log = store.employer(bakery).unwrap();
        let voided = log.visits[&wrong]
            .voided
            .as_ref()
            .expect("still in the log");
        assert_eq!(voided.reason, "logged at the wrong employer");
        let activity = &store.seeker(erik).unwrap().activities[&wrong];
        assert!(activity.voided.is_some(), "the copy in Erik's record too");
        let ops: Vec<String> = store
            .history(bakery.doc())
            .unwrap()
            .into_iter()
            .filter_map(|h| h.op)
            .collect();
        assert_eq!(ops.last().map(String::as_str), Some("visit.void"));
        assert!(matches!(
            store.void_visit(bakery, wrong, "again"),
            Err(Error::Invalid { field, .. }) if field == "visit"
        ));

        // The void travels like any change: another phone merging the records agrees.
        let (_other_dir, other) = self::store();
        let docs = [bakery.doc(), erik.doc()]
            .map(|d| store.export(d).unwrap())
            .to_vec();
        other.merge_remote(docs).unwrap();
        assert_eq!(counts(&other, erik), (vec![1], 1, None, None));
    }

    #[test]
    fn a_voided_note_is_kept_and_marked() {
        let (_dir, store) = store();
        let erik = seeker(&store);
        let note = store.add_note(erik, "Meant for Maria", None).unwrap();
        store.void_note(erik, note, "wrong person").unwrap();
        let notes = store.notes(erik).unwrap();
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0].1.voided.as_ref().unwrap().reason, "wrong person");
        assert!(store.void_note(erik, note, "again").is_err());
        assert!(matches!(
            store.void_note(erik, crate::ids::NoteId::new(), "x"),
            Err(Error::NotFound { .. })
        ));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(12))]
        /// Any mix of visits and voids: every count equals what the visits that stand give,
        /// and a phone that merges the records in counts the same.
        #[test]
        fn counts_exclude_voided_visits(
            plan in prop::collection::vec((0usize..3, any::<bool>(), 0i64..20, any::<bool>()), 1..10)
        ) {
            let (_dir, store) = store();
            let employers: Vec<EmployerId> =
                (0..3).map(|i| employer(&store, &format!("Employer {i}"))).collect();
            let erik = seeker(&store);
            let mut standing: Vec<(usize, bool, i64)> = Vec::new();
            for (e, with_erik, days_ago, void) in plan {
                let seekers = if with_erik { vec![erik] } else { vec![] };
                let id = visit(&store, employers[e], seekers, days_ago);
                if void {
                    store.void_visit(employers[e], id, "entered in error").unwrap();
                } else {
                    standing.push((e, with_erik, days_ago));
                }
            }
            let today = crate::today();
            let per_employer: Vec<u32> = (0..3)
                .map(|e| standing.iter().filter(|s| s.0 == e).count() as u32)
                .collect();
            let week_start = crate::week_start(today);
            let this_week = standing
                .iter()
                .filter(|s| (today - Duration::days(s.2)) >= week_start)
                .count() as u32;
            let first = standing
                .iter()
                .filter(|s| s.1)
                .map(|s| (Local::now() - Duration::days(s.2)).date_naive())
                .min();
            let (mut got_employers, got_week, line, record) = counts(&store, erik);
            got_employers.sort();
            let mut want_employers = per_employer;
            want_employers.sort();
            prop_assert_eq!(got_employers, want_employers);
            prop_assert_eq!(got_week, this_week);
            prop_assert_eq!(line, first);
            prop_assert_eq!(record, first);
            let (_other_dir, other) = self::store();
            let docs: Vec<_> = employers
                .iter()
                .map(|e| store.export(e.doc()).unwrap())
                .chain([store.export(erik.doc()).unwrap()])
                .collect();
            other.merge_remote(docs).unwrap();
            prop_assert_eq!(counts(&other, erik), counts(&store, erik));
        }
    }
}
