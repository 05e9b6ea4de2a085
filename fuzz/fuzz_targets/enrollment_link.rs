//! Reading a scanned QR code as an enrollment link, as the apps' scanner hands it over: the
//! first byte chooses the phone's language, the rest is whatever text was printed. The answer
//! must be a checked server address and a code, or a refusal worded in that language (no
//! missing message), never a panic.

#![no_main]

use std::sync::OnceLock;

use fieldbook_core::check_server_address;
use fieldbook_presentation::enrollment::{parse_link, EnrollmentError};
use fieldbook_presentation::{Language, Words};
use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: {
        fieldbook_fuzz::init(|dir| fieldbook_fuzz::write_seeds(dir, &seeds()));
        catalogues();
    },
    |data: &[u8]| {
        let Some((&language, text)) = data.split_first() else {
            return;
        };
        let Ok(text) = std::str::from_utf8(text) else {
            return;
        };
        let words = &catalogues()[usize::from(language) % Language::ALL.len()];
        match parse_link(words, text) {
            Ok(target) => {
                assert!(check_server_address(&target.server).is_ok(), "{target:?}");
                assert!(!target.code.trim().is_empty(), "{target:?}");
            }
            Err(EnrollmentError::Invalid { words, .. } | EnrollmentError::Failed { words }) => {
                assert!(!words.trim().is_empty() && !words.contains('⟦'), "{text:?}: {words:?}");
            }
        }
    }
);

/// Every language's catalogue, loaded once.
fn catalogues() -> &'static [Words] {
    static WORDS: OnceLock<Vec<Words>> = OnceLock::new();
    WORDS.get_or_init(|| Language::ALL.into_iter().map(Words::new).collect())
}

fn seeds() -> Vec<(String, Vec<u8>)> {
    let links = [
        "fieldbook://enroll?server=https%3A%2F%2Ffieldbook.example.org&code=K7QM-2XPD",
        "fieldbook://enroll?server=http%3A%2F%2F127.0.0.1%3A8080&code=ABCD-EFGH",
        "fieldbook://enroll?code=ABCD-EFGH&server=https%3A%2F%2F%5B%3A%3A1%5D%3A8443",
        "fieldbook://enroll?server=ftp%3A%2F%2Fexample.org&code=x",
        "fieldbook://enroll?server=https%3A%2F%2Fexample.org",
        "https://fieldbook.example.org/enroll?code=K7QM-2XPD",
        "K7QM-2XPD",
        "",
    ];
    links
        .iter()
        .enumerate()
        .map(|(i, link)| {
            let language = (i % Language::ALL.len()) as u8;
            (format!("link-{i}"), [&[language][..], link.as_bytes()].concat())
        })
        .collect()
}
