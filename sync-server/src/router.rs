//! The whole HTTP surface: the phones' API and the supervisors' pages, behind the body limit
//! and request tracing.

use axum::extract::DefaultBodyLimit;
use axum::Router;

use crate::app::AppState;
use crate::{api, web};

/// Largest request body accepted on the wire (compressed); decompressed bodies are bounded
/// by [`fieldbook_core::protocol::MAX_BODY_BYTES`].
pub const MAX_REQUEST_BYTES: usize = 16 * 1024 * 1024;

/// Every route of the server.
pub fn router(state: AppState) -> Router {
    api::routes()
        .merge(web::routes())
        .layer(DefaultBodyLimit::max(MAX_REQUEST_BYTES))
        .layer(tower_http::trace::TraceLayer::new_for_http())
        .with_state(state)
}
