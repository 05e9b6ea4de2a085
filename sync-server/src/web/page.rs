//! The supervisor's pages, rendered on the server as plain HTML with inline CSS and SVG:
//! nothing outside the server is loaded, so the page works in a field office with a closed
//! network.

use std::fmt::Write;

use crate::service::reports::Overview;

use super::chart::{self, Bar, Line};
pub use super::html::esc;

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0;color:#222;background:#fafafa}
header{background:#2f6f9f;color:#fff;padding:.8rem 1.2rem;display:flex;justify-content:space-between;align-items:center}
header form{margin:0}main{padding:1rem 1.2rem;max-width:1100px}
.cards{display:flex;gap:1rem;flex-wrap:wrap}.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.6rem 1rem;min-width:9rem}
.card b{display:block;font-size:1.6rem}table{border-collapse:collapse;background:#fff;width:100%}
td,th{border:1px solid #ddd;padding:.35rem .5rem;text-align:left;vertical-align:top}th{background:#eef3f7}
.chart-box{background:#fff;border:1px solid #ddd;border-radius:6px;margin:1rem 0;padding:.5rem}
.chart{width:100%;height:auto}figcaption{font-weight:600}.score{font-weight:700;text-align:center}
.login{max-width:22rem;margin:4rem auto;background:#fff;padding:1.5rem;border:1px solid #ddd;border-radius:6px}
.login input{display:block;width:100%;margin:.3rem 0 .8rem;padding:.4rem;box-sizing:border-box}.error{color:#a33}";

fn shell(title: &str, header_right: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{}</title><style>{STYLE}</style></head><body><header><span>Fieldbook — {}</span>{header_right}</header><main>{body}</main></body></html>",
        esc(title),
        esc(title)
    )
}

/// The sign-in form, with a message after a failed attempt.
pub fn login(message: Option<&str>) -> String {
    let msg = message
        .map(|m| format!("<p class=\"error\" id=\"login-error\">{}</p>", esc(m)))
        .unwrap_or_default();
    shell(
        "Supervisor sign-in",
        "",
        &format!(
            "<form class=\"login\" method=\"post\" action=\"/login\"><h1>Sign in</h1>{msg}<label>Login<input name=\"login\" autocomplete=\"username\" required></label><label>Password<input name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label><button type=\"submit\" id=\"sign-in\">Sign in</button></form>"
        ),
    )
}

fn num(v: Option<f64>) -> String {
    v.map(|v| format!("{v}")).unwrap_or_else(|| "–".into())
}

/// The team overview for one period.
pub fn dashboard(o: &Overview, user_name: &str, query: &str) -> String {
    let mut body = String::new();
    let p = &o.period;
    let _ = write!(
        body,
        "<h1 id=\"team\" data-team=\"{}\">{}</h1><form method=\"get\" action=\"/dashboard\">From <input type=\"date\" name=\"from\" value=\"{}\"> to <input type=\"date\" name=\"to\" value=\"{}\"> <button>Show</button></form>",
        o.team_id,
        esc(&o.team_name),
        p.from,
        p.to
    );
    // The same figure as the "frequent employer contact" item below.
    let contacts_per_week = o
        .fidelity
        .items
        .iter()
        .find(|i| i.key == fieldbook_core::fidelity::ItemKey::EmployerContacts)
        .and_then(|i| i.measure);
    let _ = write!(
        body,
        "<div class=\"cards\"><div class=\"card\">Active job seekers<b id=\"active-seekers\">{}</b></div><div class=\"card\">Specialists<b id=\"specialist-count\">{}</b></div><div class=\"card\">Face-to-face contacts / specialist / week<b id=\"weekly-average\">{}</b>goal {}</div><div class=\"card\">Fidelity (data items)<b id=\"fidelity-total\" data-total=\"{}\" data-max=\"{}\">{} / {}</b></div></div>",
        o.active_seekers,
        o.specialists.len(),
        num(contacts_per_week),
        o.weekly_goal,
        o.fidelity.total,
        o.fidelity.max,
        o.fidelity.total,
        o.fidelity.max
    );

    body.push_str("<h2>Face-to-face employer contacts per week</h2>");
    for s in &o.specialists {
        let bars: Vec<Bar> = s
            .weeks
            .iter()
            .map(|w| Bar {
                label: w.week_start.format("%b %d").to_string(),
                value: Some(f64::from(w.face_to_face)),
            })
            .collect();
        let title = format!(
            "{} — caseload {}, average {:.1} a week",
            s.name, s.caseload, s.average
        );
        body.push_str(&chart::bars(
            &format!("weekly-{}", s.specialist_id),
            &title,
            "contacts",
            &bars,
            &[Line {
                label: format!("goal {}", o.weekly_goal),
                value: f64::from(o.weekly_goal),
            }],
        ));
    }

    body.push_str("<h2>Days from entry to first face-to-face employer contact</h2>");
    if o.names_hidden {
        body.push_str(
            "<p>Job seekers are listed for the team's supervisors only; this page shows counts.</p>",
        );
    }
    let bars: Vec<Bar> = o
        .first_contact
        .iter()
        .map(|f| Bar {
            label: f.name.clone(),
            value: f.days.map(|d| d as f64),
        })
        .collect();
    body.push_str(&chart::bars(
        "first-contact",
        "Days to first employer contact (\"none\": not yet)",
        "days",
        &bars,
        &[Line {
            label: format!("{} days", o.first_contact_goal_days),
            value: f64::from(o.first_contact_goal_days),
        }],
    ));

    body.push_str("<h2>Employment rate by quarter</h2>");
    let bars: Vec<Bar> = o
        .quarters
        .iter()
        .map(|q| Bar {
            label: q.quarter.to_string(),
            value: q.employment_rate,
        })
        .collect();
    body.push_str(&chart::bars(
        "employment-rate",
        "Worked in a competitive job ÷ served, % (benchmarks 31 / 41 / 50)",
        "%",
        &bars,
        &[
            Line {
                label: "31% minimum".into(),
                value: 31.0,
            },
            Line {
                label: "41% average".into(),
                value: 41.0,
            },
            Line {
                label: "50% excellent".into(),
                value: 50.0,
            },
        ],
    ));
    body.push_str("<table id=\"outcomes\"><tr><th>Quarter</th><th>Served</th><th>Worked (competitive)</th><th>Employment rate %</th><th>Rate, unemployed at entry %</th><th>New job starts</th><th>Job ends</th><th>In education</th></tr>");
    for q in &o.quarters {
        let _ = write!(
            body,
            "<tr data-quarter=\"{}\" data-rate=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            q.quarter,
            num(q.employment_rate),
            q.quarter,
            q.served,
            q.worked_competitive,
            num(q.employment_rate),
            num(q.employment_rate_unemployed_at_entry),
            q.new_job_starts,
            q.job_ends,
            q.in_education
        );
    }
    body.push_str("</table>");

    let _ = write!(body, "<h2>IPS-25 items scored from the data ({} to {})</h2><table id=\"fidelity\"><tr><th>Item</th><th>Measure</th><th>Score</th><th>Counts</th></tr>", p.from, p.to);
    for item in &o.fidelity.items {
        let key = serde_json::to_value(item.key)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let _ = write!(
            body,
            "<tr data-item=\"{key}\" data-measure=\"{}\" data-score=\"{}\"><td>{}</td><td>{} {}</td><td class=\"score\">{}</td><td>{}</td></tr>",
            num(item.measure),
            item.score.map(|s| s.to_string()).unwrap_or_default(),
            esc(&item.name),
            num(item.measure),
            esc(&item.unit),
            item.score.map(|s| s.to_string()).unwrap_or_else(|| "–".into()),
            esc(&item.detail)
        );
    }
    body.push_str("</table>");
    let last_quarter = o
        .quarters
        .last()
        .map(|q| q.quarter.to_string())
        .unwrap_or_default();
    let _ = write!(
        body,
        "<h2>Downloads</h2><ul><li><a id=\"csv-outcomes\" href=\"/api/v1/outcomes.csv?{q}\">Quarterly outcomes (CSV)</a></li><li><a id=\"csv-people\" href=\"/api/v1/people.csv?quarter={last_quarter}\">De-identified per-person table, {last_quarter} (CSV, for the state database)</a></li></ul>",
        q = esc(query)
    );
    let right = format!(
        "<form method=\"post\" action=\"/logout\">{} <button>Sign out</button></form>",
        esc(user_name)
    );
    shell(&format!("{} — team overview", o.team_name), &right, &body)
}

/// Refused work of the team: what phones pushed and the server refused, with accept and
/// dismiss buttons for what still waits.
pub fn refused(work: &[crate::service::refused::RefusedWork], user_name: &str) -> String {
    let mut body = String::from(
        "<h1>Refused work</h1><p>Changes phones sent that the server refused. Accepting applies them to the record as their author's; dismissing keeps them listed.</p>",
    );
    if work.is_empty() {
        body.push_str("<p id=\"no-refused\">Nothing was refused.</p>");
    } else {
        body.push_str("<table id=\"refused\"><tr><th>When</th><th>Who</th><th>Record</th><th>What</th><th>Why</th><th></th></tr>");
        for w in work {
            let action = match &w.resolution {
                Some(r) => format!(
                    "{} by {}",
                    esc(r),
                    esc(w.resolved_by.as_deref().unwrap_or(""))
                ),
                None => format!(
                    "<form method=\"post\" action=\"/refused/{id}/accept\"><button class=\"accept\">Accept into the record</button></form><form method=\"post\" action=\"/refused/{id}/dismiss\"><button>Dismiss</button></form>",
                    id = w.id
                ),
            };
            let _ = write!(
                body,
                "<tr data-id=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{action}</td></tr>",
                w.id,
                w.at.format("%Y-%m-%d %H:%M"),
                esc(&w.by),
                esc(&w.record),
                esc(&w.what.join(", ")),
                esc(&w.reason),
            );
        }
        body.push_str("</table>");
    }
    shell(
        "Refused work",
        &format!(
            "<span>{} · <a href=\"/dashboard\" style=\"color:#fff\">Dashboard</a></span>",
            esc(user_name)
        ),
        &body,
    )
}
