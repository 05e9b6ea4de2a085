//! The parts of the job seeker screen, worded one by one: profile facts, plan steps, jobs,
//! supports and the path so far (the core's timeline labels are English, so it is worded here).

use chrono::NaiveDate;
use fieldbook_core::model::{Job, SeekerDoc, StepOwner, StepStatus, SupportGiver};

use crate::caseload::status_words;
use crate::format::{date, relative_day};
use crate::seeker::{Fact, JobRow, StepRow};
use crate::words::{Arg, Words};

pub(crate) fn fact(words: &Words, id: &str, value: Option<String>) -> Option<Fact> {
    value.map(|value| Fact {
        label: words.get(id, &[]),
        value,
    })
}

pub(crate) fn step_row(
    words: &Words,
    id: String,
    step: &fieldbook_core::model::Step,
    today: NaiveDate,
) -> StepRow {
    let who = words.get(
        match step.who {
            StepOwner::Seeker => "step-who-seeker",
            StepOwner::Specialist => "step-who-specialist",
        },
        &[],
    );
    let (detail, state) = match (step.status, step.done_on, step.due) {
        (StepStatus::Done, Some(on), _) => (
            words.get("step-done-on", &[("date", date(words, on).into())]),
            "step-state-done",
        ),
        (StepStatus::Done, None, _) => (words.get("step-done", &[]), "step-state-done"),
        (StepStatus::Dropped, ..) => (words.get("step-dropped", &[]), "step-state-dropped"),
        (StepStatus::Open, _, Some(due)) => (
            words.get(
                "step-due",
                &[
                    ("who", who.into()),
                    ("when", relative_day(words, due, today).into()),
                ],
            ),
            if due < today {
                "step-state-overdue"
            } else {
                "step-state-open"
            },
        ),
        (StepStatus::Open, _, None) => (who, "step-state-open"),
    };
    let state = words.get(state, &[]);
    StepRow {
        step_id: id,
        accessibility_label: format!("{}. {state}. {detail}", step.what),
        what: step.what.clone(),
        detail,
        done: step.status == StepStatus::Done,
    }
}

pub(crate) fn job_row(words: &Words, id: String, job: &Job) -> JobRow {
    let title = words.get(
        "job-title",
        &[
            ("title", job.title.clone().into()),
            ("employer", job.employer_name.clone().into()),
        ],
    );
    let started = date(words, job.start);
    let period = match &job.end {
        Some(end) => words.get(
            "job-ended",
            &[
                ("end", date(words, end.date).into()),
                ("start", started.into()),
                ("reason", end.reason.clone().into()),
            ],
        ),
        None => words.get("job-current", &[("start", started.into())]),
    };
    JobRow {
        job_id: id,
        accessibility_label: format!("{title}. {period}"),
        title,
        period,
        ended: job.end.is_some(),
        actions: Vec::new(),
    }
}

pub(crate) fn support_line(words: &Words, s: &fieldbook_core::model::SupportContact) -> String {
    let giver = words.get(
        match s.given_by {
            SupportGiver::Specialist => "support-by-specialist",
            SupportGiver::TeamMember => "support-by-team",
            SupportGiver::Family => "support-by-family",
            SupportGiver::Employer => "support-by-employer",
            SupportGiver::Other => "support-by-other",
        },
        &[],
    );
    let how = words.get(
        if s.in_person {
            "support-in-person"
        } else {
            "support-remote"
        },
        &[],
    );
    words.get(
        "support-line",
        &[
            ("date", date(words, s.date).into()),
            ("kind", s.kind.clone().into()),
            ("giver", giver.into()),
            ("how", how.into()),
        ],
    )
}

/// The path so far, worded here (the core's timeline labels are English).
pub(crate) fn timeline(words: &Words, doc: &SeekerDoc) -> Vec<String> {
    let mut out: Vec<(NaiveDate, u8, String)> = Vec::new();
    if let Some(d) = doc.profile.referral_date {
        out.push((d, 0, words.get("timeline-referral", &[])));
    }
    if let Some(d) = doc.profile.first_meeting {
        out.push((d, 1, words.get("timeline-first-meeting", &[])));
    }
    if let Some(first) = doc
        .activities
        .values()
        .filter(|a| a.counts() && a.mode.is_face_to_face())
        .min_by_key(|a| a.at)
    {
        let employer = first.employer_name.clone().into();
        out.push((
            first.at.date_naive(),
            2,
            words.get("timeline-first-contact", &[("employer", employer)]),
        ));
    }
    for (_, change) in doc.standing_statuses() {
        let status = status_words(words, Some(change.status)).into();
        out.push((
            change.date,
            5,
            words.get("timeline-status", &[("status", status)]),
        ));
    }
    for (_, job) in doc.standing_jobs() {
        let args = [
            ("title", Arg::from(job.title.clone())),
            ("employer", Arg::from(job.employer_name.clone())),
        ];
        out.push((job.start, 3, words.get("timeline-job-start", &args)));
        if let Some(end) = &job.end {
            out.push((end.date, 4, words.get("timeline-job-end", &args)));
        }
    }
    out.sort_by_key(|(d, order, _)| (*d, *order));
    out.into_iter()
        .map(|(d, _, text)| {
            words.get(
                "timeline-entry",
                &[("date", date(words, d).into()), ("what", text.into())],
            )
        })
        .collect()
}
