//! The report API for supervisors and admins: the overview, the fidelity items and the
//! quarterly outcomes as JSON, the outcomes CSV and the state's per-person CSV (only people
//! with a current release to the state agency; the response's `x-fieldbook-not-listed`
//! header says how many served people it leaves out).

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{header, HeaderMap};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Utc;
use fieldbook_core::fidelity::Quarter;
use fieldbook_core::model::Role;

use crate::app::{blocking, AppState};
use crate::service::exports;
use crate::service::reports::Team;
use crate::{ServerError, ServerResult};

use super::{overview_for, parse_quarter, query, team_for, viewer, ReportQuery};

/// Runs a report for the signed-in viewer.
async fn report<T: Send + 'static>(
    state: AppState,
    headers: HeaderMap,
    q: Result<Query<ReportQuery>, QueryRejection>,
    make: impl FnOnce(&AppState, Role, &Team, &ReportQuery) -> ServerResult<T> + Send + 'static,
) -> ServerResult<T> {
    let user = viewer(&state, &headers).await?;
    let q = query(q)?;
    let team = team_for(&state, &user, q.team).await?;
    blocking(move || make(&state, user.role, &team, &q)).await
}

pub(super) async fn overview_json(
    State(state): State<AppState>,
    headers: HeaderMap,
    q: Result<Query<ReportQuery>, QueryRejection>,
) -> Response {
    report(state, headers, q, |s, role, team, q| {
        overview_for(s, role, team, q)
    })
    .await
    .map(Json)
    .into_response()
}

pub(super) async fn fidelity_json(
    State(state): State<AppState>,
    headers: HeaderMap,
    q: Result<Query<ReportQuery>, QueryRejection>,
) -> Response {
    report(state, headers, q, |s, _, team, q| {
        let scope = team.scope(q.specialist)?;
        Ok(fieldbook_core::fidelity::fidelity(
            &team.data(),
            scope,
            q.period()?,
            &s.settings,
        ))
    })
    .await
    .map(Json)
    .into_response()
}

fn outcomes(
    team: &Team,
    q: &ReportQuery,
) -> ServerResult<Vec<fieldbook_core::fidelity::QuarterOutcomes>> {
    let scope = team.scope(q.specialist)?;
    Ok(q.quarters()?
        .into_iter()
        .map(|quarter| fieldbook_core::fidelity::quarter_outcomes(&team.data(), scope, quarter))
        .collect())
}

pub(super) async fn outcomes_json(
    State(state): State<AppState>,
    headers: HeaderMap,
    q: Result<Query<ReportQuery>, QueryRejection>,
) -> Response {
    report(state, headers, q, |_, _, team, q| outcomes(team, q))
        .await
        .map(Json)
        .into_response()
}

fn csv_response(name: String, body: String) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

pub(super) async fn outcomes_csv(
    State(state): State<AppState>,
    headers: HeaderMap,
    q: Result<Query<ReportQuery>, QueryRejection>,
) -> Response {
    match report(state, headers, q, |_, _, team, q| {
        exports::outcomes_csv(&outcomes(team, q)?)
    })
    .await
    {
        Ok(body) => csv_response("fieldbook-outcomes.csv".into(), body),
        Err(e) => e.into_response(),
    }
}

pub(super) async fn people_csv(
    State(state): State<AppState>,
    headers: HeaderMap,
    q: Result<Query<ReportQuery>, QueryRejection>,
) -> Response {
    let made = report(state, headers, q, |s, role, team, q| {
        if role != Role::Supervisor {
            return Err(ServerError::Forbidden(
                "the per-person export is for the team's supervisors".into(),
            ));
        }
        let quarter = parse_quarter("quarter", &q.quarter)?
            .unwrap_or_else(|| Quarter::of(Utc::now().date_naive()));
        let secret = s.service.secret("person_key")?;
        let today = Utc::now().date_naive();
        let export = exports::state_export(team, quarter, s.settings.entry_basis, today, &secret);
        Ok((
            export.served,
            export.not_listed,
            exports::people_csv(&export)?,
            quarter,
        ))
    })
    .await;
    match made {
        Ok((served, not_listed, body, quarter)) => {
            let mut resp = csv_response(format!("fieldbook-people-{quarter}.csv"), body);
            // How many served people the file leaves out for want of a current release.
            let h = resp.headers_mut();
            h.insert("x-fieldbook-served", served.into());
            h.insert("x-fieldbook-not-listed", not_listed.into());
            resp
        }
        Err(e) => e.into_response(),
    }
}
