//! The local notifications a phone schedules: plan steps coming due, and the day-30 rule of
//! IPS (a first face-to-face employer contact within 30 days of starting — the team's
//! setting — IPS.md). Decided and worded here; the apps only hand them to the OS scheduler,
//! replacing what they scheduled before.

use chrono::{DateTime, Duration, FixedOffset, NaiveDate, NaiveTime, Utc};
use fieldbook_core::model::SeekerStatus;

use crate::format::{date, offset_from_minutes, relative_day};
use crate::screens::Screens;
use crate::words::Arg;

/// How many days ahead reminders are planned; the apps plan again at each launch and sync.
pub const PLAN_DAYS: i64 = 14;

/// Days before the day-30 deadline when the first reminder comes.
pub const FIRST_CONTACT_WARNING_DAYS: i64 = 7;

/// The hour of the phone's day reminders come at.
const REMINDER_HOUR: u32 = 9;

/// One notification to schedule.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Reminder {
    /// Stable across plans: the same reminder planned again has the same key, so the apps
    /// can replace rather than duplicate it.
    pub key: String,
    pub kind: ReminderKind,
    /// The job seeker it is about, to open their screen when tapped.
    pub seeker_id: String,
    pub title: String,
    pub body: String,
    /// Words naming nobody, for a locked screen (Android's public version of the
    /// notification): the title and body name the job seeker.
    pub public_text: String,
    /// When to show it (RFC 3339, on the phone's clock).
    pub at: String,
}

/// What a reminder is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, uniffi::Enum)]
pub enum ReminderKind {
    StepDue,
    FirstEmployerContact,
}

/// 09:00 of `day` on the phone's clock.
fn morning(day: NaiveDate, phone: FixedOffset) -> Option<DateTime<FixedOffset>> {
    day.and_time(NaiveTime::from_hms_opt(REMINDER_HOUR, 0, 0)?)
        .and_local_timezone(phone)
        .single()
}

impl Screens {
    /// The reminders to schedule from `now` (the phone's clock) for [`PLAN_DAYS`], soonest
    /// first; none in the past.
    pub fn reminders_at(
        &self,
        now: DateTime<FixedOffset>,
    ) -> fieldbook_core::Result<Vec<Reminder>> {
        let words = self.words();
        let store = self.store();
        let phone = *now.offset();
        let today = now.date_naive();
        let until = today + Duration::days(PLAN_DAYS);
        let mut out: Vec<(DateTime<FixedOffset>, Reminder)> = Vec::new();
        let mut push = |day: NaiveDate, reminder: Reminder| {
            if let Some(at) = morning(day, phone).filter(|at| *at > now) {
                out.push((
                    at,
                    Reminder {
                        at: at.to_rfc3339(),
                        ..reminder
                    },
                ));
            }
        };
        for step in store.steps_due(until)? {
            // Shown on the due day itself: "Due today".
            let due = relative_day(&words, step.due, step.due);
            push(
                step.due,
                Reminder {
                    key: format!("step-{}", step.step_id),
                    kind: ReminderKind::StepDue,
                    seeker_id: step.seeker_id.to_string(),
                    public_text: words.get("reminder-step-public", &[]),
                    title: words.get(
                        "reminder-step-title",
                        &[("name", Arg::Text(step.seeker_name.clone()))],
                    ),
                    body: words.get(
                        "reminder-step-body",
                        &[
                            ("step", Arg::Text(step.what.clone())),
                            ("when", Arg::Text(due)),
                        ],
                    ),
                    at: String::new(),
                },
            );
        }
        let goals = store.goals()?;
        let deadline_days = i64::from(goals.first_contact_days);
        for entry in store.caseload(today)? {
            let closed = matches!(
                entry.status,
                Some(SeekerStatus::Inactive | SeekerStatus::Closed)
            );
            if entry.first_face_to_face.is_some() || closed {
                continue;
            }
            let Some(start) = goals
                .entry_basis
                .entry(entry.referral_date, entry.first_meeting)
            else {
                continue;
            };
            let deadline = start + Duration::days(deadline_days);
            for (day, which) in [
                (
                    deadline - Duration::days(FIRST_CONTACT_WARNING_DAYS),
                    "warning",
                ),
                (deadline, "deadline"),
            ] {
                push(
                    day,
                    Reminder {
                        key: format!("first-contact-{which}-{}", entry.seeker_id),
                        kind: ReminderKind::FirstEmployerContact,
                        seeker_id: entry.seeker_id.to_string(),
                        public_text: words.get("reminder-first-contact-public", &[]),
                        title: words.get(
                            "reminder-first-contact-title",
                            &[("name", Arg::Text(entry.display_name.clone()))],
                        ),
                        body: words.get(
                            "reminder-first-contact-body",
                            &[
                                ("deadline", Arg::Count(deadline_days)),
                                ("date", Arg::Text(date(&words, deadline))),
                            ],
                        ),
                        at: String::new(),
                    },
                );
            }
        }
        out.sort_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.key.cmp(&b.1.key)));
        Ok(out.into_iter().map(|(_, r)| r).collect())
    }
}

#[uniffi::export]
impl Screens {
    /// The local notifications to schedule now (replacing those scheduled before), on the
    /// phone's clock (`utc_offset_minutes`). Nothing when the store cannot be read: the
    /// screens say why.
    pub fn reminders(&self, utc_offset_minutes: i32) -> Vec<Reminder> {
        let now = Utc::now().with_timezone(&offset_from_minutes(utc_offset_minutes));
        self.reminders_at(now).unwrap_or_default()
    }
}
