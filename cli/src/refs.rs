//! Names for records on the command line and in import files: a UUID, or any text (a row
//! number, a spreadsheet key) that always maps to the same UUID — so an import line can name
//! a job seeker made a few lines earlier, and re-running an import finds the same records.

use std::fmt;
use std::str::FromStr;

use serde::Deserialize;
use uuid::Uuid;

const NAMESPACE: Uuid = Uuid::from_u128(0x6669_656c_6462_6f6f_6b2d_636c_6972_6566);

/// A reference to a record as typed by a person or a script.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct Ref(String);

impl Ref {
    /// The UUID this reference stands for.
    pub fn uuid(&self) -> Uuid {
        Uuid::parse_str(self.0.trim())
            .unwrap_or_else(|_| Uuid::new_v5(&NAMESPACE, self.0.trim().as_bytes()))
    }

    /// As a typed id (`SeekerId`, `EmployerId`, …).
    pub fn id<T: From<Uuid>>(&self) -> T {
        T::from(self.uuid())
    }
}

impl FromStr for Ref {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        if s.trim().is_empty() {
            return Err("an id or name is required".into());
        }
        Ok(Ref(s.to_string()))
    }
}

impl fmt::Display for Ref {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Parses an enum from its stable snake_case name (`in_person`, `job_search`, …).
pub fn enum_arg<T: serde::de::DeserializeOwned>(s: &str) -> Result<T, String> {
    serde_json::from_value(serde_json::Value::String(s.trim().to_string()))
        .map_err(|_| format!("unknown value `{s}`"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_refs_are_stable_and_uuids_pass_through() {
        let a: Ref = "row-17".parse().unwrap();
        assert_eq!(a.uuid(), "row-17".parse::<Ref>().unwrap().uuid());
        assert_ne!(a.uuid(), "row-18".parse::<Ref>().unwrap().uuid());
        let u = Uuid::new_v4();
        assert_eq!(u.to_string().parse::<Ref>().unwrap().uuid(), u);
        assert!("  ".parse::<Ref>().is_err());
    }
}
