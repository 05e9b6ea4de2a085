//! Time-unlimited follow-along supports (IPS principle 8), as checkable requirements: a
//! face-to-face contact by the employment specialist in the week before a job starts and
//! within 3 days after, weekly in the first month and monthly for a year (for the weeks and
//! months the job lasted), and a contact by the specialist within 3 days of learning that a
//! job ended. Supports given by family, employers or other team members are recorded but do
//! not meet a requirement: the scale counts the specialist's contacts.
//!
//! The scale describes these supports in words; the share of requirements met is Fieldbook's
//! own measure (a proxy, labelled so wherever it is shown). *(check)*

use chrono::{Duration, NaiveDate};

use super::Period;
use crate::model::{SeekerDoc, SupportGiver};

/// One requirement: a window in which a contact must happen.
struct Window {
    from: NaiveDate,
    to: NaiveDate,
    in_person: bool,
}

/// (met, due) for the requirements of one person whose window ends within `period`.
pub(crate) fn support_requirements(seeker: &SeekerDoc, period: Period) -> (usize, usize) {
    let mut windows = Vec::new();
    for job in seeker.jobs.values() {
        let s = job.start;
        let held_until = job.end.as_ref().map(|e| e.date);
        windows.push(Window {
            from: s - Duration::days(7),
            to: s - Duration::days(1),
            in_person: true,
        });
        windows.push(Window {
            from: s,
            to: s + Duration::days(3),
            in_person: true,
        });
        // Ongoing supports are due for the weeks and months the person worked through.
        let worked_through = |to: NaiveDate| held_until.is_none_or(|end| end >= to);
        for week in 0..4 {
            let from = s + Duration::days(7 * week);
            let to = from + Duration::days(6);
            if worked_through(to) {
                windows.push(Window {
                    from,
                    to,
                    in_person: true,
                });
            }
        }
        for month in 1..12 {
            let from = s + Duration::days(30 * month);
            let to = from + Duration::days(29);
            if worked_through(to) {
                windows.push(Window {
                    from,
                    to,
                    in_person: true,
                });
            }
        }
        if let Some(end) = &job.end {
            let learned = end.learned.unwrap_or(end.date);
            windows.push(Window {
                from: learned,
                to: learned + Duration::days(3),
                in_person: false,
            });
        }
    }
    let due: Vec<&Window> = windows.iter().filter(|w| period.contains(w.to)).collect();
    let met = due
        .iter()
        .filter(|w| {
            seeker.supports.values().any(|su| {
                su.given_by == SupportGiver::Specialist
                    && su.date >= w.from
                    && su.date <= w.to
                    && (su.in_person || !w.in_person)
            })
        })
        .count();
    (met, due.len())
}
