//! Refusals that were free English text (enrollment address, quarter, ...) now carry a
//! code: real refusals by the core keep their English Display and are worded in every
//! language with the value typed.

use fieldbook_core::fidelity::Quarter;
use fieldbook_core::{Enrollment, Error, Reason, Store};
use fieldbook_presentation::errors::reason_message;
use fieldbook_presentation::{Language, Words};

fn code(error: &Error) -> (&str, &Reason) {
    match error {
        Error::Invalid { field, code, .. } => (field, code),
        other => panic!("expected Invalid, got {other:?}"),
    }
}

fn enroll(store: &Store, server_url: &str) -> Error {
    store
        .enroll(&Enrollment {
            server_url: server_url.into(),
            code: "ABCD-1234".into(),
            device_name: "Ana's phone".into(),
            ca_certificate_pem: None,
        })
        .unwrap_err()
}

#[test]
fn a_bad_server_address_is_refused_with_a_code_worded_in_every_language() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(dir.path().join("phone.db"), None).unwrap();
    let plain = enroll(&store, "http://fieldbook.example.org");
    assert_eq!(
        plain.to_string(),
        "server_url: plain http is only allowed to this machine; use https"
    );
    assert_eq!(code(&plain), ("server_url", &Reason::PlainHttp));
    let ftp = enroll(&store, "ftp://fieldbook.example.org");
    assert_eq!(ftp.to_string(), "server_url: unsupported scheme ftp");
    let (field, reason) = code(&ftp);
    assert_eq!(
        reason_message(&Words::new(Language::English), field, reason),
        "The server address must start with https://, not ftp."
    );
    assert_eq!(
        reason_message(&Words::new(Language::Spanish), field, reason),
        "La dirección del servidor debe empezar con https://, no con ftp."
    );
    for language in Language::ALL {
        let worded = reason_message(&Words::new(language), field, reason);
        assert!(worded.contains("ftp") && !worded.contains('⟦'), "{worded}");
    }
}

#[test]
fn a_quarter_not_like_2026q3_is_refused_naming_the_value_typed() {
    let refused = "2026Q5".parse::<Quarter>().unwrap_err();
    assert_eq!(
        refused.to_string(),
        "quarter: \"2026Q5\" is not like 2026Q3"
    );
    let (field, reason) = code(&refused);
    assert_eq!(
        reason,
        &Reason::NotAQuarter {
            value: "2026Q5".into()
        }
    );
    assert_eq!(
        reason_message(&Words::new(Language::Spanish), field, reason),
        "2026Q5 no es un trimestre: escríbalo como 2026Q3."
    );
    for language in Language::ALL {
        let worded = reason_message(&Words::new(language), field, reason);
        assert!(
            worded.contains("2026Q5") && !worded.contains('⟦'),
            "{worded}"
        );
    }
}
