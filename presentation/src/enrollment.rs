//! Enrollment: reading the link a supervisor's page shows as a QR code
//! (`fieldbook://enroll?server=<url>&code=<code>`, docs/adr/0002-sync-protocol.md
//! "Enrollment link") or the two values typed, checked with worded errors before anything
//! is sent, then enrolling the phone exactly as if both had been typed.

use fieldbook_core::{check_server_address, Enrollment, Error, Reason};
use url::Url;

use crate::screens::Screens;
use crate::words::{Arg, Words};

/// The link's scheme and host.
const SCHEME: &str = "fieldbook";
const HOST: &str = "enroll";

/// A server address and one-time code, checked, ready to enroll with.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EnrollmentTarget {
    /// The server address as given (trimmed): `https://ips.example.org:8443`.
    pub server: String,
    pub code: String,
}

/// What the enrollment screen says.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct EnrollmentWords {
    pub title: String,
    pub explanation: String,
    pub scan: String,
    pub server_label: String,
    pub code_label: String,
    pub enroll: String,
    /// Under a typed code that is not 12 letters and digits.
    pub code_format: String,
    /// The label of the phone's name, where the phone must be named by hand (iOS 16+).
    pub device_name_label: String,
    /// Asking for the phone's name when it has none the supervisor could tell apart.
    pub device_name_missing: String,
}

/// The phone is enrolled: who it now is, in words.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Enrolled {
    pub user_name: Option<String>,
    /// "Connected as Ana Ruiz to https://ips.example.org".
    pub line: String,
}

/// Why a link or the typed values cannot be used (or the enrollment failed), in words.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum EnrollmentError {
    /// A value is wrong; `field` is `link`, `server` or `code`, `value` what was given,
    /// `words` the sentence to show.
    #[error("{words}")]
    Invalid {
        field: String,
        value: String,
        words: String,
    },
    /// The values were fine but the server did not enroll the phone.
    #[error("{words}")]
    Failed { words: String },
}

fn invalid(words: &Words, field: &str, value: &str, id: &str) -> EnrollmentError {
    EnrollmentError::Invalid {
        field: field.to_owned(),
        value: value.to_owned(),
        words: words.get(id, &[("value", Arg::Text(value.to_owned()))]),
    }
}

/// Letters and digits in an enrollment code: the server makes `XXXX-XXXX-XXXX`.
const CODE_CHARS: usize = 12;

/// A code as typed, in the form the server printed it: its letters and digits in capitals,
/// in groups of four (`ABCD-EFGH-JKMN`), the first twelve. What the code field shows while
/// the person types, so a code read aloud or copied with spaces still reads as printed.
#[uniffi::export]
pub fn format_enrollment_code(typed: String) -> String {
    let chars: Vec<char> = typed
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_uppercase())
        .take(CODE_CHARS)
        .collect();
    chars
        .chunks(4)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join("-")
}

/// The name a phone enrolls under, so a supervisor can tell the team's phones apart (and
/// revoke the right one): what the person typed, else the system's name for the phone, unless
/// that is only its generic `model` name ("iPhone", as iOS 16 gives apps without the
/// user-assigned-device-name entitlement). `None`: the screen must ask for a name.
#[uniffi::export]
pub fn enrollment_device_name(typed: String, system: String, model: String) -> Option<String> {
    let typed = typed.trim();
    if !typed.is_empty() {
        return Some(typed.to_owned());
    }
    let system = system.trim();
    (!system.is_empty() && system != model.trim()).then(|| system.to_owned())
}

/// Checks a typed server address and code the way the core's enroll does: https, or plain
/// http only to this machine (a test server on loopback); a code of twelve letters and
/// digits, however it was spaced or cased.
pub fn check_typed(
    words: &Words,
    server: &str,
    code: &str,
) -> Result<EnrollmentTarget, EnrollmentError> {
    let server = server.trim();
    let code = code.trim();
    if server.is_empty() {
        return Err(invalid(words, "server", server, "enroll-server-missing"));
    }
    // The core's own check, so the screen refuses exactly what enrolling would.
    if let Err(e) = check_server_address(server) {
        let id = match e {
            Error::Invalid { code, .. } if *code == Reason::PlainHttp => "enroll-server-not-https",
            _ => "enroll-server-not-address",
        };
        return Err(invalid(words, "server", server, id));
    }
    if code.is_empty() {
        return Err(invalid(words, "code", code, "enroll-code-missing"));
    }
    let formatted = format_enrollment_code(code.to_owned());
    if formatted
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .count()
        != CODE_CHARS
        || code.chars().filter(char::is_ascii_alphanumeric).count() != CODE_CHARS
    {
        return Err(invalid(words, "code", code, "enroll-code-format"));
    }
    Ok(EnrollmentTarget {
        server: server.to_owned(),
        code: formatted,
    })
}

/// Reads a scanned enrollment link: its `server` and `code` (percent-encoded as in an HTML
/// form), other parameters ignored, both checked as if typed.
pub fn parse_link(words: &Words, payload: &str) -> Result<EnrollmentTarget, EnrollmentError> {
    let payload = payload.trim();
    let url = Url::parse(payload)
        .ok()
        .filter(|u| u.scheme() == SCHEME && u.host_str() == Some(HOST))
        .ok_or_else(|| invalid(words, "link", payload, "enroll-link-not-fieldbook"))?;
    let value = |name: &str| {
        url.query_pairs()
            .find(|(key, _)| key == name)
            .map(|(_, v)| v.into_owned())
    };
    let server = value("server")
        .filter(|s| !s.trim().is_empty())
        .ok_or_else(|| invalid(words, "server", payload, "enroll-link-no-server"))?;
    let code = value("code")
        .filter(|c| !c.trim().is_empty())
        .ok_or_else(|| invalid(words, "code", payload, "enroll-link-no-code"))?;
    check_typed(words, &server, &code)
}

#[uniffi::export]
impl Screens {
    /// The enrollment screen's words.
    pub fn enrollment_words(&self) -> EnrollmentWords {
        let words = self.words();
        EnrollmentWords {
            title: words.get("enroll-title", &[]),
            explanation: words.get("enroll-explanation", &[]),
            scan: words.get("enroll-scan", &[]),
            server_label: words.get("enroll-server-label", &[]),
            code_label: words.get("enroll-code-label", &[]),
            enroll: words.get("enroll-button", &[]),
            code_format: words.get("enroll-code-format", &[]),
            device_name_label: words.get("enroll-device-name-label", &[]),
            device_name_missing: words.get("enroll-device-name-missing", &[]),
        }
    }

    /// Reads a scanned QR code's text as an enrollment link, without enrolling: for the
    /// screen to show the server and code before the person confirms.
    pub fn read_enrollment_link(
        &self,
        payload: String,
    ) -> Result<EnrollmentTarget, EnrollmentError> {
        parse_link(&self.words(), &payload)
    }

    /// Checks typed values, without enrolling.
    pub fn check_enrollment(
        &self,
        server: String,
        code: String,
    ) -> Result<EnrollmentTarget, EnrollmentError> {
        check_typed(&self.words(), &server, &code)
    }

    /// Enrolls the phone from a scanned link (or, when `payload` is not a link, nothing: use
    /// `enroll_typed`). `device_name` names the phone on the team's device list;
    /// `ca_certificate_pem` trusts a server with a self-signed certificate.
    pub fn enroll_from_link(
        &self,
        payload: String,
        device_name: String,
        ca_certificate_pem: Option<String>,
    ) -> Result<Enrolled, EnrollmentError> {
        let target = parse_link(&self.words(), &payload)?;
        self.enroll_target(target, device_name, ca_certificate_pem)
    }

    /// Enrolls the phone from a typed server address and code.
    pub fn enroll_typed(
        &self,
        server: String,
        code: String,
        device_name: String,
        ca_certificate_pem: Option<String>,
    ) -> Result<Enrolled, EnrollmentError> {
        let target = check_typed(&self.words(), &server, &code)?;
        self.enroll_target(target, device_name, ca_certificate_pem)
    }
}

impl Screens {
    fn enroll_target(
        &self,
        target: EnrollmentTarget,
        device_name: String,
        ca_certificate_pem: Option<String>,
    ) -> Result<Enrolled, EnrollmentError> {
        let words = self.words();
        let enrollment = Enrollment {
            server_url: target.server.clone(),
            code: target.code,
            device_name,
            ca_certificate_pem: ca_certificate_pem.map(String::into_bytes),
        };
        let identity = self.store().enroll(&enrollment).map_err(|error| {
            let reason = crate::errors::problem(&words, &error, &|_| None).message;
            EnrollmentError::Failed {
                words: words.get("enroll-failed", &[("reason", Arg::Text(reason))]),
            }
        })?;
        Ok(Enrolled {
            line: self.enrolled_line().unwrap_or_default(),
            user_name: identity.user_name,
        })
    }
}

#[uniffi::export]
impl Screens {
    /// Who this phone is connected as, in words ("Connected as Ana Ruiz to https://…"), or
    /// nothing before enrollment.
    pub fn enrolled_line(&self) -> Option<String> {
        let words = self.words();
        let identity = self.store().identity();
        let server = Arg::Text(identity.server_url.clone()?);
        Some(match identity.user_name {
            Some(name) => words.get(
                "enroll-done",
                &[("name", Arg::Text(name)), ("server", server)],
            ),
            None => words.get("enroll-done-unnamed", &[("server", server)]),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Language;

    fn field_of(result: Result<EnrollmentTarget, EnrollmentError>) -> String {
        match result {
            Err(EnrollmentError::Invalid { field, words, .. }) => {
                assert!(!words.contains('⟦'), "{words}");
                field
            }
            other => panic!("expected an invalid value, got {other:?}"),
        }
    }

    #[test]
    fn a_link_gives_its_server_and_code() {
        let en = Words::new(Language::English);
        let link =
            "fieldbook://enroll?server=https%3A%2F%2Fips.example.org%3A8443&code=K7QM-2XPA-9RTD";
        assert_eq!(
            parse_link(&en, link).unwrap(),
            EnrollmentTarget {
                server: "https://ips.example.org:8443".into(),
                code: "K7QM-2XPA-9RTD".into()
            }
        );
        // Unknown parameters are ignored; order does not matter; space around is trimmed; the
        // code comes out as printed.
        let link =
            " fieldbook://enroll?v=2&code=ab+cd+efgh+jkmn&server=http%3A%2F%2F127.0.0.1%3A9000 \n";
        let target = parse_link(&en, link).unwrap();
        assert_eq!(target.server, "http://127.0.0.1:9000");
        assert_eq!(target.code, "ABCD-EFGH-JKMN");
    }

    #[test]
    fn a_wrong_link_is_refused_in_words_naming_the_field() {
        let en = Words::new(Language::English);
        assert_eq!(
            field_of(parse_link(&en, "https://example.org/?code=1")),
            "link"
        );
        assert_eq!(
            field_of(parse_link(
                &en,
                "fieldbook://other?server=https%3A%2F%2Fa&code=1"
            )),
            "link"
        );
        assert_eq!(field_of(parse_link(&en, "not a link")), "link");
        assert_eq!(
            field_of(parse_link(&en, "fieldbook://enroll?code=K7QM")),
            "server"
        );
        assert_eq!(
            field_of(parse_link(
                &en,
                "fieldbook://enroll?server=https%3A%2F%2Fips.example.org"
            )),
            "code"
        );
        assert_eq!(
            field_of(parse_link(
                &en,
                "fieldbook://enroll?server=http%3A%2F%2Fips.example.org&code=K7"
            )),
            "server"
        );
        let Err(EnrollmentError::Invalid {
            words: message,
            value,
            ..
        }) = parse_link(
            &en,
            "fieldbook://enroll?server=http%3A%2F%2Fips.example.org&code=K7",
        )
        else {
            panic!()
        };
        assert_eq!(value, "http://ips.example.org");
        assert_eq!(
            message,
            "“http://ips.example.org” is not secure: the team server’s address must start with https://"
        );
        let es = Words::new(Language::Spanish);
        let Err(EnrollmentError::Invalid { words: message, .. }) =
            parse_link(&es, "fieldbook://enroll?code=K7QM")
        else {
            panic!()
        };
        assert_eq!(message, "Este código QR no tiene la dirección del servidor");
    }

    #[test]
    fn typed_values_are_checked_like_the_core_does() {
        let en = Words::new(Language::English);
        let code = "K7QM-2XPA-9RTD";
        assert!(check_typed(&en, " https://ips.example.org ", " k7qm 2xpa 9rtd ").is_ok());
        assert!(check_typed(&en, "http://localhost:8080", code).is_ok());
        assert!(check_typed(&en, "http://[::1]:8080", code).is_ok());
        assert_eq!(
            field_of(check_typed(&en, "https://ips.example.org", "K7")),
            "code"
        );
        assert_eq!(field_of(check_typed(&en, "", "K7")), "server");
        assert_eq!(
            field_of(check_typed(&en, "ips.example.org", "K7")),
            "server"
        );
        assert_eq!(
            field_of(check_typed(&en, "ftp://ips.example.org", "K7")),
            "server"
        );
        assert_eq!(
            field_of(check_typed(&en, "http://10.0.0.5", "K7")),
            "server"
        );
        assert_eq!(
            field_of(check_typed(&en, "https://ips.example.org", "  ")),
            "code"
        );
        for language in Language::ALL {
            let words = Words::new(language);
            for bad in ["", "x", "http://10.0.0.5"] {
                let Err(e) = check_typed(&words, bad, "K7") else {
                    panic!()
                };
                assert!(!e.to_string().contains('⟦'), "{language:?}: {e}");
            }
        }
    }
}
