//! The HTTP side of sync: one blocking reqwest client per sync, plain HTTP refused except to
//! this machine, server errors turned into the core's typed errors.

use std::io::Read;
use std::net::IpAddr;
use std::time::Duration;

use reqwest::blocking::{Client, Response};
use reqwest::header::{AUTHORIZATION, CONTENT_ENCODING, CONTENT_TYPE};
use reqwest::Url;

use crate::protocol::{self, ErrorBody, PROTOCOL_VERSION, SYNC_CONTENT_TYPE, VERSION_HEADER};
use crate::{Error, Reason, Result};

/// What an authenticated sync exchange can come back with besides data.
#[derive(Debug)]
pub enum Refusal {
    /// The server revoked this device and wants its data erased.
    Wipe,
    /// Any other error, already typed.
    Other(Error),
}

/// A connection to one sync server.
pub(crate) struct Http {
    client: Client,
    base: Url,
}

/// Checks a server address: https anywhere, plain http only to a loopback address. The
/// enrollment screen checks typed and scanned addresses with it before anything is sent.
pub fn check_url(server_url: &str) -> Result<Url> {
    let url = Url::parse(server_url.trim()).map_err(|e| Error::invalid("server_url", e))?;
    match url.scheme() {
        "https" => Ok(url),
        "http" => {
            let loopback = match url.host() {
                Some(url::Host::Domain(d)) => d.eq_ignore_ascii_case("localhost"),
                Some(url::Host::Ipv4(ip)) => IpAddr::V4(ip).is_loopback(),
                Some(url::Host::Ipv6(ip)) => IpAddr::V6(ip).is_loopback(),
                None => false,
            };
            if loopback {
                Ok(url)
            } else {
                Err(Error::invalid_because("server_url", Reason::PlainHttp))
            }
        }
        other => Err(Error::invalid_because(
            "server_url",
            Reason::UnsupportedScheme {
                scheme: other.to_string(),
            },
        )),
    }
}

impl Http {
    /// A client for `server_url`, trusting `ca_pem` in addition to the system's roots.
    pub(crate) fn new(server_url: &str, ca_pem: Option<&[u8]>) -> Result<Http> {
        let base = check_url(server_url)?;
        crate::install_crypto();
        let mut builder = Client::builder()
            .connect_timeout(Duration::from_secs(15))
            .timeout(Duration::from_secs(180))
            .user_agent(concat!("fieldbook-core/", env!("CARGO_PKG_VERSION")));
        if let Some(pem) = ca_pem {
            for cert in reqwest::Certificate::from_pem_bundle(pem)
                .map_err(|e| Error::invalid("ca_certificate", e))?
            {
                builder = builder.add_root_certificate(cert);
            }
        }
        let client = builder.build().map_err(|e| Error::Network(e.to_string()))?;
        Ok(Http { client, base })
    }

    fn url(&self, path: &str) -> Result<Url> {
        self.base
            .join(path)
            .map_err(|e| Error::invalid("server_url", e))
    }

    /// Posts a JSON body without authentication (enrollment).
    pub(crate) fn post_json(&self, path: &str, body: Vec<u8>) -> Result<Vec<u8>> {
        let resp = self
            .client
            .post(self.url(path)?)
            .header(CONTENT_TYPE, "application/json")
            .header(VERSION_HEADER, PROTOCOL_VERSION.to_string())
            .body(body)
            .send()
            .map_err(network)?;
        read_ok(resp, &|| false).map_err(|r| match r {
            Refusal::Wipe => Error::DeviceRevoked,
            Refusal::Other(e) => e,
        })
    }

    /// Posts a compressed sync body with the device token. Stops reading the answer with
    /// [`Error::Cancelled`] once `cancelled` says so.
    pub(crate) fn post_sync(
        &self,
        token: &str,
        body: Vec<u8>,
        cancelled: &dyn Fn() -> bool,
    ) -> std::result::Result<Vec<u8>, Refusal> {
        let resp = self
            .client
            .post(self.url(protocol::SYNC_PATH).map_err(Refusal::Other)?)
            .header(AUTHORIZATION, format!("Bearer {token}"))
            .header(CONTENT_TYPE, SYNC_CONTENT_TYPE)
            .header(CONTENT_ENCODING, "gzip")
            .header(VERSION_HEADER, PROTOCOL_VERSION.to_string())
            .body(body)
            .send()
            .map_err(|e| Refusal::Other(network(e)))?;
        read_ok(resp, cancelled)
    }
}

fn network(e: reqwest::Error) -> Error {
    Error::Network(e.to_string())
}

/// Reads a response body (bounded), or turns an error status into a typed error. A page of
/// several megabytes takes a while on a rural link: `cancelled` is asked between reads.
fn read_ok(resp: Response, cancelled: &dyn Fn() -> bool) -> std::result::Result<Vec<u8>, Refusal> {
    let status = resp.status();
    let mut body = Vec::new();
    let mut from = resp.take(protocol::MAX_BODY_BYTES as u64);
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        if cancelled() {
            return Err(Refusal::Other(Error::Cancelled));
        }
        match from.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => body.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(Refusal::Other(Error::Network(e.to_string()))),
        }
    }
    if status.is_success() {
        return Ok(body);
    }
    let detail = serde_json::from_slice::<ErrorBody>(&body)
        .ok()
        .map(|b| b.error);
    if detail.as_ref().is_some_and(|d| d.wipe) {
        return Err(Refusal::Wipe);
    }
    let (code, message) = detail.map(|d| (d.code, d.message)).unwrap_or_else(|| {
        (
            "http".into(),
            status.canonical_reason().unwrap_or("error").into(),
        )
    });
    Err(Refusal::Other(match status.as_u16() {
        401 => Error::Unauthorised(format!(
            "the server refused this phone ({message}); enroll again"
        )),
        s => Error::Server {
            status: s,
            code,
            message,
        },
    }))
}
