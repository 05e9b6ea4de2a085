//! The HTTP API: enrollment, sync, health and metrics. Handlers check the protocol version
//! and the token, then hand the work to storage on a blocking thread.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, DefaultBodyLimit, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use fieldbook_core::protocol::{
    self, EnrollRequest, SyncRequest, ENROLL_PATH, PROTOCOL_VERSION, SYNC_CONTENT_TYPE, SYNC_PATH,
    VERSION_HEADER,
};

use fieldbook_core::fidelity::FidelitySettings;

use crate::metrics::Metrics;
use crate::storage::Storage;
use crate::{ServerError, ServerResult};

/// Largest request body accepted on the wire (compressed); decompressed bodies are bounded
/// by [`protocol::MAX_BODY_BYTES`].
pub const MAX_REQUEST_BYTES: usize = 16 * 1024 * 1024;

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub storage: Arc<dyn Storage>,
    pub metrics: Arc<Metrics>,
    /// Thresholds and goals of the fidelity reports.
    pub settings: Arc<FidelitySettings>,
    /// Serving HTTPS: session cookies are marked `Secure`.
    pub tls: bool,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState").finish_non_exhaustive()
    }
}

/// The API's routes.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route(ENROLL_PATH, post(enroll))
        .route(SYNC_PATH, post(sync))
        .route("/healthz", get(healthz))
        .route("/metrics", get(metrics))
        .merge(crate::web::routes())
        .layer(DefaultBodyLimit::max(MAX_REQUEST_BYTES))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
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

fn check_version_header(headers: &HeaderMap) -> ServerResult<()> {
    match headers
        .get(VERSION_HEADER)
        .map(|v| v.to_str().unwrap_or("?"))
    {
        Some(v) if v == PROTOCOL_VERSION.to_string() => Ok(()),
        Some(v) => Err(ServerError::UnsupportedVersion(v.to_string())),
        None => Err(ServerError::UnsupportedVersion(format!(
            "(none; send the {VERSION_HEADER} header)"
        ))),
    }
}

fn bearer(headers: &HeaderMap) -> ServerResult<String> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
        .ok_or_else(|| ServerError::Unauthorized("no token".into()))
}

/// Runs storage work on tokio's blocking pool.
pub(crate) async fn blocking<R: Send + 'static>(
    f: impl FnOnce() -> ServerResult<R> + Send + 'static,
) -> ServerResult<R> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| ServerError::Internal(e.to_string()))?
}

async fn enroll(
    State(state): State<AppState>,
    ConnectInfo(addr): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    Metrics::add(&state.metrics.enroll_requests, 1);
    let outcome = async {
        check_version_header(&headers)?;
        let body = body_bytes(body)?;
        let request: EnrollRequest = serde_json::from_slice(&body)
            .map_err(|e| ServerError::BadRequest(format!("enrollment: {e}")))?;
        let storage = state.storage.clone();
        let addr = addr.ip().to_string();
        blocking(move || storage.enroll(&request, &addr)).await
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

async fn sync(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    Metrics::add(&state.metrics.sync_requests, 1);
    let metrics = state.metrics.clone();
    let outcome = async {
        check_version_header(&headers)?;
        let token = bearer(&headers)?;
        let body = body_bytes(body)?;
        Metrics::add(&metrics.bytes_received, body.len() as u64);
        let storage = state.storage.clone();
        blocking(move || {
            let caller = storage.authenticate(&token)?;
            let version = protocol::peek_version(&body)
                .map_err(|e| ServerError::BadRequest(e.to_string()))?;
            if version != PROTOCOL_VERSION {
                return Err(ServerError::UnsupportedVersion(version.to_string()));
            }
            let request: SyncRequest =
                protocol::decode(&body).map_err(|e| ServerError::BadRequest(e.to_string()))?;
            let response = storage.sync(&caller, &request)?;
            tracing::info!(
                device = %caller.device_id,
                pushed = request.push.len(),
                rejected = response.rejected.len(),
                served = response.docs.len(),
                removed = response.removed.len(),
                cursor = response.cursor,
                "synced"
            );
            Ok(response)
        })
        .await
    }
    .await;
    let response = outcome.and_then(|r| {
        Metrics::add(&metrics.documents_rejected, r.rejected.len() as u64);
        Metrics::add(&metrics.documents_served, r.docs.len() as u64);
        protocol::encode(&r).map_err(ServerError::from)
    });
    match response {
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
    let storage = state.storage.clone();
    match blocking(move || storage.stats()).await {
        Ok(_) => "ok\n".into_response(),
        Err(e) => e.into_response(),
    }
}

async fn metrics(State(state): State<AppState>) -> Response {
    let storage = state.storage.clone();
    match blocking(move || storage.stats()).await {
        Ok(stats) => (
            [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
            state.metrics.render(&stats),
        )
            .into_response(),
        Err(e) => e.into_response(),
    }
}
