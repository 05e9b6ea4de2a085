//! The phones' API — enrollment and sync — and the operator's health and metrics endpoints.

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use fieldbook_core::protocol::{
    self, EnrollRequest, SyncRequest, ENROLL_PATH, PROTOCOL_VERSION, SYNC_CONTENT_TYPE, SYNC_PATH,
};

use crate::app::{bearer, blocking, expect_media, AppState, ClientIp, DeviceToken, Protocol};
use crate::metrics::Metrics;
use crate::{ServerError, ServerResult};

/// Most documents one sync request may push or ask for.
pub const MAX_DOCS_PER_REQUEST: usize = 10_000;

/// The API's routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route(ENROLL_PATH, post(enroll))
        .route(SYNC_PATH, post(sync))
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
}

impl IntoResponse for ServerError {
    fn into_response(self) -> Response {
        if matches!(self, ServerError::Storage(_) | ServerError::Internal(_)) {
            tracing::error!(error = %self, "request failed");
        }
        (self.status(), Json(self.body())).into_response()
    }
}

fn body_bytes(body: Result<Bytes, BytesRejection>) -> ServerResult<Bytes> {
    body.map_err(|r| {
        if r.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ServerError::TooLarge
        } else {
            ServerError::BadRequest(r.body_text())
        }
    })
}

async fn enroll(
    State(state): State<AppState>,
    _: Protocol,
    ClientIp(addr): ClientIp,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    Metrics::add(&state.metrics.enroll_requests, 1);
    let outcome = async {
        expect_media(&headers, "application/json", None)?;
        let body = body_bytes(body)?;
        let request: EnrollRequest = serde_json::from_slice(&body)
            .map_err(|e| ServerError::BadRequest(format!("enrollment: {e}")))?;
        let service = state.service.clone();
        let addr = addr.to_string();
        blocking(move || service.enroll(&request, &addr)).await
    }
    .await;
    match outcome {
        Ok(answer) => {
            tracing::info!(device = %answer.device_id, user = %answer.user_id, "device enrolled");
            Json(answer).into_response()
        }
        Err(e) => {
            Metrics::add(&state.metrics.enroll_failures, 1);
            tracing::warn!(%addr, error = %e, "enrollment refused");
            e.into_response()
        }
    }
}

/// Decodes a sync body: its version first (so an unknown version gets its own clear error
/// even when the layout changed), then the rest, within the per-request limits.
fn decode_sync(body: &[u8]) -> ServerResult<SyncRequest> {
    let version =
        protocol::peek_version(body).map_err(|e| ServerError::BadRequest(e.to_string()))?;
    if version != PROTOCOL_VERSION {
        return Err(ServerError::UnsupportedVersion(version.to_string()));
    }
    let request: SyncRequest =
        protocol::decode(body).map_err(|e| ServerError::BadRequest(e.to_string()))?;
    if request.push.len() > MAX_DOCS_PER_REQUEST || request.want.len() > MAX_DOCS_PER_REQUEST {
        return Err(ServerError::BadRequest(format!(
            "a request may push or ask for at most {MAX_DOCS_PER_REQUEST} documents"
        )));
    }
    Ok(request)
}

async fn sync(
    State(state): State<AppState>,
    _: Protocol,
    headers: HeaderMap,
    token: Result<DeviceToken, ServerError>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    Metrics::add(&state.metrics.sync_requests, 1);
    let metrics = state.metrics.clone();
    let outcome = async {
        let token = token?;
        let service = state.service.clone();
        let metrics = metrics.clone();
        // The device's check, the exchange and the answer's encoding in one trip to the
        // blocking pool: the device is checked first, so a stranger learns nothing else.
        blocking(move || {
            let caller = token.device(&service)?;
            expect_media(&headers, SYNC_CONTENT_TYPE, Some("gzip"))?;
            let body = body_bytes(body)?;
            Metrics::add(&metrics.bytes_received, body.len() as u64);
            let request = decode_sync(&body)?;
            let response = service.sync(&caller, &request)?;
            tracing::debug!(
                device = %caller.device_id,
                pushed = request.push.len(),
                rejected = response.rejected.len(),
                served = response.docs.len(),
                removed = response.removed.len(),
                cursor = response.cursor,
                "synced"
            );
            Metrics::add(&metrics.documents_rejected, response.rejected.len() as u64);
            Metrics::add(&metrics.documents_served, response.docs.len() as u64);
            protocol::encode(&response).map_err(|e| ServerError::Internal(e.to_string()))
        })
        .await
    }
    .await;
    match outcome {
        Ok(bytes) => {
            Metrics::add(&metrics.bytes_sent, bytes.len() as u64);
            ([(header::CONTENT_TYPE, SYNC_CONTENT_TYPE)], bytes).into_response()
        }
        Err(e) => {
            Metrics::add(&metrics.sync_failures, 1);
            if !matches!(e, ServerError::Storage(_) | ServerError::Internal(_)) {
                tracing::warn!(error = %e, "sync refused");
            }
            e.into_response()
        }
    }
}

async fn healthz(State(state): State<AppState>) -> Response {
    let service = state.service.clone();
    match blocking(move || service.stats()).await {
        Ok(_) => "ok\n".into_response(),
        Err(e) => e.into_response(),
    }
}

/// Prometheus metrics: for this machine only, or for whoever holds the metrics token.
async fn metrics(
    State(state): State<AppState>,
    ClientIp(addr): ClientIp,
    headers: HeaderMap,
) -> Response {
    let allowed = match &state.metrics_token {
        Some(token) => bearer(&headers).is_some_and(|t| crate::secrets::same(&t, token)),
        None => addr.is_loopback(),
    };
    if !allowed {
        return ServerError::Forbidden(
            "metrics are for this machine, or for a request with the metrics token".into(),
        )
        .into_response();
    }
    let service = state.service.clone();
    match blocking(move || service.stats()).await {
        Ok(stats) => (
            [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
            state.metrics.render(&stats),
        )
            .into_response(),
        Err(e) => e.into_response(),
    }
}
