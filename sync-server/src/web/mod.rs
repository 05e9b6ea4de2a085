//! The supervisor's web pages and report API: sign-in with a password set by an admin
//! (`admin user password`), a session cookie, the team overview, and JSON and CSV reports.
//! Supervisors see their own team, with names, and manage its phones (`team`); admins pick a
//! team and see counts. Nobody else gets anything.

mod action_list;
mod chart;
mod dashboard;
mod html;
pub mod page;
mod qr;
mod reports_api;
mod style;
mod team;

use std::net::SocketAddr;

use axum::extract::rejection::{FormRejection, QueryRejection};
use axum::extract::{ConnectInfo, Form, Query, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::{Duration, NaiveDate, Utc};
use fieldbook_core::fidelity::{Period, Quarter};
use fieldbook_core::ids::{TeamId, UserId};
use fieldbook_core::model::Role;
use serde::Deserialize;

use std::sync::Arc;

use crate::app::{blocking, AppState};
use crate::db::UserRow;
use crate::service::reports::{self, Overview, Team};
use crate::{secrets, ServerError, ServerResult};

const COOKIE: &str = "fieldbook_session";
const SESSION_HOURS: i64 = 12;
const MAX_LOGIN_FAILURES: i64 = 10;

/// The pages and the report API.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(|| async { Redirect::to("/dashboard") }))
        .route("/login", get(login_page).post(login))
        .route("/logout", post(logout))
        .route("/dashboard", get(dashboard))
        .route("/api/v1/overview", get(reports_api::overview_json))
        .route("/api/v1/fidelity", get(reports_api::fidelity_json))
        .route("/api/v1/outcomes", get(reports_api::outcomes_json))
        .route("/api/v1/outcomes.csv", get(reports_api::outcomes_csv))
        .route("/api/v1/people.csv", get(reports_api::people_csv))
        .route("/refused", get(refused_page))
        .route("/refused/{id}/{action}", post(refused_action))
        .route("/api/v1/refused", get(refused_json))
        .route("/team", get(team::team_page))
        .route("/team/phones/{device}/revoke", post(team::revoke))
        .route("/team/members/{user}/code", post(team::enroll_code))
}

/// Refused work of the viewer's team: the page, with accept and dismiss buttons.
async fn refused_page(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let (user, nav) = match signed_in(&state, &headers).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let service = state.service.clone();
    match blocking(move || service.refused_work(&user)).await {
        Ok(work) => Html(page::refused(&work, &nav)).into_response(),
        Err(e) => e.into_response(),
    }
}

/// The signed-in viewer of a page and their navigation; signed-out visitors are sent to
/// sign in, anyone else gets the error.
async fn signed_in(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<(UserRow, page::Nav), Response> {
    let user = match viewer(state, headers).await {
        Ok(u) => u,
        Err(ServerError::Unauthorized(_)) => return Err(Redirect::to("/login").into_response()),
        Err(e) => return Err(e.into_response()),
    };
    let supervisor = user.role == Role::Supervisor;
    let refused_waiting = if supervisor {
        let service = state.service.clone();
        let team = user.team_id;
        blocking(move || service.refused_waiting(team, None))
            .await
            .ok()
    } else {
        None
    };
    let nav = page::Nav {
        user_name: user.name.clone(),
        supervisor,
        refused_waiting,
    };
    Ok((user, nav))
}

/// The overview of `team` (or one specialist's caseload) for `role`, with the team's refused
/// work waiting counted into what needs action.
fn overview_for(
    state: &AppState,
    role: Role,
    team: &Team,
    q: &ReportQuery,
) -> ServerResult<Overview> {
    let scope = team.scope(q.specialist)?;
    let mut o = reports::overview(team, scope, q.period()?, &state.settings);
    o.actions.refused_waiting = state.service.refused_waiting(team.id, q.specialist)?;
    o.actions.recount();
    Ok(o.for_viewer(role))
}

async fn refused_json(State(state): State<AppState>, headers: HeaderMap) -> Response {
    let result = async {
        let user = viewer(&state, &headers).await?;
        let service = state.service.clone();
        blocking(move || service.refused_work(&user)).await
    }
    .await;
    result.map(Json).into_response()
}

/// `POST /refused/{id}/accept` or `/dismiss`, from the page's buttons.
async fn refused_action(
    State(state): State<AppState>,
    headers: HeaderMap,
    axum::extract::Path((id, action)): axum::extract::Path<(i64, String)>,
) -> Response {
    let result = async {
        let user = viewer(&state, &headers).await?;
        let service = state.service.clone();
        blocking(move || match action.as_str() {
            "accept" => service.accept_refused(&user, id),
            "dismiss" => service.dismiss_refused(&user, id),
            other => Err(ServerError::NotFound {
                kind: "action",
                id: other.to_string(),
            }),
        })
        .await
    }
    .await;
    match result {
        Ok(()) => Redirect::to("/refused").into_response(),
        Err(e) => e.into_response(),
    }
}

fn session_token(headers: &HeaderMap) -> Option<String> {
    let from_cookie = headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| {
            c.trim()
                .strip_prefix(&format!("{COOKIE}="))
                .map(str::to_string)
        });
    from_cookie.or_else(|| {
        headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(|t| t.trim().to_string())
    })
}

/// The signed-in supervisor or admin.
async fn viewer(state: &AppState, headers: &HeaderMap) -> ServerResult<UserRow> {
    let token =
        session_token(headers).ok_or_else(|| ServerError::Unauthorized("sign in first".into()))?;
    let service = state.service.clone();
    let user = blocking(move || service.session_user(&secrets::hash(&token)))
        .await?
        .ok_or_else(|| ServerError::Unauthorized("the session ended; sign in again".into()))?;
    match user.role {
        Role::Supervisor | Role::Admin => Ok(user),
        _ => Err(ServerError::Forbidden(
            "reports are for supervisors and admins".into(),
        )),
    }
}

/// The report's period and team, from the query string.
#[derive(Debug, Default, Deserialize)]
struct ReportQuery {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    team: Option<TeamId>,
    specialist: Option<UserId>,
    /// Quarters as written on reports: `2026Q3`.
    quarter: Option<String>,
    from_quarter: Option<String>,
    to_quarter: Option<String>,
}

fn parse_quarter(field: &'static str, q: &Option<String>) -> ServerResult<Option<Quarter>> {
    q.as_deref()
        .map(|s| {
            s.parse::<Quarter>()
                .map_err(|_| ServerError::invalid(field, format!("{s:?} is not like 2026Q3")))
        })
        .transpose()
}

fn query(q: Result<Query<ReportQuery>, QueryRejection>) -> ServerResult<ReportQuery> {
    q.map(|Query(q)| q)
        .map_err(|e| ServerError::BadRequest(e.body_text()))
}

impl ReportQuery {
    fn period(&self) -> ServerResult<Period> {
        let today = Utc::now().date_naive();
        let default = reports::default_period(self.to.unwrap_or(today));
        let period = Period::new(
            self.from.unwrap_or(default.from),
            self.to.unwrap_or(default.to),
        )
        .map_err(|e| ServerError::invalid("from", e))?;
        if period.days() > 3 * 366 {
            return Err(ServerError::invalid(
                "from",
                "a report covers at most three years",
            ));
        }
        Ok(period)
    }

    fn quarters(&self) -> ServerResult<Vec<Quarter>> {
        let last = parse_quarter("to_quarter", &self.to_quarter)?
            .unwrap_or_else(|| Quarter::of(Utc::now().date_naive()));
        let first = parse_quarter("from_quarter", &self.from_quarter)?
            .unwrap_or_else(|| last.previous().previous().previous());
        if first > last {
            return Err(ServerError::invalid("from_quarter", "is after to_quarter"));
        }
        let mut out = vec![last];
        while out[out.len() - 1] > first {
            if out.len() >= 40 {
                return Err(ServerError::invalid(
                    "from_quarter",
                    "at most 40 quarters at once",
                ));
            }
            let before = out[out.len() - 1].previous();
            out.push(before);
        }
        out.reverse();
        Ok(out)
    }
}

/// Loads the team the viewer may see: a supervisor's own; for an admin, the one asked for or
/// the first.
async fn team_for(
    state: &AppState,
    user: &UserRow,
    asked: Option<TeamId>,
) -> ServerResult<Arc<Team>> {
    let service = state.service.clone();
    let (role, own) = (user.role, user.team_id);
    blocking(move || {
        let team = match (role, asked) {
            (Role::Supervisor, Some(t)) if t != own => {
                return Err(ServerError::Forbidden(
                    "you may see your own team's reports only".into(),
                ))
            }
            (Role::Supervisor, _) => own,
            (_, Some(t)) => t,
            (_, None) => {
                let mut teams = service.teams()?;
                teams.sort_by(|a, b| a.name.cmp(&b.name));
                teams.first().map(|t| t.id).ok_or(ServerError::NotFound {
                    kind: "team",
                    id: "any".into(),
                })?
            }
        };
        service.team_report(team)
    })
    .await
}

async fn login_page() -> Html<String> {
    Html(page::login(None))
}

#[derive(Debug, Deserialize)]
struct LoginForm {
    login: String,
    password: String,
}

async fn login(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    form: Result<Form<LoginForm>, FormRejection>,
) -> Response {
    let Ok(Form(form)) = form else {
        return (
            StatusCode::BAD_REQUEST,
            Html(page::login(Some("Enter your login and password."))),
        )
            .into_response();
    };
    let service = state.service.clone();
    let key = format!("login:{}", addr.ip());
    let outcome = blocking(move || {
        if service.recent_failures(&key, 15)? >= MAX_LOGIN_FAILURES {
            return Err(ServerError::RateLimited);
        }
        let found = service.find_login(&form.login)?;
        let ok = found.as_ref().filter(|(u, hash)| {
            matches!(u.role, Role::Supervisor | Role::Admin)
                && secrets::verify_password(&form.password, hash)
        });
        let Some((user, _)) = ok else {
            service.record_failure(&key)?;
            return Err(ServerError::Unauthorized("wrong login or password".into()));
        };
        let token = secrets::new_token();
        service.add_session(
            user.id,
            &secrets::hash(&token),
            Utc::now() + Duration::hours(SESSION_HOURS),
        )?;
        Ok(token)
    })
    .await;
    match outcome {
        Ok(token) => {
            let secure = if state.tls { "; Secure" } else { "" };
            let cookie = format!(
                "{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={}{secure}",
                SESSION_HOURS * 3600
            );
            ([(header::SET_COOKIE, cookie)], Redirect::to("/dashboard")).into_response()
        }
        Err(ServerError::RateLimited) => (
            StatusCode::TOO_MANY_REQUESTS,
            Html(page::login(Some("Too many attempts; wait a few minutes."))),
        )
            .into_response(),
        Err(ServerError::Unauthorized(_)) => (
            StatusCode::UNAUTHORIZED,
            Html(page::login(Some("Wrong login or password."))),
        )
            .into_response(),
        Err(e) => e.into_response(),
    }
}

async fn logout(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Some(token) = session_token(&headers) {
        let service = state.service.clone();
        let _ = blocking(move || service.end_session(&secrets::hash(&token))).await;
    }
    let clear = format!("{COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0");
    ([(header::SET_COOKIE, clear)], Redirect::to("/login")).into_response()
}

async fn dashboard(
    State(state): State<AppState>,
    headers: HeaderMap,
    q: Result<Query<ReportQuery>, QueryRejection>,
    raw: axum::extract::RawQuery,
) -> Response {
    let (user, nav) = match signed_in(&state, &headers).await {
        Ok(v) => v,
        Err(r) => return r,
    };
    let result = async {
        let q = query(q)?;
        let team = team_for(&state, &user, q.team).await?;
        let role = user.role;
        let st = state.clone();
        let overview = blocking(move || overview_for(&st, role, &team, &q)).await?;
        Ok::<_, ServerError>(dashboard::dashboard(
            &overview,
            &nav,
            raw.0.as_deref().unwrap_or(""),
        ))
    }
    .await;
    match result {
        Ok(html) => Html(html).into_response(),
        Err(e) => e.into_response(),
    }
}
