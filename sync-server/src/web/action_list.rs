//! "What needs action": the first thing on the overview. A summary line per kind of action
//! with its count, then a table per kind that has any, each row one person (or specialist)
//! and what is due. Viewers who may not see names (admins) get the counts alone.

use std::fmt::Write;

use fieldbook_core::NEAR_DEADLINE_DAYS;

use crate::service::actions::{ActionCounts, Actions, Person};

use super::html::esc;

fn flag(class: &str, words: &str) -> String {
    format!("<span class=\"flag {class}\">{}</span>", esc(words))
}

fn who(p: &Person) -> (String, String) {
    (esc(&p.name), esc(&p.specialists.join(", ")))
}

/// The summary lines: one per kind, with its count and a link to its table.
fn summary(c: &ActionCounts, names: bool, weekly_goal: u32, deadline: u32) -> String {
    let mut out = String::from("<ul class=\"summary\" id=\"action-summary\">");
    // The words after the count, for one and for any other number.
    let mut line = |key: &str, n: usize, one: String, many: String| {
        let words = if n == 1 { one } else { many };
        let text = if names && n > 0 {
            format!("<a href=\"#{key}\">{n} {}</a>", esc(&words))
        } else {
            format!("{n} {}", esc(&words))
        };
        let _ = write!(
            out,
            "<li data-action=\"{key}\" data-count=\"{n}\">{text}</li>"
        );
    };
    line(
        "first-contact",
        c.first_contact_past,
        format!("person past day {deadline} without a face-to-face employer contact"),
        format!("people past day {deadline} without a face-to-face employer contact"),
    );
    line(
        "first-contact-near",
        c.first_contact_near,
        format!("person within {NEAR_DEADLINE_DAYS} days of day {deadline} without one"),
        format!("people within {NEAR_DEADLINE_DAYS} days of day {deadline} without one"),
    );
    line(
        "under-goal",
        c.under_goal,
        format!("specialist under the goal of {weekly_goal} face-to-face contacts last week"),
        format!("specialists under the goal of {weekly_goal} face-to-face contacts last week"),
    );
    line(
        "job-ends",
        c.job_ends,
        "job ended in the last 30 days without a contact within 3 days".into(),
        "jobs ended in the last 30 days without a contact within 3 days".into(),
    );
    line(
        "supports-due",
        c.supports_due,
        "follow-along contact due now".into(),
        "follow-along contacts due now".into(),
    );
    line(
        "consents",
        c.consents_expiring,
        "consent ending within 30 days".into(),
        "consents ending within 30 days".into(),
    );
    line(
        "consents-expired",
        c.consents_expired,
        "consent expired".into(),
        "consents expired".into(),
    );
    out.push_str("</ul>");
    out
}

/// The section, tables included when `names` (the team's supervisors).
pub fn render(a: &Actions, names: bool, weekly_goal: u32, deadline: u32) -> String {
    let mut out = format!(
        "<section class=\"actions\" id=\"actions\"><h2>What needs action <span class=\"note\">as of {}</span></h2>",
        a.as_of
    );
    let c = &a.counts;
    if a.is_empty() {
        out.push_str("<p class=\"nothing\" id=\"nothing-to-do\">Nothing needs action.</p>");
    }
    out.push_str(&summary(c, names, weekly_goal, deadline));
    let waiting = match c.refused_waiting {
        1 => "1 refused change waiting for a decision".to_string(),
        n => format!("{n} refused changes waiting for a decision"),
    };
    let refused = if c.refused_waiting > 0 && names {
        format!("<a href=\"/refused\">{waiting}</a>")
    } else {
        waiting
    };
    let _ = write!(
        out,
        "<p id=\"refused-waiting\" data-count=\"{}\">{refused}</p>",
        c.refused_waiting
    );
    if !names {
        out.push_str("<p class=\"note\">Job seekers are listed for the team's supervisors only; this page shows counts.</p></section>");
        return out;
    }

    if !a.first_contact.is_empty() {
        let _ = write!(
            out,
            "<h3 id=\"first-contact\">No face-to-face employer contact yet, near or past day {deadline}</h3><div class=\"scroll\"><table id=\"action-first-contact\"><tr><th>Job seeker</th><th>Specialist</th><th>Entry</th><th>Days since entry</th><th></th></tr>"
        );
        for f in &a.first_contact {
            let (name, sp) = who(&f.person);
            let mark = if f.past {
                flag("past", &format!("past day {}", f.deadline_days))
            } else {
                flag("near", &format!("day {} is near", f.deadline_days))
            };
            let _ = write!(
                out,
                "<tr data-seeker=\"{name}\" data-days=\"{}\" data-past=\"{}\"><td>{name}</td><td>{sp}</td><td>{}</td><td class=\"n\">{}</td><td>{mark}</td></tr>",
                f.days_since_entry, f.past, f.entry, f.days_since_entry
            );
        }
        out.push_str("</table></div>");
    }
    if !a.under_goal.is_empty() {
        let week = a.under_goal[0].week_start;
        let _ = write!(
            out,
            "<h3 id=\"under-goal\">Under the weekly goal in the week of {week}</h3><div class=\"scroll\"><table id=\"action-under-goal\"><tr><th>Specialist</th><th>Face-to-face contacts</th><th>Goal <span class=\"mark\">setting</span></th></tr>"
        );
        for u in &a.under_goal {
            let _ = write!(
                out,
                "<tr data-specialist=\"{name}\" data-contacts=\"{}\"><td><a href=\"/dashboard?specialist={}\">{name}</a></td><td class=\"n\">{}</td><td class=\"n\">{}</td></tr>",
                u.face_to_face,
                u.specialist_id,
                u.face_to_face,
                u.goal,
                name = esc(&u.name)
            );
        }
        out.push_str("</table></div>");
    }
    if !a.job_ends.is_empty() {
        out.push_str("<h3 id=\"job-ends\">Jobs ended without a contact within 3 days</h3><div class=\"scroll\"><table id=\"action-job-ends\"><tr><th>Job seeker</th><th>Specialist</th><th>Job</th><th>Ended</th><th>Contact due by</th><th></th></tr>");
        for j in &a.job_ends {
            let (name, sp) = who(&j.person);
            let mark = if j.overdue {
                flag("overdue", "no contact within 3 days")
            } else {
                flag("due", "contact due")
            };
            let _ = write!(
                out,
                "<tr data-seeker=\"{name}\" data-overdue=\"{}\"><td>{name}</td><td>{sp}</td><td>{} at {}</td><td>{}</td><td>{}</td><td>{mark}</td></tr>",
                j.overdue,
                esc(&j.job.title),
                esc(&j.job.employer),
                j.ended,
                j.due_by
            );
        }
        out.push_str("</table></div>");
    }
    if !a.supports_due.is_empty() {
        out.push_str("<h3 id=\"supports-due\">Follow-along contacts due</h3><p class=\"note\">Face to face by the employment specialist; supports by family or the employer do not count.</p><div class=\"scroll\"><table id=\"action-supports\"><tr><th>Job seeker</th><th>Specialist</th><th>Job</th><th>Which</th><th>Due by</th></tr>");
        for s in &a.supports_due {
            let (name, sp) = who(&s.person);
            let _ = write!(
                out,
                "<tr data-seeker=\"{name}\" data-due=\"{}\"><td>{name}</td><td>{sp}</td><td>{} at {}</td><td>{}</td><td>{}</td></tr>",
                s.due_by,
                esc(&s.job.title),
                esc(&s.job.employer),
                esc(&s.what),
                s.due_by
            );
        }
        out.push_str("</table></div>");
    }
    if !a.consents.is_empty() {
        out.push_str("<h3 id=\"consents\">Consents to renew</h3><div class=\"scroll\"><table id=\"action-consents\"><tr><th>Job seeker</th><th>Specialist</th><th>Release to</th><th>Last day</th><th></th></tr>");
        for c in &a.consents {
            let a = &c.alert;
            let name = esc(&a.display_name);
            let mark = if a.expired {
                flag("expired", &format!("expired {} days ago", -a.days_left))
            } else {
                flag("near", &format!("{} days left", a.days_left))
            };
            let _ = write!(
                out,
                "<tr data-seeker=\"{name}\" data-expired=\"{}\" data-days-left=\"{}\"><td>{name}</td><td>{}</td><td>{}</td><td>{}</td><td>{mark}</td></tr>",
                a.expired,
                a.days_left,
                esc(&c.specialists.join(", ")),
                esc(&a.recipient),
                a.expires
            );
        }
        out.push_str("</table></div>");
    }
    out.push_str("</section>");
    out
}
