//! What every HTTP handler shares, and the plumbing it would otherwise repeat: the protocol
//! version, the device's token and the caller's address arrive as axum extractors, so
//! handlers are about the domain only.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::extract::{ConnectInfo, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use fieldbook_core::fidelity::FidelitySettings;
use fieldbook_core::protocol::{PROTOCOL_VERSION, VERSION_HEADER};

use crate::access::Caller;
use crate::metrics::Metrics;
use crate::service::Service;
use crate::{ServerError, ServerResult};

/// What every handler shares.
#[derive(Clone)]
pub struct AppState {
    pub service: Arc<Service>,
    pub metrics: Arc<Metrics>,
    /// Thresholds and goals of the fidelity reports.
    pub settings: Arc<FidelitySettings>,
    /// Serving HTTPS: session cookies are marked `Secure`.
    pub tls: bool,
    /// A bearer token `/metrics` accepts; without one, only this machine may read it.
    pub metrics_token: Option<String>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState").finish_non_exhaustive()
    }
}

/// Runs blocking work (storage, Automerge) on tokio's blocking pool.
pub async fn blocking<R: Send + 'static>(
    f: impl FnOnce() -> ServerResult<R> + Send + 'static,
) -> ServerResult<R> {
    tokio::task::spawn_blocking(f)
        .await
        .map_err(|e| ServerError::Internal(e.to_string()))?
}

/// The request speaks this server's protocol version (the `fieldbook-protocol` header).
#[derive(Debug, Clone, Copy)]
pub struct Protocol;

impl<S: Send + Sync> FromRequestParts<S> for Protocol {
    type Rejection = ServerError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> ServerResult<Self> {
        match parts
            .headers
            .get(VERSION_HEADER)
            .map(|v| v.to_str().unwrap_or("?"))
        {
            Some(v) if v == PROTOCOL_VERSION.to_string() => Ok(Protocol),
            Some(v) => Err(ServerError::UnsupportedVersion(v.to_string())),
            None => Err(ServerError::UnsupportedVersion(format!(
                "(none; send the {VERSION_HEADER} header)"
            ))),
        }
    }
}

/// The bearer token of a request, if any.
pub fn bearer(headers: &HeaderMap) -> Option<String> {
    headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty())
}

/// A device's bearer token, not yet checked against storage: the handler checks it in the same
/// trip to the blocking pool as the work it authorizes. On a sync, the server's most frequent
/// request, one thread hand-off instead of two took about a tenth off the CPU per idle sync and
/// the tail latency under load (docs/benchmarks.md). A request without a token is refused here.
#[derive(Debug, Clone)]
pub struct DeviceToken(pub String);

impl DeviceToken {
    /// The enrolled, unrevoked device this token belongs to (blocking: it reads storage).
    pub fn device(&self, service: &Service) -> ServerResult<Caller> {
        service.authenticate(&self.0)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for DeviceToken {
    type Rejection = ServerError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> ServerResult<Self> {
        bearer(&parts.headers)
            .map(DeviceToken)
            .ok_or_else(|| ServerError::Unauthorized("no token".into()))
    }
}

/// The address the request came from.
#[derive(Debug, Clone, Copy)]
pub struct ClientIp(pub IpAddr);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = ServerError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> ServerResult<Self> {
        parts
            .extensions
            .get::<ConnectInfo<SocketAddr>>()
            .map(|ConnectInfo(a)| ClientIp(a.ip()))
            .ok_or_else(|| ServerError::Internal("no client address".into()))
    }
}

/// Checks a body's content type (and, when given, its content encoding): anything else is
/// `415 unsupported_media_type`.
pub fn expect_media(
    headers: &HeaderMap,
    content_type: &str,
    encoding: Option<&str>,
) -> ServerResult<()> {
    let value = |name| {
        headers.get(name).and_then(|v| v.to_str().ok()).map(|v| {
            v.split(';')
                .next()
                .unwrap_or("")
                .trim()
                .to_ascii_lowercase()
        })
    };
    let got = value(header::CONTENT_TYPE);
    if got.as_deref() != Some(content_type) {
        return Err(ServerError::UnsupportedMedia(format!(
            "send {content_type}, not {}",
            got.as_deref().unwrap_or("nothing")
        )));
    }
    let got = value(header::CONTENT_ENCODING);
    if got.as_deref() != encoding {
        return Err(ServerError::UnsupportedMedia(format!(
            "content encoding must be {}, not {}",
            encoding.unwrap_or("none"),
            got.as_deref().unwrap_or("none")
        )));
    }
    Ok(())
}
