//! Errors an app catches straight from the bindings are worded by the shared catalogue in
//! the phone's language: a refusal by a real store keeps its code, and every sync,
//! enrollment and store error reads as a sentence in each language.

use fieldbook_ffi::presentation::errors::Problem;
use fieldbook_ffi::presentation::reason_code::ReasonCode;
use fieldbook_ffi::presentation::sync_report::SyncFailure;
use fieldbook_ffi::presentation::Language;
use fieldbook_ffi::{
    error_problem, failed_sync, DisclosureRefusal, EmployerInput, Fieldbook, FieldbookError,
};

const LANGUAGES: [Language; 4] = [
    Language::English,
    Language::Spanish,
    Language::Somali,
    Language::Hmong,
];

#[test]
fn a_refusal_by_a_real_store_carries_its_code_and_is_worded_in_each_language() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("phone.db").to_string_lossy().into_owned();
    let phone = Fieldbook::open(path, None).unwrap();
    let refused = phone
        .create_employer(EmployerInput {
            name: "  ".into(),
            industry: None,
            address: None,
            phone: None,
            website: None,
            business_needs: None,
            hiring_notes: None,
        })
        .unwrap_err();
    let FieldbookError::Invalid {
        field,
        reason,
        code,
    } = &refused
    else {
        panic!("expected Invalid, got {refused:?}");
    };
    assert_eq!((field.as_str(), reason.as_str()), ("name", "is required"));
    assert_eq!(code, &ReasonCode::Required);
    assert_eq!(
        error_problem(&refused, Language::English, None),
        Problem {
            field: Some("name".into()),
            message: "The name is required.".into(),
        }
    );
    assert_eq!(
        error_problem(&refused, Language::Spanish, None).message,
        "Falta el nombre."
    );
    for language in LANGUAGES {
        let worded = error_problem(&refused, language, None).message;
        assert!(
            !worded.contains('⟦') && !worded.is_empty(),
            "{language:?}: {worded}"
        );
    }
}

fn phone_errors() -> Vec<FieldbookError> {
    vec![
        FieldbookError::WrongKey,
        FieldbookError::NotEnrolled,
        FieldbookError::DeviceRevoked,
        FieldbookError::Cancelled,
        FieldbookError::Network {
            detail: "connection refused".into(),
        },
        FieldbookError::Incomplete {
            detail: "too many rounds".into(),
        },
        FieldbookError::Malformed {
            what: "sync answer".into(),
            detail: "bad JSON".into(),
        },
        FieldbookError::Merged {
            kind: "employer".into(),
            id: "e1".into(),
            into_id: "e2".into(),
        },
        FieldbookError::Server {
            status: 503,
            code: "unavailable".into(),
            detail: "restarting".into(),
        },
        FieldbookError::Server {
            status: 429,
            code: "rate_limited".into(),
            detail: "slow down".into(),
        },
        FieldbookError::Server {
            status: 403,
            code: "bad_code".into(),
            detail: "code used or expired".into(),
        },
        FieldbookError::Unauthorised {
            detail: "enrollment code used".into(),
        },
        FieldbookError::Storage {
            detail: "disk full".into(),
        },
        FieldbookError::DisclosureRefused {
            seeker_id: "s1".into(),
            reason: DisclosureRefusal::ConsentExpired,
            consent_id: Some("c1".into()),
            date: Some("2026-06-30".into()),
            detail: "expired".into(),
        },
    ]
}

#[test]
fn every_sync_enrollment_and_store_error_is_a_sentence_in_each_language() {
    for error in phone_errors() {
        let english = error_problem(&error, Language::English, Some("Ana".into())).message;
        for language in LANGUAGES {
            let worded = error_problem(&error, language, Some("Ana".into())).message;
            assert!(!worded.contains('⟦'), "{error:?} in {language:?}: {worded}");
            // Never the bindings' English detail shown raw.
            assert_ne!(worded, error.to_string(), "{error:?} in {language:?}");
            if language != Language::English {
                assert_ne!(worded, english, "{error:?} untranslated in {language:?}");
            }
        }
    }
}

#[test]
fn sample_errors_read_in_spanish_and_name_what_they_concern() {
    let revoked = error_problem(&FieldbookError::DeviceRevoked, Language::Spanish, None);
    assert_eq!(revoked.field, None);
    let consent = error_problem(
        &phone_errors().pop().unwrap(),
        Language::Spanish,
        Some("Ana López".into()),
    );
    assert_eq!(consent.field.as_deref(), Some("disclosed"));
    assert!(consent.message.contains("Ana López") && consent.message.contains("2026-06-30"));
    let server = error_problem(
        &FieldbookError::Server {
            status: 503,
            code: "x".into(),
            detail: "y".into(),
        },
        Language::Somali,
        None,
    );
    assert!(server.message.contains("503"), "{}", server.message);
}

#[test]
fn too_many_tries_and_a_used_code_have_their_own_words() {
    let server = |status: u16, code: &str| FieldbookError::Server {
        status,
        code: code.into(),
        detail: "detail".into(),
    };
    let too_many = error_problem(&server(429, "rate_limited"), Language::English, None);
    assert_eq!(
        too_many.message,
        "Too many tries. Wait a few minutes and try again."
    );
    let bad_code = error_problem(&server(403, "bad_code"), Language::Spanish, None);
    assert_eq!(bad_code.field.as_deref(), Some("code"));
    assert_eq!(
        bad_code.message,
        "Ese código no funciona: cada código se usa una sola vez y caduca. Pida uno nuevo a su \
         supervisor."
    );
}

#[test]
fn a_failed_sync_is_kept_by_its_kind_never_its_english_detail() {
    let at = "2026-11-30T20:00:00+00:00".to_owned();
    let kept = |error: FieldbookError| {
        let last = failed_sync(&error, true, at.clone());
        (last.failure, last.server_status)
    };
    assert_eq!(
        kept(FieldbookError::Server {
            status: 429,
            code: "rate_limited".into(),
            detail: "x".into(),
        }),
        (Some(SyncFailure::TooManyTries), 429)
    );
    assert_eq!(
        kept(FieldbookError::Server {
            status: 502,
            code: "x".into(),
            detail: "x".into(),
        }),
        (Some(SyncFailure::Server), 502)
    );
    assert_eq!(
        kept(FieldbookError::DeviceRevoked),
        (Some(SyncFailure::DeviceRevoked), 0)
    );
    assert_eq!(
        kept(FieldbookError::Network {
            detail: "refused".into()
        }),
        (Some(SyncFailure::Network), 0)
    );
}
