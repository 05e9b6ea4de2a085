//! The team's phones page: every member of the supervisor's team with their phones, a button
//! to revoke a lost one and one to make an enrollment code, shown as text and as a QR code
//! of the enrollment link (see `qr`). Supervisors only, their own team only; both actions
//! are audited by the service (`service::supervise`).

use std::fmt::Write;

use axum::extract::{Path, State};
use axum::http::{header, HeaderMap};
use axum::response::{Html, IntoResponse, Redirect, Response};
use fieldbook_core::ids::{DeviceId, UserId};

use crate::app::{blocking, AppState};
use crate::service::accounts::EnrollCode;
use crate::service::supervise::{MemberPhones, WEB_CODE_HOURS};
use crate::ServerError;

use super::page::{self, esc, shell, Nav};
use super::qr;

/// `GET /team`: the team's members and phones.
pub async fn team_page(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let (user, nav) = match super::signed_in(&state, &headers).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let service = state.service.clone();
    match blocking(move || service.team_phones(&user)).await {
        Ok(members) => Html(phones(&members, &nav)).into_response(),
        Err(e) => Html(page::error(Some(&nav), &e.to_string())).into_response(),
    }
}

/// `POST /team/phones/{device}/revoke`.
pub async fn revoke(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(device): Path<String>,
) -> Response {
    let (user, nav) = match super::signed_in(&state, &headers).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let service = state.service.clone();
    let done = blocking(move || {
        let device: DeviceId = device.parse().map_err(|_| {
            ServerError::invalid("device", format!("{device:?} is not a device id"))
        })?;
        service.supervisor_revoke(&user, device)
    })
    .await;
    match done {
        Ok(_) => Redirect::to("/team").into_response(),
        Err(e) => (e.status(), Html(page::error(Some(&nav), &e.to_string()))).into_response(),
    }
}

/// `POST /team/members/{user}/code`: a one-time enrollment code, shown once.
pub async fn enroll_code(
    State(state): State<AppState>,
    headers: HeaderMap,
    Path(member): Path<String>,
) -> Response {
    let (user, nav) = match super::signed_in(&state, &headers).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let server = server_address(&state, &headers);
    let service = state.service.clone();
    let done = blocking(move || {
        let member: UserId = member
            .parse()
            .map_err(|_| ServerError::invalid("user", format!("{member:?} is not a user id")))?;
        let name = service
            .team_phones(&user)?
            .into_iter()
            .find(|m| m.user_id == member)
            .map(|m| m.name);
        let code = service.supervisor_enroll_code(&user, member)?;
        Ok((code, name.unwrap_or_default()))
    })
    .await;
    match done.and_then(|(code, name)| code_page(&code, &name, &server, &nav)) {
        Ok(html) => Html(html).into_response(),
        Err(e) => (e.status(), Html(page::error(Some(&nav), &e.to_string()))).into_response(),
    }
}

/// The server's address as the supervisor's browser reached it: what a phone on the same
/// network uses to enroll.
fn server_address(state: &AppState, headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("localhost");
    let scheme = if state.tls { "https" } else { "http" };
    format!("{scheme}://{host}")
}

fn phones(members: &[MemberPhones], nav: &Nav) -> String {
    let mut body = String::from(
        "<h1>Phones and enrollment</h1><p>Revoke a lost or stolen phone: at its next contact the server refuses it and tells it to wipe its data. A new phone needs a one-time enrollment code.</p><div class=\"scroll\"><table id=\"phones\"><tr><th>Member</th><th>Role</th><th>Phone</th><th>Enrolled</th><th>Last sync</th><th></th></tr>",
    );
    let day = |t: &chrono::DateTime<chrono::Utc>| t.format("%Y-%m-%d %H:%M").to_string();
    for m in members {
        let code_button = format!(
            "<form method=\"post\" action=\"/team/members/{}/code\"><button class=\"make-code\" data-user=\"{}\">Make an enrollment code</button></form>",
            m.user_id, m.user_id
        );
        let role = format!("{:?}", m.role).to_lowercase();
        if m.phones.is_empty() {
            let _ = write!(
                body,
                "<tr data-user=\"{}\"><td>{}</td><td>{role}</td><td colspan=\"3\" class=\"note\">no phone</td><td>{code_button}</td></tr>",
                m.user_id,
                esc(&m.name)
            );
        }
        for (i, p) in m.phones.iter().enumerate() {
            let action = match &p.revoked_at {
                Some(at) => format!("<span class=\"flag expired\">revoked {}</span>", day(at)),
                None => format!(
                    "<form method=\"post\" action=\"/team/phones/{}/revoke\" onsubmit=\"return confirm('Revoke this phone? It wipes itself at its next contact.')\"><button class=\"revoke\" data-device=\"{}\">Revoke</button></form>",
                    p.device_id, p.device_id
                ),
            };
            let extra = if i == 0 { code_button.as_str() } else { "" };
            let _ = write!(
                body,
                "<tr data-user=\"{}\" data-device=\"{}\" data-revoked=\"{}\"><td>{}</td><td>{role}</td><td>{}</td><td>{}</td><td>{}</td><td>{action}{extra}</td></tr>",
                m.user_id,
                p.device_id,
                p.revoked_at.is_some(),
                esc(&m.name),
                esc(&p.name),
                day(&p.enrolled_at),
                p.last_sync_at.as_ref().map(day).unwrap_or_else(|| "never".into()),
            );
        }
    }
    body.push_str("</table></div>");
    shell("Phones and enrollment", Some(nav), &body)
}

fn code_page(
    code: &EnrollCode,
    name: &str,
    server: &str,
    nav: &Nav,
) -> Result<String, ServerError> {
    let link = qr::enroll_link(server, &code.code);
    let svg = qr::svg("enroll-qr", &link)?;
    let body = format!(
        "<h1>Enrollment code for {}</h1><p>Scan the QR code with the Fieldbook app, or type the server address and the code. It works once, until {} ({WEB_CODE_HOURS} hours).</p><p>Server: <b id=\"enroll-server\">{}</b></p><p class=\"code\" id=\"enroll-code\">{}</p>{svg}<p class=\"note\">Link: <code id=\"enroll-link\">{}</code></p><p><a href=\"/team\">Back to the phones</a></p>",
        esc(name),
        code.expires_at.format("%Y-%m-%d %H:%M UTC"),
        esc(server),
        esc(&code.code),
        esc(&link)
    );
    Ok(shell("Enrollment code", Some(nav), &body))
}
