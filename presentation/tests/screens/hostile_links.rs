//! A scanned QR code is whatever was printed: any text, read as an enrollment link, is either a
//! checked server and code or a worded refusal, never a panic.

use fieldbook_core::check_server_address;
use fieldbook_presentation::enrollment::{parse_link, EnrollmentError};
use fieldbook_presentation::{Language, Words};
use proptest::prelude::*;

fn holds(words: &Words, payload: &str) {
    match parse_link(words, payload) {
        Ok(target) => {
            assert!(check_server_address(&target.server).is_ok(), "{target:?}");
            assert!(!target.code.trim().is_empty(), "{target:?}");
        }
        Err(EnrollmentError::Invalid { words: w, .. } | EnrollmentError::Failed { words: w }) => {
            assert!(
                !w.trim().is_empty() && !w.contains('⟦'),
                "{payload:?}: {w:?}"
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_text_is_a_target_or_a_worded_refusal(payload in any::<String>()) {
        holds(&Words::new(Language::Spanish), &payload);
    }

    #[test]
    fn any_link_values_are_a_target_or_a_worded_refusal(
        server in prop_oneof![any::<String>(), "(https?|ftp)://[a-z0-9.:\\[\\]%-]{0,30}"],
        code in any::<String>(),
        extra in "[&=?#%a-z]{0,12}",
    ) {
        let query = url::form_urlencoded::Serializer::new(String::new())
            .append_pair("server", &server)
            .append_pair("code", &code)
            .finish();
        for language in Language::ALL {
            holds(&Words::new(language), &format!("fieldbook://enroll?{query}{extra}"));
        }
    }
}
