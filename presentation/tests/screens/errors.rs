//! The core's errors in plain words, from a real store where the core can refuse, and for
//! every refusal reason in every language.

use std::sync::Arc;

use fieldbook_core::ids::SeekerId;
use fieldbook_core::model::{DisclosureBar, EmployerInfo, ReleaseMissing};
use fieldbook_core::{Error, NewEmployer, Reason, Store};
use fieldbook_presentation::errors::{problem, reason_message, Problem};
use fieldbook_presentation::{Language, Words};

fn no_names(_: SeekerId) -> Option<String> {
    None
}

fn every_reason() -> Vec<Reason> {
    let text = |s: &str| s.to_owned();
    vec![
        Reason::Required,
        Reason::TooLong { max: 10_000 },
        Reason::Before {
            value: text("2026-03-01"),
            earlier_field: text("the visit date"),
            earlier: text("2026-03-10"),
        },
        Reason::After {
            value: text("2026-05-01"),
            later_field: text("the job's end"),
            later: text("2026-04-30"),
        },
        Reason::InFuture {
            value: text("2027-01-01 10:00:00 -06:00"),
        },
        Reason::OutOfRange {
            value: text("95"),
            min: text("0"),
            max: text("80"),
            min_excluded: true,
        },
        Reason::OutOfRange {
            value: text("-2"),
            min: text("0"),
            max: text("80"),
            min_excluded: false,
        },
        Reason::Negative {
            value: text("-500"),
        },
        Reason::Void {
            kind: text("visit"),
            id: text("v1"),
        },
        Reason::VoidAlready { id: text("n1") },
        Reason::FollowsItself,
        Reason::NotDiscussed { seeker: text("s1") },
        Reason::Other(text(
            "plain http is only allowed to this machine; use https",
        )),
        Reason::MergeIntoItself {
            kind: text("employer"),
            id: text("e1"),
        },
        Reason::MergeOtherKind {
            id: text("e1"),
            kind: text("job seeker"),
            expected: text("employer"),
        },
        Reason::AlreadyEnrolled,
        Reason::PlainHttp,
        Reason::UnsupportedScheme {
            scheme: text("ftp"),
        },
        Reason::IdTaken {
            kind: text("employer"),
            id: text("MN-42"),
        },
        Reason::NotAQuarter {
            value: text("2026Q5"),
        },
    ]
}

#[test]
fn every_refusal_is_worded_in_every_language_with_its_value() {
    for language in Language::ALL {
        let words = Words::new(language);
        for reason in every_reason() {
            let message = reason_message(&words, "next_step_date", &reason);
            assert!(
                !message.contains('⟦'),
                "{}: {reason:?}: {message}",
                language.tag()
            );
            assert!(
                message.chars().next().is_some_and(|c| !c.is_lowercase()),
                "{}: {message}",
                language.tag()
            );
            for value in ["2026-03-01", "2026-05-01", "95", "-2", "-500"] {
                if format!("{reason:?}").contains(&format!("value: \"{value}\"")) {
                    assert!(message.contains(value), "{}: {message}", language.tag());
                }
            }
        }
    }
}

#[test]
fn sample_sentences_in_english_and_spanish() {
    let en = Words::new(Language::English);
    let es = Words::new(Language::Spanish);
    let hours = Reason::OutOfRange {
        value: "95".into(),
        min: "0".into(),
        max: "80".into(),
        min_excluded: true,
    };
    assert_eq!(
        reason_message(&en, "hours_per_week", &hours),
        "Hours per week must be more than 0 and at most 80, not 95."
    );
    assert_eq!(
        reason_message(&es, "hours_per_week", &hours),
        "Las horas por semana: el valor debe ser mayor que 0 y como máximo 80, no 95."
    );
    let before = Reason::Before {
        value: "2026-03-01".into(),
        earlier_field: "start".into(),
        earlier: "2026-03-10".into(),
    };
    assert_eq!(
        reason_message(&en, "end", &before),
        "The end date (2026-03-01) cannot be before the start date (2026-03-10)."
    );
    assert_eq!(
        reason_message(&es, "end", &before),
        "La fecha de fin (2026-03-01) no puede ser anterior a la fecha de inicio (2026-03-10)."
    );
}

#[test]
fn a_field_with_no_label_is_named_in_plain_words_not_as_a_code() {
    let en = Words::new(Language::English);
    assert_eq!(
        reason_message(&en, "ca_certificate", &Reason::Required),
        "Ca certificate is required."
    );
}

#[test]
fn a_refusal_by_a_real_store_is_worded_on_its_field() {
    let dir = tempfile::tempdir().unwrap();
    let store = Arc::new(Store::open(dir.path().join("phone.db"), None).unwrap());
    let refused = store
        .create_employer(NewEmployer {
            id: None,
            info: EmployerInfo {
                name: "   ".into(),
                ..Default::default()
            },
        })
        .unwrap_err();
    // The core's own English text is unchanged; the code beside it is worded.
    assert_eq!(refused.to_string(), "name: is required");
    for (language, sentence) in [
        (Language::English, "The name is required."),
        (Language::Spanish, "Falta el nombre."),
    ] {
        assert_eq!(
            problem(&Words::new(language), &refused, &no_names),
            Problem {
                field: Some("name".into()),
                message: sentence.into(),
            }
        );
    }
}

#[test]
fn a_disclosure_refusal_names_the_job_seeker_and_the_date() {
    let seeker = SeekerId::new();
    let expired = Error::DisclosureRefused {
        seeker,
        bar: DisclosureBar::NoRelease(ReleaseMissing::Expired {
            consent: fieldbook_core::ids::ConsentId::new(),
            expired: "2026-06-30".parse().unwrap(),
        }),
    };
    let names = |s: SeekerId| (s == seeker).then(|| "Ana López".to_owned());
    let en = problem(&Words::new(Language::English), &expired, &names);
    assert_eq!(
        en.message,
        "Ana López's consent to share information with employers ended on 2026-06-30."
    );
    assert_eq!(en.field.as_deref(), Some("disclosed"));
    let es = problem(&Words::new(Language::Spanish), &expired, &names);
    assert!(es.message.contains("Ana López") && es.message.contains("2026-06-30"));
}

#[test]
fn every_error_of_the_phone_is_worded_in_every_language() {
    let errors = || {
        vec![
            Error::WrongKey,
            Error::not_found("job seeker", "s1"),
            Error::Merged {
                kind: "employer",
                id: "e1".into(),
                into: "e2".into(),
            },
            Error::AlreadyExists {
                kind: "visit",
                id: "v1".into(),
            },
            Error::Unauthorised("a job seeker's phone".into()),
            Error::NotEnrolled,
            Error::DeviceRevoked,
            Error::Network("connection refused".into()),
            Error::Incomplete("too many rounds".into()),
            Error::Cancelled,
            Error::Server {
                status: 503,
                code: "unavailable".into(),
                message: "restarting".into(),
            },
            Error::malformed("document", "bad bytes"),
            Error::DisclosureRefused {
                seeker: SeekerId::new(),
                bar: DisclosureBar::DoNotDisclose,
            },
        ]
    };
    for language in Language::ALL {
        let words = Words::new(language);
        for error in errors() {
            let worded = problem(&words, &error, &no_names);
            assert!(
                !worded.message.contains('⟦'),
                "{}: {error:?}",
                language.tag()
            );
            assert!(!worded.message.is_empty());
        }
    }
    let en = Words::new(Language::English);
    assert_eq!(
        problem(&en, &Error::not_found("job seeker", "s1"), &no_names).message,
        "This job seeker is not on this phone."
    );
    assert!(problem(&en, &errors()[10], &no_names)
        .message
        .contains("503"));
}
