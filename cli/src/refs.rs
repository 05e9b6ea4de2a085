//! Naming records on the command line and in import files. A reference is a record's UUID, or
//! text: the external id it was given (`--id laundromat`, a spreadsheet's key column) or its
//! name. Text is looked up on this phone, per kind; it never becomes an id (a new record
//! always gets a fresh random UUID, and the text is kept as its external id).

use std::collections::HashMap;
use std::fmt;
use std::str::FromStr;

use fieldbook_core::ids::{
    ContactId, EmployerId, JobId, NoteId, SeekerId, StepId, SupportId, VisitId,
};
use fieldbook_core::{Named, Store};
use serde::{Deserialize, Deserializer};
use uuid::Uuid;

/// A reference to a record as typed by a person or a script: never blank.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Ref(String);

impl Ref {
    /// The reference as typed, trimmed.
    pub fn text(&self) -> &str {
        &self.0
    }

    /// The UUID it is, when it is one.
    pub fn uuid(&self) -> Option<Uuid> {
        Uuid::parse_str(&self.0).ok()
    }
}

impl FromStr for Ref {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        let s = s.trim();
        if s.is_empty() {
            return Err("an id or name is required, not blank".into());
        }
        Ok(Ref(s.to_string()))
    }
}

impl<'de> Deserialize<'de> for Ref {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = crate::values::de::text_required(d)?;
        text.parse()
            .map_err(|e: String| serde::de::Error::custom(format!("`{text}`: {e}")))
    }
}

/// A list of references: a JSON array, or one cell separated by `;` or `,`.
pub fn de_list<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Ref>, D::Error> {
    crate::values::de::list(d)?
        .into_iter()
        .map(|s| s.parse().map_err(serde::de::Error::custom))
        .collect()
}

impl fmt::Display for Ref {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Entries inside a record that a file may name before they exist in the store under that
/// name (a step added as `resume` and marked done two lines later).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Entry {
    Step(SeekerId),
    Job(SeekerId),
}

/// Finds the records references name, remembering the answers for one command or import.
#[derive(Debug)]
pub struct Resolver<'s> {
    store: &'s Store,
    found: HashMap<(NamedKey, String), Uuid>,
    named: HashMap<(Entry, String), Uuid>,
    /// Per employer, its visits by the second they happened: read once per run, then kept
    /// up to date, so recognizing a repeated visit costs the same however long the log.
    visits: HashMap<EmployerId, HashMap<i64, Vec<VisitId>>>,
}

/// `Named` as a map key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum NamedKey {
    Seeker,
    Employer,
}

impl<'s> Resolver<'s> {
    pub fn new(store: &'s Store) -> Self {
        Resolver {
            store,
            found: HashMap::new(),
            named: HashMap::new(),
            visits: HashMap::new(),
        }
    }

    pub fn store(&self) -> &'s Store {
        self.store
    }

    /// A job seeker by UUID, external id or name.
    pub fn seeker(&mut self, r: &Ref) -> Result<SeekerId, String> {
        self.record(r, Named::Seeker, NamedKey::Seeker)
            .map(SeekerId)
    }

    /// An employer by UUID, external id or name.
    pub fn employer(&mut self, r: &Ref) -> Result<EmployerId, String> {
        self.record(r, Named::Employer, NamedKey::Employer)
            .map(EmployerId)
    }

    /// The record a text names (external id first, then name), or None.
    pub fn lookup(&self, among: Named, text: &str) -> Result<Option<Uuid>, String> {
        let label = among.label();
        let err = |e: fieldbook_core::Error| e.to_string();
        for found in [
            self.store.find_external_id(among, text).map_err(err)?,
            self.store.find_by_name(among, text).map_err(err)?,
        ] {
            match found.as_slice() {
                [] => continue,
                [one] => return Ok(Some(*one)),
                many => {
                    let ids: Vec<String> = many.iter().map(Uuid::to_string).collect();
                    return Err(format!(
                        "{} {label}s are named `{text}` ({}): name one by its id",
                        many.len(),
                        ids.join(", ")
                    ));
                }
            }
        }
        Ok(None)
    }

    fn record(&mut self, r: &Ref, among: Named, key: NamedKey) -> Result<Uuid, String> {
        if let Some(id) = r.uuid() {
            return Ok(id);
        }
        let cache_key = (key, r.text().to_lowercase());
        if let Some(id) = self.found.get(&cache_key) {
            return Ok(*id);
        }
        let id = self
            .lookup(among, r.text())?
            .ok_or_else(|| format!("no {} named `{}`", among.label(), r.text()))?;
        self.found.insert(cache_key, id);
        Ok(id)
    }

    /// Remembers that `text` names the new entry `id` for the rest of this run.
    pub fn name_entry(&mut self, entry: Entry, text: &str, id: Uuid) {
        self.named.insert((entry, text.to_lowercase()), id);
    }

    /// A visit at `employer`: its UUID or the id it was imported with.
    pub fn visit(&mut self, employer: EmployerId, r: &Ref) -> Result<VisitId, String> {
        if let Some(id) = r.uuid() {
            return Ok(VisitId(id));
        }
        self.lookup(Named::Visit(employer), r.text())?
            .map(VisitId)
            .ok_or_else(|| format!("visit: no visit at this employer is named `{}`", r.text()))
    }

    /// A case note that counts (not void): its UUID or its text.
    pub fn note(&mut self, seeker: SeekerId, r: &Ref) -> Result<NoteId, String> {
        if let Some(id) = r.uuid() {
            return Ok(NoteId(id));
        }
        let notes = self.store.notes(seeker).map_err(|e| e.to_string())?;
        let matches: Vec<NoteId> = notes
            .iter()
            .filter(|(_, n)| n.voided.is_none() && same(&n.text, r.text()))
            .map(|(id, _)| *id)
            .collect();
        one(matches, "case note", r)
    }

    /// A plan step that stands (not void): its UUID, a name given earlier in this run, or the
    /// step's words.
    pub fn step(&mut self, seeker: SeekerId, r: &Ref) -> Result<StepId, String> {
        if let Some(id) = self.entry(Entry::Step(seeker), r) {
            return Ok(StepId(id));
        }
        let doc = self.store.seeker(seeker).map_err(|e| e.to_string())?;
        let matches: Vec<StepId> = doc
            .plan
            .standing_steps()
            .filter(|(_, s)| same(&s.what, r.text()))
            .map(|(id, _)| *id)
            .collect();
        one(matches, "plan step", r)
    }

    /// A job that stands (not void): its UUID, a name given earlier in this run, or its title
    /// or employer. A job entered twice is named by its id until one copy is void.
    pub fn job(&mut self, seeker: SeekerId, r: &Ref) -> Result<JobId, String> {
        if let Some(id) = self.entry(Entry::Job(seeker), r) {
            return Ok(JobId(id));
        }
        let doc = self.store.seeker(seeker).map_err(|e| e.to_string())?;
        let employer = self.lookup(Named::Employer, r.text()).ok().flatten();
        let matches: Vec<JobId> = doc
            .standing_jobs()
            .filter(|(_, j)| {
                same(&j.title, r.text())
                    || same(&j.employer_name, r.text())
                    || (employer.is_some() && j.employer_id.map(|e| e.0) == employer)
            })
            .map(|(id, _)| *id)
            .collect();
        one(matches, "job", r)
    }

    /// A follow-along support contact that stands (not void): its UUID or its kind ("check-in
    /// at work"), when one support of that kind is recorded.
    pub fn support(&mut self, seeker: SeekerId, r: &Ref) -> Result<SupportId, String> {
        if let Some(id) = r.uuid() {
            return Ok(SupportId(id));
        }
        let doc = self.store.seeker(seeker).map_err(|e| e.to_string())?;
        let matches: Vec<SupportId> = doc
            .standing_supports()
            .filter(|(_, s)| same(&s.kind, r.text()))
            .map(|(id, _)| *id)
            .collect();
        one(matches, "support", r)
    }

    /// A contact person at an employer: UUID or name.
    pub fn contact(&mut self, employer: EmployerId, r: &Ref) -> Result<ContactId, String> {
        if let Some(id) = r.uuid() {
            return Ok(ContactId(id));
        }
        let doc = self.store.employer(employer).map_err(|e| e.to_string())?;
        let matches: Vec<ContactId> = doc
            .contacts
            .iter()
            .filter(|(_, c)| same(&c.name, r.text()))
            .map(|(id, _)| *id)
            .collect();
        one(matches, "contact person", r)
    }

    /// The visits logged at `employer` at the second `at`.
    pub fn visits_at(&mut self, employer: EmployerId, at: i64) -> Result<Vec<VisitId>, String> {
        if !self.visits.contains_key(&employer) {
            let mut by_time: HashMap<i64, Vec<VisitId>> = HashMap::new();
            for v in self
                .store
                .employer_visits(employer)
                .map_err(|e| e.to_string())?
            {
                by_time
                    .entry(v.at.timestamp())
                    .or_default()
                    .push(v.visit_id);
            }
            self.visits.insert(employer, by_time);
        }
        Ok(self
            .visits
            .get(&employer)
            .and_then(|by_time| by_time.get(&at))
            .cloned()
            .unwrap_or_default())
    }

    /// Notes a visit logged in this run (see [`Resolver::visits_at`]).
    pub fn logged(&mut self, employer: EmployerId, at: i64, visit: VisitId) {
        if let Some(by_time) = self.visits.get_mut(&employer) {
            by_time.entry(at).or_default().push(visit);
        }
    }

    fn entry(&self, entry: Entry, r: &Ref) -> Option<Uuid> {
        r.uuid()
            .or_else(|| self.named.get(&(entry, r.text().to_lowercase())).copied())
    }
}

/// Text equal but for case and outer spaces.
pub fn same(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

fn one<T: fmt::Display + Copy>(matches: Vec<T>, what: &str, r: &Ref) -> Result<T, String> {
    match matches.as_slice() {
        [one] => Ok(*one),
        [] => Err(format!("no {what} named `{}`", r.text())),
        many => {
            let ids: Vec<String> = many.iter().map(T::to_string).collect();
            Err(format!(
                "{} {what}s are named `{}` ({}): name one by its id",
                many.len(),
                r.text(),
                ids.join(", ")
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refs_are_trimmed_and_never_blank() {
        let r: Ref = "  laundromat ".parse().unwrap();
        assert_eq!(r.text(), "laundromat");
        assert_eq!(r.uuid(), None);
        let u = Uuid::new_v4();
        assert_eq!(u.to_string().parse::<Ref>().unwrap().uuid(), Some(u));
        assert!("  ".parse::<Ref>().is_err());
        let e = serde_json::from_str::<Ref>(r#""""#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("required"), "{e}");
        assert_eq!(serde_json::from_str::<Ref>("17").unwrap().text(), "17");
    }
}
