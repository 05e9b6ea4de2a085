//! The overview page: what needs action first, then the figures as tables (the cards, the
//! IPS-25 items scored from the data, the quarterly outcomes), then the charts, each bar
//! with its number. The same page shows one specialist's caseload (`?specialist=`).

use std::fmt::Write;

use fieldbook_core::fidelity::ItemKey;

use crate::service::reports::Overview;

use super::action_list;
use super::chart::{self, Bar, Line};
use super::page::{esc, shell, Nav};

/// Items on the IPS-25 scale: the ones the data cannot score need the review visit.
const SCALE_ITEMS: usize = 25;

fn num(v: Option<f64>) -> String {
    v.map(|v| format!("{v}")).unwrap_or_else(|| "–".into())
}

const SETTING: &str =
    "<span class=\"mark\" title=\"from the server's fidelity settings, not the scale\">setting</span>";
const BANDS_SETTING: &str = "<span class=\"mark\" title=\"scored by the bands in the server's fidelity settings, which differ from the scale's\">setting</span>";

/// The team's (or one specialist's) overview for one period.
pub fn dashboard(o: &Overview, nav: &Nav, query: &str) -> String {
    let mut body = String::new();
    let p = &o.period;
    let heading = match &o.specialist {
        Some(s) => format!(
            "{} <span class=\"note\" id=\"specialist-page\" data-specialist=\"{}\">caseload of {}</span>",
            esc(&o.team_name),
            s.id,
            esc(&s.name)
        ),
        None => esc(&o.team_name),
    };
    let specialist_field = o
        .specialist
        .as_ref()
        .map(|s| {
            format!(
                "<input type=\"hidden\" name=\"specialist\" value=\"{}\">",
                s.id
            )
        })
        .unwrap_or_default();
    let _ = write!(
        body,
        "<h1 id=\"team\" data-team=\"{}\">{heading}</h1><form class=\"no-print\" method=\"get\" action=\"/dashboard\">{specialist_field}From <input type=\"date\" name=\"from\" value=\"{}\"> to <input type=\"date\" name=\"to\" value=\"{}\"> <button>Show</button></form><p class=\"print-only\">Period {} to {}</p>",
        o.team_id, p.from, p.to, p.from, p.to
    );
    if o.specialist.is_some() {
        body.push_str(
            "<p><a href=\"/dashboard\" id=\"back-to-team\">Back to the whole team</a></p>",
        );
    }

    body.push_str(&action_list::render(
        &o.actions,
        !o.names_hidden,
        o.weekly_goal,
        o.first_contact_goal_days,
    ));

    // The same figure as the "frequent employer contact" item below.
    let contacts_per_week = o
        .fidelity
        .items
        .iter()
        .find(|i| i.key == ItemKey::EmployerContacts)
        .and_then(|i| i.measure);
    let _ = write!(
        body,
        "<div class=\"cards\"><div class=\"card\">Active job seekers<b id=\"active-seekers\">{}</b></div><div class=\"card\">Specialists<b id=\"specialist-count\">{}</b></div><div class=\"card\">Face-to-face contacts / specialist / week<b id=\"weekly-average\">{}</b>goal {} {SETTING}</div><div class=\"card\">Fidelity (data items)<b id=\"fidelity-total\" data-total=\"{}\" data-max=\"{}\">{} / {}</b></div></div>",
        o.active_seekers,
        o.specialists.len(),
        num(contacts_per_week),
        o.weekly_goal,
        o.fidelity.total,
        o.fidelity.max,
        o.fidelity.total,
        o.fidelity.max
    );

    fidelity_table(&mut body, o);
    outcomes_table(&mut body, o);
    charts(&mut body, o);
    downloads(&mut body, o, query);

    let title = match &o.specialist {
        Some(s) => format!("{} — {}", o.team_name, s.name),
        None => format!("{} — team overview", o.team_name),
    };
    shell(&title, Some(nav), &body)
}

fn fidelity_table(body: &mut String, o: &Overview) {
    let p = &o.period;
    let scored = o.fidelity.items.len();
    let _ = write!(
        body,
        "<h2>IPS-25 items scored from the data ({} to {})</h2><p class=\"plain\" id=\"review-items\" data-review=\"{}\">{} of the {SCALE_ITEMS} items need a fidelity review visit: the data can score {scored} of them, shown here.</p><div class=\"scroll\"><table id=\"fidelity\"><tr><th>Item</th><th>Measure</th><th>Score</th><th>Counts</th></tr>",
        p.from,
        p.to,
        SCALE_ITEMS - scored,
        SCALE_ITEMS - scored
    );
    for item in &o.fidelity.items {
        let key = serde_json::to_value(item.key)
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default();
        let proxy = item
            .proxy
            .as_ref()
            .map(|how| {
                format!(
                    " <span class=\"mark proxy\" title=\"{}\">proxy</span><div class=\"note\">Proxy: {}</div>",
                    esc(how),
                    esc(how)
                )
            })
            .unwrap_or_default();
        let beside: String = item
            .beside
            .iter()
            .map(|a| {
                format!(
                    "<div class=\"note aside\">{} {}</div>",
                    a.count,
                    esc(&a.label)
                )
            })
            .collect();
        // Scored by bands the program's settings changed from the scale's.
        let own = if item.own_bands {
            format!(" {BANDS_SETTING}")
        } else {
            String::new()
        };
        let _ = write!(
            body,
            "<tr data-item=\"{key}\" data-measure=\"{}\" data-score=\"{}\" data-proxy=\"{}\" data-own-bands=\"{}\"><td>{}{proxy}</td><td>{} {}</td><td class=\"score\">{}{own}</td><td>{}{beside}</td></tr>",
            num(item.measure),
            item.score.map(|s| s.to_string()).unwrap_or_default(),
            item.proxy.is_some(),
            item.own_bands,
            esc(&item.name),
            num(item.measure),
            esc(&item.unit),
            item.score.map(|s| s.to_string()).unwrap_or_else(|| "–".into()),
            esc(&item.detail)
        );
    }
    body.push_str("</table></div>");
}

fn outcomes_table(body: &mut String, o: &Overview) {
    body.push_str("<h2>Outcomes by quarter</h2><div class=\"scroll\"><table id=\"outcomes\"><tr><th>Quarter</th><th>Served</th><th>Worked (competitive)</th><th>Employment rate %</th><th>Rate, unemployed at entry %</th><th>New competitive job starts</th><th>Other job starts</th><th>Job ends</th><th>In education</th><th>Notes</th></tr>");
    for q in &o.quarters {
        let _ = write!(
            body,
            "<tr data-quarter=\"{}\" data-rate=\"{}\" data-other-starts=\"{}\"><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"note\">{}</td></tr>",
            q.quarter,
            num(q.employment_rate),
            q.other_job_starts,
            q.quarter,
            q.served,
            q.worked_competitive,
            num(q.employment_rate),
            num(q.employment_rate_unemployed_at_entry),
            q.new_job_starts,
            q.other_job_starts,
            q.job_ends,
            q.in_education,
            esc(&q.notes.join("; "))
        );
    }
    body.push_str("</table></div>");
}

fn charts(body: &mut String, o: &Overview) {
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
        if o.specialist.is_none() {
            let _ = write!(
                body,
                "<p class=\"no-print\"><a class=\"specialist-link\" href=\"/dashboard?specialist={}\">{}'s page</a></p>",
                s.specialist_id,
                esc(&s.name)
            );
        }
        body.push_str(&chart::bars(
            &format!("weekly-{}", s.specialist_id),
            &title,
            "contacts",
            &bars,
            &[Line {
                label: format!("goal {} (setting)", o.weekly_goal),
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
            label: format!("{} days (setting)", o.first_contact_goal_days),
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
    let benchmark = |v: f64, words: &str| Line {
        label: format!("{v}% {words}"),
        value: v,
    };
    body.push_str(&chart::bars(
        "employment-rate",
        "Worked in a competitive job ÷ served, % (benchmarks 31 / 41 / 50)",
        "%",
        &bars,
        &[
            benchmark(31.0, "minimum"),
            benchmark(41.0, "average"),
            benchmark(50.0, "excellent"),
        ],
    ));
}

fn downloads(body: &mut String, o: &Overview, query: &str) {
    let last_quarter = o
        .quarters
        .last()
        .map(|q| q.quarter.to_string())
        .unwrap_or_default();
    let export = match &o.state_export {
        Some(e) => format!(
            "<p id=\"state-export\" data-listed=\"{}\" data-not-listed=\"{}\">{} of {} people served in {} are listed; {} without a current release to the state agency are counted in the totals, not listed.</p>",
            e.listed, e.not_listed, e.listed, e.served, e.quarter, e.not_listed
        ),
        None => String::new(),
    };
    let _ = write!(
        body,
        "<h2 class=\"no-print\">Downloads</h2><ul class=\"no-print\"><li><a id=\"csv-outcomes\" href=\"/api/v1/outcomes.csv?{q}\">Quarterly outcomes (CSV)</a></li><li><a id=\"csv-people\" href=\"/api/v1/people.csv?quarter={last_quarter}\">De-identified per-person table, {last_quarter} (CSV, for the state database)</a></li></ul>{export}",
        q = esc(query)
    );
}
