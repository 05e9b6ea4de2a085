//! Dates, times and numbers as the phone's language writes them: "Mon 30 Nov 2026",
//! "3 days ago", "2:05 PM" or "14:05". Month and weekday names come from the catalogue
//! (`dates.ftl`); the order of the parts and the clock are decided here, once.
//!
//! Instants are compared as instants (never as text) and shown in the phone's own UTC
//! offset, which the apps pass in: a visit logged at 23:30 in Minneapolis is shown on that
//! day there, and on the next day on a phone set to UTC.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, Timelike};

use crate::words::{Arg, Language, Words};

/// How far back or ahead a day is still worded relative to today ("in 3 days"); beyond it
/// the date itself is clearer.
pub const RELATIVE_DAYS: i64 = 6;

/// The phone's offset from UTC in minutes (as the apps read it from the time zone), or
/// UTC when it is out of range.
pub fn offset_from_minutes(minutes: i32) -> FixedOffset {
    minutes
        .checked_mul(60)
        .and_then(FixedOffset::east_opt)
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero is a valid offset"))
}

/// `instant` on the phone's clock.
pub fn local(instant: DateTime<FixedOffset>, phone: FixedOffset) -> DateTime<FixedOffset> {
    instant.with_timezone(&phone)
}

/// A day with its weekday: "Mon 30 Nov 2026", "lun 30 nov 2026".
pub fn date(words: &Words, day: NaiveDate) -> String {
    let weekday = day.weekday().number_from_monday();
    let month = day.month();
    words.get(
        "date-long",
        &[
            (
                "weekday",
                words.get(&format!("weekday-{weekday}"), &[]).into(),
            ),
            ("day", Arg::Text(day.day().to_string())),
            ("month", words.get(&format!("month-{month}"), &[]).into()),
            ("year", Arg::Text(day.year().to_string())),
        ],
    )
}

/// A time of day on the language's clock: "2:05 PM" (12-hour) or "14:05" (24-hour).
pub fn time(words: &Words, at: NaiveTime) -> String {
    if twelve_hour_clock(words.language()) {
        let (pm, hour) = at.hour12();
        let id = if pm { "time-pm" } else { "time-am" };
        words.get(
            id,
            &[("time", Arg::Text(format!("{hour}:{:02}", at.minute())))],
        )
    } else {
        format!("{:02}:{:02}", at.hour(), at.minute())
    }
}

/// An instant on the phone's clock, day and time: "Mon 30 Nov 2026, 2:05 PM".
pub fn date_time(words: &Words, instant: DateTime<FixedOffset>, phone: FixedOffset) -> String {
    let here = local(instant, phone);
    words.get(
        "date-time",
        &[
            ("date", date(words, here.date_naive()).into()),
            ("time", time(words, here.time()).into()),
        ],
    )
}

/// A day relative to `today`: "today", "yesterday", "in 3 days", "4 days ago"; the date
/// itself when it is more than [`RELATIVE_DAYS`] away.
pub fn relative_day(words: &Words, day: NaiveDate, today: NaiveDate) -> String {
    let days = (day - today).num_days();
    match days {
        0 => words.get("day-today", &[]),
        -1 => words.get("day-yesterday", &[]),
        1 => words.get("day-tomorrow", &[]),
        d if d < 0 && -d <= RELATIVE_DAYS => words.get("days-ago", &[("count", Arg::Count(-d))]),
        d if d > 0 && d <= RELATIVE_DAYS => words.get("in-days", &[("count", Arg::Count(d))]),
        _ => date(words, day),
    }
}

/// An instant's day relative to the phone's today, both on the phone's clock.
pub fn relative_instant(
    words: &Words,
    instant: DateTime<FixedOffset>,
    now: DateTime<FixedOffset>,
) -> String {
    let phone = *now.offset();
    relative_day(words, local(instant, phone).date_naive(), now.date_naive())
}

/// A whole number with the language's digit grouping: "12,500" or "12.500".
pub fn number(words: &Words, value: i64) -> String {
    let digits = value.unsigned_abs().to_string();
    let separator = match words.language() {
        Language::Spanish => '.',
        Language::English | Language::Somali | Language::Hmong => ',',
    };
    let mut out = String::new();
    if value < 0 {
        out.push('-');
    }
    // Spanish leaves four-digit numbers ungrouped (RAE): 2026, 1500.
    let group = !(words.language() == Language::Spanish && digits.len() <= 4);
    for (i, digit) in digits.chars().enumerate() {
        if group && i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

/// Whether the language's speakers in the teams' region read a 12-hour clock: English,
/// Somali and Hmong speakers in Minnesota do; Spanish is written with the 24-hour clock.
pub fn twelve_hour_clock(language: Language) -> bool {
    !matches!(language, Language::Spanish)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn dates_are_written_in_each_language() {
        let en = Words::new(Language::English);
        let es = Words::new(Language::Spanish);
        assert_eq!(date(&en, day("2026-11-30")), "Mon 30 Nov 2026");
        assert_eq!(date(&es, day("2026-11-30")), "lun 30 nov 2026");
        for language in Language::ALL {
            let words = Words::new(language);
            for d in 0..400 {
                let text = date(&words, day("2026-01-01") + chrono::Days::new(d));
                assert!(!text.contains('⟦'), "{language:?}: {text}");
            }
        }
    }

    #[test]
    fn times_follow_the_language_clock() {
        let en = Words::new(Language::English);
        let es = Words::new(Language::Spanish);
        let t = NaiveTime::from_hms_opt(14, 5, 0).unwrap();
        assert_eq!(time(&en, t), "2:05 PM");
        assert_eq!(time(&es, t), "14:05");
        assert_eq!(
            time(&en, NaiveTime::from_hms_opt(0, 30, 0).unwrap()),
            "12:30 AM"
        );
    }

    #[test]
    fn instants_are_shown_on_the_phone_clock() {
        let en = Words::new(Language::English);
        // 23:30 in Minneapolis (UTC-6) is already the next morning in UTC and in Nairobi.
        let at = DateTime::parse_from_rfc3339("2026-11-30T23:30:00-06:00").unwrap();
        assert_eq!(
            date_time(&en, at, offset_from_minutes(-360)),
            "Mon 30 Nov 2026, 11:30 PM"
        );
        assert_eq!(
            date_time(&en, at, offset_from_minutes(0)),
            "Tue 1 Dec 2026, 5:30 AM"
        );
        assert_eq!(
            date_time(&en, at, offset_from_minutes(180)),
            "Tue 1 Dec 2026, 8:30 AM"
        );
        // "Yesterday" depends on the phone's day, not the instant's written offset.
        let now = DateTime::parse_from_rfc3339("2026-12-01T09:00:00+03:00").unwrap();
        assert_eq!(relative_instant(&en, at, now), "today");
        let now = DateTime::parse_from_rfc3339("2026-12-01T09:00:00-06:00").unwrap();
        assert_eq!(relative_instant(&en, at, now), "yesterday");
    }

    #[test]
    fn days_are_worded_relative_to_today() {
        let en = Words::new(Language::English);
        let es = Words::new(Language::Spanish);
        let today = day("2026-11-30");
        assert_eq!(relative_day(&en, today, today), "today");
        assert_eq!(relative_day(&en, day("2026-11-29"), today), "yesterday");
        assert_eq!(relative_day(&en, day("2026-12-01"), today), "tomorrow");
        assert_eq!(relative_day(&en, day("2026-11-27"), today), "3 days ago");
        assert_eq!(relative_day(&en, day("2026-12-03"), today), "in 3 days");
        assert_eq!(
            relative_day(&en, day("2026-11-02"), today),
            "Mon 2 Nov 2026"
        );
        assert_eq!(relative_day(&es, day("2026-11-27"), today), "hace 3 días");
        assert_eq!(relative_day(&es, day("2026-11-29"), today), "ayer");
        for language in Language::ALL {
            let words = Words::new(language);
            for d in -8..=8 {
                let text = relative_day(&words, today + chrono::Duration::days(d), today);
                assert!(!text.contains('⟦'), "{language:?}: {text}");
            }
        }
    }

    #[test]
    fn numbers_are_grouped_per_language() {
        let en = Words::new(Language::English);
        let es = Words::new(Language::Spanish);
        assert_eq!(number(&en, 12500), "12,500");
        assert_eq!(number(&en, -1234567), "-1,234,567");
        assert_eq!(number(&en, 999), "999");
        assert_eq!(number(&es, 12500), "12.500");
        assert_eq!(number(&es, 2026), "2026");
    }
}
