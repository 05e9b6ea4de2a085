//! TLS to the database with rustls (no system OpenSSL), following libpq's `sslmode` meanings so
//! a URL an operator already uses means the same here:
//!
//! | `sslmode`            | TLS                         | the server's certificate                  |
//! |----------------------|-----------------------------|-------------------------------------------|
//! | `disable`            | never                       | —                                         |
//! | `prefer` (default)   | if the server offers it     | not checked                               |
//! | `require`            | always                      | not checked (checked as `verify-ca` when `sslrootcert` names a CA) |
//! | `verify-ca`          | always                      | signed by a trusted CA                    |
//! | `verify-full`        | always                      | signed by a trusted CA and names the host |
//!
//! Trusted CAs: the PEM file `sslrootcert=` names, or else the system's roots. Only
//! `verify-full` stops someone who can redirect the connection from reading it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::client::WebPkiServerVerifier;
use rustls::crypto::{verify_tls12_signature, verify_tls13_signature, CryptoProvider};
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, RootCertStore, SignatureScheme};
use tokio_postgres_rustls::MakeRustlsConnect;

use crate::db::{DbError, DbResult};

/// How much of the server's certificate is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verify {
    /// Encrypt only (libpq's `prefer` and `require`).
    Nothing,
    /// The chain up to a trusted CA (`verify-ca`).
    Chain,
    /// The chain and the host name (`verify-full`).
    Full,
}

/// What the URL asks of TLS.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsChoice {
    /// `sslmode` as the driver takes it: `disable`, `prefer` or `require`.
    pub driver_mode: &'static str,
    pub verify: Verify,
    pub root_cert: Option<PathBuf>,
}

impl TlsChoice {
    /// Reads libpq's `sslmode` and `sslrootcert` values (absent: `prefer`, system roots).
    pub fn parse(sslmode: Option<&str>, root_cert: Option<&str>) -> DbResult<TlsChoice> {
        let root_cert = root_cert.filter(|p| !p.is_empty()).map(PathBuf::from);
        let (driver_mode, verify) = match sslmode.unwrap_or("prefer") {
            "disable" => ("disable", Verify::Nothing),
            "allow" | "prefer" => ("prefer", Verify::Nothing),
            "require" if root_cert.is_some() => ("require", Verify::Chain),
            "require" => ("require", Verify::Nothing),
            "verify-ca" => ("require", Verify::Chain),
            "verify-full" => ("require", Verify::Full),
            other => {
                return Err(DbError::Other(format!(
                    "database URL: sslmode `{other}` is not one of disable, allow, prefer, require, verify-ca, verify-full"
                )))
            }
        };
        Ok(TlsChoice {
            driver_mode,
            verify,
            root_cert,
        })
    }

    /// The connector for this choice.
    pub fn connector(&self) -> DbResult<MakeRustlsConnect> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()
            .map_err(|e| DbError::Other(format!("TLS: {e}")))?;
        let config = match self.verify {
            Verify::Nothing => builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(EncryptOnly(provider)))
                .with_no_client_auth(),
            Verify::Chain | Verify::Full => {
                let roots = Arc::new(self.roots()?);
                let webpki = WebPkiServerVerifier::builder_with_provider(roots, provider)
                    .build()
                    .map_err(|e| DbError::Other(format!("TLS: {e}")))?;
                if self.verify == Verify::Full {
                    builder.with_webpki_verifier(webpki).with_no_client_auth()
                } else {
                    builder
                        .dangerous()
                        .with_custom_certificate_verifier(Arc::new(ChainOnly(webpki)))
                        .with_no_client_auth()
                }
            }
        };
        Ok(MakeRustlsConnect::new(config))
    }

    fn roots(&self) -> DbResult<RootCertStore> {
        let mut roots = RootCertStore::empty();
        match &self.root_cert {
            Some(path) => {
                for cert in read_pem(path)? {
                    roots.add(cert).map_err(|e| {
                        DbError::Other(format!("sslrootcert {}: {e}", path.display()))
                    })?;
                }
            }
            None => {
                let found = rustls_native_certs::load_native_certs();
                for cert in found.certs {
                    // A system store may hold a certificate rustls cannot use; skip it.
                    let _ = roots.add(cert);
                }
            }
        }
        if roots.is_empty() {
            return Err(DbError::Other(
                "TLS: no trusted CA certificates (give sslrootcert=FILE in the database URL)"
                    .into(),
            ));
        }
        Ok(roots)
    }
}

fn read_pem(path: &Path) -> DbResult<Vec<CertificateDer<'static>>> {
    let certs: Vec<_> = CertificateDer::pem_file_iter(path)
        .and_then(|iter| iter.collect::<Result<_, _>>())
        .map_err(|e| DbError::Other(format!("sslrootcert {}: {e}", path.display())))?;
    if certs.is_empty() {
        return Err(DbError::Other(format!(
            "sslrootcert {}: no certificate in the file",
            path.display()
        )));
    }
    Ok(certs)
}

/// `require` without a CA: the connection is encrypted and the handshake's signatures
/// checked, but any certificate is accepted (libpq's meaning).
#[derive(Debug)]
struct EncryptOnly(Arc<CryptoProvider>);

impl ServerCertVerifier for EncryptOnly {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

/// `verify-ca`: the chain must reach a trusted CA; the name in the certificate may differ
/// from the host connected to.
#[derive(Debug)]
struct ChainOnly(Arc<WebPkiServerVerifier>);

impl ServerCertVerifier for ChainOnly {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match self
            .0
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
        {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.0.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.supported_verify_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sslmodes_mean_what_libpq_says() {
        let p = |m: Option<&str>, ca: Option<&str>| TlsChoice::parse(m, ca).unwrap();
        assert_eq!(p(None, None).driver_mode, "prefer");
        assert_eq!(p(Some("disable"), None).driver_mode, "disable");
        assert_eq!(p(Some("require"), None).verify, Verify::Nothing);
        assert_eq!(p(Some("require"), Some("/ca.pem")).verify, Verify::Chain);
        assert_eq!(p(Some("verify-ca"), None).verify, Verify::Chain);
        let full = p(Some("verify-full"), None);
        assert_eq!((full.driver_mode, full.verify), ("require", Verify::Full));
        let err = TlsChoice::parse(Some("verify_full"), None).unwrap_err();
        assert!(err.to_string().contains("verify_full"), "{err}");
    }
}
