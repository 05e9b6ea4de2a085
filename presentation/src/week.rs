//! The week screen: the specialist's face-to-face employer contacts this week against the
//! team's goal (the fidelity scale asks for six), and the job seekers near or past day 30
//! without an employer contact (rapid job search), from the core's week summary.

use chrono::{DateTime, FixedOffset, Utc};
use fieldbook_core::FirstContactAlert;

use crate::errors::problem;
use crate::format::{date, offset_from_minutes};
use crate::screens::Screens;
use crate::words::{Arg, Words};

/// This week, worded.
#[derive(Debug, Clone, PartialEq, uniffi::Record)]
pub struct WeekScreen {
    pub title: String,
    /// "Mon 30 Nov 2026 to Sun 6 Dec 2026".
    pub range: String,
    /// "4 of 6 face-to-face employer contacts this week".
    pub headline: String,
    /// "2 more to reach the goal" or "The week's goal is met."
    pub to_goal: String,
    /// "5 employer contacts of any kind".
    pub all_contacts: String,
    pub face_to_face: u32,
    pub goal: u32,
    /// How far to the goal, 0 to 1, for the progress bar (1 when the goal is 0 or met).
    pub progress: f32,
    /// The heading over the day-30 warnings.
    pub warnings_title: String,
    /// One line per job seeker near or past day 30 without an employer contact, most
    /// overdue first.
    pub warnings: Vec<WeekWarning>,
    /// What to show instead of warnings when there are none.
    pub no_warnings: Option<String>,
    /// Why the week could not be read, in words; everything else is then empty.
    pub error: Option<String>,
}

/// A job seeker near or past the day-30 deadline without an employer contact.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct WeekWarning {
    pub seeker_id: String,
    /// Past the deadline already, rather than near it.
    pub past: bool,
    /// "Erik Lund: day 34, past day 30 with no employer contact".
    pub text: String,
}

fn warning(words: &Words, alert: &FirstContactAlert) -> WeekWarning {
    let id = if alert.past {
        "week-first-contact-late"
    } else {
        "week-first-contact-near"
    };
    WeekWarning {
        seeker_id: alert.seeker_id.to_string(),
        past: alert.past,
        text: words.get(
            id,
            &[
                ("name", Arg::Text(alert.display_name.clone())),
                ("days", Arg::Count(alert.days_since_entry)),
                ("deadline", Arg::Count(i64::from(alert.deadline_days))),
            ],
        ),
    }
}

/// How far `done` is towards `goal`, 0 to 1.
pub fn progress(done: u32, goal: u32) -> f32 {
    if goal == 0 {
        1.0
    } else {
        (done as f32 / goal as f32).min(1.0)
    }
}

impl Screens {
    /// The week holding `now` (the phone's clock).
    pub fn week_at(&self, now: DateTime<FixedOffset>) -> fieldbook_core::Result<WeekScreen> {
        let words = self.words();
        let week = self.store().week_summary(now.date_naive())?;
        let count = |n: u32| Arg::Count(i64::from(n));
        let (done, goal) = (week.face_to_face, week.face_to_face_goal);
        let warnings: Vec<WeekWarning> = week
            .first_contact_alerts
            .iter()
            .map(|a| warning(&words, a))
            .collect();
        Ok(WeekScreen {
            title: words.get("week-title", &[]),
            range: words.get(
                "week-range",
                &[
                    ("start", Arg::Text(date(&words, week.week_start))),
                    ("end", Arg::Text(date(&words, week.week_end))),
                ],
            ),
            headline: words.get(
                "week-face-to-face",
                &[("count", count(done)), ("goal", count(goal))],
            ),
            to_goal: if done >= goal {
                words.get("week-goal-met", &[])
            } else {
                words.get("week-to-go", &[("count", count(goal - done))])
            },
            all_contacts: words.get("week-all-contacts", &[("count", count(week.contacts))]),
            face_to_face: done,
            goal,
            progress: progress(done, goal),
            warnings_title: words.get("week-first-contact-title", &[]),
            no_warnings: warnings
                .is_empty()
                .then(|| words.get("week-first-contact-none", &[])),
            warnings,
            error: None,
        })
    }
}

#[uniffi::export]
impl Screens {
    /// This week now, on the phone's clock (`utc_offset_minutes`). A store that cannot be
    /// read gives a week saying why in `error`.
    pub fn week(&self, utc_offset_minutes: i32) -> WeekScreen {
        let now = Utc::now().with_timezone(&offset_from_minutes(utc_offset_minutes));
        self.week_at(now).unwrap_or_else(|error| {
            let words = self.words();
            WeekScreen {
                title: words.get("week-title", &[]),
                range: String::new(),
                headline: String::new(),
                to_goal: String::new(),
                all_contacts: String::new(),
                face_to_face: 0,
                goal: 0,
                progress: 0.0,
                warnings_title: String::new(),
                warnings: Vec::new(),
                no_warnings: None,
                error: Some(problem(&words, &error, &|_| None).message),
            }
        })
    }
}
