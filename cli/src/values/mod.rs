//! Reading typed values the way people and spreadsheets write them: dates as ISO, M/D/YYYY or
//! Excel serial numbers; yes/no; money with a dollar sign; lists split on `;` or `,`; choices
//! (status, mode…) in any case and spacing. Every refusal names the value and says what
//! would be accepted. The same functions parse command-line flags (clap) and import fields
//! (serde, in [`de`]).

use chrono::{
    DateTime, Duration, FixedOffset, Local, NaiveDate, NaiveDateTime, NaiveTime, TimeZone,
};

/// Excel's day 0 for serial dates (1900 system; Excel's fictitious 29 Feb 1900 lies before
/// every date a caseload holds).
fn excel_epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(1899, 12, 30).unwrap_or_default()
}

/// Serial numbers taken as Excel dates: 1954 to 2119. Anything else is not read as a date.
const SERIALS: std::ops::RangeInclusive<f64> = 20_000.0..=80_000.0;

/// A date from an Excel serial number (days since 1899-12-30; a fraction is the time).
pub fn from_excel_serial(serial: f64) -> Option<NaiveDateTime> {
    if !SERIALS.contains(&serial) {
        return None;
    }
    let days = serial.trunc() as i64;
    let seconds = ((serial - serial.trunc()) * 86_400.0).round() as i64;
    excel_epoch()
        .and_hms_opt(0, 0, 0)
        .map(|midnight| midnight + Duration::days(days) + Duration::seconds(seconds))
}

/// `M/D/YYYY` (or `M/D/YY`, taken as 20YY), as US spreadsheets write dates.
fn us_date(s: &str) -> Option<NaiveDate> {
    let mut parts = s.split('/').map(str::trim);
    let (m, d, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() {
        return None;
    }
    let (m, d, y): (u32, u32, i32) = (m.parse().ok()?, d.parse().ok()?, y.parse().ok()?);
    let y = if y < 100 { 2000 + y } else { y };
    NaiveDate::from_ymd_opt(y, m, d)
}

/// A date: `2026-09-14`, `9/14/2026`, an Excel serial (`46279`), or a date and time of which
/// only the date counts (`2026-09-14 00:00:00`, what a spreadsheet's date cell reads as).
pub fn date(s: &str) -> Result<NaiveDate, String> {
    let t = s.trim();
    let first = t.split([' ', 'T']).next().unwrap_or(t);
    let parsed = NaiveDate::parse_from_str(first, "%Y-%m-%d")
        .ok()
        .or_else(|| us_date(first))
        .or_else(|| {
            t.parse::<f64>()
                .ok()
                .and_then(from_excel_serial)
                .map(|d| d.date())
        });
    parsed.ok_or_else(|| {
        format!("`{s}` is not a date: write it as 2026-09-14, 9/14/2026 or an Excel date number")
    })
}

/// A clock time: `10:30`, `10:30:00`, `2:15 PM`, or an Excel fraction of a day.
pub fn clock(s: &str) -> Result<NaiveTime, String> {
    let t = s.trim().to_ascii_uppercase();
    for format in [
        "%H:%M",
        "%H:%M:%S",
        "%I:%M %p",
        "%I:%M:%S %p",
        "%I:%M%p",
        "%I %p",
    ] {
        if let Ok(time) = NaiveTime::parse_from_str(&t, format) {
            return Ok(time);
        }
    }
    if let Ok(fraction) = t.parse::<f64>() {
        if (0.0..1.0).contains(&fraction) {
            let seconds = (fraction * 86_400.0).round() as u32;
            if let Some(time) = NaiveTime::from_num_seconds_from_midnight_opt(seconds, 0) {
                return Ok(time);
            }
        }
    }
    Err(format!(
        "`{s}` is not a time of day: write it as 10:30 or 2:15 PM"
    ))
}

/// Local date and time in this computer's time zone.
fn local(t: NaiveDateTime) -> Option<DateTime<FixedOffset>> {
    Local
        .from_local_datetime(&t)
        .earliest()
        .map(|t| t.fixed_offset())
}

/// A moment: RFC 3339 (`2026-11-24T10:30:00-06:00`), or a local date and time
/// (`2026-11-24 10:30`, `11/24/2026 2:15 PM`, an Excel serial with a fraction).
pub fn time(s: &str) -> Result<DateTime<FixedOffset>, String> {
    let t = s.trim();
    if let Ok(at) = DateTime::parse_from_rfc3339(t) {
        return Ok(at);
    }
    let refuse = || {
        format!("`{s}` is not a date and time: write it as 2026-11-24 10:30 or 11/24/2026 2:15 PM")
    };
    if let Ok(serial) = t.parse::<f64>() {
        return from_excel_serial(serial).and_then(local).ok_or_else(refuse);
    }
    let (day, rest) = t.split_once([' ', 'T']).unwrap_or((t, ""));
    let day = date(day).map_err(|_| refuse())?;
    let at = if rest.trim().is_empty() {
        NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default()
    } else {
        clock(rest).map_err(|_| refuse())?
    };
    local(day.and_time(at)).ok_or_else(refuse)
}

/// A visit's moment from a date and an optional clock time (noon when the time is not
/// known, so the day stays the same in any time zone).
pub fn date_and_time(
    day: NaiveDate,
    at: Option<NaiveTime>,
) -> Result<DateTime<FixedOffset>, String> {
    let at = at.unwrap_or_else(|| NaiveTime::from_hms_opt(12, 0, 0).unwrap_or_default());
    local(day.and_time(at)).ok_or_else(|| format!("{day} {at} does not exist in this time zone"))
}

/// Yes or no: yes/no, y/n, true/false, 1/0, x (a ticked box).
pub fn boolean(s: &str) -> Result<bool, String> {
    match s.trim().to_ascii_lowercase().as_str() {
        "yes" | "y" | "true" | "t" | "1" | "x" | "✓" => Ok(true),
        "no" | "n" | "false" | "f" | "0" => Ok(false),
        _ => Err(format!(
            "`{s}` is not yes or no: write yes, no, true, false, 1 or 0"
        )),
    }
}

/// A number, as a spreadsheet may show it (`$15.50`, `1,234.5`, `20 hrs`).
pub fn number(s: &str) -> Result<f64, String> {
    let cleaned: String = s
        .trim()
        .trim_start_matches('$')
        .trim_end_matches(|c: char| c.is_alphabetic() || c == '/' || c.is_whitespace())
        .chars()
        .filter(|c| *c != ',')
        .collect();
    cleaned
        .trim()
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite())
        .ok_or_else(|| format!("`{s}` is not a number"))
}

/// A list in one cell: `SSI; SSDI`, `SSI, Medicaid` or one item per line.
pub fn list(s: &str) -> Vec<String> {
    let separator: &[char] = if s.contains(';') || s.contains('\n') {
        &[';', '\n']
    } else {
        &[',']
    };
    s.split(separator)
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .map(str::to_string)
        .collect()
}

/// Lower case, every run of spaces, dashes, underscores and punctuation made one space:
/// how choices and column headers are compared.
pub fn normalize(s: &str) -> String {
    let spaced: String = s
        .chars()
        .map(|c| match c {
            '#' => " number ".to_string(),
            c if c.is_alphanumeric() => c.to_lowercase().to_string(),
            _ => " ".to_string(),
        })
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

mod choices;
pub mod de;

pub use choices::{choice, choice_name, Choice};

#[cfg(test)]
mod tests {
    use super::*;
    use fieldbook_core::model::{ContactMode, SeekerStatus};

    #[test]
    fn dates_as_spreadsheets_write_them() {
        let d = NaiveDate::from_ymd_opt(2026, 9, 14).unwrap();
        for s in [
            "2026-09-14",
            "9/14/2026",
            "09/14/2026",
            " 9/14/26 ",
            "46279",
            "46279.0",
            "2026-09-14 00:00:00",
        ] {
            assert_eq!(date(s), Ok(d), "{s}");
        }
        let e = date("9/31/2026").unwrap_err();
        assert!(e.contains("`9/31/2026`") && e.contains("9/14/2026"), "{e}");
        assert!(date("14.09.2026").is_err());
        assert!(date("12").is_err(), "a small number is not a date");
    }

    #[test]
    fn times_and_clock() {
        let t = time("11/24/2026 2:15 PM").unwrap();
        assert_eq!(t.naive_local().to_string(), "2026-11-24 14:15:00");
        assert_eq!(
            time("2026-11-24").unwrap().naive_local().to_string(),
            "2026-11-24 12:00:00"
        );
        assert_eq!(
            time("46350.5").unwrap().naive_local().to_string(),
            "2026-11-24 12:00:00"
        );
        assert!(time("tomorrow").unwrap_err().contains("`tomorrow`"));
        assert_eq!(clock("0.25").unwrap().to_string(), "06:00:00");
    }

    #[test]
    fn choices_in_any_case_and_spacing() {
        assert_eq!(
            choice::<SeekerStatus>("Job Search"),
            Ok(SeekerStatus::JobSearch)
        );
        assert_eq!(
            choice::<SeekerStatus>(" job-search "),
            Ok(SeekerStatus::JobSearch)
        );
        assert_eq!(
            choice::<SeekerStatus>("FOLLOW_ALONG"),
            Ok(SeekerStatus::FollowAlong)
        );
        assert_eq!(
            choice::<ContactMode>("Face-to-face"),
            Ok(ContactMode::InPerson)
        );
        let e = choice::<SeekerStatus>("Job Hunting").unwrap_err();
        assert!(
            e.contains("`Job Hunting`") && e.contains("job_search") && e.contains("closed"),
            "{e}"
        );
    }

    #[test]
    fn numbers_booleans_lists() {
        assert_eq!(number("$15.50"), Ok(15.5));
        assert_eq!(number("1,234.5"), Ok(1234.5));
        assert_eq!(number("20 hrs"), Ok(20.0));
        assert!(number("lots").is_err());
        assert_eq!(boolean(" Yes "), Ok(true));
        assert_eq!(boolean("x"), Ok(true));
        assert!(boolean("maybe").unwrap_err().contains("`maybe`"));
        assert_eq!(list("SSI; SSDI"), vec!["SSI", "SSDI"]);
        assert_eq!(list("SSI, Medicaid"), vec!["SSI", "Medicaid"]);
        assert_eq!(normalize(" Client  Name "), "client name");
        assert_eq!(normalize("Case #"), "case number");
        assert_eq!(normalize("referral_date"), "referral date");
    }
}
