//! Date ranges: a report period and a calendar quarter.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::{Error, Reason};

/// Days `from..=to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// A period; `to` must not be before `from`.
    pub fn new(from: NaiveDate, to: NaiveDate) -> crate::Result<Period> {
        if to < from {
            return Err(Error::invalid("to", "is before from"));
        }
        Ok(Period { from, to })
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    /// Length in days, both ends included.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// Length in weeks (days / 7), for per-week rates.
    pub fn weeks(&self) -> f64 {
        self.days() as f64 / 7.0
    }
}

/// A calendar quarter, written `2026Q3`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Quarter {
    pub year: i32,
    /// 1 to 4.
    pub q: u8,
}

impl Quarter {
    /// The quarter holding `day`.
    pub fn of(day: NaiveDate) -> Quarter {
        Quarter {
            year: day.year(),
            q: (day.month0() / 3 + 1) as u8,
        }
    }

    /// The quarter's days.
    pub fn period(&self) -> Period {
        let first_month = u32::from(self.q - 1) * 3 + 1;
        let from = NaiveDate::from_ymd_opt(self.year, first_month, 1).unwrap_or_default();
        let next = if self.q == 4 {
            NaiveDate::from_ymd_opt(self.year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(self.year, first_month + 3, 1)
        }
        .unwrap_or_default();
        Period {
            from,
            to: next.pred_opt().unwrap_or(next),
        }
    }

    /// The quarter before.
    pub fn previous(&self) -> Quarter {
        if self.q == 1 {
            Quarter {
                year: self.year - 1,
                q: 4,
            }
        } else {
            Quarter {
                year: self.year,
                q: self.q - 1,
            }
        }
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}Q{}", self.year, self.q)
    }
}

impl FromStr for Quarter {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || {
            Error::invalid_because(
                "quarter",
                Reason::NotAQuarter {
                    value: s.to_string(),
                },
            )
        };
        let (y, q) = s.trim().split_once(['Q', 'q']).ok_or_else(bad)?;
        let year: i32 = y.parse().map_err(|_| bad())?;
        let q: u8 = q.parse().map_err(|_| bad())?;
        if !(1..=4).contains(&q) || !(1900..=9999).contains(&year) {
            return Err(bad());
        }
        Ok(Quarter { year, q })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quarters() {
        let q: Quarter = "2026Q4".parse().unwrap();
        assert_eq!(q.period().from.to_string(), "2026-10-01");
        assert_eq!(q.period().to.to_string(), "2026-12-31");
        assert_eq!(q.previous().to_string(), "2026Q3");
        assert_eq!(
            "2026q1".parse::<Quarter>().unwrap().previous().to_string(),
            "2025Q4"
        );
        assert_eq!(
            Quarter::of("2026-03-31".parse().unwrap()).to_string(),
            "2026Q1"
        );
        assert!("2026Q5".parse::<Quarter>().is_err());
        assert!("Q3".parse::<Quarter>().is_err());
    }
}
