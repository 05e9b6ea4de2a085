//! The supervisor's pages, rendered on the server as plain HTML with inline CSS and SVG:
//! nothing outside the server is loaded, so the pages work in a field office with a closed
//! network. This module holds the frame every page shares (header, navigation), the sign-in
//! form, error pages and the refused-work list; the overview is in `dashboard`, the team's
//! phones in `team_page`.

use std::fmt::Write;

pub use super::html::esc;
use super::style::STYLE;

/// Who is signed in, for the navigation.
#[derive(Debug, Clone)]
pub struct Nav {
    pub user_name: String,
    /// Supervisors get the refused-work and phones pages; admins see counts only.
    pub supervisor: bool,
    /// Refused pushes waiting, shown beside the link.
    pub refused_waiting: Option<usize>,
}

/// A whole page: `title`, the navigation when someone is signed in, and `body`.
pub fn shell(title: &str, nav: Option<&Nav>, body: &str) -> String {
    let right = nav.map(navigation).unwrap_or_default();
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width,initial-scale=1\"><title>{}</title><style>{STYLE}</style></head><body><header><span>Fieldbook — {}</span>{right}</header><main>{body}</main></body></html>",
        esc(title),
        esc(title)
    )
}

fn navigation(nav: &Nav) -> String {
    let mut out = String::from("<nav><a href=\"/dashboard\" id=\"nav-overview\">Overview</a>");
    if nav.supervisor {
        let waiting = match nav.refused_waiting {
            Some(n) if n > 0 => format!(" ({n} waiting)"),
            _ => String::new(),
        };
        let _ = write!(
            out,
            "<a href=\"/refused\" id=\"nav-refused\">Refused work{waiting}</a><a href=\"/team\" id=\"nav-team\">Phones and enrollment</a>"
        );
    }
    let _ = write!(
        out,
        "<form method=\"post\" action=\"/logout\">{} <button>Sign out</button></form></nav>",
        esc(&nav.user_name)
    );
    out
}

/// The sign-in form, with a message after a failed attempt.
pub fn login(message: Option<&str>) -> String {
    let msg = message
        .map(|m| format!("<p class=\"error\" id=\"login-error\">{}</p>", esc(m)))
        .unwrap_or_default();
    shell(
        "Supervisor sign-in",
        None,
        &format!(
            "<form class=\"login\" method=\"post\" action=\"/login\"><h1>Sign in</h1>{msg}<label>Login<input name=\"login\" autocomplete=\"username\" required></label><label>Password<input name=\"password\" type=\"password\" autocomplete=\"current-password\" required></label><button type=\"submit\" id=\"sign-in\">Sign in</button></form>"
        ),
    )
}

/// A page saying what went wrong with something asked from a page (a form's button).
pub fn error(nav: Option<&Nav>, message: &str) -> String {
    shell(
        "Not done",
        nav,
        &format!(
            "<h1>Not done</h1><p class=\"error\" id=\"error\">{}</p><p><a href=\"/dashboard\">Back to the overview</a></p>",
            esc(message)
        ),
    )
}

/// Refused work of the team: what phones pushed and the server refused, with accept and
/// dismiss buttons for what still waits.
pub fn refused(work: &[crate::service::refused::RefusedWork], nav: &Nav) -> String {
    let mut body = String::from(
        "<h1>Refused work</h1><p>Changes phones sent that the server refused. Accepting applies them to the record as their author's; dismissing keeps them listed.</p>",
    );
    if work.is_empty() {
        body.push_str("<p id=\"no-refused\">Nothing was refused.</p>");
    } else {
        body.push_str("<div class=\"scroll\"><table id=\"refused\"><tr><th>When</th><th>Who</th><th>Record</th><th>What</th><th>Why</th><th></th></tr>");
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
        body.push_str("</table></div>");
    }
    shell("Refused work", Some(nav), &body)
}
