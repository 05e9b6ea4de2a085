//! The server's errors, each with the HTTP status and stable code a phone can act on.

use axum::http::StatusCode;
use fieldbook_core::protocol::{ErrorBody, ErrorDetail};

/// Everything a request or an admin command can fail with.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The body could not be read: not gzip, truncated, garbled.
    #[error("bad request: {0}")]
    BadRequest(String),
    /// The phone speaks a protocol version this server does not.
    #[error("unsupported protocol version {0}; update the app")]
    UnsupportedVersion(String),
    /// No token, or a token the server does not know.
    #[error("not signed in: {0}")]
    Unauthorized(String),
    /// The device was revoked; it must erase its data.
    #[error("this device was revoked")]
    DeviceRevoked,
    /// Signed in, but this is not for this account.
    #[error("not allowed: {0}")]
    Forbidden(String),
    /// An enrollment code that is wrong, used or expired (deliberately not saying which).
    #[error("that enrollment code is not valid; ask for a new one")]
    BadCode,
    /// The phone already enrolled its actor as another device.
    #[error("this phone is already enrolled as another device")]
    ActorInUse,
    /// Too many failed enrollment attempts from one address.
    #[error("too many attempts; wait a few minutes")]
    RateLimited,
    /// The body is larger than the server accepts.
    #[error("request too large")]
    TooLarge,
    /// The body is not of the type (or encoding) the endpoint takes.
    #[error("unsupported media type: {0}")]
    UnsupportedMedia(String),
    /// An admin command named something that does not exist.
    #[error("no {kind} {id}")]
    NotFound { kind: &'static str, id: String },
    /// An admin command's input is wrong.
    #[error("{field}: {reason}")]
    Invalid { field: &'static str, reason: String },
    /// Storage failed; details go to the log, not to the phone.
    #[error("storage: {0}")]
    Storage(#[from] crate::db::DbError),
    /// Anything else that is the server's fault.
    #[error("internal: {0}")]
    Internal(String),
}

/// Result of server operations.
pub type ServerResult<T> = Result<T, ServerError>;

impl ServerError {
    /// Shorthand for [`ServerError::Invalid`].
    pub fn invalid(field: &'static str, reason: impl ToString) -> Self {
        ServerError::Invalid {
            field,
            reason: reason.to_string(),
        }
    }

    /// The HTTP status for this error.
    pub fn status(&self) -> StatusCode {
        match self {
            ServerError::BadRequest(_) | ServerError::UnsupportedVersion(_) => {
                StatusCode::BAD_REQUEST
            }
            ServerError::Invalid { .. } => StatusCode::BAD_REQUEST,
            ServerError::Unauthorized(_) | ServerError::DeviceRevoked => StatusCode::UNAUTHORIZED,
            ServerError::BadCode | ServerError::Forbidden(_) => StatusCode::FORBIDDEN,
            ServerError::ActorInUse => StatusCode::CONFLICT,
            ServerError::RateLimited => StatusCode::TOO_MANY_REQUESTS,
            ServerError::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            ServerError::UnsupportedMedia(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ServerError::Storage(crate::db::DbError::Unavailable(_)) => {
                StatusCode::SERVICE_UNAVAILABLE
            }
            ServerError::NotFound { .. } => StatusCode::NOT_FOUND,
            ServerError::Storage(_) | ServerError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The stable code of `docs/adr/0002`.
    pub fn code(&self) -> &'static str {
        match self {
            ServerError::BadRequest(_) => "bad_request",
            ServerError::UnsupportedVersion(_) => "unsupported_version",
            ServerError::Unauthorized(_) => "unauthorized",
            ServerError::DeviceRevoked => "device_revoked",
            ServerError::BadCode => "bad_code",
            ServerError::Forbidden(_) => "forbidden",
            ServerError::ActorInUse => "actor_in_use",
            ServerError::RateLimited => "rate_limited",
            ServerError::TooLarge => "payload_too_large",
            ServerError::UnsupportedMedia(_) => "unsupported_media_type",
            ServerError::Storage(crate::db::DbError::Unavailable(_)) => "unavailable",
            ServerError::NotFound { .. } => "not_found",
            ServerError::Invalid { .. } => "invalid",
            ServerError::Storage(_) | ServerError::Internal(_) => "internal",
        }
    }

    /// The JSON body a phone receives. Internal details stay in the server's log.
    pub fn body(&self) -> ErrorBody {
        let message = match self {
            ServerError::Storage(_) | ServerError::Internal(_) => {
                "the server failed; try again later".to_string()
            }
            other => other.to_string(),
        };
        ErrorBody {
            error: ErrorDetail {
                code: self.code().to_string(),
                message,
                wipe: matches!(self, ServerError::DeviceRevoked),
            },
        }
    }
}

impl From<fieldbook_core::Error> for ServerError {
    fn from(e: fieldbook_core::Error) -> Self {
        ServerError::Internal(e.to_string())
    }
}
