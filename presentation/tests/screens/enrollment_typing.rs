//! What a person types on the enrollment screen: the code shown as printed while it is typed,
//! a code that cannot be one refused before anything is sent, and the phone's name.

use fieldbook_presentation::enrollment::{
    check_typed, enrollment_device_name, format_enrollment_code, EnrollmentError,
};
use fieldbook_presentation::{Language, Words};

#[test]
fn a_code_reads_as_printed_however_it_is_typed() {
    let format = |typed: &str| format_enrollment_code(typed.into());
    assert_eq!(format("abcd efgh jkmn"), "ABCD-EFGH-JKMN");
    assert_eq!(format("ABCD-EF"), "ABCD-EF");
    assert_eq!(
        format("abcdefghjkmnpqr"),
        "ABCD-EFGH-JKMN",
        "twelve at most"
    );
    assert_eq!(
        format("ab–cd ·ef✓gh"),
        "ABCD-EFGH",
        "anything else is dropped"
    );
    assert_eq!(format("ÁBCD"), "BCD", "only the letters a code is made of");
    assert_eq!(format(""), "");
}

#[test]
fn a_typed_code_is_checked_for_its_form_and_sent_as_printed() {
    let server = "https://fieldbook.example.org";
    for language in Language::ALL {
        let words = Words::new(language);
        let target = check_typed(&words, server, " abcd efgh jkmn ").unwrap();
        assert_eq!(target.code, "ABCD-EFGH-JKMN");
        for short in ["ABCD-EFGH", "ABCD-EFGH-JKMN-P", "ÁBCD-EFGH-JKMN"] {
            let Err(EnrollmentError::Invalid {
                field, words: w, ..
            }) = check_typed(&words, server, short)
            else {
                panic!("{short} is not a code");
            };
            assert_eq!(field, "code");
            assert_eq!(w, words.get("enroll-code-format", &[]), "{language:?}");
        }
    }
}

#[test]
fn a_phone_enrolls_under_a_typed_name_or_its_own_but_never_a_generic_model_name() {
    let name = |typed: &str, system: &str| {
        enrollment_device_name(typed.into(), system.into(), "iPhone".into())
    };
    assert_eq!(
        name("  Ana's work phone ", "iPhone"),
        Some("Ana's work phone".into())
    );
    assert_eq!(name("", "Ana's iPhone"), Some("Ana's iPhone".into()));
    assert_eq!(
        name(" ", "iPhone"),
        None,
        "ask: every iPhone would enroll as \"iPhone\""
    );
    assert_eq!(name("", " "), None);
}
